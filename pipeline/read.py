"""Read input files and folders into :class:`Document` objects (no spaCy here).

Folders are walked recursively in sorted order; ``.txt`` files give one
document, ``.jsonl`` and ``.csv`` files one document per record. Every input
gives at least one document: problems are reported on the document
(``status`` and ``error``), never raised.

>>> doc = next(read_inputs(["corpus/kazakhstan.txt"], published="2022-01-06"))
>>> doc.doc_id, doc.status, doc.published
('kazakhstan.txt', 'ok', '2022-01-06')
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from charset_normalizer import from_bytes

from .published import find_published, parse_published

__all__ = ["Document", "read_inputs", "count_documents", "decode_bytes", "find_published", "detect_language"]

READABLE = (".txt", ".jsonl", ".csv")
RECORD_FIELDS = ("title", "url", "source")
LANG_SAMPLE = 2000  # characters looked at by detect_language
SHORT_TEXT = 20  # words; below this a language needs stronger evidence


@dataclass
class Document:
    """One text to process, with what is known about where it came from.

    >>> Document("2022/kazakhstan.txt", "in/2022/kazakhstan.txt", "Douze policiers tués.").status
    'ok'
    """

    doc_id: str
    path: str
    text: str = ""
    published: str | None = None
    title: str = ""
    url: str = ""
    source: str = ""
    status: str = "ok"
    error: str = ""
    sha256: str = ""
    language: str = ""


# ---------------------------------------------------------------------------
# Reading inputs


def read_inputs(
    inputs: Iterable[str | os.PathLike], published: str | None = None
) -> Iterator[Document]:
    """Yield the documents of folders and files, in order, deduplicated.

    ``published`` is the last-resort publication date (``ValueError`` at once
    if it is not an ISO date, see :mod:`pipeline.published`).

    >>> [d.doc_id for d in read_inputs(["corpus"])]
    ['kazakhstan.txt']
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    try:
        default = parse_published(published)
    except ValueError as exc:
        raise ValueError(f"published: {exc}") from None
    return _read_all(inputs, default)


def _read_all(inputs: Iterable, default: str | None) -> Iterator[Document]:
    """Read each input and finish its documents against one duplicate table."""
    seen: dict[str, str] = {}
    for item in inputs:
        try:
            path = os.fsdecode(item)
        except TypeError:
            yield Document(str(item), str(item), status="error", error="not a path")
            continue
        for doc in _read_input(path):
            yield finish_document(doc, seen, default)


def _read_input(path: str) -> Iterator[Document]:
    """Documents of one input given by the caller: a folder or a file."""
    if os.path.isdir(path):
        yield from _read_folder(path)
    elif os.path.isfile(path):
        yield from _read_file(path, _name(path), explicit=True)
    elif os.path.exists(path):
        yield Document(_name(path), path, status="error", error="not a regular file")
    else:
        yield Document(_name(path), path, status="error", error="no such file")


