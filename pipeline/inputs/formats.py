"""The formats of input files: a ``.txt`` file is one document, a ``.jsonl``
or ``.csv`` file one document per record (``text`` field or column; ``id``,
``title``, ``url``, ``source``, ``published`` optional).

>>> _record_document({"id": "a1", "text": "Un mort."}, "x.csv", "x.csv", 3).doc_id
'x.csv:a1'
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from functools import lru_cache
from typing import Iterator

from .decoding import decode_bytes
from .documents import Document
from .published import parse_published

READABLE = (".txt", ".jsonl", ".csv")
RECORD_FIELDS = ("title", "url", "source")


def read_file(path: str, doc_id: str, explicit: bool) -> Iterator[Document]:
    """Documents of one file; a file named explicitly is read as text whatever its extension."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in READABLE and not explicit:
        yield Document(doc_id, path, status="skipped", error=f"unsupported extension {ext or '(none)'}")
        return
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        yield Document(doc_id, path, status="error", error=f"cannot read: {e.strerror or e}")
        return
    try:
        text = decode_bytes(data)
    except ValueError as e:
        yield Document(doc_id, path, status="error", error=str(e))
        return
    if ext == ".jsonl":
        yield from _jsonl_documents(text, path, doc_id)
    elif ext == ".csv":
        yield from _csv_documents(text, path, doc_id)
    else:
        yield Document(doc_id, path, text)


def _jsonl_documents(text: str, path: str, file_id: str) -> Iterator[Document]:
    """One document per non-blank JSON line; a bad line is an error document alone."""
    count = 0
    # split on "\n" only: str.splitlines would also cut at U+2028 inside strings
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        count += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Document(f"{file_id}:{lineno}", path, status="error",
                           error=f"malformed JSON line {lineno}: {e.msg} (column {e.colno})")
            continue
        if not isinstance(record, dict):
            yield Document(f"{file_id}:{lineno}", path, status="error",
                           error=f"malformed JSON line {lineno}: not an object")
            continue
        yield _record_document(record, path, file_id, lineno)
    if not count:
        yield Document(file_id, path, text)


def _csv_documents(text: str, path: str, file_id: str) -> Iterator[Document]:
    """One document per data row of a CSV file with a ``text`` column."""
    _lift_csv_limit()
    if not text.strip():
        yield Document(file_id, path, text)
        return
    delimiter = _csv_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [_column(h) for h in next(reader)]
    except csv.Error as e:
        yield Document(file_id, path, status="error", error=f"malformed CSV header: {e}")
        return
    if "text" not in names:
        yield Document(file_id, path, status="error", error="no 'text' column")
        return
    rowno = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:  # the reader cannot resume after this
            yield Document(f"{file_id}:{rowno + 1}", path, status="error",
                           error=f"malformed CSV row {rowno + 1}: {e}")
            return
        if not row:
            continue
        rowno += 1
        yield _record_document(dict(zip(names, row)), path, file_id, rowno)
    if not rowno:
        yield Document(file_id, path)


def _column(header: str) -> str:
    """Normalised CSV column name: ``_column(" Text ") == "text"``."""
    return header.strip().strip("\ufeff").strip().lower()


def _csv_delimiter(header: str) -> str:
    """The delimiter that makes a ``text`` column appear: ``_csv_delimiter("id;text") == ";"``."""
    for delimiter in ",;\t|":
        if "text" in (_column(h).strip('"') for h in header.split(delimiter)):
            return delimiter
    return ","


@lru_cache(maxsize=1)
def _lift_csv_limit() -> None:
    """Allow CSV fields as long as whole articles (the default limit is 128 KiB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


def _record_document(record: dict, path: str, file_id: str, number: int) -> Document:
    """Document of one JSONL/CSV record, ``id`` naming it when present.

    >>> _record_document({"id": "a1", "text": "Un mort."}, "x.csv", "x.csv", 3).doc_id
    'x.csv:a1'
    """
    rid = record.get("id")
    rid = "" if rid is None else str(rid).strip()
    doc = Document(f"{file_id}:{rid or number}", path,
                   **{k: _as_str(record.get(k)) for k in RECORD_FIELDS})
    text = record.get("text")
    if isinstance(text, str):
        doc.text = text
        try:
            doc.published = parse_published(record.get("published"))
        except ValueError as exc:  # the record is named by its doc_id in documents.csv
            doc.status, doc.error = "error", f"published: {exc}"
    else:
        doc.status = "error"
        doc.error = "missing 'text' field" if text is None else "'text' is not a string"
    return doc


def _as_str(value) -> str:
    """Optional metadata as a string: ``_as_str(None) == ""``."""
    return "" if value is None else str(value)
