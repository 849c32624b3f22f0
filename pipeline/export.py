"""Output tables: their columns, rows from processed Docs, atomic CSV writing.

>>> EVENT_COLUMNS[:4]
['doc_id', 'event_id', 'event_type', 'count']
"""
from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Iterable

from spacy.tokens import Doc

from .events import SPAN_KEY as EVENT_SPANS
from .events import precision_of
from .incidents.table import INCIDENT_COLUMNS, INCIDENT_INT_COLUMNS
from .paragraphs import headline_end

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
        cause = span._.cause_event if span.has_extension("cause_event") else None
        cause_span = events[cause] if cause is not None and cause < len(events) else None
        rows.append(dict(
            _span_row(doc, span, original, offset),
            count=span._.count,
            count_low=span._.count_low,
            count_high=span._.count_high,
            qualifier=span._.qualifier,
            victims=span._.victims,
            actor=(cause_span._.actor or "") if cause_span is not None else "",  # who caused it
            target="",
            date_precision=precision_of(span._.date) if span._.date_text else ("published" if span._.date else ""),
            source=span._.source or "",
            duration="",
            plover_type="",
            acled_type="",
            cause_event_id="",
            headline=int(bool(span._.headline) and offset == 0),
            _cause_key=keys[cause] if cause is not None and cause < len(keys) else None,
        ))
    title_end = headline_end(original)
    for span, key in zip(events, keys):
        rows.append(dict(
            _span_row(doc, span, original, offset),
            count=None,
            count_low=None,
            count_high=None,
            qualifier="",
            victims="",
            actor=span._.actor or "",
            target=span._.target or "",
            date_precision=span._.date_precision or "",
            duration=span._.duration or "",
            plover_type=span._.plover_type or "",
            acled_type=span._.acled_type or "",
            source=span._.source or "",
            cause_event_id="",
            headline=int(offset == 0 and span.start_char < title_end),
            _event_key=key,
        ))
    return rows


def _span_row(doc: Doc, span, original: str, offset: int) -> dict:
    """The columns a casualty row and an event row share."""
    start, end = span.start_char + offset, span.end_char + offset
    sent = span.sent
    place = place_entity(span, span._.location) if span._.location else None
    return {
        "doc_id": doc._.doc_id,
        "event_type": span._.event_type,
        "location": span._.location or "",
        "country": place._.country if place is not None else "",
        "latitude": place._.latitude if place is not None else None,
        "longitude": place._.longitude if place is not None else None,
        "admin1": place._.admin1 if place is not None else "",
        "geonames_id": place._.geonames_id if place is not None else None,
        "geo_precision": place._.geo_precision if place is not None else "",
        "date": span._.date or "",
        "date_text": span._.date_text or "",
        "sentence": _LINE_BREAKS.sub(" ", original[sent.start_char + offset:sent.end_char + offset].strip()),
        "char_start": start,
        "char_end": end,
        "matched_text": original[start:end],
        "rule": span._.rule,
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
    near = [e for e in span.sent.ents if e.text == location]
    if near:
        return min(near, key=lambda e: abs(e.start - span.start))
    return next((e for e in doc.ents if e.text == location), None) or next(
        (e for e in doc.ents if e._.canonical == location and e._.country), None)


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


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)


class TableWriter:
    """Write the three tables (or ``tables``, names to columns) into ``out``
    as rows arrive; files appear under their final names only when
    :meth:`close` succeeds (atomic rename)."""

    def __init__(self, out: str | os.PathLike, tables: dict[str, list[str]] | None = None):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.tables = tables or TABLES
        self._files = {}
        self._writers = {}
        for name, cols in self.tables.items():
            tmp = self.out / f".{name}.csv.partial"
            f = open(tmp, "w", encoding="utf-8", newline="")
            w = csv.writer(f)
            w.writerow(cols)
            self._files[name], self._writers[name] = f, w

    def write(self, name: str, rows: Iterable[dict]) -> None:
        cols = self.tables[name]
        w = self._writers[name]
        for row in rows:
            w.writerow([_cell(row.get(c)) for c in cols])

    def close(self) -> None:
        for name, f in self._files.items():
            f.flush()
            os.fsync(f.fileno())
            f.close()
            os.replace(self.out / f".{name}.csv.partial", self.out / f"{name}.csv")

    def abort(self) -> None:
        for name, f in self._files.items():
            f.close()
            (self.out / f".{name}.csv.partial").unlink(missing_ok=True)


FORMATS = ("csv", "parquet", "jsonl")


