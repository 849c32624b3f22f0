"""The rows of the entity table and the corpus-wide table (pipeline/entities/tables.py)."""
from __future__ import annotations

import pandas as pd

from pipeline.entities import ROW_KEYS, entity_id, entity_rows, entity_table


def test_entity_id_is_stable():
    assert entity_id("ORG", "Hamas") == entity_id("ORG", "Hamas")
    assert entity_id("ORG", "Hamas") != entity_id("PER", "Hamas")
    assert entity_id("PER", "Kassym-Jomart Tokayev").startswith("E")
    assert len(entity_id("PER", "Kassym-Jomart Tokayev")) == 11
    assert entity_id("LOC", "Moscou") == "E76c10d88fb"    # sha1("LOC|Moscou"): a fixed value


def test_entity_rows(seed_doc):
    rows = entity_rows(seed_doc)
    assert len(rows) == len(seed_doc.ents)
    assert all(tuple(r) == ROW_KEYS for r in rows)
    sentences = list(seed_doc.sents)
    for row in rows:
        assert seed_doc.text[row["char_start"]:row["char_end"]] == row["text"]
        sentence = sentences[row["sentence_id"]]
        assert sentence.start_char <= row["char_start"] < sentence.end_char
    by_text = {r["text"]: r for r in rows}
    assert by_text["Almaty"]["country"] == "KZ" and by_text["Almaty"]["geo_precision"] == "town"
    assert by_text["Almaty"]["entity_id"] == entity_id("LOC", "Almaty")


def test_entity_ids_do_not_depend_on_run_order(nlp, seed_text):
    other = "Le Hamas a salué l'attaque. Des émeutes ont éclaté à Almaty."
    first = [entity_rows(d) for d in nlp.pipe([seed_text, other])]
    second = [entity_rows(d) for d in nlp.pipe([other, seed_text])][::-1]
    assert first == second


def test_entity_table():
    rows = [
        {"doc_id": "a", "text": "OTSC", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "a", "text": "OTSC", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "b", "text": "Organisation", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "b", "text": "Almaty", "label": "LOC", "canonical": "Almaty", "country": "KZ"},
    ]
    table = entity_table(pd.DataFrame(rows))
    assert table.columns.tolist() == ["canonical", "label", "country", "n_mentions", "n_documents", "example_texts"]
    assert table.iloc[0].to_dict() == {"canonical": "OTSC long", "label": "ORG", "country": "", "n_mentions": 3,
                                       "n_documents": 2, "example_texts": "OTSC; Organisation"}
    assert table.iloc[1]["country"] == "KZ"
    assert entity_table(pd.DataFrame(columns=list(ROW_KEYS))).empty
