"""Persons: titles stripped, surnames linked to the full name (pipeline/entities/persons.py)."""
from __future__ import annotations

import pytest

from pipeline.entities import entity_rows, link_surnames, strip_title

from .spans import find


@pytest.mark.parametrize("mention, name", [
    ("le président kazakh Kassym - Jomart Tokayev", "Kassym - Jomart Tokayev"),
    ("M. Macron", "Macron"),
    ("Mme Angela Merkel", "Angela Merkel"),
    ("général de Gaulle", "de Gaulle"),
    ("Président Poutine", "Poutine"),
    ("le Premier ministre Édouard Philippe", "Édouard Philippe"),
    ("ministre de l' Intérieur Gérald Darmanin", "Gérald Darmanin"),
    ("Marine Le Pen", "Marine Le Pen"),
    ("Le Pen", "Le Pen"),
    ("Dr Mukwege", "Mukwege"),
    ("Tokayev", "Tokayev"),
])
def test_strip_title(mention, name):
    words = mention.split()
    assert " ".join(words[strip_title(words):]) == name


@pytest.mark.parametrize("names, linked", [
    (["Kassym-Jomart Tokayev", "Tokayev"], ["Kassym-Jomart Tokayev"] * 2),
    (["Tokayev", "Kassym-Jomart Tokayev"], ["Kassym-Jomart Tokayev"] * 2),      # headline first
    (["Charles de Gaulle", "de Gaulle"], ["Charles de Gaulle"] * 2),
    (["Oumar Maïga", "Fatoumata Maïga", "Maïga"], ["Oumar Maïga", "Fatoumata Maïga", "Maïga"]),
    (["Oumar Maïga", "Maïga", "Fatoumata Maïga", "Maïga"],                       # ambiguous only later
     ["Oumar Maïga", "Oumar Maïga", "Fatoumata Maïga", "Maïga"]),
    (["Kassym-Jomart Tokayev", "Kassym Jomart Tokayev", "Tokayev"],              # one person, two spellings
     ["Kassym-Jomart Tokayev", "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"]),
    (["Emmanuel Macron", "Brigitte Macron", "Macron"], ["Emmanuel Macron", "Brigitte Macron", "Macron"]),
    (["Yingluck Shinawatra", "Yingluck"], ["Yingluck Shinawatra", "Yingluck"]),  # first names: no
    (["Jean Castex", "Tokayev"], ["Jean Castex", "Tokayev"]),
])
def test_link_surnames(names, linked):
    assert link_surnames(names) == linked


@pytest.mark.parametrize("text, mention, canonical", [
    ("Le président kazakh Kassym-Jomart Tokayev a limogé le gouvernement. Tokayev a ensuite parlé.",
     "Tokayev", "Kassym-Jomart Tokayev"),
    ("Le Premier ministre Édouard Philippe a démissionné. Philippe a été remplacé.",
     "Philippe", "Édouard Philippe"),
    ("Mohamed Merah a tué sept personnes. Merah a été abattu par la police.", "Merah", "Mohamed Merah"),
])
def test_surname_linked_to_full_name(nlp, text, mention, canonical):
    doc = nlp(text)
    ent = find(doc, mention)[-1]
    assert (ent.label_, ent._.canonical) == ("PER", canonical)
    ids = {r["entity_id"] for r in entity_rows(doc) if r["canonical"] == canonical}
    assert len(ids) == 1


def test_same_surname_two_people_not_linked(nlp):
    doc = nlp("Oumar Maïga a été arrêté à Bamako. Fatoumata Maïga, son épouse, a témoigné. "
              "Selon Maïga, rien ne justifie cette arrestation.")
    canonicals = [e._.canonical for e in doc.ents if e.label_ == "PER"]
    assert canonicals == ["Oumar Maïga", "Fatoumata Maïga", "Maïga"]
    rows = [r for r in entity_rows(doc) if r["label"] == "PER"]
    assert len({r["entity_id"] for r in rows}) == 3


@pytest.mark.parametrize("text, name", [
    ("Après un appel du président kazakh Kassym-Jomart Tokayev, l'OTSC a réagi.", "Kassym-Jomart Tokayev"),
    ("M. Emmanuel Macron a reçu le chef de l'État.", "Emmanuel Macron"),
    ("Mme Angela Merkel est arrivée à Paris.", "Angela Merkel"),
    ("Le général de Gaulle a parlé à Alger.", "de Gaulle"),
    ("Le juge Baltasar Garzón a ouvert une enquête.", "Baltasar Garzón"),
    ("Le Premier ministre Édouard Philippe a démissionné.", "Édouard Philippe"),
])
def test_titles_stripped_from_persons(nlp, text, name):
    doc = nlp(text)
    persons = [e for e in doc.ents if e.label_ == "PER"]
    assert [(e.text, e._.canonical) for e in persons][:1] == [(name, name)]
