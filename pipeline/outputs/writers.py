"""Writing the tables: CSV, parquet or JSONL files that appear under their
final names only when every row is written (atomic rename), and pandas frames.

>>> FORMATS
('csv', 'parquet', 'jsonl')
"""
from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Iterable

from .tables import ALL_TABLES, FLOAT_COLUMNS, INT_COLUMNS, TABLES


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)


class TableWriter:
    """Write the three tables (or ``tables``, names to columns) into ``out``
    as rows arrive; files appear under their final names only when
    :meth:`close` succeeds (atomic rename)."""

    def __init__(self, out: str | os.PathLike, tables: dict[str, list[str]] | None = None):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.tables = tables or TABLES
        self._files = {}
        self._writers = {}
        for name, cols in self.tables.items():
            tmp = self.out / f".{name}.csv.partial"
            f = open(tmp, "w", encoding="utf-8", newline="")
            w = csv.writer(f)
            w.writerow(cols)
            self._files[name], self._writers[name] = f, w

    def write(self, name: str, rows: Iterable[dict]) -> None:
        cols = self.tables[name]
        w = self._writers[name]
        for row in rows:
            w.writerow([_cell(row.get(c)) for c in cols])

    def close(self) -> None:
        for name, f in self._files.items():
            f.flush()
            os.fsync(f.fileno())
            f.close()
            os.replace(self.out / f".{name}.csv.partial", self.out / f"{name}.csv")

    def abort(self) -> None:
        for name, f in self._files.items():
            f.close()
            (self.out / f".{name}.csv.partial").unlink(missing_ok=True)


FORMATS = ("csv", "parquet", "jsonl")


def typed(column: str, value):
    """A cell with the type of its column, as in :func:`to_frames`: int or
    None, float (5 decimals, as in the CSV) or None, else str.

    >>> typed("count", 12.0), typed("count_high", ""), typed("latitude", 43.252491), typed("source", None)
    (12, None, 43.25249, '')
    """
    if column in INT_COLUMNS or column in FLOAT_COLUMNS:
        if isinstance(value, int) and column in INT_COLUMNS:
            return int(value)
        try:
            number = float(value)
        except (TypeError, ValueError):  # None, "", pd.NA
            return None
        if number != number or number in (float("inf"), float("-inf")):
            return None
        return int(number) if column in INT_COLUMNS else round(number, 5)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


class RecordWriter:
    """:class:`TableWriter` for ``parquet`` or ``jsonl``: same tables, columns
    and types (ints stay ints, empty cells are null). Rows are written as
    they arrive (parquet in row groups of ``batch`` rows) under temporary
    names, renamed to ``events.parquet``... only when :meth:`close` succeeds.

    >>> w = RecordWriter("out", "jsonl"); w.write("events", rows); w.close()
    """

    def __init__(self, out: str | os.PathLike, fmt: str, batch: int = 10_000,
                 tables: dict[str, list[str]] | None = None):
        if fmt not in ("parquet", "jsonl"):
            raise ValueError(f"format must be parquet or jsonl, not {fmt!r}")
        self.out, self.fmt, self.batch = Path(out), fmt, batch
        self.tables = tables or TABLES
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = {name: self.out / f".{name}.{fmt}.partial" for name in self.tables}
        self._buffers: dict[str, list] = {name: [] for name in self.tables}
        self._files = {}
        self._schemas = {}
        try:
            for name in self.tables:
                if fmt == "jsonl":  # backslashreplace: a lone surrogate becomes its JSON escape
                    self._files[name] = open(self._tmp[name], "w", encoding="utf-8",
                                             errors="backslashreplace", newline="\n")
                else:
                    import pyarrow.parquet as pq

                    self._schemas[name] = arrow_schema(name)
                    self._files[name] = pq.ParquetWriter(self._tmp[name], self._schemas[name])
        except BaseException:
            self.abort()
            raise

    def write(self, name: str, rows: Iterable[dict]) -> None:
        cols = self.tables[name]
        for row in rows:
            record = {c: typed(c, row.get(c)) for c in cols}
            if self.fmt == "jsonl":
                self._files[name].write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                self._buffers[name].append(record)
        if len(self._buffers[name]) >= self.batch:
            self._flush(name)

    def _flush(self, name: str) -> None:
        rows, self._buffers[name] = self._buffers[name], []
        if rows:
            import pyarrow as pa

            try:
                table = pa.Table.from_pylist(rows, schema=self._schemas[name])
            except UnicodeEncodeError:  # lone surrogates: one replacement character each
                rows = [{k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in r.items()}
                        for r in rows]
                table = pa.Table.from_pylist(rows, schema=self._schemas[name])
            self._files[name].write_table(table)

    def close(self) -> None:
        for name, f in self._files.items():
            if self.fmt == "jsonl":
                f.flush()
                os.fsync(f.fileno())
            else:
                self._flush(name)
            f.close()
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out / f"{name}.{self.fmt}")

    def abort(self) -> None:
        for f in self._files.values():
            try:
                f.close()
            except Exception:  # noqa: BLE001 - we are cleaning up after an error already
                pass
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def arrow_schema(name: str):
    """The pyarrow schema of a table: int64, float64 or string columns, with
    pandas metadata so that ``pd.read_parquet`` gives back ``Int64`` columns."""
    import pyarrow as pa

    kind = {c: pa.int64() for c in INT_COLUMNS} | {c: pa.float64() for c in FLOAT_COLUMNS}
    frame = frame_of(name, [])
    meta = pa.Schema.from_pandas(frame, preserve_index=False).metadata
    return pa.schema([pa.field(c, kind.get(c, pa.string())) for c in ALL_TABLES[name]], metadata=meta)


def open_writer(out: str | os.PathLike, fmt: str = "csv", tables: dict[str, list[str]] | None = None):
    """The table writer for ``fmt`` (csv, parquet or jsonl) into folder ``out``."""
    if fmt == "csv":
        return TableWriter(out, tables)
    return RecordWriter(out, fmt, tables=tables)


def table_files(out: str | os.PathLike, formats: Iterable[str] = FORMATS) -> list[Path]:
    """The tables (``events.csv``, ``documents.parquet``...) of ``formats``
    that are in folder ``out``, e.g. those an earlier run left there."""
    out = Path(out)
    return [out / f"{name}.{fmt}" for fmt in formats for name in ALL_TABLES if (out / f"{name}.{fmt}").is_file()]


def to_frames(events: list[dict], entities: list[dict], documents: list[dict]):
    """The three tables as pandas DataFrames with the CSV columns and types."""
    import pandas as pd

    return {name: frame_of(name, rows)
            for name, rows in (("events", events), ("entities", entities), ("documents", documents))}


def frame_of(name: str, rows: list[dict]):
    """One table (events, entities, documents, incidents) as a DataFrame with its columns and types."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=ALL_TABLES[name])
    for c in df.columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        else:
            df[c] = df[c].fillna("").astype(str)
    return df
