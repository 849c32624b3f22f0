"""Output tables: their columns and the rows of a processed Doc.

>>> EVENT_COLUMNS[:4]
['doc_id', 'event_id', 'event_type', 'count']
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..events import SPAN_KEY as EVENT_SPANS
from ..incidents.table import INCIDENT_COLUMNS, INCIDENT_INT_COLUMNS
from ..language.sentences import entities, sentence_entities, sentence_of

EVENT_COLUMNS = [
    "doc_id", "event_id", "event_type", "count", "count_low", "count_high", "qualifier",
    "victims", "actor", "location", "country", "latitude", "longitude", "admin1", "geonames_id", "geo_precision",
    "date", "date_text",
    "source", "sentence", "char_start", "char_end", "matched_text", "rule",
    "target", "date_precision", "duration", "plover_type", "acled_type", "cause_event_id", "headline",
    "incident_id",
]
ENTITY_COLUMNS = [
    "doc_id", "entity_id", "text", "label", "canonical", "char_start", "char_end",
    "sentence_id", "country", "latitude", "longitude", "geo_precision", "admin1", "geonames_id",
]
DOCUMENT_COLUMNS = [
    "doc_id", "path", "status", "error", "n_chars", "n_tokens", "published", "sha256",
    "language", "n_events", "n_entities",
]
TABLES = {"events": EVENT_COLUMNS, "entities": ENTITY_COLUMNS, "documents": DOCUMENT_COLUMNS}
ALL_TABLES = dict(TABLES, incidents=INCIDENT_COLUMNS)  # incidents are written after the three others
_LINE_BREAKS = re.compile(r"\s*\n\s*")
INT_COLUMNS = {"count", "count_low", "count_high", "char_start", "char_end", "sentence_id", "headline",
               "n_chars", "n_tokens", "n_events", "n_entities", "geonames_id"} | INCIDENT_INT_COLUMNS
FLOAT_COLUMNS = {"latitude", "longitude"}


def event_rows(doc: Doc, original: str, offset: int = 0) -> list[dict]:
    """One row per casualty span and per event span of ``doc``; offsets index
    ``original``, the text before normalisation, shifted by ``offset`` for a
    piece of a longer text. A casualty row keeps the key of the event that
    caused it; :func:`number_events` turns it into that row's ``event_id``.

    >>> rows = event_rows(nlp("Douze policiers tués."), "Douze policiers tués.")
    >>> rows[0]["matched_text"]
    'Douze policiers tués'
    """
    events = list(doc.spans.get(EVENT_SPANS, []))
    keys = [f"{e.start_char + offset}:{e.end_char + offset}" for e in events]
    rows = []
    for span in doc.spans.get("casualties", []):
        x = span._  # one Underscore per span, not one per value
        cause = x.cause_event if span.has_extension("cause_event") else None
        cause_span = events[cause] if cause is not None and cause < len(events) else None
        rows.append(dict(
            _span_row(doc, span, original, offset),
            count=x.count,
            count_low=x.count_low,
            count_high=x.count_high,
            qualifier=x.qualifier,
            victims=x.victims,
            actor=(cause_span._.actor or "") if cause_span is not None else "",  # who caused it
            target="",
            date_precision=x.date_precision or "",  # decided by the casualty stage (attribution)
            source=x.source or "",
            duration="",
            plover_type="",
            acled_type="",
            cause_event_id="",
            headline=int(bool(x.headline) and offset == 0),
            _cause_key=keys[cause] if cause is not None and cause < len(keys) else None,
        ))
    title_end = doc._.headline_end if doc.has_extension("headline_end") else 0  # set by fr_line_breaks
    for span, key in zip(events, keys):
        x = span._
        rows.append(dict(
            _span_row(doc, span, original, offset),
            count=None,
            count_low=None,
            count_high=None,
            qualifier="",
            victims="",
            actor=x.actor or "",
            target=x.target or "",
            date_precision=x.date_precision or "",
            duration=x.duration or "",
            plover_type=x.plover_type or "",
            acled_type=x.acled_type or "",
            source=x.source or "",
            cause_event_id="",
            headline=int(offset == 0 and span.start_char < title_end),
            _event_key=key,
        ))
    return rows


def _span_row(doc: Doc, span, original: str, offset: int) -> dict:
    """The columns a casualty row and an event row share."""
    start, end = span.start_char + offset, span.end_char + offset
    sent = sentence_of(span)
    x = span._  # one Underscore per span, not one per value
    place = place_entity(span, x.location) if x.location else None
    p = place._ if place is not None else None
    return {
        "doc_id": doc._.doc_id,
        "event_type": x.event_type,
        "location": x.location or "",
        "country": p.country if p is not None else "",
        "latitude": p.latitude if p is not None else None,
        "longitude": p.longitude if p is not None else None,
        "admin1": p.admin1 if p is not None else "",
        "geonames_id": p.geonames_id if p is not None else None,
        "geo_precision": p.geo_precision if p is not None else "",
        "date": x.date or "",
        "date_text": x.date_text or "",
        "sentence": _LINE_BREAKS.sub(" ", original[sent.start_char + offset:sent.end_char + offset].strip()),
        "char_start": start,
        "char_end": end,
        "matched_text": original[start:end],
        "rule": x.rule,
    }


def place_entity(span, location: str):
    """The entity a row's ``location`` was taken from, whose resolved place the
    row shows (the entity layer resolved it once, in context: nothing is
    geocoded again here): the mention with that text nearest to the figure in
    its sentence, else the first with that text or canonical name in the document.

    >>> doc = nlp("Douze policiers ont été tués à Almaty.")
    >>> place_entity(doc.spans["casualties"][0], "Almaty")._.country
    'KZ'
    """
    doc = span.doc
    near = [e for e in sentence_entities(sentence_of(span)) if e.text == location]
    if near:
        return min(near, key=lambda e: abs(e.start - span.start))
    ents = entities(doc)
    return next((e for e in ents if e.text == location), None) or next(
        (e for e in ents if e._.canonical == location and e._.country), None)


def number_events(rows: list[dict], doc_id: str) -> list[dict]:
    """Give each event row of one document a stable id, in text order, and
    point each casualty row to the id of the event that caused it
    (``cause_event_id``); the temporary keys of :func:`event_rows` are removed."""
    rows.sort(key=lambda r: (r["char_start"], r["char_end"], r["event_type"]))
    ids = {}
    for n, row in enumerate(rows, 1):
        row["event_id"] = f"{doc_id}#{n}"
        if row.get("_event_key"):
            ids[row["_event_key"]] = row["event_id"]
    for row in rows:
        row.pop("_event_key", None)
        key = row.pop("_cause_key", None)
        if key:
            row["cause_event_id"] = ids.get(key, "")
    return rows
