"""Incidents end to end: `pipeline run` over two days of coverage, `--append`,
`pipeline incidents`, the notebook API.

The coverage (tests/data/incidents/, written for these tests) holds an
attack on a village of central Mali reported on two days with a rising toll
and a total over years; a look-alike attack three days later on another
village of the same region; an earthquake whose toll is revised downwards.
"""
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "incidents"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def both(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("both")
    run("run", DATA / "day1", DATA / "day2", "--out", out, "--workers", "1", "-q")
    return out


def by_doc(out):
    """Incident rows keyed by the documents they hold."""
    events = read_csv(out / "events.csv")
    incidents = {r["incident_id"]: r for r in read_csv(out / "incidents.csv")}
    docs = {}
    for e in events:
        docs.setdefault(e["incident_id"], set()).add(e["doc_id"].split("-", 3)[-1])
    return {frozenset(d): incidents[i] for i, d in docs.items()}


def test_one_row_per_real_world_event(both):
    incidents = by_doc(both)
    attack = incidents[frozenset({"mali-tinkare.txt", "mali-tinkare-bilan.txt"})]
    quake = incidents[frozenset({"turquie-seisme.txt", "turquie-seisme-bilan.txt"})]
    lookalike = incidents[frozenset({"mali-dounkoura.txt"})]
    assert attack["event_type"] == "attack" and attack["acled_type"] == "Violence against civilians"
    assert (attack["killed"], attack["killed_low"], attack["killed_high"]) == ("19", "12", "19")
    assert attack["killed_from"].startswith("2024-03-06-mali-tinkare-bilan.txt#")
    assert attack["start_date"] == "2024-03-04" and attack["first_reported"] == "2024-03-05"
    assert attack["n_documents"] == "2" and attack["country"] == "ML"
    assert lookalike["killed"] == "8" and lookalike["start_date"] == "2024-03-07"
    assert quake["event_type"] == "disaster" and quake["location"] == "Malatya" and quake["country"] == "TR"


def test_a_toll_revised_downwards_is_the_latest_report(both):
    quake = by_doc(both)[frozenset({"turquie-seisme.txt", "turquie-seisme-bilan.txt"})]
    assert (quake["killed"], quake["killed_low"], quake["killed_high"]) == ("38", "38", "45")
    assert quake["killed_from"].startswith("2024-03-07-turquie-seisme-bilan.txt#")


def test_a_total_over_years_is_an_incident_of_its_own(both):
    events = read_csv(both / "events.csv")
    total = next(e for e in events if e["count"] == "10000")
    day = next(e for e in events if e["count"] == "19")
    assert total["cause_event_id"] == "" and total["incident_id"] != day["incident_id"]
    assert all(int(r["killed_high"] or 0) < 10000 for r in read_csv(both / "incidents.csv") if r["n_documents"] == "2")


def test_every_event_row_points_to_an_incident(both):
    ids = {r["incident_id"] for r in read_csv(both / "incidents.csv")}
    events = read_csv(both / "events.csv")
    assert events and all(e["incident_id"] in ids for e in events)
    assert all(r["admin1"] == "" for r in read_csv(both / "incidents.csv"))


def test_append_over_two_days_gives_the_same_tables_as_one_run(both, tmp_path):
    run("run", DATA / "day1", "--out", tmp_path, "--workers", "1", "-q")
    first = by_doc(tmp_path)
    assert first[frozenset({"turquie-seisme.txt"})]["killed"] == "45"
    result = run("run", DATA / "day2", "--out", tmp_path, "--append", "--workers", "1", "-q")
    assert "3 documents (3 ok)" in result.output
    for name in ("incidents", "events", "documents", "entities"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (both / f"{name}.csv").read_bytes(), name
    assert not (tmp_path / ".staging").exists()


def test_append_skips_texts_already_in_the_archive(both, tmp_path):
    for name in ("events", "entities", "documents", "incidents"):
        (tmp_path / f"{name}.csv").write_bytes((both / f"{name}.csv").read_bytes())
    run("run", DATA / "day2", "--out", tmp_path, "--append", "--workers", "1", "-q")
    docs = read_csv(tmp_path / "documents.csv")
    skipped = [d for d in docs if d["status"] == "skipped"]
    assert len(docs) == 8 and len(skipped) == 3
    assert all(d["error"].startswith("already in the archive as ") and d["n_events"] in ("", "0") for d in skipped)
    assert read_csv(tmp_path / "incidents.csv") == read_csv(both / "incidents.csv")
    assert len(read_csv(tmp_path / "events.csv")) == len(read_csv(both / "events.csv"))


def test_incidents_command_rebuilds_from_the_tables(both, tmp_path):
    for name in ("events", "entities", "documents"):
        (tmp_path / f"{name}.csv").write_bytes((both / f"{name}.csv").read_bytes())
    result = run("incidents", tmp_path)
    assert "4 incidents" in result.output
    assert (tmp_path / "incidents.csv").read_bytes() == (both / "incidents.csv").read_bytes()
    assert (tmp_path / "events.csv").read_bytes() == (both / "events.csv").read_bytes()


def test_incidents_command_refuses_a_folder_without_tables(tmp_path):
    result = CliRunner().invoke(app, ["incidents", str(tmp_path)])
    assert result.exit_code == 2 and "no events and documents tables" in result.output


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_append_in_other_formats(both, tmp_path, fmt):
    import pandas as pd

    run("run", DATA / "day1", "--out", tmp_path, "--workers", "1", "-q", "--format", fmt)
    run("run", DATA / "day2", "--out", tmp_path, "--append", "--workers", "1", "-q", "--format", fmt)
    read = pd.read_parquet if fmt == "parquet" else (lambda p: pd.read_json(p, lines=True))
    got = read(tmp_path / f"incidents.{fmt}")
    assert sorted(got["killed"].tolist()) == sorted(int(r["killed"]) for r in read_csv(both / "incidents.csv"))
    wrong = CliRunner().invoke(app, ["run", str(DATA / "day2"), "--out", str(tmp_path), "--append", "-q"])
    assert wrong.exit_code == 2 and fmt in wrong.output


def test_a_killed_append_leaves_the_archive_as_it_was(tmp_path):
    archive = tmp_path / "archive"
    run("run", DATA / "day1", "--out", archive, "--workers", "1", "-q")
    before = {p.name: p.read_bytes() for p in archive.iterdir()}
    today = tmp_path / "today"
    today.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "day2").iterdir())]
    for n in range(60):  # enough documents that the run is still parsing when killed
        (today / f"2024-03-07-{n:03d}.txt").write_text(texts[n % 3] + "\n" * (n + 1), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(today), "--out", str(archive),
                             "--append", "--workers", "1", "--batch-size", "1", "-q"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    checkpoint = archive / ".checkpoint.jsonl"
    try:
        while proc.poll() is None and not (checkpoint.exists() and checkpoint.read_text(encoding="utf-8").strip()):
            time.sleep(0.05)  # polling, not timing: the kill comes once a document is done
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after = {p.name: p.read_bytes() for p in archive.iterdir() if not p.name.startswith(".")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".")}
    run("run", today, "--out", archive, "--append", "--workers", "1", "-q")  # the next run starts afresh
    assert len(read_csv(archive / "documents.csv")) == 62


