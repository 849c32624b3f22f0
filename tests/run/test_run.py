"""A run a user can trust: arguments refused before any work, a checkpoint
resumed only by its own run, Ctrl-C that says what was kept, honest
progress, one rule for publication dates, workers that share the model.

Every case runs the real CLI (``CliRunner``, or a real process where a
terminal or a signal is needed) or the API, and checks the exit code, the
message and what is left in ``--out``."""
from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import extract, extract_folder
from pipeline.checkpoint import NAME as CHECKPOINT
from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "2022-01-06-kazakhstan.txt"
SHARED_DEV = ROOT.parent / "shared" / "corpus-dev"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def small(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Deux policiers ont été tués à Almaty.", encoding="utf-8")
    (d / "b.txt").write_text("Trois manifestants ont été blessés à Lyon.", encoding="utf-8")
    return d


# --- arguments checked before any work -----------------------------------


def test_out_naming_a_file_is_one_line_and_exit_2(small, tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("mine\n", encoding="utf-8")
    r = cli("run", str(small), "--out", str(out), "-q")
    assert r.exit_code == 2
    assert r.output.strip() == f"error: --out: {out} is a file, not a folder"
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_review_out_naming_a_folder_is_refused_before_parsing(small, tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    r = cli("review", str(small), "--out", str(out))
    assert r.exit_code == 2
    assert r.output.strip() == f"error: --out: {out} is a folder; name the HTML file to write"
    assert listing(out) == []


@pytest.mark.parametrize("args, hint", [
    (["--published", "06/01/2022"], "--published: '06/01/2022' is not an ISO date (YYYY-MM-DD)"),
    (["--published", "2022-02-30"], "--published: '2022-02-30' is not a day of the calendar"),
    (["--workers", "0"], "--workers: must be at least 1"),
    (["--format", "xlsx"], "--format: 'xlsx' is not one of csv, parquet, jsonl"),
])
def test_bad_options_are_one_line_and_leave_no_out(small, tmp_path, args, hint):
    out = tmp_path / "out"
    r = cli("run", str(small), "--out", str(out), "-q", *args)
    assert r.exit_code == 2
    assert r.output.strip() == f"error: {hint}"
    assert not out.exists()


# --- the checkpoint belongs to one run -----------------------------------


def interrupted_run(corpus: Path, out: Path, published: str | None = None) -> list[str]:
    """A checkpoint as a killed run over ``corpus`` leaves it: its first
    document done, no tables (made with the real code, then cut short)."""
    from pipeline.checkpoint import Checkpoint, run_identity
    from pipeline.process import process_documents
    from pipeline.read import read_inputs

    docs = list(read_inputs([str(corpus)], published=published))
    ck = Checkpoint(out, resume=False, identity=run_identity([str(corpus)], published))
    ck.add(process_documents(docs[:1])[0])
    ck.close(remove=False)
    return (out / CHECKPOINT).read_text(encoding="utf-8").splitlines()


def test_resume_refuses_a_checkpoint_of_other_inputs(small, tmp_path, nlp):
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text("Cinq soldats ont été tués au Mali.", encoding="utf-8")
    out = tmp_path / "out"
    before = interrupted_run(small, out)
    r = cli("run", str(other), "--out", str(out), "--resume", "-q")
    assert r.exit_code == 2
    assert r.output.strip() == (f"error: cannot resume the checkpoint in {out}: it is of a run over {small}, "
                                f"not {other} (run without --resume to start over)")
    assert listing(out) == [CHECKPOINT]  # untouched, no table
    assert (out / CHECKPOINT).read_text(encoding="utf-8").splitlines() == before


def test_resume_refuses_another_published_date_and_an_older_checkpoint(small, tmp_path, nlp):
    out = tmp_path / "out"
    interrupted_run(small, out, published="2022-01-06")
    r = cli("run", str(small), "--out", str(out), "--resume", "-q")
    assert r.exit_code == 2 and "it is of a run with --published 2022-01-06, not (none)" in r.output
    lines = interrupted_run(small, out)
    (out / CHECKPOINT).write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")  # no record of its run
    r = cli("run", str(small), "--out", str(out), "--resume", "-q")
    assert r.exit_code == 2 and "earlier version of the pipeline" in r.output
    assert listing(out) == [CHECKPOINT]


def test_resume_of_its_own_run_finishes_it(small, tmp_path, nlp):
    out = tmp_path / "out"
    interrupted_run(small, out)
    r = cli("run", str(small), "--out", str(out), "--resume", "-q", "--workers", "1")
    assert r.exit_code == 0, r.output
    assert "2 documents (2 ok), " in r.output and "1 resumed from the checkpoint" in r.output
    assert sorted(d["doc_id"] for d in read_csv(out / "documents.csv")) == ["a.txt", "b.txt"]
    assert listing(out) == ["documents.csv", "entities.csv", "events.csv", "incidents.csv"]


def test_rerun_without_resume_says_it_starts_over(small, tmp_path, nlp):
    out = tmp_path / "out"
    interrupted_run(small, out)
    r = cli("run", str(small), "--out", str(out), "-q", "--workers", "1")
    assert r.exit_code == 0
    assert (f"{out} holds the checkpoint of an interrupted run (1 documents): starting over "
            "(--resume continues it)") in r.output
    assert "resumed" not in r.output
    assert listing(out) == ["documents.csv", "entities.csv", "events.csv", "incidents.csv"]


def test_tables_of_another_format_from_an_earlier_run_are_removed(small, tmp_path, nlp):
    out = tmp_path / "out"
    assert cli("run", str(small), "--out", str(out), "-q", "--workers", "1").exit_code == 0
    r = cli("run", str(small), "--out", str(out), "-q", "--workers", "1", "--format", "jsonl")
    assert r.exit_code == 0
    assert listing(out) == ["documents.jsonl", "entities.jsonl", "events.jsonl", "incidents.jsonl"]


# --- Ctrl-C ----------------------------------------------------------------


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="needs ../shared/corpus-dev")
def test_ctrl_c_says_what_was_kept_and_the_printed_command_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    for k in range(3):  # 81 documents: enough to be interrupted in the middle
        (corpus / f"c{k}").mkdir(parents=True)
        for p in sorted(SHARED_DEV.glob("*.txt")):
            (corpus / f"c{k}" / p.name).write_text(p.read_text(encoding="utf-8") + "\n" * (k + 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("an earlier run\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--workers", "2",
           "--batch-size", "2"]
    proc = subprocess.Popen(cmd, env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, as a terminal's job
    ck, deadline = out / CHECKPOINT, time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if ck.exists() and sum(1 for _ in open(ck, encoding="utf-8")) >= 6:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the run and its workers
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    first, again, earlier = stderr.strip().splitlines()
    kept = sum(1 for _ in open(ck, encoding="utf-8")) - 1  # the first line names the run
    assert first == f"interrupted: {kept} of 81 documents done, kept in {ck}"
    assert again == f"continue with: pipeline run {corpus} --out {out} --resume"
    assert earlier == f"events.csv in {out} are those of an earlier run, not of this one"
    assert "Traceback" not in stderr and stdout == ""
    assert listing(out) == [CHECKPOINT, "events.csv"]  # no half-written table

    resume = [sys.executable, "-m", "pipeline"] + again.split("pipeline ", 1)[1].split()
    r = subprocess.run(resume, env=ENV, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "81 documents (81 ok)" in r.stdout and f"{kept} resumed from the checkpoint" in r.stdout
    docs = read_csv(out / "documents.csv")
    assert len(docs) == 81 and len({d["doc_id"] for d in docs}) == 81
    assert listing(out) == ["documents.csv", "entities.csv", "events.csv", "incidents.csv"]


# --- progress ------------------------------------------------------------


def test_progress_on_a_terminal_shows_total_rates_and_time_left(tmp_path):
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(ROOT / "corpus"), "--out",
                             str(tmp_path / "out"), "--workers", "1", "--batch-size", "1"],
                            env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the run closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout = proc.communicate(timeout=60)[0]
    os.close(master)
    assert proc.returncode == 0
    lines = [line.strip() for line in seen.decode().replace("\x1b[K", "").split("\r") if line.strip()]
    last = lines[-1]
    assert last.startswith("6/6 documents, ") and "documents/s" in last and "tokens/s" in last, lines
    assert any("/6 documents" in line and " left" in line for line in lines), lines
    assert stdout.startswith("6 documents (6 ok)")


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_progress_elsewhere_is_one_summary_line(tmp_path, engine, nlp):
    r = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SEED), "--out", str(tmp_path / "out"),
                        "--workers", "1", "--engine", engine], env=ENV, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no progress line, no stray "documents"
    [line] = r.stdout.splitlines()
    assert line.startswith("1 documents (1 ok), ") and f"incidents -> {tmp_path / 'out'}/ in " in line
    assert "documents/s" in line and "tokens/s" in line


# --- publication dates: one rule -----------------------------------------


def test_publication_dates_one_rule_in_api_records_and_datelines(tmp_path, nlp):
    with pytest.raises(ValueError, match=r"published: '06/01/2022' is not an ISO date \(YYYY-MM-DD\)"):
        extract("Deux morts.", published="06/01/2022")
    assert extract("Deux morts.", published="2022-01-06T10:30:00+01:00").documents["published"].tolist() == \
        ["2022-01-06"]
    d = tmp_path / "in"
    d.mkdir()
    (d / "records.csv").write_text("id,published,text\n"
                                   "a,2022-01-06,Deux policiers ont été tués.\n"
                                   "b,06/01/2022,Trois policiers ont été tués.\n", encoding="utf-8")
    (d / "dateline.txt").write_text("Publié le 06/01/2022 à 10h30\n\nQuatre morts à Almaty.", encoding="utf-8")
    out = tmp_path / "out"
    r = cli("run", str(d), "--out", str(out), "-q", "--workers", "1")
    assert r.exit_code == 0 and "1 error" in r.output
    docs = {row["doc_id"]: row for row in read_csv(out / "documents.csv")}
    assert docs["records.csv:a"]["published"] == "2022-01-06"
    assert (docs["records.csv:b"]["status"], docs["records.csv:b"]["error"]) == \
        ("error", "published: '06/01/2022' is not an ISO date (YYYY-MM-DD)")
    assert docs["dateline.txt"]["published"] == "2022-01-06"  # day first in a French dateline


# --- the API takes what users write ----------------------------------------


def test_extract_folder_takes_a_list_and_raises_for_a_missing_path(small, nlp):
    files = [str(small / "a.txt"), small / "b.txt"]
    res = extract_folder(files, workers=1)
    assert res.documents[["doc_id", "status"]].values.tolist() == [["a.txt", "ok"], ["b.txt", "ok"]]
    assert extract_folder(*files).documents["doc_id"].tolist() == ["a.txt", "b.txt"]
    with pytest.raises(FileNotFoundError, match="no such file or folder: .*nope.txt"):
        extract_folder([str(small / "a.txt"), str(small / "nope.txt")])


# --- Dask ------------------------------------------------------------------


def test_unreachable_scheduler_fails_at_once_and_leaves_nothing(small, tmp_path):
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    r = cli("run", str(small), "--out", str(out), "-q", "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert r.exit_code == 1
    assert r.output.strip() == f"error: no Dask scheduler at tcp://127.0.0.1:{port}: Connection refused"
    assert listing(out) == []


# --- workers start from the loaded pipeline ------------------------------


def _worker_view(_):
    from pipeline.nlp import load_nlp

    return os.getpid(), id(load_nlp()), load_nlp.cache_info().misses


def test_forked_workers_share_the_loaded_pipeline(nlp):
    from pipeline.nlp import load_nlp
    from pipeline.process import worker_pool

    with worker_pool(2, method="fork") as pool:
        seen = pool.map(_worker_view, range(4), chunksize=1)
    assert {pid for pid, _, _ in seen} - {os.getpid()}  # they ran in other processes
    assert {(ident, misses) for _, ident, misses in seen} == {(id(nlp), load_nlp.cache_info().misses)}


def test_forkserver_workers_give_the_rows_of_this_process(nlp):
    from pipeline.process import process_documents, process_task, worker_pool
    from pipeline.read import read_inputs

    docs = list(read_inputs([SEED]))
    with worker_pool(2, method="forkserver") as pool:
        got = pool.apply(process_task, (docs,))
    assert [r.events for r in got] == [r.events for r in process_documents(docs, nlp)]


def test_never_more_workers_than_tasks(nlp, monkeypatch):
    import pipeline.process as process

    started = []
    real = process.worker_pool

    def recording(workers, method=None):
        started.append(workers)
        return real(workers, method)

    monkeypatch.setattr(process, "worker_pool", recording)
    docs = [process.Document(f"{k}.txt", f"{k}.txt", f"{k + 2} policiers ont été blessés.") for k in range(3)]
    got = list(process.iter_results(docs, workers=8, batch_size=1))
    assert [r.document["n_events"] for r in got] == [1, 1, 1]
    assert started == [3]


@pytest.mark.parametrize("total, workers, size", [(330, 2, 32), (70, 2, 32), (1000, 4, 32), (9, 2, 32), (50, 1, 32)])
def test_tasks_get_shorter_towards_the_end_so_that_workers_finish_together(total, workers, size):
    from pipeline.run.process import MIN_TASK, batched

    tasks = list(batched(range(total), size, total=total, workers=workers))
    assert [i for task in tasks for i in task] == list(range(total))  # every document once, in order
    assert all(len(t) <= size for t in tasks)
    if workers == 1:
        assert [len(t) for t in tasks] == [len(t) for t in batched(range(total), size)]
        return
    lengths = [len(t) for t in tasks]
    assert lengths == sorted(lengths, reverse=True)
    assert all(len(t) >= MIN_TASK for t in tasks[:-1])
    # the last tasks, run while the other workers finish theirs, are short
    assert sum(lengths[-workers:]) <= max(2 * MIN_TASK * workers, total // 4)


def test_a_run_with_shorter_last_tasks_gives_the_rows_of_one_worker(nlp):
    import pipeline.process as process

    docs = [process.Document(f"{k}.txt", f"{k}.txt", f"À Lyon, {k + 2} policiers ont été blessés.") for k in range(12)]
    one = [r.events for r in process.iter_results(docs, workers=1)]
    two = [r.events for r in process.iter_results(docs, workers=2, batch_size=4, total=len(docs))]
    assert two == one and [e[0]["count"] for e in two] == list(range(2, 14))
