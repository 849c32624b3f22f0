"""Bad input and crashes lose nothing: every input is accounted for, a killed
run resumes to the same rows, and extraction never raises on odd text."""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from conftest import require
from pipeline import extract
from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "corpus-dev"
FRENCH = ("Paris, 3 mars 2021. - L'explosion d'une usine a fait au moins 12 morts et "
          "une trentaine de blessés, selon la préfecture. ")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "cp1252.txt").write_bytes(("Lyon, 4 mai 2020. - Les élèves ont été évacués à Besançon – "
                                    "12 blessés « légers ».").encode("cp1252"))
    (d / "utf16.txt").write_bytes(("Trois policiers ont été blessés à Nantes, selon la préfecture.")
                                  .encode("utf-16"))
    (d / "bom.txt").write_bytes("\ufeffDeux personnes ont été tuées à Lille.".encode("utf-8"))
    (d / "english.txt").write_text("The explosion killed at least twelve people and injured thirty others, "
                                   "the police said on Monday in a statement to the press.", encoding="utf-8")
    (d / "big.txt").write_text((FRENCH + "\n\n") * 9000, encoding="utf-8")          # ~1.2 MB
    (d / "nopunct.txt").write_text(" ".join(["la police de la ville"] * 45000), encoding="utf-8")  # ~1 MB, one line
    (d / "dup1.txt").write_text("Cinq soldats ont été tués au Mali.", encoding="utf-8")
    (d / "dup2.txt").write_text("Cinq soldats ont été tués au Mali.", encoding="utf-8")
    (d / "records.jsonl").write_text(
        json.dumps({"id": "a", "text": "Quatre personnes sont portées disparues.", "published": "2020-01-02"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "text": "Sept manifestants ont été interpellés."}) + "\n", encoding="utf-8")
    (d / "notext.csv").write_text("id,body\n1,Trois morts.\n", encoding="utf-8")
    (d / "rows.csv").write_text("id,text\nx,Neuf personnes ont été hospitalisées.\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def bad_run(bad_corpus, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("badout")
    r = CliRunner().invoke(app, ["run", str(bad_corpus), "--out", str(out), "--workers", "2", "-q",
                                 "--batch-size", "4"])
    assert r.exit_code == 0, r.output
    return out, r.output


def test_every_bad_input_is_accounted_for(bad_run):
    out, output = bad_run
    status = {d["doc_id"]: (d["status"], d["error"]) for d in read_csv(out / "documents.csv")}
    assert len(status) == len(read_csv(out / "documents.csv"))  # each input exactly once
    assert status["empty.txt"][0] == "empty"
    assert status["blank.txt"][0] == "empty"
    assert status["binary.txt"] == ("error", "binary file")
    assert status["english.txt"][0] == "skipped" and "en" in status["english.txt"][1]
    assert status["dup2.txt"] == ("skipped", "duplicate of dup1.txt")
    assert status["records.jsonl:2"][0] == "error" and "malformed" in status["records.jsonl:2"][1]
    assert status["notext.csv"][0] == "error" and "text" in status["notext.csv"][1]
    for ok in ("cp1252.txt", "utf16.txt", "bom.txt", "big.txt", "nopunct.txt", "dup1.txt",
               "records.jsonl:a", "records.jsonl:c", "rows.csv:x"):
        assert status[ok][0] == "ok", ok
    assert "error" in output and "skipped" in output


def test_figures_of_the_good_inputs_are_extracted(bad_run, bad_corpus):
    out, _ = bad_run
    got = {(e["doc_id"], e["event_type"], e["count"]) for e in read_csv(out / "events.csv")}
    for row in [("cp1252.txt", "injured", "12"), ("utf16.txt", "injured", "3"), ("bom.txt", "killed", "2"),
                ("dup1.txt", "killed", "5"), ("records.jsonl:a", "missing", "4"),
                ("records.jsonl:c", "arrested", "7"), ("rows.csv:x", "injured", "9"),
                ("big.txt", "killed", "12"), ("big.txt", "injured", "30")]:
        assert row in got, row
    big = [e for e in read_csv(out / "events.csv") if e["doc_id"] == "big.txt"]
    figures = [e for e in big if e["event_type"] in ("killed", "injured")]
    assert len(figures) == 2 * 9000  # every piece of the long text was read
    text = (bad_corpus / "big.txt").read_text(encoding="utf-8")
    assert all(text[int(e["char_start"]):int(e["char_end"])] == e["matched_text"] for e in big)
    docs = {d["doc_id"]: d for d in read_csv(out / "documents.csv")}
    assert docs["records.jsonl:a"]["published"] == "2020-01-02"
    assert docs["cp1252.txt"]["published"] == "2020-05-04"


def test_strict_exits_non_zero_when_an_input_failed(bad_corpus, tmp_path):
    small = tmp_path / "in"
    small.mkdir()
    (small / "ok.txt").write_text("Deux morts.", encoding="utf-8")
    (small / "binary.txt").write_bytes((bad_corpus / "binary.txt").read_bytes())
    runner = CliRunner()
    r = runner.invoke(app, ["run", str(small), "--out", str(tmp_path / "o1"), "--workers", "1", "-q"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["run", str(small), "--out", str(tmp_path / "o2"), "--workers", "1", "-q", "--strict"])
    assert r.exit_code == 1
    assert (tmp_path / "o2" / "documents.csv").exists()  # the tables are written all the same


def _rows(out):
    return {name: sorted(tuple(sorted(r.items())) for r in read_csv(out / f"{name}.csv"))
            for name in ("events", "entities", "documents")}


def test_sigkill_then_resume_gives_the_same_rows_as_a_clean_run(tmp_path):
    require(SHARED_DEV.is_dir(), "needs ../shared/corpus-dev")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(SHARED_DEV.glob("*.txt")):
        (corpus / p.name).write_bytes(p.read_bytes())
    # tasks of 2 documents, so that the checkpoint grows while the run goes on
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--workers", "1", "--batch-size", "2", "-q", "--out"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    subprocess.run(cmd + [str(clean)], check=True, env=env, cwd=ROOT, capture_output=True)

    proc = subprocess.Popen(cmd + [str(killed)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ck = killed / ".checkpoint.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if ck.exists() and sum(1 for _ in open(ck, encoding="utf-8")) >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not (killed / "events.csv").exists()  # never a half-written table under its final name
    done_before = sum(1 for _ in open(ck, encoding="utf-8"))
    assert 5 <= done_before < 27

    r = subprocess.run(cmd + [str(killed), "--resume"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert _rows(killed) == _rows(clean)
    assert not ck.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["12", "morts", "et", "des", "dizaines", "de", "blessés", "dont", "un",
                                   "policier", "tués", ",", ".", "au", "moins", "’", "\u00a0", "\n\n",
                                   "entre", "à", "aucun", "plusieurs"]), max_size=40).map(" ".join))
def test_extract_never_raises_and_offsets_index_the_text(nlp, text):
    res = extract(text)
    assert len(res.documents) == 1
    for _, e in res.events.iterrows():
        assert text[e["char_start"]:e["char_end"]] == e["matched_text"]
    for _, e in res.entities.iterrows():
        assert text[e["char_start"]:e["char_end"]] == e["text"]


def test_checkpoint_skips_a_torn_line_and_replays_the_rest(tmp_path):
    from pipeline.checkpoint import Checkpoint, key, run_identity
    from pipeline.process import Result

    me = run_identity(["in"], None)
    ck = Checkpoint(tmp_path, resume=False, identity=me)
    ck.add(Result({"doc_id": "a.txt", "path": "in/a.txt", "status": "ok"}, [{"event_type": "killed"}], []))
    ck.add(Result({"doc_id": "b.txt", "path": "in/b.txt", "status": "ok"}))
    ck._f.write('{"document": {"doc_id": "c.txt"')  # killed in the middle of a line
    ck._f.close()
    again = Checkpoint(tmp_path, resume=True, identity=me)
    assert again.done == {key("in/a.txt", "a.txt"), key("in/b.txt", "b.txt")}
    assert [r.document["doc_id"] for r in again.replay()] == ["a.txt", "b.txt"]
    assert next(again.replay()).events == [{"event_type": "killed"}]
    again.close()
    assert not (tmp_path / ".checkpoint.jsonl").exists()
    fresh = Checkpoint(tmp_path, resume=False, identity=me)
    assert fresh.done == set() and list(fresh.replay()) == []
