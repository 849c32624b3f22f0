"""The entity lexicons of ``models/entities/``: gazetteer, demonyms, titles,
common nouns never kept alone; and the demonym look-up.

>>> gazetteer()["otsc"]
('Organisation du traité de sécurité collective', 'ORG')
>>> demonym_country("les Tadjiks")
('tadjik', 'TJ')
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..geocode import fold, geocode
from ..language.resources import load_csv, load_json, load_jsonl


GAZETTEER = "entities/organisations.jsonl"
DEMONYMS = "entities/demonyms.csv"
TITLES = "entities/titles.json"
NON_ENTITIES = "entities/non_entities.json"


@lru_cache(maxsize=None)
def gazetteer(path: str = GAZETTEER) -> dict[str, tuple[str, str]]:
    """Folded name or alias -> (canonical, label).

    >>> gazetteer()["otsc"]
    ('Organisation du traité de sécurité collective', 'ORG')
    """
    index: dict[str, tuple[str, str]] = {}
    for entry in load_jsonl(path):
        for name in (entry["canonical"], *entry.get("aliases", ())):
            index.setdefault(fold(name), (entry["canonical"], entry["label"]))
    return index


@lru_cache(maxsize=None)
def demonyms(path: str = DEMONYMS) -> dict[str, tuple[str, str]]:
    """Folded demonym form -> (masculine singular, ISO country or "").

    >>> demonyms()["tadjikes"]
    ('tadjik', 'TJ')
    """
    index: dict[str, tuple[str, str]] = {}
    for row in load_csv(path):
        for form in (row["masc"], row["fem"], row["masc_plural"], row["fem_plural"]):
            index.setdefault(fold(form), (row["masc"], row["country"]))
    return index


@lru_cache(maxsize=None)
def titles(path: str = TITLES) -> dict[str, frozenset[str]]:
    """The title lists of ``titles.json`` as frozensets."""
    return {k: frozenset(v) for k, v in load_json(path).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def non_entities(path: str = NON_ENTITIES) -> frozenset[str]:
    """Folded common nouns never kept as an entity on their own ("Etat", "Sud")."""
    return frozenset(load_json(path)["words"])


def demonym_country(text: str) -> tuple[str, str] | None:
    """(masculine form, country) if ``text`` is a demonym, else ``None``.

    A country name that is also a demonym form ("Suisse", "Philippines")
    is a place, not a demonym.

    >>> demonym_country("les Russes")
    ('russe', 'RU')
    """
    text = re.sub(r"^(?:l['’]|(?:les|le|la|des)\s+)", "", text.strip(), flags=re.IGNORECASE)
    found = demonyms().get(fold(text))
    if found is None:
        return None
    if text[:1].isupper():
        place = geocode(text)
        if place is not None and place.precision == "country":
            return None
    return found
