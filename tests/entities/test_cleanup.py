"""Clean-up of the model's entities: boundaries, common nouns, title words, demonyms as
NORP (pipeline/entities/cleanup.py)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, kept", [
    ("La France a signé l'accord avec le Mali.", ["France", "Mali"]),     # article before a country
    ("Le Caire a accueilli le sommet.", ["Le Caire"]),                     # article inside a city name
    ("La Haye a accueilli le sommet.", ["La Haye"]),
    ("L'Etat a réagi après les combats dans le Sud du pays.", []),        # common nouns alone
    ("Le bilan a été publié par le ministère de la Défense.", ["ministère de la Défense"]),
])
def test_boundaries_and_common_nouns(nlp, text, kept):
    assert [e.text for e in nlp(text).ents] == kept


def test_title_words_alone_are_not_entities(nlp):
    doc = nlp("Le CNT a ensuite nommé un Premier ministre.")
    assert "Premier ministre" not in [e.text for e in doc.ents]


@pytest.mark.parametrize("text, mention, country", [
    ("Si elle permet de démontrer que les Russes n’interviennent pas seuls.", "Russes", "RU"),
    ("Les Philippins ont voté dimanche.", "Philippins", "PH"),
    ("Des contingents bélarusses, arméniens, tadjikes et kirghizes.", "tadjikes", "TJ"),
    ("Des soldats kazakhs et des Kazakhs ont été déployés.", "Kazakhs", "KZ"),
    ("Des Suisses ont manifesté en Suisse.", "Suisses", "CH"),
    ("Les Neuchâtelois ont voté dimanche.", "Neuchâtelois", "CH"),
])
def test_demonyms_are_norp(nlp, text, mention, country):
    doc = nlp(text)
    for ent in doc.ents:
        if ent.text == mention:
            assert (ent.label_, ent._.country) == ("NORP", country)
    assert mention not in [e.text for e in doc.ents if e.label_ == "LOC"]


def test_countries_named_like_demonyms_stay_places(nlp):
    doc = nlp("Des Suisses ont manifesté en Suisse et aux Philippines.")
    assert [(e.text, e._.country) for e in doc.ents if e.label_ == "LOC"] == [("Suisse", "CH"), ("Philippines", "PH")]
