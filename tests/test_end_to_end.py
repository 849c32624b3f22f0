"""End to end: the CLI (CliRunner) and the notebook API on real files."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import extract, extract_folder
from pipeline.casualties import CASUALTY_TYPES
from pipeline.cli import app
from pipeline.export import DOCUMENT_COLUMNS, ENTITY_COLUMNS, EVENT_COLUMNS
from pipeline.read import read_inputs

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = [  # ../shared/eval/seed-gold.csv
    ("killed", 20, 20, 99, "vague", "civilians"),
    ("injured", 1000, 1000, None, "at_least", "civilians"),
    ("killed", 12, 12, 12, "exact", "security_forces"),
    ("injured", 353, 353, 353, "exact", "security_forces"),
]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _opt(v):
    return int(v) if v not in ("", None) else None


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["run", str(ROOT / "corpus"), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_run_writes_three_tables_with_their_columns(corpus_run):
    out, output = corpus_run
    for name, cols in (("events", EVENT_COLUMNS), ("entities", ENTITY_COLUMNS), ("documents", DOCUMENT_COLUMNS)):
        with open(out / f"{name}.csv", encoding="utf-8") as f:
            assert next(csv.reader(f)) == cols
    assert not list(out.glob(".*.partial"))
    assert "documents" in output and "events" in output


def test_run_on_the_seed_gives_the_gold_figures(corpus_run):
    out, _ = corpus_run
    seed = [r for r in read_csv(out / "events.csv") if r["doc_id"] == "2022-01-06-kazakhstan.txt"
            and r["event_type"] in CASUALTY_TYPES]
    got = [(r["event_type"], int(r["count"]), _opt(r["count_low"]), _opt(r["count_high"]), r["qualifier"], r["victims"])
           for r in seed]
    assert got == SEED_GOLD
    assert {r["source"] for r in seed} == {"ministère de l'Intérieur"}
    assert {r["date"] for r in seed} == {"2022-01-06"}
    assert {r["location"] for r in seed} == {"Kazakhstan"}


def test_offsets_index_the_original_text(corpus_run):
    out, _ = corpus_run
    texts = {d.doc_id: d.text for d in read_inputs([ROOT / "corpus"])}
    for r in read_csv(out / "events.csv"):
        assert texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] == r["matched_text"]
    for r in read_csv(out / "entities.csv"):
        assert texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] == r["text"]


def test_every_input_is_a_document_row(corpus_run):
    out, _ = corpus_run
    docs = read_csv(out / "documents.csv")
    assert [d["doc_id"] for d in docs] == [
        "2022-01-06-kazakhstan.txt", "aria-accidents.csv:25793", "wikinews-2012.jsonl:kaboul-hotel",
        "wikinews-2012.jsonl:guyane-harpie", "wikinews-2012.jsonl:typhon-saola", "wikinews-2012.jsonl:madrid-arena"]
    assert {d["status"] for d in docs} == {"ok"}
    assert all(len(d["sha256"]) == 64 and int(d["n_tokens"]) > 0 for d in docs)
    dates = {d["doc_id"]: d["published"] for d in docs}
    assert dates["2022-01-06-kazakhstan.txt"] == "2022-01-06"              # from the file name
    assert dates["wikinews-2012.jsonl:kaboul-hotel"] == "2012-06-22"      # from the record


def test_run_with_two_workers_gives_the_same_rows(corpus_run, tmp_path):
    out1, _ = corpus_run
    result = CliRunner().invoke(app, ["run", str(ROOT / "corpus"), "--out", str(tmp_path), "--workers", "2", "-q",
                                      "--batch-size", "2"])  # three tasks: the worker pool is used
    assert result.exit_code == 0, result.output
    for name in ("events", "entities", "documents"):
        assert read_csv(tmp_path / f"{name}.csv") == read_csv(out1 / f"{name}.csv")


def test_run_rejects_bad_arguments(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert r.exit_code != 0 and "no such file" in r.output
    r = runner.invoke(app, ["run", str(ROOT / "corpus"), "--out", str(tmp_path / "o"), "--published", "06/01/2022"])
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output
    assert not (tmp_path / "o" / "events.csv").exists()


def test_extract_command_prints_a_table_and_json(nlp):
    runner = CliRunner()
    r = runner.invoke(app, ["extract", "Douze policiers ont été tués à Almaty.", "--published", "2022-01-06"])
    assert r.exit_code == 0 and "killed" in r.output and "security_forces" in r.output
    r = runner.invoke(app, ["extract", "Trois blessés à Lyon.", "--json"])
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert [(x["event_type"], x["count"]) for x in rows] == [("injured", 3)]


def test_api_extract_text_list_and_dict(nlp):
    res = extract("Douze policiers ont été tués à Almaty.", published="2022-01-06")
    figures = res.events[res.events["event_type"].isin(CASUALTY_TYPES)]
    assert figures[["event_type", "count", "victims", "location", "date"]].values.tolist() == [
        ["killed", 12, "security_forces", "Almaty", "2022-01-06"]]
    assert list(res.events.columns) == EVENT_COLUMNS
    res = extract(["Trois morts.", "", "Deux blessés."])
    assert res.documents["status"].tolist() == ["ok", "empty", "ok"]
    assert res.events["doc_id"].tolist() == ["text-1", "text-3"]
    res = extract({"a": "Cinq disparus."})
    assert res.events[["doc_id", "event_type", "count"]].values.tolist() == [["a", "missing", 5]]


def test_api_extract_folder_matches_the_cli(corpus_run):
    out, _ = corpus_run
    res = extract_folder(ROOT / "corpus")
    assert len(res.events) == len(read_csv(out / "events.csv"))
    assert str(res.events["count"].dtype) == "Int64"


def test_load_nlp_docs_carry_casualty_spans(nlp):
    doc = nlp("Au moins quinze personnes ont perdu la vie.")
    span = doc.spans["casualties"][0]
    assert (span._.event_type, span._.count, span._.count_low, span._.qualifier) == ("killed", 15, 15, "at_least")


def test_python_dash_m_runs_as_a_real_process(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "corpus" / "2022-01-06-kazakhstan.txt"),
                        "--out", str(tmp_path), "--workers", "1", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert len(read_csv(tmp_path / "events.csv")) >= 4
