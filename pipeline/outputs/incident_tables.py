"""Incidents from the tables on disk: read an output folder, write
``incidents.*`` and the ``incident_id`` column of ``events.*``, atomically.

>>> update_incidents("out")          # after `pipeline run corpus --out out`  # doctest: +SKIP
12
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator

from ..incidents import ReportStore, incidents_into
from .tables import ALL_TABLES
from .writers import FORMATS, open_writer


def table_format(folder: str | os.PathLike) -> str | None:
    """The format of the tables in ``folder`` (csv, parquet, jsonl), None if it holds none.

    >>> table_format("/nonexistent") is None
    True
    """
    for fmt in FORMATS:
        if (Path(folder) / f"documents.{fmt}").is_file() and (Path(folder) / f"events.{fmt}").is_file():
            return fmt
    return None


def iter_table(path: str | os.PathLike) -> Iterator[dict]:
    """The rows of one table file, one at a time (csv, jsonl or parquet)."""
    path = Path(path)
    if not path.is_file():
        return
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
            yield from batch.to_pylist()
    elif path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    else:
        with open(path, encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f)


def read_tables(folder: str | os.PathLike, fmt: str,
                names=("events", "entities", "documents")) -> Iterator[tuple[str, dict]]:
    """``(table, row)`` pairs of the tables of ``folder``, table after table."""
    for name in names:
        for row in iter_table(Path(folder) / f"{name}.{fmt}"):
            yield name, row


def update_incidents(folder: str | os.PathLike, fmt: str | None = None, mapper=map, on_load=None) -> int:
    """Find the incidents of the tables in ``folder``; rewrite its events
    table with their ``incident_id`` and write ``incidents.<fmt>``, each file
    under a temporary name renamed at the end (``mapper``: where the blocks
    are matched, see :func:`pipeline.run.engines.block_mapper`). The reports
    wait in a SQLite file of a temporary folder inside ``folder``, removed at
    the end, and are read back one block, then one incident, at a time
    (``on_load``: see :class:`pipeline.incidents.ReportStore`). Returns the
    number of incidents."""
    folder = Path(folder)
    fmt = fmt or table_format(folder)
    if fmt is None:
        raise FileNotFoundError(f"no events and documents tables in {folder}")
    events = folder / f"events.{fmt}"
    with tempfile.TemporaryDirectory(prefix=".incidents-", dir=folder) as tmp, \
            ReportStore(Path(tmp) / "reports.sqlite", on_load) as store:
        n = incidents_into(store, iter_table(events), iter_table(folder / f"documents.{fmt}"),
                           iter_table(folder / f"entities.{fmt}"), mapper)
        writer = open_writer(folder, fmt, {"events": ALL_TABLES["events"], "incidents": ALL_TABLES["incidents"]})
        try:
            ids = store.ids()
            writer.write("events", (dict(r, incident_id=next(ids, "")) for r in iter_table(events)))
            writer.write("incidents", store.rows())
        except BaseException:
            writer.abort()
            raise
        writer.close()
    return n
