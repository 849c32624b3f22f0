"""Incidents: one row per real-world event across all the articles of a run.

Takes the tables of a run (``events``, ``documents`` and, for names and
places, ``entities``: row dicts, DataFrames or the files of an output
folder) and gives the ``incidents`` table (:data:`INCIDENT_COLUMNS`) and
each event row's ``incident_id``. No parsing: it works from the tables
alone, so ``pipeline incidents OUT`` rebuilds them from earlier runs.

Steps, each a module of pure functions tested on its own:

1. :mod:`.blocking`: the rows of each article split into reports (its main
   event, the earlier events it recalls, totals over years), then blocks of
   reports that may be one event (group of families x country x window of
   days, neighbouring windows overlapping);
2. :mod:`.matching`: within a block, pairs of compatible reports (family,
   country, date window, distance) whose texts agree, grouped without
   letting an incident last longer than its family allows;
3. :mod:`.tolls`: best, low and high estimates of each casualty category;
4. :mod:`.table`: the incident rows.

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

from typing import Iterable

from .blocking import Report, blocks, document_reports
from .matching import block_links, cluster
from .table import CATEGORIES, INCIDENT_COLUMNS, INCIDENT_INT_COLUMNS, incident_row

__all__ = ["find_incidents", "reports_of", "group_reports", "INCIDENT_COLUMNS", "INCIDENT_INT_COLUMNS",
           "CATEGORIES"]


def reports_of(events: Iterable[dict], documents: Iterable[dict],
               entities: Iterable[dict] = ()) -> list[Report]:
    """The reports of every article. The three tables are read in step, as
    they are written: each row of ``documents`` says how many rows of
    ``events`` and ``entities`` are its own (``n_events``, ``n_entities``),
    so two articles with one doc_id (two folders each with an ``a.txt``)
    stay two; the second is keyed ``a.txt~2``. Each row gets ``_pos``, its
    place in ``events``."""
    reports, seen, pos = [], {}, 0
    for doc, rows, names in _in_step(events, documents, entities):
        rows = [dict(r, _pos=pos + n) for n, r in enumerate(rows)]
        pos += len(rows)
        if not rows:
            continue
        doc_id = doc["doc_id"]
        k = seen[doc_id] = seen.get(doc_id, 0) + 1
        names = [{f: e.get(f) for f in ("text", "label", "canonical", "country", "geo_precision")}
                 for e in names if e.get("label") in ("LOC", "PER", "ORG", "MISC")]
        reports.extend(document_reports(doc_id if k == 1 else f"{doc_id}~{k}", rows,
                                        doc.get("published") or None, names))
    return reports


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


def group_reports(reports: list[Report], mapper=map) -> dict[str, str]:
    """Report key to incident key, block by block; ``mapper`` runs
    :func:`.matching.block_links` over the blocks (``map``, or
    :func:`pipeline.run.engines.block_mapper` to run them on Dask workers)."""
    links = []
    for found in mapper(block_links, blocks(reports)):
        links.extend(found)
    return cluster(reports, links)


def find_incidents(events: Iterable[dict], documents: Iterable[dict],
                   entities: Iterable[dict] = (), mapper=map) -> tuple[list[dict], list[str]]:
    """The incident rows (sorted by start date, then id) and the
    ``incident_id`` of each row of ``events``, in their order."""
    reports = reports_of(events, documents, entities)
    of = group_reports(reports, mapper)
    members: dict[str, list[Report]] = {}
    for r in reports:
        members.setdefault(of[r.key], []).append(r)
    rows, ids = [], {}
    for group in members.values():
        row = incident_row(group)
        rows.append(row)
        for rep in group:
            for r in rep.rows:
                ids[r["_pos"]] = row["incident_id"]
    rows.sort(key=lambda r: (r["start_date"], r["incident_id"]))
    return rows, [ids.get(n, "") for n in range(max(ids, default=-1) + 1)]
