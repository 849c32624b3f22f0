"""Places of a document resolved once, in context (pipeline/geocode/mentions.py), and
carried as they are to the event rows (pipeline/export.py)."""
from __future__ import annotations

import pytest

from pipeline.api import extract
from pipeline.geocode.mentions import usual_case


def places(doc):
    return {e.text: (e._.country, e._.geo_precision, e._.admin1) for e in doc.ents if e.label_ == "LOC"}


# --- places that must resolve -------------------------------------------------------

@pytest.mark.parametrize("text, mention, country, precision, admin1", [
    ("Un incendie a fait deux morts à Saint-Chamond.", "Saint-Chamond", "FR", "town", "Auvergne-Rhône-Alpes"),
    ("Une avalanche a tué trois skieurs près de Chamonix.", "Chamonix", "FR", "town", "Auvergne-Rhône-Alpes"),
    ("Les crues ont touché Maripasoula, en Guyane.", "Maripasoula", "GF", "town", ""),
    ("Des inondations dans le Var ont fait deux morts.", "Var", "FR", "admin2", "Provence-Alpes-Côte d'Azur"),
    ("Une tempête a frappé la Corse-du-Sud.", "Corse-du-Sud", "FR", "admin2", "Corse"),
    ("Des émeutes ont éclaté en Kabylie.", "Kabylie", "DZ", "region", ""),
    ("Les combats continuent dans le Donbass.", "Donbass", "UA", "region", ""),
    ("Un séisme a frappé le Qinghai.", "Qinghai", "CN", "admin1", "Qinghai"),
    ("Un homme a été tué en Cisjordanie.", "Cisjordanie", "PS", "region", ""),
    ("Une frappe a touché la Cyrénaïque.", "Cyrénaïque", "LY", "region", ""),
    ("Trois morts dans le département du Loiret.", "département du Loiret", "FR", "admin2", "Centre-Val de Loire"),
    ("La commune du Teil a été la plus touchée.", "Teil", "FR", "town", "Auvergne-Rhône-Alpes"),
])
def test_places_resolve(nlp, text, mention, country, precision, admin1):
    assert places(nlp(text))[mention] == (country, precision, admin1)


@pytest.mark.parametrize("text, mention, country, admin1", [
    # the division named next to it
    ("Valence, dans la Drôme, a été inondée. Trois morts à Valence.", "Valence", "FR", "Auvergne-Rhône-Alpes"),
    ("Un cyclone a fait un mort à Saint-Denis (La Réunion).", "Saint-Denis", "RE", ""),
    ("Le feu a pris à Viviers (Ardèche).", "Viviers", "FR", "Auvergne-Rhône-Alpes"),
    # the document's other places and countries
    ("Au Liban, des combats ont éclaté à Tripoli.", "Tripoli", "LB", ""),
    ("Des orages ont frappé l'Ardèche. Viviers a été inondée.", "Viviers", "FR", "Auvergne-Rhône-Alpes"),
    ("Des pluies dans le Loiret. Deux morts à Saran.", "Saran", "FR", "Centre-Val de Loire"),
])
def test_context_decides(nlp, text, mention, country, admin1):
    doc = nlp(text)
    for ent in (e for e in doc.ents if e.text == mention):
        assert (ent._.country, ent._.admin1) == (country, admin1)


@pytest.mark.parametrize("text, mention, canonical, country", [
    ("OUAGADOUGOU, 3 mars (AFP) - Douze soldats ont été tués près de Kaya.", "OUAGADOUGOU", "Ouagadougou", "BF"),
    ("TOULOUSE - Un incendie a fait deux morts dans la nuit.", "TOULOUSE", "Toulouse", "FR"),
    ("SAINT-ÉTIENNE, 5 mai - Un incendie a fait un mort.", "SAINT-ÉTIENNE", "Saint-Étienne", "FR"),
])
def test_datelines_are_places_in_usual_case(nlp, text, mention, canonical, country):
    ent = next(e for e in nlp(text).ents if e.text == mention)
    assert (ent.label_, ent._.canonical, ent._.country) == ("LOC", canonical, country)


