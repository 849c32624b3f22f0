"""The reports of a run spilled to SQLite and given back a block, or an
incident, at a time: the incidents step holds one block in memory, not the
run.

A store on disk (a file in a temporary folder) serves ``pipeline run`` and
``pipeline incidents``; one in memory (``":memory:"``) the notebook API:
the same code either way. Reports are kept in the order they are added;
a block is read back in the order :func:`.blocking.blocks` gives it.

>>> from datetime import date
>>> day = date(2024, 3, 4)  # "Lundi, une attaque a fait 12 morts à Tinkaré" and its follow-up
>>> with ReportStore() as store:
...     store.add([Report("tinkare.txt@0", "tinkare.txt", date(2024, 3, 5), "violence", day, day),
...                Report("tinkare-bilan.txt@0", "tinkare-bilan.txt", date(2024, 3, 6), "violence", day, day)])
...     [[r.key for r in block] for block in store.blocks()]
[['tinkare.txt@0', 'tinkare-bilan.txt@0']]
"""
from __future__ import annotations

import os
import pickle
import sqlite3
from datetime import date
from itertools import repeat
from typing import Callable, Iterable, Iterator, NamedTuple

from .blocking import Report

SCHEMA = """
CREATE TABLE reports (seq INTEGER PRIMARY KEY, key TEXT, doc_id TEXT, family TEXT, lo INTEGER, hi INTEGER,
                      grp TEXT, win INTEGER, root TEXT, data BLOB);
CREATE INDEX reports_block ON reports (grp, win);
CREATE TABLE ids (pos INTEGER PRIMARY KEY, incident TEXT);
CREATE TABLE incidents (start TEXT, id TEXT, data BLOB);
"""


class Stub(NamedTuple):
    """What grouping needs of a report (:class:`.matching.Clusters`): small
    enough to hold for every report of a run."""

    key: str
    doc_id: str
    family: str
    lo: date | None
    hi: date | None


def _ordinal(day: date | None) -> int | None:
    return day.toordinal() if day else None


def _day(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal is not None else None


class ReportStore:
    """Reports in a SQLite file at ``path`` (``":memory:"``: in memory),
    keyed by block, then their incidents. ``on_load`` is called with every
    list of reports read back (a block, an incident's reports), to watch
    what is held in memory."""

    def __init__(self, path: str | os.PathLike = ":memory:",
                 on_load: Callable[[list[Report]], None] | None = None):
        self.db = sqlite3.connect(path)
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        self.on_load = on_load or (lambda reports: None)

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def add(self, reports: Iterable[Report]) -> None:
        """Store ``reports`` (an iterator: one is held at a time)."""
        self.db.executemany(
            "INSERT INTO reports (key, doc_id, family, lo, hi, grp, win, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((r.key, r.doc_id, r.family, _ordinal(r.lo), _ordinal(r.hi), r.group, r.window,
              pickle.dumps(r, pickle.HIGHEST_PROTOCOL)) for r in reports))

    def _loaded(self, blobs: Iterable[tuple[bytes]]) -> list[Report]:
        reports = [pickle.loads(blob) for blob, in blobs]
        self.on_load(reports)
        return reports

    def blocks(self) -> Iterator[list[Report]]:
        """The blocks of :func:`.blocking.blocks`, read one at a time: per
        group of families (a report without one goes with every group), the
        reports of each window and of the next."""
        groups = [g for g, in self.db.execute("SELECT DISTINCT grp FROM reports WHERE grp != 'unknown' ORDER BY grp")]
        for g in groups or ["unknown"]:
            sizes = dict(self.db.execute("SELECT win, COUNT(*) FROM reports WHERE grp IN (?, 'unknown') GROUP BY win",
                                         (g,)))
            for w in sorted(sizes):
                if sizes[w] + sizes.get(w + 1, 0) > 1:
                    yield self._loaded(self.db.execute(
                        "SELECT data FROM reports WHERE grp IN (?, 'unknown') AND win IN (?, ?) ORDER BY win, seq",
                        (g, w, w + 1)))

    def stubs(self) -> Iterator[Stub]:
        """A :class:`Stub` of each report, in order."""
        for key, doc_id, family, lo, hi in self.db.execute(
                "SELECT key, doc_id, family, lo, hi FROM reports ORDER BY seq"):
            yield Stub(key, doc_id, family, _day(lo), _day(hi))

    def assign(self, incident_of: dict[str, str]) -> None:
        """Record each report's incident (report key to the incident's key)."""
        self.db.execute("CREATE INDEX IF NOT EXISTS reports_key ON reports (key)")
        self.db.executemany("UPDATE reports SET root = ? WHERE key = ?", ((v, k) for k, v in incident_of.items()))
        self.db.execute("CREATE INDEX IF NOT EXISTS reports_root ON reports (root, seq)")

    def incidents(self) -> Iterator[list[Report]]:
        """The reports of each incident, in order, one incident at a time."""
        group, current = [], None
        for root, blob in self.db.execute("SELECT root, data FROM reports ORDER BY root, seq"):
            if root != current and group:
                yield self._loaded(group)
                group = []
            current = root
            group.append((blob,))
        if group:
            yield self._loaded(group)

    def add_incident(self, row: dict, positions: Iterable[int]) -> None:
        """Store an incident row and the positions in ``events`` of its rows."""
        self.db.execute("INSERT INTO incidents VALUES (?, ?, ?)",
                        (row["start_date"], row["incident_id"], pickle.dumps(row, pickle.HIGHEST_PROTOCOL)))
        self.db.executemany("INSERT OR REPLACE INTO ids VALUES (?, ?)", ((p, row["incident_id"]) for p in positions))

    def rows(self) -> Iterator[dict]:
        """The incident rows, by start date, then id."""
        for blob, in self.db.execute("SELECT data FROM incidents ORDER BY start, id, rowid"):
            yield pickle.loads(blob)

    def ids(self) -> Iterator[str]:
        """The ``incident_id`` of each row of ``events`` in order, up to the
        last row of a report (``""`` for a row of none)."""
        n = 0
        for pos, incident in self.db.execute("SELECT pos, incident FROM ids ORDER BY pos"):
            yield from repeat("", pos - n)
            yield incident
            n = pos + 1
