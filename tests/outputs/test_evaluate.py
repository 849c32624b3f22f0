"""``pipeline eval`` and pipeline.evaluate: figures computed by hand on a small fixture."""
import csv
import importlib.util
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import require
from pipeline.cli import app
from pipeline.evaluate import as_int, doc_key, is_events_table, norm, score

ROOT = Path(__file__).resolve().parents[2]
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"

GOLD = [  # 5 rows, one optional: 4 gold groups
    dict(doc_id="a.txt", event_type="killed", count="12", count_low="12", count_high="12", qualifier="exact",
         victims="security_forces", location="Région d’Almaty", evidence="douze tués", optional=""),
    dict(doc_id="a.txt", event_type="injured", count="353", count_low="353", count_high="353", qualifier="exact",
         victims="security_forces", location="Kazakhstan", evidence="353 blessés", optional=""),
    dict(doc_id="a.txt", event_type="killed", count="20", count_low="20", count_high="99", qualifier="vague",
         victims="civilians", location="", evidence="des dizaines de morts", optional=""),
    dict(doc_id="b.txt", event_type="missing", count="3", count_low="3", count_high="3", qualifier="exact",
         victims="unspecified", location="Kaboul", evidence="trois disparus", optional=""),
    dict(doc_id="b.txt", event_type="arrested", count="40", count_low="", count_high="", qualifier="approx",
         victims="protesters", location="", evidence="une quarantaine d'interpellations", optional="1"),
]
PRED_COLUMNS = ["doc_id", "event_id", "event_type", "count", "count_low", "count_high", "qualifier",
                "victims", "location", "matched_text"]
PRED = [  # 4 predicted groups once the repeats, the optional key and the unscored rows are set aside
    ("corpus/a.txt", "a#1", "killed", "12", "12", "12", "exact", "security_forces", "region d'Almaty", "douze tués"),
    ("a.txt", "a#2", "killed", "12", "12", "12", "approx", "unspecified", "", "12 morts"),          # repeat
    ("a.txt", "a#3", "injured", "353", "353", "", "at_least", "civilians", "Almaty", "353 blessés"),  # qualifier
    ("a.txt", "a#4", "killed", "20", "20", "99", "vague", "civilians", "Almaty", "des dizaines"),
    ("b.txt", "b#1", "missing", "4", "4", "4", "exact", "unspecified", "Kaboul", "quatre disparus"),  # spurious
    ("b.txt", "b#2", "arrested", "40", "", "", "approx", "protesters", "", "une quarantaine"),        # optional
    ("b.txt", "b#3", "attack", "1", "", "", "exact", "", "", "un attentat"),                          # not scored
    ("b.txt", "b#4", "killed", "", "", "", "vague", "", "", "des morts"),                             # no count
]

# By hand: gold groups (a,killed,12) (a,injured,353) (a,killed,20) (b,missing,3);
# predicted groups (a,killed,12) (a,injured,353) (a,killed,20) (b,missing,4).
# count: 3 matched -> P = R = F1 = 3/4; strict: killed 12 and killed 20 share a
# qualifier, injured 353 does not -> 2/4. Victims: 3 matched groups with gold
# victims, injured 353 wrong -> 2/3. Location: 2 matched groups with a gold
# location, "région d'Almaty" found, "Almaty" is not in "Kazakhstan" -> 1/2.
EXPECTED = {
    "gold": 4, "pred": 4,
    "count": {"tp": 3, "precision": 0.75, "recall": 0.75, "f1": 0.75},
    "strict": {"tp": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5},
    "victims_accuracy": 0.6667,
    "location_accuracy": 0.5,
}


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    gold = write_csv(tmp_path / "gold.csv", list(GOLD[0]), [list(r.values()) for r in GOLD])
    pred = write_csv(tmp_path / "events.csv", PRED_COLUMNS, PRED)
    return gold, pred


def pred_rows():
    return [dict(zip(PRED_COLUMNS, r)) for r in PRED]


def test_score_gives_the_figures_computed_by_hand():
    res = score(GOLD, pred_rows())
    assert {k: res[k] for k in EXPECTED} == EXPECTED
    assert [(m["doc_id"], m["event_type"], m["count"]) for m in res["missed"]] == [("b.txt", "missing", "3")]
    assert [(s["doc_id"], s["event_type"], s["count"]) for s in res["spurious"]] == [("b.txt", "missing", "4")]
    assert res["wrong_qualifier"] == [{"doc_id": "a.txt", "event_type": "injured", "count": "353",
                                       "evidence": "353 blessés", "gold": ["exact"], "pred": ["at_least"]}]


def test_optional_gold_rows_are_neither_rewarded_nor_punished():
    without = score(GOLD, [r for r in pred_rows() if r["event_type"] != "arrested"])
    assert without["count"] == score(GOLD, pred_rows())["count"]
    mandatory = [dict(r, optional="") for r in GOLD]
    assert score(mandatory, pred_rows())["count"] == {"tp": 4, "precision": 0.8, "recall": 0.8, "f1": 0.8}


