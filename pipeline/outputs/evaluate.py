"""Score casualty figures against a gold file: precision, recall, F1.

The definitions are those of the project's reference scorer
(``shared/eval/score.py``), reimplemented here so that users can measure on
their own data:

- only casualty rows are scored (killed, injured, missing, arrested,
  kidnapped, displaced, affected) and only those with a count;
- gold and predicted rows are grouped by (doc_id, event_type, count), the
  doc_id compared by its last path component and the count as an integer,
  so repeating a figure is neither rewarded nor punished;
- ``count`` P/R/F1: a predicted group matches the gold group with the same
  key; ``strict`` P/R/F1: the two groups must also share a qualifier;
- victims accuracy on matched groups whose gold victims are not all
  ``unspecified``; location accuracy on matched groups with a gold location
  (case- and accent-insensitive containment either way);
- a gold group with a row marked ``optional`` (1, true, yes) is neither
  rewarded nor punished: it is dropped from both sides.

>>> gold = [{"doc_id": "a.txt", "event_type": "killed", "count": "12", "qualifier": "exact"}]
>>> score(gold, [{"doc_id": "a.txt", "event_type": "killed", "count": 12, "qualifier": "approx"}])["count"]["f1"]
1.0
"""
from __future__ import annotations

import csv
import json
import os
import unicodedata
from pathlib import Path
from typing import Iterable, Mapping

CASUALTY = {"killed", "injured", "missing", "arrested", "kidnapped", "displaced", "affected"}
GOLD_COLUMNS = ["doc_id", "event_type", "count", "count_low", "count_high", "qualifier",
                "victims", "location", "evidence", "optional"]
REQUIRED = ("doc_id", "event_type", "count")