@pytest.mark.parametrize("text, mention, country, precision", [
    ("Deux immeubles se sont effondrés à Marseille, rue d'Aubagne.", "Aubagne", "FR", "town"),  # in Marseille
    ("Une voiture a explosé à Mogadiscio, dans le quartier de Medina.", "Medina", "SO", "town"),  # not Saudi
    ("La crue des fleuves Cauca et Magdalena inquiète la Colombie.", "Cauca", "CO", "country"),  # a river
    ("La crue des fleuves Cauca et Magdalena inquiète la Colombie.", "Magdalena", "CO", "country"),
])
def test_streets_and_rivers_named_after_places(nlp, text, mention, country, precision):
    ent = next(e for e in nlp(text).ents if e.text == mention)
    assert (ent._.country, ent._.geo_precision) == (country, precision)
    if mention == "Aubagne":
        marseille = next(e for e in ent.doc.ents if e.text == "Marseille")
        assert (ent._.latitude, ent._.longitude) == (marseille._.latitude, marseille._.longitude)


def test_places_inside_a_town_take_its_country(nlp):
    doc = nlp("Un homme est mort à Rouen. Le camion est tombé du pont Mathilde.")
    assert places(doc)["pont Mathilde"][0] == "FR"
    doc = nlp("Ils étaient basés à Cayenne et Saint-Jean-du-Maroni.")
    assert places(doc)["Saint-Jean-du-Maroni"][0] == "GF"


# --- look-alikes that must not resolve ------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("Hier, des émeutes ont éclaté à Almaty.", "Hier"),
    ("Samedi, trois personnes ont été tuées à Almaty.", "Samedi"),
    ("La Cour d'assises de Paris a jugé l'accusé.", "Cour d'assises"),
    ("Il a été arrêté par les moukhabarat à Damas.", "moukhabarat"),
    ("Un séisme de 2,6 sur l'échelle de Richter a frappé la région.", "Richter"),
    ("Le cyclone Nargis a dévasté la Birmanie.", "cyclone Nargis"),
    ("L'aide a été bloquée par l'État birmane.", "État birmane"),
    ("Des milliers de personnes ont fui l'Afrique du Nord.", "Afrique du Nord"),
    ("L'enquête est menée sous l'autorité du Procureur de la République de Gap.", "Procureur"),
])
def test_non_places_get_no_coordinates(nlp, text, word):
    for ent in nlp(text).ents:
        if word in ent.text:
            assert ent.label_ != "LOC" or (ent._.country, ent._.latitude) == ("", None), (ent.text, ent.label_)


def test_demonym_opening_a_sentence_stays_a_demonym(nlp):
    doc = nlp("De fortes pluies à Manille. Philippins et étrangers ont été évacués.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Philippins"] == [("Philippins", "NORP")]


def test_usual_case():
    assert usual_case("LE CAIRE") == "Le Caire"
    assert usual_case("SAINT-JEAN-DU-MARONI") == "Saint-Jean-du-Maroni"
    assert usual_case("Almaty") == "Almaty"


# --- one place per mention, in both tables ------------------------------------------------

def test_events_take_the_place_of_the_entity():
    text = ("Valence, dans la Drôme, a été frappée par des inondations. "
            "Trois personnes sont mortes à Valence, selon la préfecture.")
    res = extract(text, published="2024-10-17")
    ents = res.entities[res.entities["text"] == "Valence"]
    assert set(ents["country"]) == {"FR"} and set(ents["admin1"]) == {"Auvergne-Rhône-Alpes"}
    rows = res.events[res.events["location"] == "Valence"]
    assert len(rows)
    for _, row in rows.iterrows():
        entity = ents.iloc[-1]
        for col in ("country", "latitude", "longitude", "admin1", "geonames_id", "geo_precision"):
            assert row[col] == entity[col], col

