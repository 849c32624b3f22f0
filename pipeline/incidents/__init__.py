"""Incidents: one row per real-world event across all the articles of a run.

Takes the tables of a run (``events``, ``documents`` and, for names and
places, ``entities``: row dicts, DataFrames or the files of an output
folder) and gives the ``incidents`` table (:data:`INCIDENT_COLUMNS`) and
each event row's ``incident_id``. No parsing: it works from the tables
alone, so ``pipeline incidents OUT`` rebuilds them from earlier runs.

Steps, each a module of pure functions tested on its own:

1. :mod:`.blocking`: the rows of each article split into reports (its main
   event, the earlier events it recalls, totals over years);
2. :mod:`.store`: the reports spilled to SQLite (on disk for ``pipeline
   run``, in memory for the notebook) and read back in blocks of reports
   that may be one event (group of families x window of days, neighbouring
   windows overlapping), one block at a time;
3. :mod:`.matching`: within a block, pairs of compatible reports (family,
   country, date window, distance) whose texts agree, grouped without
   letting an incident last longer than its family allows;
4. :mod:`.tolls`: best, low and high estimates of each casualty category;
5. :mod:`.table`: the incident rows, one incident at a time.

Only small things are held across blocks: a stub of each report (key,
article, family, dates), the links found and the grouping.

>>> events = [{"doc_id": "a", "event_id": "a#1", "event_type": "disaster", "date": "2016-08-24",
...            "date_precision": "day", "date_text": "mercredi", "location": "Amatrice", "country": "IT",
...            "sentence": "Un séisme a frappé Amatrice mercredi."},
...           {"doc_id": "a", "event_id": "a#2", "event_type": "killed", "count": 38, "cause_event_id": "a#1",
...            "sentence": "Le séisme a fait 38 morts.", "matched_text": "38 morts"}]
>>> incidents, ids = find_incidents(events, [{"doc_id": "a", "published": "2016-08-25"}])
>>> incidents[0]["event_type"], incidents[0]["killed"], ids[1] == incidents[0]["incident_id"]
('disaster', 38, True)
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .blocking import Report, document_reports
from .matching import block_links, cluster
from .store import ReportStore
from .table import CATEGORIES, INCIDENT_COLUMNS, INCIDENT_INT_COLUMNS, incident_row

__all__ = ["find_incidents", "incidents_into", "reports_of", "ReportStore", "INCIDENT_COLUMNS",
           "INCIDENT_INT_COLUMNS", "CATEGORIES"]


def reports_of(events: Iterable[dict], documents: Iterable[dict],
               entities: Iterable[dict] = ()) -> Iterator[Report]:
    """The reports of every article, one article at a time. The three tables are read in step, as
    they are written: each row of ``documents`` says how many rows of
    ``events`` and ``entities`` are its own (``n_events``, ``n_entities``),
    so two articles with one doc_id (two folders each with an ``a.txt``)
    stay two; the second is keyed ``a.txt~2``. Each row gets ``_pos``, its
    place in ``events``."""
    seen, pos = {}, 0
    for doc, rows, names in _in_step(events, documents, entities):
        rows = [dict(r, _pos=pos + n) for n, r in enumerate(rows)]
        pos += len(rows)
        if not rows:
            continue
        doc_id = doc["doc_id"]
        k = seen[doc_id] = seen.get(doc_id, 0) + 1
        names = [{f: e.get(f) for f in ("text", "label", "canonical", "country", "geo_precision")}
                 for e in names if e.get("label") in ("LOC", "PER", "ORG", "MISC")]
        yield from document_reports(doc_id if k == 1 else f"{doc_id}~{k}", rows, doc.get("published") or None, names)


def _count(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _in_step(events: Iterable[dict], documents: Iterable[dict], entities: Iterable[dict]):
    """``(document, its event rows, its entity rows)`` in table order; a
    document without counts takes the rows of its doc_id that follow."""
    ev, en = _Peek(events), _Peek(entities)
    for doc in documents:
        doc_id = doc["doc_id"]
        yield doc, ev.take(doc_id, _count(doc.get("n_events"))), en.take(doc_id, _count(doc.get("n_entities")))
    while ev.head is not None:  # rows of documents the documents table does not list
        doc_id = ev.head["doc_id"]
        yield {"doc_id": doc_id}, ev.take(doc_id, None), []


class _Peek:
    """An iterator of rows with a look at the next one."""

    def __init__(self, rows: Iterable[dict]):
        self._it = iter(rows)
        self.head = next(self._it, None)

    def take(self, doc_id: str, n: int | None) -> list[dict]:
        out = []
        while self.head is not None and self.head.get("doc_id") == doc_id and (n is None or len(out) < n):
            out.append(self.head)
            self.head = next(self._it, None)
        return out


def incidents_into(store: ReportStore, events: Iterable[dict], documents: Iterable[dict],
                   entities: Iterable[dict] = (), mapper=map) -> int:
    """Find the incidents of the three tables into ``store`` (rows read one
    article at a time): the reports go in, come back a block at a time to
    be matched by ``mapper`` (``map``, or
    :func:`pipeline.run.engines.block_mapper` to run
    :func:`.matching.block_links` on Dask workers), then an incident at a
    time for its row. Returns the number of incidents; the rows and each
    event's ``incident_id`` are read from ``store``."""
    store.add(reports_of(events, documents, entities))
    links = [link for found in mapper(block_links, store.blocks()) for link in found]
    store.assign(cluster(store.stubs(), links))
    n = 0
    for row, positions in map(_incident, store.incidents()):  # map: an incident's reports go as its row comes
        store.add_incident(row, positions)
        n += 1
    return n


def _incident(reports: list[Report]) -> tuple[dict, list[int]]:
    """The row of an incident and the positions of its rows in ``events``."""
    return incident_row(reports), [r["_pos"] for rep in reports for r in rep.rows]


def find_incidents(events: Iterable[dict], documents: Iterable[dict],
                   entities: Iterable[dict] = (), mapper=map) -> tuple[list[dict], list[str]]:
    """The incident rows (sorted by start date, then id) and the
    ``incident_id`` of each row of ``events``, in their order (a store in
    memory; :func:`pipeline.outputs.incident_tables.update_incidents` keeps
    one on disk)."""
    with ReportStore() as store:
        incidents_into(store, events, documents, entities, mapper)
        return list(store.rows()), list(store.ids())
