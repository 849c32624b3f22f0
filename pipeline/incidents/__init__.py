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
>>> incidents[0]["event_type"], incidents[0]["killed"], ids["a#2"] == incidents[0]["incident_id"]
('disaster', 38, True)
"""
from __future__ import annotations

from itertools import groupby
from typing import Iterable

from .blocking import Report, blocks, document_reports
from .matching import block_links, cluster
from .table import CATEGORIES, INCIDENT_COLUMNS, INCIDENT_INT_COLUMNS, incident_row

__all__ = ["find_incidents", "reports_of", "group_reports", "INCIDENT_COLUMNS", "INCIDENT_INT_COLUMNS",
           "CATEGORIES"]


def reports_of(events: Iterable[dict], documents: Iterable[dict],
               entities: Iterable[dict] = ()) -> list[Report]:
    """The reports of every article. ``events`` and ``entities`` are rows in
    article order (as the tables are written); ``documents`` gives each
    article's publication date."""
    published = {d["doc_id"]: d.get("published") or None for d in documents}
    ents: dict[str, list[dict]] = {}
    for e in entities:
        if e.get("label") in ("LOC", "PER", "ORG", "MISC"):
            ents.setdefault(e["doc_id"], []).append(
                {k: e.get(k) for k in ("text", "label", "canonical", "country", "geo_precision")})
    reports = []
    for doc_id, rows in groupby(events, key=lambda r: r["doc_id"]):
        reports.extend(document_reports(doc_id, list(rows), published.get(doc_id), ents.pop(doc_id, [])))
    return reports


def group_reports(reports: list[Report], mapper=map) -> dict[str, str]:
    """Report key to incident key, block by block; ``mapper`` runs
    :func:`.matching.block_links` over the blocks (``map``, or
    :func:`pipeline.engines.block_mapper` to run them on Dask workers)."""
    links = []
    for found in mapper(block_links, blocks(reports)):
        links.extend(found)
    return cluster(reports, links)


def find_incidents(events: Iterable[dict], documents: Iterable[dict],
                   entities: Iterable[dict] = (), mapper=map) -> tuple[list[dict], dict[str, str]]:
    """The incident rows (sorted by start date, then id) and the
    ``incident_id`` of each ``event_id``."""
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
                ids[r["event_id"]] = row["incident_id"]
    rows.sort(key=lambda r: (r["start_date"], r["incident_id"]))
    return rows, ids
