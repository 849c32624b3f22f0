"""The notebook API: texts or folders in, pandas DataFrames out (events,
entities, documents, and the incidents across the articles).

>>> from pipeline import extract
>>> res = extract("Douze policiers ont été tués à Almaty.", published="2022-01-06")
>>> res.events[["event_type", "count", "victims"]].values.tolist()
[['killed', 12, 'security_forces']]
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping

from .inputs import Document, finish_document, read_inputs
from .inputs.published import parse_published
from .outputs.writers import frame_of, to_frames
from .run.process import iter_results

if TYPE_CHECKING:  # pandas is imported where the frames are made: `pipeline run` does without it
    import pandas as pd


@dataclass
class Extraction:
    """The tables of one extraction: ``incidents`` has one row per
    real-world event across the articles (see :mod:`pipeline.incidents`)."""

    events: pd.DataFrame
    entities: pd.DataFrame
    documents: pd.DataFrame
    incidents: pd.DataFrame = field(default_factory=lambda: frame_of("incidents", []))

    def __repr__(self) -> str:
        return (f"Extraction({len(self.documents)} documents, {len(self.events)} events, "
                f"{len(self.entities)} entities, {len(self.incidents)} incidents)")


def _text_document(doc_id: str, text: str, published: str | None, seen: dict[str, str]) -> Document:
    if not isinstance(text, str):
        return Document(doc_id, "", "", status="error", error=f"text must be a string, not {type(text).__name__}")
    return finish_document(Document(doc_id, "", text), seen, published)


def collect(documents: Iterable[Document], workers: int = 1) -> Extraction:
    """Run the pipeline over ``documents`` and gather the tables."""
    from .incidents import find_incidents

    events, entities, docs = [], [], []
    for r in iter_results(documents, workers=workers):
        events.extend(r.events)
        entities.extend(r.entities)
        docs.append(r.document)
    incidents, ids = find_incidents(events, docs, entities)
    for row, incident in zip(events, ids):
        row["incident_id"] = incident
    return Extraction(**to_frames(events, entities, docs), incidents=frame_of("incidents", incidents))


def extract(texts: str | Iterable[str] | Mapping[str, str], published: str | None = None,
            workers: int = 1) -> Extraction:
    """Extract events and entities from one text, a list of texts (ids
    ``text-1``, ``text-2``...) or a dict ``{doc_id: text}``. ``published``
    is an ISO date (``ValueError`` otherwise), used when a text has no
    dateline.

    >>> extract({"a": "Trois blessés à Lyon."}).events["count"].tolist()
    [3]
    """
    try:
        published = parse_published(published)
    except ValueError as exc:
        raise ValueError(f"published: {exc}") from None
    if isinstance(texts, str):
        items = [("text-1", texts)]
    elif isinstance(texts, Mapping):
        items = list(texts.items())
    else:
        items = [(f"text-{n}", t) for n, t in enumerate(texts, 1)]
    seen: dict[str, str] = {}  # the same statuses as files: duplicates and other languages skipped
    return collect((_text_document(str(k), t, published, seen) for k, t in items), workers=workers)


def extract_folder(*paths: str | os.PathLike | Iterable[str | os.PathLike], published: str | None = None,
                   workers: int = 1) -> Extraction:
    """Extract from a folder (walked recursively), files, or several of them,
    given as several arguments or as one list. A path that does not exist
    raises ``FileNotFoundError`` before any work.

    >>> extract_folder(["corpus/2022-01-06-kazakhstan.txt", "corpus/wikinews-2012.jsonl"]).documents.shape[0]
    5
    """
    flat = [p for item in paths for p in ([item] if isinstance(item, (str, bytes, os.PathLike)) else item)]
    missing = [os.fsdecode(p) for p in flat if isinstance(p, (str, bytes, os.PathLike)) and not os.path.exists(p)]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    return collect(read_inputs(flat, published=published), workers=workers)


def write_review(inputs: Iterable[str | os.PathLike], out_path: str | os.PathLike,
                 published: str | None = None, workers: int = 1, title: str | None = None) -> Extraction:
    """Run the pipeline over ``inputs`` (folders or files, as ``pipeline run``)
    and write the review page to ``out_path`` atomically; return the
    :class:`Extraction`.

    >>> write_review(["corpus"], "review.html").events.shape[0] > 0
    True
    """
    from .outputs import review

    inputs = [os.fspath(p) for p in inputs]
    texts: dict[str, str] = {}

    def keep(docs):
        for d in docs:
            texts[d.doc_id] = d.text
            yield d

    extraction = collect(keep(read_inputs(inputs, published=published)), workers=workers)
    page = review.render_review(extraction, texts, title or "Extraction review: " + ", ".join(inputs))
    review.write_atomic(out_path, page)
    return extraction
