"""Engines: local processes, an embedded Dask cluster and a running Dask
scheduler with two workers (separate processes on loopback) give the same rows."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.engines import iter_results, iter_results_dask
from pipeline.process import process_documents
from pipeline.read import Document, read_inputs

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
TABLES = ("events", "entities", "documents")
START_TIMEOUT = 90  # seconds for the scheduler file, then for both workers to register


def tables(out: Path) -> dict[str, Counter]:
    """Each CSV of ``out`` as a multiset of rows (order does not matter)."""
    found = {}
    for name in TABLES:
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as f:
            found[name] = Counter(tuple(row) for row in csv.reader(f))
    return found


def same_tables(got: dict[str, Counter], expected: dict[str, Counter]) -> None:
    for name in TABLES:
        extra, missing = got[name] - expected[name], expected[name] - got[name]
        assert not extra and not missing, (name, "extra:", list(extra), "missing:", list(missing))


def run_cli(*args: str) -> None:
    result = CliRunner().invoke(app, ["run", *args, "-q"])
    assert result.exit_code == 0, (result.output, result.exception)


@pytest.fixture(scope="module")
def local_tables(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("local")
    run_cli(str(CORPUS), "--out", str(out), "--workers", "1")
    found = tables(out)
    assert sum(found["events"].values()) > 1  # a header and rows
    assert sum(found["documents"].values()) == 1 + len(list(read_inputs([CORPUS])))
    return found


def _start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    with open(log, "wb") as f:  # the child keeps its own handle
        return subprocess.Popen(args, stdout=f, stderr=subprocess.STDOUT, env=env, cwd=log.parent)


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in sorted(folder.glob("*.log")))


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """Address of a Dask scheduler with two single-threaded workers, each a
    separate process started like on a cluster (``python -m dask ...`` of this
    environment); all stopped at teardown."""
    from distributed import Client

    tmp = tmp_path_factory.mktemp("dask")
    file = tmp / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    dask = [sys.executable, "-m", "dask"]
    procs = []
    try:
        procs.append(_start(dask + ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                    "--scheduler-file", str(file)], tmp / "scheduler.log", env))
        address, deadline = None, time.monotonic() + START_TIMEOUT
        while address is None:
            assert time.monotonic() < deadline and procs[0].poll() is None, _logs(tmp)
            try:
                address = json.loads(file.read_text())["address"]
            except (OSError, ValueError, KeyError):  # not written yet, or half written
                time.sleep(0.2)
        for k in range(2):
            procs.append(_start(dask + ["worker", "--scheduler-file", str(file), "--nthreads", "1", "--no-nanny",
                                        "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{k}",
                                        "--local-directory", str(tmp / f"w{k}"), "--death-timeout", "60"],
                                tmp / f"worker{k}.log", env))
        with Client(address, timeout=30) as client:
            try:
                client.wait_for_workers(2, timeout=START_TIMEOUT)
            except TimeoutError:
                pytest.fail("workers did not register\n" + _logs(tmp))
        yield address
    finally:
        for p in reversed(procs):  # workers first, then the scheduler
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


def test_dask_scheduler_gives_the_rows_of_the_local_engine(scheduler, local_tables, tmp_path):
    run_cli(str(CORPUS), "--out", str(tmp_path), "--engine", "dask", "--scheduler", scheduler)
    same_tables(tables(tmp_path), local_tables)


def test_batches_go_to_both_workers_each_loading_the_model_once(scheduler, nlp):
    from distributed import Client

    docs = list(read_inputs([CORPUS]))
    expected = process_documents(docs, nlp)
    got = list(iter_results_dask(iter(docs), scheduler=scheduler, batch_size=1))
    assert [(r.document, r.events, r.entities) for r in got] == \
        [(r.document, r.events, r.entities) for r in expected]  # same rows, in input order
    with Client(scheduler, timeout=30) as client:
        loads = client.run(lambda: __import__("pipeline.nlp", fromlist=["load_nlp"]).load_nlp.cache_info().misses)
    assert sorted(loads.values()) == [1, 1], loads


def test_embedded_local_cluster_gives_the_rows_of_the_local_engine(local_tables, tmp_path):
    run_cli(str(CORPUS), "--out", str(tmp_path), "--engine", "dask", "--workers", "2")
    same_tables(tables(tmp_path), local_tables)


def test_one_local_cluster_serves_the_documents_then_the_blocks_a_few_at_a_time(nlp):
    """As ``pipeline run --engine dask`` does: the incident blocks go to the
    workers that parsed the documents, taken from their source as room is
    made, not all at once."""
    from pipeline.engines import DaskCluster, block_mapper

    docs = [Document(f"{k}.txt", f"{k}.txt", f"{k + 2} policiers ont été blessés.") for k in range(4)]
    taken = []

    def blocks():
        for n in range(12):
            taken.append(n)
            yield [n]

    started = DaskCluster.started
    with DaskCluster(workers=2) as cluster:
        got = list(iter_results(docs, engine="dask", workers=2, batch_size=1, cluster=cluster))
        results = block_mapper("dask", cluster=cluster, ahead=2)(lambda block: (os.getpid(), block[0]), blocks())
        first = next(results)
        assert len(taken) <= 3  # a sliding window, not every block first
        done = [first, *results]
        workers = set(cluster.client().run(os.getpid).values())
        models = cluster.client().run(lambda: __import__("pipeline.nlp", fromlist=["load_nlp"]).load_nlp.cache_info())
    assert DaskCluster.started == started + 1
    assert [r.document["n_events"] for r in got] == [1, 1, 1, 1]
    assert [n for _, n in done] == list(range(12))
    assert {pid for pid, _ in done} <= workers and os.getpid() not in workers
    assert len(workers) == 2 and sum(info.misses for info in models.values()) >= 1  # the workers that parsed


def test_local_engine_starts_no_process_for_a_single_batch(nlp, monkeypatch):
    import multiprocessing

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    docs = [Document(f"{k}.txt", f"{k}.txt", "Trois blessés à Lyon.") for k in range(3)]
    got = list(iter_results(docs, engine="local", workers=4, batch_size=16))
    assert [r.document["n_events"] for r in got] == [1, 1, 1]


@pytest.mark.parametrize("args, hint", [
    (["--engine", "spark"], "--engine"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler"),
])
def test_run_rejects_a_bad_engine_or_a_scheduler_without_dask(args, hint, tmp_path):
    result = CliRunner().invoke(app, ["run", str(CORPUS), "--out", str(tmp_path), "-q", *args])
    assert result.exit_code == 2 and hint in result.output


def test_zone_rotation_keeps_everyday_words_then_frees_what_zones_gather(nlp):
    from pipeline.process import ZoneRotation

    def text(k: int) -> str:  # words no vocabulary has: each adds strings
        return " ".join(f"Zorglub{k}x{n} a vu Plorfan{k}y{n}." for n in range(40))

    start = len(nlp.vocab.strings)
    zones = ZoneRotation(nlp, warm=100, limit=100)
    try:
        zones.rotate()                       # warming up: no zone, the strings stay
        process_documents([Document("a", "a", text(1))], nlp, zone=False)
        warm = len(nlp.vocab.strings)
        assert warm > start + 100 and not nlp.vocab.in_memory_zone
        zones.rotate()                       # past the warm-up: a zone from now on
        assert nlp.vocab.in_memory_zone
        process_documents([Document("b", "b", "Deux morts à Lyon.")], nlp, zone=False)
        kept = len(nlp.vocab.strings)
        zones.rotate()                       # under the limit: the zone stays, its strings too
        assert len(nlp.vocab.strings) == kept
        process_documents([Document("c", "c", text(2))], nlp, zone=False)
        assert len(nlp.vocab.strings) > warm + 100
        zones.rotate()                       # past the limit: freed, a new zone opened
        assert len(nlp.vocab.strings) == warm and nlp.vocab.in_memory_zone
        rows = process_documents([Document("d", "d", "Deux morts à Lyon.")], nlp, zone=False)
        assert rows[0].events[0]["count"] == 2
    finally:
        zones.close()
    assert len(nlp.vocab.strings) == warm and not nlp.vocab.in_memory_zone


def test_local_run_leaves_no_zone_open(nlp):
    docs = [Document(f"d{k}", f"d{k}", f"Le {k} juin, {k + 2} policiers ont été blessés à Lyon.") for k in range(1, 9)]
    got = list(iter_results(docs, workers=1, batch_size=2))
    assert [r.events[0]["count"] for r in got if r.events and r.events[0]["event_type"] == "injured"] == \
        [k + 2 for k in range(1, 9)]
    assert not nlp.vocab.in_memory_zone
    doc = nlp("Trois blessés à Lyon.")  # the caller's own Doc outlives the next run
    list(iter_results(docs, workers=1, batch_size=2))
    assert doc.text == "Trois blessés à Lyon." and [t.lemma_ for t in doc][1] == "blessé"
