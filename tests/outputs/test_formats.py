"""``pipeline run --format csv|parquet|jsonl``: same tables, columns and types; atomic files."""
import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app, run_corpus
from pipeline.export import ALL_TABLES, FLOAT_COLUMNS, INT_COLUMNS, TABLES, RecordWriter, frame_of, to_frames, typed
from pipeline.process import Result

ROOT = Path(__file__).resolve().parents[2]


def load(out: Path, fmt: str) -> dict:
    """The four tables of a run (incidents too) as typed DataFrames (to_frames' types)."""
    if fmt == "parquet":
        return {name: pd.read_parquet(out / f"{name}.parquet") for name in ALL_TABLES}
    rows = {}
    for name in ALL_TABLES:
        with open(out / f"{name}.{fmt}", encoding="utf-8", newline="") as f:
            rows[name] = list(csv.DictReader(f)) if fmt == "csv" else [json.loads(line) for line in f]
    return {name: frame_of(name, r) for name, r in rows.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, nlp):
    outs = {}
    for fmt in ("csv", "parquet", "jsonl"):
        out = tmp_path_factory.mktemp(fmt)
        result = CliRunner().invoke(app, ["run", str(ROOT / "corpus"), "--out", str(out), "--workers", "1", "-q",
                                          "--format", fmt])
        assert result.exit_code == 0, result.output
        outs[fmt] = out
    return outs


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_every_format_holds_the_same_tables(runs, fmt):
    expected, got = load(runs["csv"], "csv"), load(runs[fmt], fmt)
    for name, cols in ALL_TABLES.items():
        assert list(got[name].columns) == cols
        assert len(got[name]) > 0
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=True)
    assert sorted(p.name for p in runs[fmt].iterdir()) == sorted(f"{name}.{fmt}" for name in ALL_TABLES)


def test_parquet_columns_are_typed(runs):
    for name, cols in TABLES.items():
        schema = pq.read_schema(runs["parquet"] / f"{name}.parquet")
        assert schema.names == cols
        for col in cols:
            kind = "int64" if col in INT_COLUMNS else "double" if col in FLOAT_COLUMNS else "string"
            assert str(schema.field(col).type) == kind, (name, col)
    events = pd.read_parquet(runs["parquet"] / "events.parquet")
    assert str(events["count_high"].dtype) == "Int64" and events["count_high"].isna().any()  # "au moins un millier"
    assert str(events["latitude"].dtype) == "float64"


def test_jsonl_values_are_typed(runs):
    with open(runs["jsonl"] / "events.jsonl", encoding="utf-8") as f:
        events = [json.loads(line) for line in f]
    assert any(e["count_high"] is None for e in events)
    for e in events:
        assert list(e) == TABLES["events"]
        for col, value in e.items():
            if col in INT_COLUMNS:
                assert value is None or type(value) is int, (col, value)
            elif col in FLOAT_COLUMNS:
                assert value is None or type(value) is float, (col, value)
            else:
                assert type(value) is str, (col, value)


def test_typed_cells():
    assert typed("count", 12.0) == 12 and typed("count", "12") == 12 and typed("count", None) is None
    assert typed("count_high", float("nan")) is None and typed("count_high", pd.NA) is None
    assert typed("latitude", 43.252491) == 43.25249 and typed("latitude", "") is None
    assert typed("source", None) == "" and typed("source", "AFP") == "AFP"


def test_unknown_format_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["run", str(ROOT / "corpus"), "--out", str(tmp_path), "--format", "xlsx"])
    assert result.exit_code == 2 and "xlsx" in result.output
    assert not list(tmp_path.iterdir())


def _rows(n: int) -> Result:
    return Result({"doc_id": f"d{n}", "path": f"d{n}.txt", "status": "ok", "n_chars": 10, "n_events": 1},
                  events=[{"doc_id": f"d{n}", "event_id": f"d{n}#1", "event_type": "killed", "count": n,
                           "count_low": n, "count_high": None, "latitude": 48.0, "char_start": 0, "char_end": 5}])


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_a_failed_run_leaves_the_previous_tables_and_no_partial_file(tmp_path, monkeypatch, fmt):
    def failing(docs, **options):
        yield _rows(1)
        yield _rows(2)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("pipeline.engines.iter_results", failing)
    monkeypatch.setattr("pipeline.read.read_inputs", lambda inputs, published=None: iter(()))
    (tmp_path / f"events.{fmt}").write_text("previous run\n")
    with pytest.raises(RuntimeError):
        run_corpus(["whatever"], str(tmp_path), progress=False, fmt=fmt)
    assert not list(tmp_path.glob(".*.partial"))
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [f"events.{fmt}"]
    assert (tmp_path / f"events.{fmt}").read_text() == "previous run\n"

    monkeypatch.setattr("pipeline.engines.iter_results", lambda docs, **options: iter([_rows(1), _rows(2)]))
    stats = run_corpus(["whatever"], str(tmp_path), progress=False, fmt=fmt)
    assert stats["ok"] == 2 and stats["events"] == 2
    assert load(tmp_path, fmt)["events"]["count"].tolist() == [1, 2]


def test_parquet_rows_are_written_as_they_come(tmp_path):
    """Row groups of ``batch`` rows reach the temporary file before the end;
    the final name appears only on close."""
    w = RecordWriter(tmp_path, "parquet", batch=2)
    for n in range(1, 6):
        w.write("events", _rows(n).events)
    assert not (tmp_path / "events.parquet").exists()
    assert (tmp_path / ".events.parquet.partial").stat().st_size > 0
    w.close()
    f = pq.ParquetFile(tmp_path / "events.parquet")
    assert f.metadata.num_rows == 5 and f.metadata.num_row_groups == 3
    assert not list(tmp_path.glob(".*.partial"))
    assert pd.read_parquet(tmp_path / "documents.parquet").empty  # a table without rows keeps its columns
    assert list(pd.read_parquet(tmp_path / "documents.parquet").columns) == TABLES["documents"]