def typed(column: str, value):
    """A cell with the type of its column, as in :func:`to_frames`: int or
    None, float (5 decimals, as in the CSV) or None, else str.

    >>> typed("count", 12.0), typed("count_high", ""), typed("latitude", 43.252491), typed("source", None)
    (12, None, 43.25249, '')
    """
    if column in INT_COLUMNS or column in FLOAT_COLUMNS:
        if isinstance(value, int) and column in INT_COLUMNS:
            return int(value)
        try:
            number = float(value)
        except (TypeError, ValueError):  # None, "", pd.NA
            return None
        if number != number or number in (float("inf"), float("-inf")):
            return None
        return int(number) if column in INT_COLUMNS else round(number, 5)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class RecordWriter:
    """:class:`TableWriter` for ``parquet`` or ``jsonl``: same tables, columns
    and types (ints stay ints, empty cells are null). Rows are written as
    they arrive (parquet in row groups of ``batch`` rows) under temporary
    names, renamed to ``events.parquet``... only when :meth:`close` succeeds.

    >>> w = RecordWriter("out", "jsonl"); w.write("events", rows); w.close()
    """

    def __init__(self, out: str | os.PathLike, fmt: str, batch: int = 10_000,
                 tables: dict[str, list[str]] | None = None):
        if fmt not in ("parquet", "jsonl"):
            raise ValueError(f"format must be parquet or jsonl, not {fmt!r}")
        self.out, self.fmt, self.batch = Path(out), fmt, batch
        self.tables = tables or TABLES
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = {name: self.out / f".{name}.{fmt}.partial" for name in self.tables}
        self._buffers: dict[str, list] = {name: [] for name in self.tables}
        self._files = {}
        self._schemas = {}
        try:
            for name in self.tables:
                if fmt == "jsonl":  # backslashreplace: a lone surrogate becomes its JSON escape
                    self._files[name] = open(self._tmp[name], "w", encoding="utf-8",
                                             errors="backslashreplace", newline="\n")
                else:
                    import pyarrow.parquet as pq

                    self._schemas[name] = arrow_schema(name)
                    self._files[name] = pq.ParquetWriter(self._tmp[name], self._schemas[name])
        except BaseException:
            self.abort()
            raise

    def write(self, name: str, rows: Iterable[dict]) -> None:
        cols = self.tables[name]
        for row in rows:
            record = {c: typed(c, row.get(c)) for c in cols}
            if self.fmt == "jsonl":
                self._files[name].write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                self._buffers[name].append(record)
        if len(self._buffers[name]) >= self.batch:
            self._flush(name)

    def _flush(self, name: str) -> None:
        rows, self._buffers[name] = self._buffers[name], []
        if rows:
            import pyarrow as pa

            try:
                table = pa.Table.from_pylist(rows, schema=self._schemas[name])
            except UnicodeEncodeError:  # lone surrogates: one replacement character each
                rows = [{k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in r.items()}
                        for r in rows]
                table = pa.Table.from_pylist(rows, schema=self._schemas[name])
            self._files[name].write_table(table)

    def close(self) -> None:
        for name, f in self._files.items():
            if self.fmt == "jsonl":
                f.flush()
                os.fsync(f.fileno())
            else:
                self._flush(name)
            f.close()
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out / f"{name}.{self.fmt}")

    def abort(self) -> None:
        for f in self._files.values():
            try:
                f.close()
            except Exception:  # noqa: BLE001 - we are cleaning up after an error already
                pass
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def arrow_schema(name: str):
    """The pyarrow schema of a table: int64, float64 or string columns, with
    pandas metadata so that ``pd.read_parquet`` gives back ``Int64`` columns."""
    import pyarrow as pa

    kind = {c: pa.int64() for c in INT_COLUMNS} | {c: pa.float64() for c in FLOAT_COLUMNS}
    frame = frame_of(name, [])
    meta = pa.Schema.from_pandas(frame, preserve_index=False).metadata
    return pa.schema([pa.field(c, kind.get(c, pa.string())) for c in ALL_TABLES[name]], metadata=meta)


def open_writer(out: str | os.PathLike, fmt: str = "csv", tables: dict[str, list[str]] | None = None):
    """The table writer for ``fmt`` (csv, parquet or jsonl) into folder ``out``."""
    if fmt == "csv":
        return TableWriter(out, tables)
    return RecordWriter(out, fmt, tables=tables)


def table_files(out: str | os.PathLike, formats: Iterable[str] = FORMATS) -> list[Path]:
    """The tables (``events.csv``, ``documents.parquet``...) of ``formats``
    that are in folder ``out``, e.g. those an earlier run left there."""
    out = Path(out)
    return [out / f"{name}.{fmt}" for fmt in formats for name in ALL_TABLES if (out / f"{name}.{fmt}").is_file()]


def to_frames(events: list[dict], entities: list[dict], documents: list[dict]):
    """The three tables as pandas DataFrames with the CSV columns and types."""
    import pandas as pd

    return {name: frame_of(name, rows)
            for name, rows in (("events", events), ("entities", entities), ("documents", documents))}


def frame_of(name: str, rows: list[dict]):
    """One table (events, entities, documents, incidents) as a DataFrame with its columns and types."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=ALL_TABLES[name])
    for c in df.columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        else:
            df[c] = df[c].fillna("").astype(str)
    return df
