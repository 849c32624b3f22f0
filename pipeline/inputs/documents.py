"""The :class:`Document`: one text and what is known of where it came from,
and :func:`finish_document`, which gives it its hash, date, language and status.

>>> doc = finish_document(Document("a.txt", "in/a.txt", "Douze policiers ont été tués dans les émeutes."), {}, None)
>>> doc.status, doc.language
('ok', 'fr')
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .languages import detect_language
from .published import find_published


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