def test_notebook_api_gives_incidents(nlp):
    from pipeline import extract_folder

    res = extract_folder(DATA / "day1", DATA / "day2")
    assert len(res.incidents) == 4 and str(res.incidents["killed"].dtype) == "Int64"
    assert set(res.events["incident_id"]) == set(res.incidents["incident_id"])
    assert sorted(res.incidents["killed"].tolist()) == [8, 19, 38, 10000]


def test_dask_engine_matches_the_blocks_on_its_workers_with_the_same_result(both, tmp_path):
    from pipeline.run.engines import DaskCluster

    started = DaskCluster.started
    run("run", DATA / "day1", DATA / "day2", "--out", tmp_path, "--engine", "dask", "--workers", "2", "-q")
    assert DaskCluster.started == started + 1  # one local cluster for the documents and the blocks
    for name in ("incidents", "events"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (both / f"{name}.csv").read_bytes(), name


def test_blocks_run_through_the_mapper_they_are_given(both):
    from pipeline.incidents import find_incidents
    from pipeline.outputs.incident_tables import iter_table

    seen = []

    def mapper(fn, blocks):
        for block in blocks:
            seen.append(len(block))
            yield fn(block)

    rows, _ = find_incidents(iter_table(both / "events.csv"), iter_table(both / "documents.csv"),
                             iter_table(both / "entities.csv"), mapper)
    assert seen and len(rows) == len(read_csv(both / "incidents.csv"))


def shifted_copies(src, out, copies, days=40):
    """The tables of ``src`` ``copies`` times into ``out``, copy ``k`` with its
    ids prefixed ``ck/`` and its dates ``k * days`` later: real rows, in more
    blocks than one."""
    from datetime import date, timedelta

    out.mkdir()
    for name in ("documents", "events", "entities"):
        rows = read_csv(src / f"{name}.csv")
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            for k in range(copies):
                for r in rows:
                    r = dict(r, **{c: f"c{k}/{r[c]}" for c in ("doc_id", "event_id", "cause_event_id")
                                   if r.get(c)})
                    for c in ("date", "published"):
                        if len(r.get(c) or "") == 10:
                            r[c] = (date.fromisoformat(r[c]) + timedelta(days=k * days)).isoformat()
                    writer.writerow(r)
    return out


def test_the_tables_on_disk_are_matched_holding_one_block_of_reports_at_a_time(both, tmp_path):
    """Every time the store gives out reports (a block, an incident's), no
    other report is alive in the process."""
    import gc

    from pipeline.incidents import find_incidents
    from pipeline.incidents.blocking import Report
    from pipeline.outputs.incident_tables import iter_table, update_incidents

    folder = shifted_copies(both, tmp_path / "out", copies=4)
    loads, strays = [], []

    def watch(reports):
        gc.collect()
        mine = {id(r) for r in reports}
        strays.append(sum(1 for o in gc.get_objects() if isinstance(o, Report) and id(o) not in mine))
        loads.append(len(reports))

    n = update_incidents(folder, "csv", on_load=watch)
    assert len(loads) - n >= 4 and max(loads) > 1  # several blocks, then one load per incident
    assert strays == [0] * len(loads)
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []  # the store is gone
    rows, ids = find_incidents(iter_table(folder / "events.csv"), iter_table(folder / "documents.csv"),
                               iter_table(folder / "entities.csv"))
    assert len(rows) == n == 4 * len(read_csv(both / "incidents.csv"))
    assert [(r["incident_id"], str(r["killed"] or ""), str(r["n_mentions"])) for r in rows] == \
        [(r["incident_id"], r["killed"], r["n_mentions"]) for r in read_csv(folder / "incidents.csv")]  # in memory
    assert [e["incident_id"] for e in read_csv(folder / "events.csv")] == ids


def test_a_failed_incidents_step_removes_its_store_and_leaves_the_tables(both, tmp_path):
    from pipeline.outputs.incident_tables import update_incidents

    for name in ("events", "entities", "documents"):
        (tmp_path / f"{name}.csv").write_bytes((both / f"{name}.csv").read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def fails(fn, blocks):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        update_incidents(tmp_path, "csv", mapper=fails)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_two_articles_with_one_doc_id_stay_two(tmp_path, nlp):
    """Two folders each with an ``a.txt``: the tables hold two documents of one doc_id."""
    for folder, text in (("x", "Trois morts dans un accident de car à Lyon lundi."),
                         ("y", "Cinq blessés dans l'explosion d'une usine à Lille mardi.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    run("run", tmp_path / "x", tmp_path / "y", "--out", tmp_path / "out", "--workers", "1", "-q",
        "--published", "2024-01-03")
    incidents = read_csv(tmp_path / "out" / "incidents.csv")
    assert sorted((r["killed"], r["injured"]) for r in incidents) == [("", "5"), ("3", "")]
    events = read_csv(tmp_path / "out" / "events.csv")
    assert len({e["incident_id"] for e in events}) == 2


def test_a_run_killed_among_its_renames_is_finished_by_the_next(both, tmp_path, monkeypatch):
    from pipeline.archive import Stage

    for name in ("events", "entities", "documents", "incidents"):
        (tmp_path / f"{name}.csv").write_text("old\n", encoding="utf-8")
    stage = Stage(tmp_path)
    for name in ("events", "entities", "documents"):
        (stage.path / f"{name}.csv").write_bytes((both / f"{name}.csv").read_bytes())
    real, moved = os.replace, []

    def dies_after_one(src, dst):
        if Path(dst).parent == tmp_path and moved:
            raise KeyboardInterrupt  # the kill
        real(src, dst)
        if Path(dst).parent == tmp_path:
            moved.append(dst)

    monkeypatch.setattr(os, "replace", dies_after_one)
    with pytest.raises(KeyboardInterrupt):
        stage.publish()
    monkeypatch.setattr(os, "replace", real)
    assert len(moved) == 1  # the folder mixes two runs' tables until the next run
    Stage(tmp_path)
    for name in ("events", "entities", "documents", "incidents"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (both / f"{name}.csv").read_bytes(), name