def norm(value) -> str:
    """Lower case, no accents, straight apostrophes: ``norm(" Côte d’Ivoire") == "cote d'ivoire"``."""
    s = unicodedata.normalize("NFKD", _text(value).strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")


def as_int(value) -> int | None:
    """A count as an integer, or None: ``as_int("1 000") == 1000``, ``as_int("") is None``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    v = _text(value).strip()
    if not v:
        return None
    try:
        return int(round(float(v.replace(" ", "").replace("\u202f", "").replace("\xa0", ""))))
    except (ValueError, OverflowError):
        return None


def _text(value) -> str:
    """A cell as text; None, NaN and pandas' NA are empty."""
    if value is None or isinstance(value, str):
        return value or ""
    try:
        if value != value:  # NaN
            return ""
    except TypeError:  # pd.NA
        return ""
    return str(value)


def doc_key(doc_id) -> str:
    """The document as compared: its last path component (``"2022/a.txt"`` -> ``"a.txt"``)."""
    return _text(doc_id).strip().rsplit("/", 1)[-1]


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _group(rows: Iterable[Mapping]) -> dict:
    out: dict = {}
    for r in rows:
        et, c = norm(r.get("event_type")), as_int(r.get("count"))
        if et not in CASUALTY or c is None:
            continue
        g = out.setdefault((doc_key(r.get("doc_id")), et, c), {"rows": [], "q": set(), "v": set(), "l": set()})
        g["rows"].append(r)
        g["q"].add(norm(r.get("qualifier")))
        g["v"].add(norm(r.get("victims")))
        if norm(r.get("location")):
            g["l"].add(norm(r.get("location")))
    return out


def _pick(group: dict, keys: Iterable[str]) -> dict:
    row = group["rows"][0]
    return {k: row.get(k) for k in keys}


def score(gold_rows: Iterable[Mapping], pred_rows: Iterable[Mapping]) -> dict:
    """Compare predicted rows (events.csv rows, or dicts with the same keys)
    with gold rows. Returns ``gold`` and ``pred`` (numbers of groups),
    ``strict`` and ``count`` (each ``tp, precision, recall, f1``),
    ``victims_accuracy``, ``location_accuracy`` (None when nothing to compare)
    and the lists ``missed``, ``spurious``, ``wrong_qualifier``.

    >>> gold = [{"doc_id": "a.txt", "event_type": "killed", "count": "12", "qualifier": "exact"}]
    >>> score(gold, [])["count"]
    {'tp': 0, 'precision': 0.0, 'recall': 0.0, 'f1': 0.0}
    """
    gold_rows = list(gold_rows)
    all_gold = _group(gold_rows)
    optional = {k for k, g in all_gold.items()
                if any(norm(r.get("optional")) in ("1", "true", "yes") for r in g["rows"])}
    gold = {k: g for k, g in all_gold.items() if k not in optional}
    pred = {k: g for k, g in _group(pred_rows).items() if k not in optional}
    out: dict = {"gold": len(gold), "pred": len(pred)}
    both = [k for k in pred if k in gold]
    strict = [k for k in both if pred[k]["q"] & gold[k]["q"]]
    for name, tp in (("strict", strict), ("count", both)):
        p, r, f = prf(len(tp), len(pred), len(gold))
        out[name] = {"tp": len(tp), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    vic = [k for k in both if gold[k]["v"] - {"", "unspecified"}]
    vok = sum(bool(pred[k]["v"] & gold[k]["v"]) for k in vic)
    loc = [k for k in both if gold[k]["l"]]
    lok = sum(any(a in b or b in a for a in pred[k]["l"] for b in gold[k]["l"]) for k in loc)
    out["victims_accuracy"] = round(vok / len(vic), 4) if vic else None
    out["location_accuracy"] = round(lok / len(loc), 4) if loc else None
    out["missed"] = [_pick(gold[k], ("doc_id", "event_type", "count", "qualifier", "evidence"))
                     for k in gold if k not in pred]
    out["spurious"] = [_pick(pred[k], ("doc_id", "event_type", "count", "qualifier", "matched_text"))
                       for k in pred if k not in gold]
    out["wrong_qualifier"] = [dict(_pick(gold[k], ("doc_id", "event_type", "count", "evidence")),
                                   gold=sorted(gold[k]["q"]), pred=sorted(pred[k]["q"]))
                              for k in both if k not in strict]
    return out


# ---------------------------------------------------------------------------
# Files


def read_rows(path: str | os.PathLike) -> list[dict]:
    """Rows of a CSV (UTF-8, with or without BOM), JSONL or parquet table, as dicts."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        with open(path, encoding="utf-8-sig") as f:
            return [json.loads(line) for line in f if line.strip()]
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def columns(path: str | os.PathLike) -> list[str]:
    """Column names of a table file (CSV header, first JSONL record, parquet
    schema); empty when it is not a table."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        with open(path, encoding="utf-8-sig", newline="") as f:
            if path.suffix.lower() in (".jsonl", ".ndjson"):
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        return list(record) if isinstance(record, dict) else []
                return []
            return [c.strip() for c in next(csv.reader(f), [])]
    except (OSError, ValueError, csv.Error):  # also UnicodeDecodeError, pyarrow's ArrowInvalid
        return []


def is_events_table(path: str | os.PathLike) -> bool:
    """True for a file of predicted events (a table with an ``event_type``
    column) rather than documents to run through the pipeline."""
    path = Path(path)
    return (path.is_file() and path.suffix.lower() in (".csv", ".jsonl", ".ndjson", ".parquet")
            and "event_type" in columns(path))


def frame_rows(frame) -> list[dict]:
    """Rows of a pandas DataFrame (e.g. ``Extraction.events``) with nulls as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def report(result: dict) -> str:
    """The scores as text: misses, spurious rows and qualifier errors, then
    the figures; the last line is the strict F1."""
    lines = [f"MISSED    {_show(m)}" for m in result["missed"]]
    lines += [f"SPURIOUS  {_show(s)}" for s in result["spurious"]]
    lines += [f"QUALIFIER {_show(w)}" for w in result["wrong_qualifier"]]
    lines.append(f"gold={result['gold']} pred={result['pred']}")
    for name in ("count", "strict"):
        s = result[name]
        lines.append(f"{name:7s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} (tp={s['tp']})")
    lines.append(f"victims_accuracy={result['victims_accuracy']} location_accuracy={result['location_accuracy']}")
    lines.append(f"strict_f1={result['strict']['f1']:.3f}")
    return "\n".join(lines)


def _show(row: dict) -> str:
    return json.dumps({k: _text(v) if not isinstance(v, list) else v for k, v in row.items()}, ensure_ascii=False)
