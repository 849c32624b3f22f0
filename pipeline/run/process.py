"""Run the spaCy pipeline over documents and turn each into table rows.

Documents go through ``nlp.pipe`` in batches; a long text is cut into pieces
at paragraph or sentence boundaries so that offsets still index the original
text. Worker processes start from the loaded pipeline (:func:`worker_pool`).

>>> result = process_documents([Document("a.txt", "a.txt", "Deux policiers ont été tués.")])[0]
>>> result.events[0]["event_type"], result.document["status"]
('killed', 'ok')
"""
from __future__ import annotations

import re
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Iterable, Iterator

from spacy.language import Language

from ..casualties import register_extensions
from ..entities import entity_rows
from ..inputs import Document
from ..language.nlp import load_nlp
from ..language.normalise import normalise
from ..language.texts import make_doc
from ..outputs.tables import event_rows, number_events

MAX_PIECE = 50_000  # characters handed to the parser at once


@dataclass
class Result:
    """Rows of the three tables for one input document."""

    document: dict
    events: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)


def split_text(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) of at most ``limit`` characters, at
    paragraph breaks, else sentence ends, else spaces, else anywhere.

    >>> split_text("Un. Deux. Trois.", limit=10)
    [(0, 'Un. Deux. '), (10, 'Trois.')]
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"[.!?]\s", r"\s"):
            ends = [m.end() for m in re.finditer(pattern, window)]
            ends = [e for e in ends if e > limit // 4]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _document_row(d: Document) -> dict:
    return {
        "doc_id": d.doc_id, "path": d.path, "status": d.status, "error": d.error,
        "n_chars": len(d.text), "n_tokens": 0, "published": d.published or "",
        "sha256": d.sha256, "language": d.language, "n_events": 0, "n_entities": 0,
    }


def _make_doc(nlp: Language, text: str, d: Document):
    doc = make_doc(nlp, normalise(text))
    doc._.published = d.published
    doc._.doc_id = d.doc_id
    return doc


def _collect(result: Result, sdoc, d: Document, offset: int) -> None:
    result.events.extend(event_rows(sdoc, d.text, offset))
    for row in entity_rows(sdoc):
        row = dict(row, doc_id=d.doc_id)
        row["char_start"] += offset
        row["char_end"] += offset
        row["text"] = d.text[row["char_start"]:row["char_end"]]  # the original characters
        result.entities.append(row)
    result.document["n_tokens"] += len(sdoc)


def _finish(result: Result, d: Document) -> Result:
    number_events(result.events, d.doc_id)
    result.document["n_events"] = len(result.events)
    result.document["n_entities"] = len(result.entities)
    return result


def process_documents(docs: list[Document], nlp: Language | None = None, batch_size: int = 16,
                      zone: bool = True) -> list[Result]:
    """Rows for each document of ``docs`` (same order). A document that makes
    the pipeline fail is reported with status ``error``; the others go on.
    The strings and lexemes the texts add to the vocabulary are freed at the
    end (``nlp.memory_zone``), unless ``zone`` is False: then the caller
    bounds memory (:class:`ZoneRotation`)."""
    nlp = nlp or load_nlp()
    register_extensions()
    if not zone or nlp.vocab.in_memory_zone:  # zones do not nest: the caller's zone frees them
        return _process(docs, nlp, batch_size)
    with nlp.memory_zone():
        return _process(docs, nlp, batch_size)


def _process(docs: list[Document], nlp: Language, batch_size: int) -> list[Result]:
    results = [Result(_document_row(d)) for d in docs]
    jobs = [(k, off, piece) for k, d in enumerate(docs) if d.status == "ok"
            for off, piece in split_text(d.text)]
    try:
        stream = nlp.pipe((_make_doc(nlp, piece, docs[k]) for k, _, piece in jobs), batch_size=batch_size)
        for (k, off, _), sdoc in zip(jobs, stream):
            _collect(results[k], sdoc, docs[k], off)
    except Exception:  # one bad document: redo this batch one document at a time
        results = [Result(_document_row(d)) for d in docs]
        for k, d in enumerate(docs):
            if d.status != "ok":
                continue
            try:
                for off, piece in split_text(d.text):
                    _collect(results[k], nlp(_make_doc(nlp, piece, d)), d, off)
            except Exception as exc:  # noqa: BLE001 - reported in documents.csv
                results[k] = Result(dict(_document_row(d), status="error", error=f"{type(exc).__name__}: {exc}"))
    return [_finish(r, d) for r, d in zip(results, docs)]


WARM_STRINGS = 100_000  # strings a process keeps for good: the corpus' everyday words
ZONE_STRINGS = 200_000  # strings a memory zone may gather before it is freed


class ZoneRotation:
    """Memory zones for one ``nlp``, without their cost in speed.

    A zone frees what its texts add to the vocabulary, but inside a zone
    spaCy's tokenizer caches nothing and every lexeme is made anew in each
    zone: a zone per task of 32 documents cost a tenth of the run. So the
    first ``warm`` strings a process meets (the corpus' everyday words and
    their cached tokenizations) are kept for good, with no zone; after that
    one zone spans many tasks, and once it has gathered ``limit`` strings
    :meth:`rotate` frees them and opens a new one. Memory is bounded by
    ``warm + limit`` strings, whatever the size of the corpus. Call
    :meth:`rotate` between tasks only, when no ``Doc`` of earlier tasks is
    left, and :meth:`close` at the end of a run.

    >>> zones = zones_for(nlp)
    >>> for batch in batched(docs, 32):
    ...     zones.rotate()
    ...     results = process_documents(batch, nlp, zone=False)
    >>> zones.close()
    """

    def __init__(self, nlp: Language, warm: int = WARM_STRINGS, limit: int = ZONE_STRINGS):
        self.nlp, self.warm, self.limit = nlp, warm, limit
        self._start = len(nlp.vocab.strings)
        self._zone: ExitStack | None = None
        self._base = 0

    def rotate(self) -> None:
        size = len(self.nlp.vocab.strings)
        if self._zone is not None:
            if size - self._base <= self.limit:
                return
            self.close()
            size = len(self.nlp.vocab.strings)
        if size - self._start <= self.warm or self.nlp.vocab.in_memory_zone:
            return  # still warming up, or the caller's zone frees the memory
        self._base = size
        self._zone = ExitStack()
        self._zone.enter_context(self.nlp.memory_zone())

    def close(self) -> None:
        if self._zone is not None:
            self._zone.close()
            self._zone = None


@lru_cache(maxsize=4)
def zones_for(nlp: Language) -> ZoneRotation:
    """The process's :class:`ZoneRotation` of ``nlp`` (its warm-up is counted once)."""
    return ZoneRotation(nlp)


def process_task(docs: list[Document]) -> list[Result]:
    """:func:`process_documents` in a worker process (local pool or Dask),
    under the worker's rotating memory zones."""
    nlp = load_nlp()
    zones_for(nlp).rotate()
    return process_documents(docs, nlp, zone=False)


MIN_TASK = 4  # documents: the smallest task the end of a run is cut into


def batched(items: Iterable, size: int, total: int | None = None, workers: int = 1) -> Iterator[list]:
    """Lists of up to ``size`` consecutive items. Given how many items come
    (``total``) and ``workers``, the lists get shorter towards the end (at
    most the items left over twice the workers, at least ``MIN_TASK``), so
    that the workers finish together instead of one of them working alone on
    the last task.

    >>> [len(b) for b in batched(range(70), 32)]
    [32, 32, 6]
    >>> [len(b) for b in batched(range(70), 32, total=70, workers=2)]
    [18, 13, 10, 8, 6, 4, 4, 4, 3]
    """
    batch: list = []
    cap = _task_size(size, total, workers)
    for item in items:
        batch.append(item)
        if len(batch) >= cap:
            yield batch
            if total is not None:
                total -= len(batch)
            batch = []
            cap = _task_size(size, total, workers)
    if batch:
        yield batch


def _task_size(size: int, left: int | None, workers: int) -> int:
    if left is None or workers <= 1:
        return size
    return max(min(size, MIN_TASK), min(size, -(-left // (2 * workers))))


TASK_SIZE = 32  # documents per task, parsed by nlp.pipe in batches of 16


def iter_results(docs: Iterable[Document], workers: int = 1, batch_size: int = TASK_SIZE,
                 total: int | None = None) -> Iterator[Result]:
    """Process a stream of documents with ``workers`` local processes, in tasks
    of ``batch_size`` documents (shorter towards the end when the ``total``
    number of documents is given: :func:`batched`), yielding results in input
    order as they are ready (memory stays flat). Never more processes than
    tasks: a corpus of one task runs in this process, with no start-up."""
    batches = batched(docs, batch_size, total, workers)
    if workers > 1:
        head = list(islice(batches, workers))
        workers, batches = len(head), chain(head, batches)
    if workers <= 1:
        nlp = load_nlp()
        zones = zones_for(nlp)
        with frozen_heap():
            try:
                for batch in batches:
                    zones.rotate()
                    yield from process_documents(batch, nlp, zone=False)
            finally:
                zones.close()  # no zone left open for the caller's own Docs
        return
    from collections import deque

    with worker_pool(workers) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(process_task, (batch,)))
            if len(pending) >= 2 * workers:  # bounded: never read far ahead of the workers
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


@contextmanager
def frozen_heap():
    """The objects alive now (the model, its vocabulary, our lexicons) left
    out of the garbage collector's full passes while the block runs: each
    pass would walk them all again, for nothing (``gc.freeze``); nothing
    is frozen when the caller froze objects already.

    >>> with frozen_heap():
    ...     results = process_documents(docs)
    """
    import gc

    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def start_method() -> str:
    """How worker processes start: ``fork`` of this process once the model is
    loaded, where that is safe (Linux, and no other thread running: a
    notebook kernel or a Dask client runs threads; macOS system libraries do
    not survive a fork of a busy process); else ``forkserver`` (a server
    process that loads the model once and forks the workers from it), else
    ``spawn`` (Windows: each worker loads the model)."""
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@contextmanager
def worker_pool(workers: int, method: str | None = None):
    """A ``multiprocessing`` pool of ``workers`` processes that start with the
    pipeline loaded (:func:`start_method`) and leave Ctrl-C to this process.

    >>> with worker_pool(2) as pool:
    ...     [r.document["n_events"] for r in pool.apply(process_task, ([doc],))]
    [1]
    """
    import gc
    import multiprocessing as mp

    method = method or start_method()
    ctx = mp.get_context(method)
    frozen = False
    if method == "fork":
        load_nlp()  # loaded once, here: every worker starts from it
        gc.collect()
        gc.freeze()  # the collector then leaves the model's objects, and their shared pages, alone
        frozen = True
    elif method == "forkserver":
        ctx.set_forkserver_preload(["pipeline.run.preload"])  # the server loads the model once
    try:
        with ctx.Pool(workers, initializer=_ignore_interrupt) as pool:
            yield pool
    finally:
        if frozen:
            gc.unfreeze()


def _ignore_interrupt() -> None:
    """In a worker: Ctrl-C reaches the whole process group, the parent handles it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
