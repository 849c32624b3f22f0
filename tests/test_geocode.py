"""Offline geocoding of French place names (pipeline/geocode.py)."""
from __future__ import annotations

import csv

import pycountry
import pytest

from pipeline.geocode import Place, country_name, fold, geocode, load_index
from pipeline.resources import cache_dir, models_dir


@pytest.mark.parametrize("name, country, precision", [
    ("Moscou", "RU", "city"),
    ("Bichkek", "KG", "city"),
    ("Almaty", "KZ", "city"),
    ("Alma-Ata", "KZ", "city"),
    ("Paris", "FR", "city"),
    ("Londres", "GB", "city"),
    ("Le Caire", "EG", "city"),
    ("Pékin", "CN", "city"),
    ("Tombouctou", "ML", "city"),
    ("Mexico", "MX", "city"),
    ("New York", "US", "city"),
    ("Kazakhstan", "KZ", "country"),
    ("la France", "FR", "country"),
    ("Etats-Unis", "US", "country"),
    ("États-Unis", "US", "country"),
    ("Royaume-Uni", "GB", "country"),
    ("Côte d’Ivoire", "CI", "country"),
    ("RDC", "CD", "country"),
    ("Biélorussie", "BY", "country"),
    ("Kosovo", "XK", "country"),
    ("Géorgie", "GE", "country"),
    ("Texas", "US", "admin"),
    ("Californie", "US", "admin"),
    ("Maine", "US", "admin"),
])
def test_geocode_resolves(name, country, precision):
    place = geocode(name)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)
    assert isinstance(place.latitude, float) and isinstance(place.longitude, float)
    assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


@pytest.mark.parametrize("name, prefer, country", [
    ("Tripoli", (), "LY"),          # the most populous
    ("Tripoli", ("LB",), "LB"),     # the document is about Lebanon
    ("Valence", ("FR",), "FR"),
    ("Valence", ("ES",), "ES"),
    ("Paris", (), "FR"),
    ("Paris", ("US",), "FR"),       # Paris, Texas is far too small to win
    ("Lagos", ("PT",), "NG"),       # Lagos, Portugal (33,000) is dwarfed
    ("Lagos", ("NG",), "NG"),
])
def test_prefer_countries(name, prefer, country):
    assert geocode(name, prefer_countries=prefer).country == country


@pytest.mark.parametrize("name", ["Asie centrale", "Telegram", "Sahel", "Europe", "ALN", "", "   "])
def test_not_a_place(name):
    assert geocode(name) is None


@pytest.mark.parametrize("text, key", [
    ("Saint-Pétersbourg", "saint petersbourg"),
    ("CÔTE D’IVOIRE", "cote d ivoire"),
    ("Œil", "oeil"),
])
def test_fold(text, key):
    assert fold(text) == key


def test_place_fields():
    place = geocode("Moscou")
    assert isinstance(place, Place)
    assert place.name == "Moscow" and place.population > 10_000_000


def test_country_name():
    assert country_name("KZ") == "Kazakhstan"
    assert country_name("US") == "États-Unis"
    assert country_name("??") == ""


def test_country_table_is_complete():
    with open(models_dir() / "entities" / "countries.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = [r["iso2"] for r in rows]
    assert len(codes) == len(set(codes))
    assert {c.alpha_2 for c in pycountry.countries} <= set(codes)
    for row in rows:
        float(row["latitude"]), float(row["longitude"])
        assert geocode(row["name"]).country == row["iso2"], row


def test_index_is_made_once_per_process():
    from pipeline.geocode import _index

    for name in ["Moscou", "Bichkek", "Almaty", "Kazakhstan", "Asie centrale"] * 20:
        geocode(name, prefer_countries=("KZ",))
    assert _index.cache_info().misses == 1


# --- the index cache ----------------------------------------------------------------

def test_index_is_saved_and_read_back_the_same(tmp_path):
    path = tmp_path / "cache" / "geocode.pickle"
    built = load_index(path)
    assert path.exists() and not list(path.parent.glob("*.tmp"))
    read = load_index(path)
    assert read == built
    moscow = read.places[read.cities["moscou"][0] >> 1]
    assert (moscow.country, moscow.precision) == ("RU", "city")


def test_damaged_or_unwritable_cache_costs_only_the_build(tmp_path):
    damaged = tmp_path / "geocode.pickle"
    damaged.write_bytes(b"not a pickle")
    index = load_index(damaged)
    assert index.countries["france"] and load_index(damaged) == index  # rewritten whole
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    assert load_index(blocked / "geocode.pickle") == index  # its folder cannot be made


def test_cache_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FR_EVENT_PIPELINE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("FR_EVENT_PIPELINE_CACHE", "")
    assert cache_dir() is None
    monkeypatch.delenv("FR_EVENT_PIPELINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "fr-event-pipeline"