def count_documents(inputs: Iterable[str | os.PathLike]) -> int:
    """How many documents :func:`read_inputs` will yield, found cheaply: a
    text file counts one without being read, JSONL and CSV files are parsed
    for their records (no language detection, no hashing).

    >>> count_documents(["corpus"])
    6
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    n = 0
    for item in inputs:
        try:
            path = os.fsdecode(item)
        except TypeError:
            n += 1
            continue
        if os.path.isdir(path):
            found = list(_walk(path, ""))
            n += sum(1 if problem else _count_file(full, explicit=False) for _, full, problem in found) or 1
        else:
            n += _count_file(path, explicit=True) if os.path.isfile(path) else 1
    return n


def _count_file(path: str, explicit: bool) -> int:
    if os.path.splitext(path)[1].lower() in (".jsonl", ".csv"):
        return sum(1 for _ in _read_file(path, "", explicit))
    return 1


def _name(path: str) -> str:
    """File name of ``path``: ``_name("in/2022/a.txt") == "a.txt"``."""
    return os.path.basename(os.path.normpath(path)) or path


def _read_folder(root: str) -> Iterator[Document]:
    """Documents of every visible file under ``root``, by relative POSIX path."""
    found = sorted(_walk(root, ""))
    if not found:
        yield Document(_name(root), root, status="empty", error="no files")
    for rel, full, problem in found:
        if problem:
            yield Document(rel or _name(root), full, status="error", error=problem)
        else:
            yield from _read_file(full, rel, explicit=False)


def _walk(root: str, rel: str) -> Iterator[tuple[str, str, str]]:
    """Yield ``(relative path, full path, problem)`` for files under ``root/rel``.

    Hidden names (``.git``, ``.DS_Store``) are skipped; folder links are not
    followed, so a link loop cannot hang the walk.
    """
    folder = os.path.join(root, *rel.split("/")) if rel else root
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as e:
        yield rel, folder, f"cannot read folder: {e.strerror or e}"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(root, child)
            elif entry.is_file():
                yield child, entry.path, ""
            elif entry.is_dir():
                yield child, entry.path, "link to a folder (not followed)"
            else:
                yield child, entry.path, "not a regular file"
        except OSError as e:
            yield child, entry.path, f"cannot read: {e.strerror or e}"


def _read_file(path: str, doc_id: str, explicit: bool) -> Iterator[Document]:
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


def finish_document(doc: Document, seen: dict[str, str], default: str | None) -> Document:
    """Fill in hash, language, date and status of a freshly read document.

    ``seen`` maps each hash to the first doc_id that had it.
    """
    if doc.status != "ok":
        return doc
    text = doc.text
    if text:
        doc.sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if doc.published is None:
        doc.published = find_published(text, doc.path, default)
    if not text.strip():
        doc.status = "empty"
        return doc
    doc.language = detect_language(text)
    if doc.sha256 in seen:
        doc.status, doc.error = "skipped", f"duplicate of {seen[doc.sha256]}"
        return doc
    seen[doc.sha256] = doc.doc_id
    if doc.language not in ("", "fr"):
        doc.status, doc.error = "skipped", f"not French ({doc.language})"
    return doc


# ---------------------------------------------------------------------------
# Decoding

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# what cp1252 French text shows beyond ASCII: letters, typography, symbols
_FRENCH_CHARS = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’‚“”„–—…•·€°º²³×÷±§©®™¼½¾µ\xa0"
_NOT_FRENCH = re.compile(f"[^\x00-\x7f{_FRENCH_CHARS}]")


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text: BOMs, UTF-8, then legacy code pages.

    Raises ``ValueError("binary file")`` for data that is not text.

    >>> decode_bytes("Besançon – 12 blessés".encode("cp1252"))
    'Besançon – 12 blessés'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise ValueError("binary file")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _decode_cp1252(data)
    if text is not None and _plausible_french(text):
        return _check_text(text)
    text = data.decode("utf-8", "replace")
    if _mostly_utf8(text):
        return _check_text(text)
    match = from_bytes(data).best()
    if match is None:
        raise ValueError("binary file")
    return _check_text(str(match))


def _decode_cp1252(data: bytes) -> str | None:
    """cp1252 text, or None when ``data`` uses the five bytes cp1252 leaves undefined."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _plausible_french(text: str) -> bool:
    """True when almost every non-ASCII character is one French text uses.

    >>> _plausible_french("Les élèves ont été évacués"), _plausible_french("Ïðèâåò ìèð")
    (True, False)
    """
    odd = len(_NOT_FRENCH.findall(text))
    return odd * 20 <= len(_NON_ASCII.findall(text))


def _mostly_utf8(text: str) -> bool:
    """True for UTF-8 with a few stray bytes: ``"été ... \\ufffd"``, not ``"\\ufffdt\\ufffd"``."""
    bad = text.count("\ufffd")
    return bad * 20 <= len(_NON_ASCII.findall(text)) - bad


def _check_text(text: str) -> str:
    """Return ``text``, or raise ``ValueError("binary file")`` if over 1% is control characters."""
    if len(_CONTROL.findall(text)) * 100 > len(text):
        raise ValueError("binary file")
    return text


# ---------------------------------------------------------------------------
# Language

# frequent function words, with the ones the five languages share left in:
# the margin between the best and second language absorbs them
_STOPWORDS = {
    "fr": "le la les l des du de d un une et est sont dans pour par sur avec que qu qui ne "
          "pas plus au aux ce cette ces il elle ils elles nous vous son sa ses leur leurs "
          "été être a ont à en se mais ou où selon après avait était comme aussi entre "
          "depuis lors y on n s c",
    "en": "the and of to in is are was were that this with for on by from have has had "
          "be been it its at as an a not they he she said which would will but or their "
          "there who after also than more one two",
    "de": "der die das und ist sind nicht mit von zu den dem des ein eine einen einem im "
          "auf für sich auch es wurde wurden bei nach aus als wie dass hat haben werden "
          "sie er oder aber noch um über vor",
    "es": "el la los las de del y en que es son un una por para con se no al lo su sus "
          "como más pero fue ha han este esta entre sobre también según muy ya tras desde",
    "it": "il lo la gli le di del della dei delle degli e è che per con non un una sono "
          "da al alla nel nella si anche come più ma ha hanno stato questo questa tra "
          "dopo ad ai dal",
}
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Language code from the share of function words, or "" when unclear.

    >>> detect_language("Douze policiers ont été tués dans les émeutes à Almaty.")
    'fr'
    >>> detect_language("Almaty, Kazakhstan")
    ''
    """
    words = _WORD.findall(text[:LANG_SAMPLE].lower())
    hits = dict.fromkeys(_STOPWORDS, 0)
    for w, n in Counter(words).items():
        for lang in _WORD_LANGS.get(w, ()):
            hits[lang] += n
    (best, top), (_, second) = sorted(hits.items(), key=lambda kv: -kv[1])[:2]
    if len(words) < SHORT_TEXT:
        sure = top >= 3 and top >= 2 * second
    else:
        sure = top >= 3 and top * 10 >= len(words) and top * 2 >= second * 3
    return best if sure else ""
