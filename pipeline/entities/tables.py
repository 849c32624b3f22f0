"""The rows of the entity table, and the corpus-wide table of ``pipeline entities``.

>>> entity_rows(nlp("Des émeutes ont éclaté à Almaty."))[0]["canonical"]
'Almaty'
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right

from spacy.tokens import Doc

from ..language.sentences import entities, sentences
from ..language.texts import span_text


def entity_id(label: str, canonical: str) -> str:
    """Stable id of an entity: ``"E" + sha1(label|canonical)[:10]``.

    >>> entity_id("ORG", "Hamas")
    'Eec920b9f6d'
    """
    return "E" + hashlib.sha1(f"{label}|{canonical}".encode("utf-8")).hexdigest()[:10]


ROW_KEYS = ("entity_id", "text", "label", "canonical", "char_start", "char_end", "sentence_id",
            "country", "latitude", "longitude", "geo_precision", "admin1", "geonames_id")


def entity_rows(doc: Doc) -> list[dict]:
    """One dict per entity mention of ``doc`` (keys: :data:`ROW_KEYS`).

    >>> entity_rows(nlp("Des émeutes ont éclaté à Almaty."))[0]["country"]
    'KZ'
    """
    try:
        starts = [s.start for s in sentences(doc)]
    except ValueError:  # no sentence boundaries set
        starts = [0]
    rows = []
    for ent in entities(doc):
        x, text = ent._, span_text(ent)  # one Underscore per entity; the text sliced, not rebuilt
        canonical = x.canonical or text
        rows.append({
            "entity_id": entity_id(ent.label_, canonical),
            "text": text,
            "label": ent.label_,
            "canonical": canonical,
            "char_start": ent.start_char,
            "char_end": ent.end_char,
            "sentence_id": max(0, bisect_right(starts, ent.start) - 1),
            "country": x.country,
            "latitude": x.latitude,
            "longitude": x.longitude,
            "geo_precision": x.geo_precision,
            "admin1": x.admin1,
            "geonames_id": x.geonames_id,
        })
    return rows


DOC_ID_COLUMNS = ("doc_id", "document_id", "document", "source")


def entity_table(entities_df):
    """Mentions per canonical entity across a corpus, most mentioned first.

    ``entities_df`` holds :func:`entity_rows` rows plus a document column,
    the first of :data:`DOC_ID_COLUMNS` present (without one, all rows are
    taken from a single document).

    >>> entity_table(df).columns.tolist()
    ['canonical', 'label', 'country', 'n_mentions', 'n_documents', 'example_texts']
    """
    import pandas as pd

    columns = ["canonical", "label", "country", "n_mentions", "n_documents", "example_texts"]
    if entities_df is None or len(entities_df) == 0:
        return pd.DataFrame(columns=columns)
    df = entities_df.copy()
    doc_col = next((c for c in DOC_ID_COLUMNS if c in df.columns), None)
    if doc_col is None:
        df["_doc"] = 0
        doc_col = "_doc"
    df["country"] = df["country"].fillna("") if "country" in df.columns else ""

    def summarise(group) -> pd.Series:
        texts = group["text"].value_counts()
        countries = group.loc[group["country"] != "", "country"].value_counts()
        return pd.Series({
            "country": countries.index[0] if len(countries) else "",
            "n_mentions": len(group),
            "n_documents": group[doc_col].nunique(),
            "example_texts": "; ".join(texts.index[:3]),
        })

    table = df.groupby(["canonical", "label"], sort=False).apply(summarise, include_groups=False).reset_index()
    table = table.sort_values(["n_mentions", "n_documents", "canonical"], ascending=[False, False, True], kind="stable")
    table["n_mentions"] = table["n_mentions"].astype(int)
    table["n_documents"] = table["n_documents"].astype(int)
    return table[columns].reset_index(drop=True)
