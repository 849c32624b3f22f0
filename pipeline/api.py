"""The notebook API: texts or folders in, three pandas DataFrames out.

>>> from pipeline import extract
>>> res = extract("Douze policiers ont été tués à Almaty.", published="2022-01-06")
>>> res.events[["event_type", "count", "victims"]].values.tolist()
[['killed', 12, 'security_forces']]
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Iterable, Mapping

import pandas as pd

from .export import to_frames
from .process import iter_results
from .read import Document, detect_language, find_published, read_inputs


@dataclass
class Extraction:
    """The three tables of one extraction."""

    events: pd.DataFrame
    entities: pd.DataFrame
    documents: pd.DataFrame

    def __repr__(self) -> str:
        return (f"Extraction({len(self.documents)} documents, {len(self.events)} events, "
                f"{len(self.entities)} entities)")


def _text_document(doc_id: str, text: str, published: str | None) -> Document:
    if not isinstance(text, str):
        return Document(doc_id, "", "", status="error", error=f"text must be a string, not {type(text).__name__}")
    d = Document(doc_id, "", text, published=find_published(text, "", published),
                 sha256=hashlib.sha256(text.encode("utf-8")).hexdigest() if text else "")
    if not text.strip():
        d.status = "empty"
    else:
        d.language = detect_language(text) or "fr"
    return d


def collect(documents: Iterable[Document], workers: int = 1) -> Extraction:
    """Run the pipeline over ``documents`` and gather the three tables."""
    events, entities, docs = [], [], []
    for r in iter_results(documents, workers=workers):
        events.extend(r.events)
        entities.extend(r.entities)
        docs.append(r.document)
    return Extraction(**to_frames(events, entities, docs))


def extract(texts: str | Iterable[str] | Mapping[str, str], published: str | None = None,
            workers: int = 1) -> Extraction:
    """Extract events and entities from one text, a list of texts (ids
    ``text-1``, ``text-2``...) or a dict ``{doc_id: text}``.

    >>> extract({"a": "Trois blessés à Lyon."}).events["count"].tolist()
    [3]
    """
    if isinstance(texts, str):
        items = [("text-1", texts)]
    elif isinstance(texts, Mapping):
        items = list(texts.items())
    else:
        items = [(f"text-{n}", t) for n, t in enumerate(texts, 1)]
    return collect((_text_document(str(k), t, published) for k, t in items), workers=workers)


def extract_folder(*paths: str | os.PathLike, published: str | None = None, workers: int = 1) -> Extraction:
    """Extract from a folder (walked recursively), files, or several of them."""
    return collect(read_inputs(paths, published=published), workers=workers)
