"""The entity lexicons: demonyms and the gazetteer file (pipeline/entities/lexicons.py)."""
from __future__ import annotations

import csv

import pytest

from pipeline.entities import demonym_country, gazetteer
from pipeline.resources import load_jsonl, models_dir


@pytest.mark.parametrize("text, expected", [
    ("Russes", ("russe", "RU")),
    ("les Russes", ("russe", "RU")),
    ("russe", ("russe", "RU")),
    ("tadjikes", ("tadjik", "TJ")),
    ("kazakhes", ("kazakh", "KZ")),
    ("Kazakhs", ("kazakh", "KZ")),
    ("Philippins", ("philippin", "PH")),
    ("bélarusses", ("bélarusse", "BY")),
    ("Nord-Coréens", ("nord-coréen", "KP")),
    ("Israéliens", ("israélien", "IL")),
    ("Suisses", ("suisse", "CH")),
    ("Kurdes", ("kurde", "")),
    ("Philippines", None),    # the country
    ("Suisse", None),
    ("Kazakhstan", None),
    ("Moscou", None),
])
def test_demonym_country(text, expected):
    assert demonym_country(text) == expected


def test_demonym_lexicon_size():
    with open(models_dir() / "entities" / "demonyms.csv", encoding="utf-8") as f:
        countries = {row["country"] for row in csv.DictReader(f)} - {""}
    assert len(countries) >= 150


def test_gazetteer_file():
    entries = load_jsonl("entities/organisations.jsonl")
    assert all({"canonical", "label", "aliases"} <= set(e) for e in entries)
    assert gazetteer()["csto"] == gazetteer()["otsc"]