def test_values_as_the_pipeline_gives_them():
    """Ints, None, NaN and pandas' NA read like the CSV's strings."""
    import pandas as pd

    rows = [dict(r, count=int(r["count"]) if r["count"] else pd.NA, count_low=None, count_high=float("nan"))
            for r in pred_rows()]
    assert {k: score(GOLD, rows)[k] for k in EXPECTED} == EXPECTED
    assert as_int("1 000") == 1000 and as_int("12.0") == 12 and as_int("") is None and as_int(pd.NA) is None
    assert norm(" Côte d’Ivoire") == "cote d'ivoire"
    assert doc_key("corpus/2022/a.txt") == "a.txt"


def test_nothing_predicted_or_nothing_expected():
    assert score(GOLD, [])["count"] == {"tp": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    res = score([], pred_rows())
    assert res["gold"] == 0 and res["count"]["precision"] == 0.0 and len(res["spurious"]) == 5
    assert res["victims_accuracy"] is None and res["location_accuracy"] is None


def test_cli_eval_scores_an_events_csv(files):
    gold, pred = files
    result = CliRunner().invoke(app, ["eval", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "count   P=0.750 R=0.750 F1=0.750 (tp=3)" in lines
    assert "strict  P=0.500 R=0.500 F1=0.500 (tp=2)" in lines
    assert "victims_accuracy=0.6667 location_accuracy=0.5" in lines
    assert lines[-1] == "strict_f1=0.500"
    assert [line.split()[0] for line in lines[:3]] == ["MISSED", "SPURIOUS", "QUALIFIER"]
    assert '"count": "3"' in lines[0] and '"count": "4"' in lines[1]


def test_cli_eval_json(files):
    gold, pred = files
    result = CliRunner().invoke(app, ["eval", str(gold), str(pred), "--json"])
    assert result.exit_code == 0, result.output
    res = json.loads(result.output)
    assert {k: res[k] for k in EXPECTED} == EXPECTED
    assert len(res["missed"]) == len(res["spurious"]) == len(res["wrong_qualifier"]) == 1


def test_cli_eval_rejects_a_gold_file_without_counts(tmp_path, files):
    _, pred = files
    bad = write_csv(tmp_path / "bad.csv", ["doc_id", "event_type"], [["a.txt", "killed"]])
    result = CliRunner().invoke(app, ["eval", str(bad), str(pred)])
    assert result.exit_code == 2 and "count" in result.output
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope.csv"), str(pred)])
    assert result.exit_code == 2


def test_documents_are_told_from_events_tables(tmp_path, files):
    _, pred = files
    docs = write_csv(tmp_path / "docs.csv", ["id", "text"], [["1", "Trois morts."]])
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text(json.dumps(pred_rows()[0]) + "\n", encoding="utf-8")
    assert is_events_table(pred) and is_events_table(jsonl)
    assert not is_events_table(docs) and not is_events_table(tmp_path)
    assert not is_events_table(ROOT / "corpus" / "2022-01-06-kazakhstan.txt")


def test_cli_eval_runs_the_pipeline_on_inputs(nlp, tmp_path):
    """A text is run through the pipeline first: the seed article gives its four gold figures."""
    gold = write_csv(tmp_path / "gold.csv", ["doc_id", "event_type", "count", "qualifier", "victims", "location"], [
        ["2022-01-06-kazakhstan.txt", "killed", "20", "vague", "civilians", "Kazakhstan"],
        ["2022-01-06-kazakhstan.txt", "injured", "1000", "at_least", "civilians", "Kazakhstan"],
        ["2022-01-06-kazakhstan.txt", "killed", "12", "exact", "security_forces", "Kazakhstan"],
        ["2022-01-06-kazakhstan.txt", "injured", "353", "exact", "security_forces", "Kazakhstan"],
    ])
    seed = ROOT / "corpus" / "2022-01-06-kazakhstan.txt"
    result = CliRunner().invoke(app, ["eval", str(gold), str(seed), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    res = json.loads(result.output)
    assert res["strict"]["f1"] == 1.0 and res["victims_accuracy"] == 1.0 and res["location_accuracy"] == 1.0


def test_same_results_as_the_reference_scorer():
    require(SHARED_SCORER.exists(), "the shared reference scorer is not next to the project")
    spec = importlib.util.spec_from_file_location("reference_score", SHARED_SCORER)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    gold = ref.load(str(SHARED_SCORER.parent / "dev-gold.csv"))
    rng = random.Random(8)
    for _ in range(25):  # the gold with figures dropped, shifted, requalified, moved
        pred = []
        for r in gold:
            if rng.random() < 0.2:
                continue
            r = {k: v for k, v in r.items() if k not in ("optional", "evidence")}
            r["matched_text"] = "x"
            if rng.random() < 0.2:
                r["count"] = str((as_int(r["count"]) or 0) + 1)
            if rng.random() < 0.2:
                r["qualifier"] = rng.choice(["exact", "approx", "at_least"])
            if rng.random() < 0.2:
                r["victims"] = "civilians"
            if rng.random() < 0.2:
                r["location"] = rng.choice(["Paris", ""])
            pred.append(r)
        assert score(gold, pred) == ref.score(gold, pred)
