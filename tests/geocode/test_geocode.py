"""Offline geocoding of French place names (pipeline/geocode/): names to places, the index."""
from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from pipeline.geocode import Place, common_word, country_name, fold, geocode, load_index
from pipeline.resources import cache_dir, models_dir


@pytest.mark.parametrize("name, country, precision", [
    ("Moscou", "RU", "town"),
    ("Bichkek", "KG", "town"),
    ("Almaty", "KZ", "town"),
    ("Alma-Ata", "KZ", "town"),
    ("Paris", "FR", "town"),
    ("Londres", "GB", "town"),
    ("Le Caire", "EG", "town"),
    ("Pékin", "CN", "town"),
    ("Tombouctou", "ML", "town"),
    ("Mexico", "MX", "town"),
    ("New York", "US", "town"),
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
    ("Texas", "US", "admin1"),
    ("Californie", "US", "admin1"),
    ("Maine", "US", "admin1"),
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


# --- towns, divisions and regions: phrase tables ------------------------------------

@pytest.mark.parametrize("name, country, precision, admin1", [
    ("Saint-Chamond", "FR", "town", "Auvergne-Rhône-Alpes"),
    ("Chamonix", "FR", "town", "Auvergne-Rhône-Alpes"),          # Chamonix-Mont-Blanc, by the start of its name
    ("Maripasoula", "GF", "town", ""),                           # 8,000 people, French Guiana
    ("Allinges", "FR", "town", "Auvergne-Rhône-Alpes"),          # 3,000 people
    ("Lagny-le-Sec", "FR", "town", "Hauts-de-France"),           # 2,000 people
    ("Saint-Jean-le-Centenier", "FR", "town", "Auvergne-Rhône-Alpes"),  # 600 people
    ("Teil", "FR", "town", "Auvergne-Rhône-Alpes"),              # "au Teil": Le Teil
    ("Kaya", "BF", "town", ""),
    ("Ouagadougou", "BF", "town", ""),
    ("Corse", "FR", "admin1", "Corse"),
    ("Corse-du-Sud", "FR", "admin2", "Corse"),
    ("Drôme", "FR", "admin2", "Auvergne-Rhône-Alpes"),
    ("Var", "FR", "admin2", "Provence-Alpes-Côte d'Azur"),       # a common word, but a curated division
    ("Manche", "FR", "admin2", "Normandie"),
    ("Hérault", "FR", "admin2", "Occitanie"),
    ("département du Loiret", "FR", "admin2", "Centre-Val de Loire"),
    ("région Centre", "FR", "admin1", "Centre-Val de Loire"),
    ("Occitanie", "FR", "admin1", "Occitanie"),
    ("Qinghai", "CN", "admin1", "Qinghai"),
    ("Tibet", "CN", "admin1", "Tibet"),
    ("Lombardie", "IT", "admin1", "Lombardie"),
    ("Bavière", "DE", "admin1", "Bavière"),
    ("Vénétie", "IT", "admin1", "Vénétie"),                      # the region, not Venice (one of its names)
    ("Tizi Ouzou", "DZ", "town", ""),                            # the town, seat of its wilaya
    ("Genève", "CH", "town", "Genève"),                          # the town, seat of its canton
    ("Cauca", "CO", "admin1", "Cauca"),
    ("Kabylie", "DZ", "region", ""),
    ("Cyrénaïque", "LY", "region", ""),
    ("Donbass", "UA", "region", ""),
    ("Cisjordanie", "PS", "region", ""),
    ("bande de Gaza", "PS", "region", ""),
    ("Darfour", "SD", "region", ""),
    ("Kurdistan irakien", "IQ", "region", ""),
    ("Sahel", "ML|BF|NE|TD|MR", "region", ""),                   # several countries
    ("Queyras", "FR", "region", "Provence-Alpes-Côte d'Azur"),
])
def test_towns_divisions_and_regions_resolve(name, country, precision, admin1):
    place = geocode(name)
    assert place is not None, name
    assert (place.country, place.precision, place.admin1) == (country, precision, admin1)


def test_towns_carry_their_geonames_id():
    assert geocode("Allinges").geonames_id == 3038099
    assert geocode("Paris").geonames_id == 2988507
    assert geocode("France").geonames_id == 3017382
    assert geocode("Kabylie").geonames_id == 0          # not a GeoNames record of ours


@pytest.mark.parametrize("name, prefer, within, country, admin1", [
    ("Valence", (), "Drôme", "FR", "Auvergne-Rhône-Alpes"),      # the division named next to it
    ("Valence", ("ES",), "Drôme", "FR", "Auvergne-Rhône-Alpes"),  # wins over the document's countries
    ("Saint-Denis", (), "La Réunion", "RE", ""),
    ("Saint-Denis", ("FR",), None, "FR", "Île-de-France"),
    ("Viviers", ("FR",), None, "FR", "Auvergne-Rhône-Alpes"),
    ("Saran", ("FR", "RU"), None, "FR", "Centre-Val de Loire"),  # the first country of the document first
    ("La Balme", ("FR",), None, "FR", "Auvergne-Rhône-Alpes"),  # La Balme-de-Sillingy, by the start of its name
])
def test_context_decides(name, prefer, within, country, admin1):
    place = geocode(name, prefer_countries=prefer, within=geocode(within) if within else None)
    assert (place.country, place.admin1) == (country, admin1)


# look-alikes: common words, persons, seas and continents are no town
@pytest.mark.parametrize("name, prefer", [
    ("Asie centrale", ()), ("Telegram", ()), ("Europe", ()), ("ALN", ()), ("", ()), ("   ", ()),
    ("Hier", ()), ("Samedi", ()), ("Est", ()), ("Plateau", ()),  # common words: no town on population alone
    ("Viviers", ()),                  # "viviers" is a common word: a town only in a French story
    ("Plateau", ("CI",)),             # Dakar's Plateau is not taken in an Ivorian story
    ("Richter", ()), ("Kadhafi", ()), ("moukhabarat", ()), ("Cour d'assises", ()),
    ("Méditerranée", ()), ("Afrique du Nord", ()),
])
def test_not_a_place(name, prefer):
    assert geocode(name, prefer_countries=prefer) is None


@pytest.mark.parametrize("word, common", [
    ("Plateau", True), ("applaudissements", True), ("Samedi", True), ("Allinges", False), ("Kabylie", False),
])
def test_common_word(word, common):
    assert common_word(word) is common


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

@pytest.fixture(scope="module")
def built():
    """The real tables, built once for the tests below (a build takes about 10 s)."""
    from pipeline.geocode import index

    return index.build_index()


@pytest.fixture
def build_once(monkeypatch, built):
    """``load_index`` builds with the module's tables instead of building them again."""
    from pipeline.geocode import index

    calls = []
    monkeypatch.setattr(index, "build_index", lambda: calls.append(1) or built)
    return calls


def test_index_is_saved_and_read_back_the_same(tmp_path, build_once):
    path = tmp_path / "cache" / "geocode-x.pickle"
    built = load_index(path)
    assert path.exists() and not list(path.parent.glob("*.tmp"))
    assert (tmp_path / "cache" / "towns-x.sqlite").exists()  # the small towns, beside it
    read = load_index(path)
    assert read == built and len(build_once) == 1
    moscow = read.places[read.cities["moscou"][0] >> 1]
    assert (moscow.country, moscow.precision) == ("RU", "town")


def test_damaged_or_unwritable_cache_costs_only_the_build(tmp_path, build_once):
    path = tmp_path / "geocode-x.pickle"
    index = load_index(path)
    path.write_bytes(b"not a pickle")
    assert load_index(path).countries == index.countries and len(build_once) == 2  # rebuilt
    assert load_index(path) == load_index(path) and len(build_once) == 2           # and rewritten whole
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    unwritable = load_index(blocked / "geocode-x.pickle")  # its folder cannot be made: towns in a temporary file
    assert unwritable.cities == index.cities and Path(unwritable.towns).exists()


def test_cache_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FR_EVENT_PIPELINE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("FR_EVENT_PIPELINE_CACHE", "")
    assert cache_dir() is None
    monkeypatch.delenv("FR_EVENT_PIPELINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "fr-event-pipeline"
