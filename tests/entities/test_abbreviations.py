"""Acronyms and long forms: Schwartz-Hearst as pure functions, then in the pipeline
(pipeline/entities/abbreviations.py)."""
from __future__ import annotations

import pytest

from pipeline.entities import entity_rows, find_abbreviations, find_long_form

from .spans import find


@pytest.mark.parametrize("short, candidate, long", [
    ("OTSC", "Les pays de Organisation du traité de sécurité collective",
     "Organisation du traité de sécurité collective"),
    ("CNT", "le Conseil national de transition", "Conseil national de transition"),
    ("EI", "le groupe État islamique", "État islamique"),             # accents ignored
    ("FAMa", "les Forces armées maliennes", "Forces armées maliennes"),
    ("AQMI", "Al-Qaïda au Maghreb islamique", "Al-Qaïda au Maghreb islamique"),
])
def test_find_long_form(short, candidate, long):
    assert candidate[find_long_form(short, candidate):] == long


@pytest.mark.parametrize("short, candidate", [
    ("AFP", "le ministre a déclaré"),
    ("OTAN", "les pays membres"),
])
def test_find_long_form_none(short, candidate):
    assert find_long_form(short, candidate) is None


@pytest.mark.parametrize("text, pairs", [
    ("Les pays de Organisation du traité de sécurité collective (OTSC), une alliance",
     [("Organisation du traité de sécurité collective", "OTSC")]),
    ("Le Conseil national de transition (CNT) a pris le pouvoir.",
     [("Conseil national de transition", "CNT")]),
    ("du Mouvement pour l'unicité et le jihad en Afrique de l'Ouest (Mujao) et",
     [("Mouvement pour l'unicité et le jihad en Afrique de l'Ouest", "Mujao")]),
    ("Pour l'ALN (Armée de Libération Nationale), c'était l'euphorie.",
     [("Armée de Libération Nationale", "ALN")]),
    ("Les Forces armées maliennes (FAMa) ont repris Gao.", [("Forces armées maliennes", "FAMa")]),
])
def test_find_abbreviations(text, pairs):
    assert [(text[a:b], text[c:d]) for (a, b), (c, d) in find_abbreviations(text)] == pairs


@pytest.mark.parametrize("text", [
    "Il est né à Lyon (Rhône) en 1950.",
    "Un avion s'est écrasé (AFP).",
    "Le bilan (12 morts) est provisoire.",
    "Jean Dupont (Marseille) a gagné.",
    "une partie du Corps des gardiens de la révolution islamique (Pasdaran) a",
])
def test_find_abbreviations_none(text):
    assert find_abbreviations(text) == []


@pytest.mark.parametrize("text, long, short", [
    ("Les pays de Organisation du traité de sécurité collective (OTSC), une alliance militaire, "
     "ont parlé. L’OTSC indique que sa mission sera limitée.",
     "Organisation du traité de sécurité collective", "OTSC"),
    ("Le Conseil national de transition (CNT) a pris le pouvoir. Le CNT a nommé un gouvernement.",
     "Conseil national de transition", "CNT"),
    ("Les Forces armées maliennes (FAMa) ont repris la ville. Les FAMa ont perdu trois soldats.",
     "Forces armées maliennes", "FAMa"),
    ("Pour l'ALN (Armée de Libération Nationale), c'était l'euphorie.", "Armée de Libération Nationale", "ALN"),
])
def test_acronym_and_long_form_share_canonical(nlp, text, long, short):
    doc = nlp(text)
    mentions = find(doc, long) + find(doc, short)
    assert {e._.canonical for e in mentions} == {find(doc, long)[0]._.canonical}
    assert {e.label_ for e in mentions} == {"ORG"}
    assert len({r["entity_id"] for r in entity_rows(doc) if r["text"] in (long, short)}) == 1
