"""Tolls of an incident: best, low and high estimates of each casualty category.

Tolls move as reports come in: up as bodies are found, down when double
counts are removed. The best estimate is the figure of the latest report
(publication date, then the latest tally within it: the figure whose tally
stands at the latest day, the largest of the same day), never a subset ("dont 5 enfants") nor an
earlier toll the article recalls ("le précédent bilan faisait état de 35
morts"); low and high are the extremes reported (UCDP's best, low, high).

>>> rows = [{"event_id": "a#1", "count": 35, "published": "2016-03-28", "date": "2016-03-28"},
...         {"event_id": "b#1", "count": 32, "published": "2016-03-30", "date": "2016-03-30"}]
>>> estimate(rows)
{'best': 32, 'low': 32, 'high': 35, 'from': 'b#1'}
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..geocode import fold
from ..language.resources import load_json


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = load_json("incidents/tolls.json")
    return {"previous": [re.compile(p) for p in data["previous"]],
            "recalled": [re.compile(p) for p in data.get("recalled", [])],
            "subset_rules": tuple(data["subset_rules"])}


def previous(sentence: str, matched: str) -> bool:
    """Whether the figure ``matched`` is an earlier toll its sentence recalls.

    >>> previous("Le précédent bilan faisait état de 35 morts.", "35 morts")
    True
    >>> previous("Le bilan a été révisé à 32 morts, contre 35 annoncés.", "32 morts")
    False
    >>> previous("Le 15 mars, 66 personnes avaient été tuées à Banibangou.", "66 personnes avaient été tuées")
    True
    """
    sentence, matched = sentence or "", matched or ""
    at = sentence.find(matched) if matched else -1
    if at < 0:
        return False
    before = fold(sentence[:at]) + " "
    if any(p.search(before) for p in _patterns()["previous"]):
        return True
    said = fold(sentence[max(0, at - 60):at + len(matched)])
    return any(p.search(said) for p in _patterns()["recalled"])


def subset(rule: str) -> bool:
    """Whether a figure is a part of another (``rule`` of events.csv): a
    subset, a breakdown, a later outcome of a part.

    >>> subset("subset:noun:killed.mort"), subset("elliptic:subset:noun:killed.mort"), subset("noun:killed.mort")
    (True, True, False)
    """
    return bool(set((rule or "").split(":")) & set(_patterns()["subset_rules"]))


def _int(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def estimate(rows: list[dict]) -> dict:
    """Best, low and high of one category's figures (rows of events.csv with
    ``published``, the publication date of their article, ``event_day``,
    the day of the event their article reports, and ``previous`` or else
    ``sentence`` and ``matched_text``), and the
    ``event_id`` of the best. Subsets are left out; earlier tolls the
    latest report recalls count for low and high, for the best only when it
    gives no other."""
    figures = [r for r in rows if _int(r.get("count")) is not None and not subset(r.get("rule", ""))]
    if not figures:
        return {"best": None, "low": None, "high": None, "from": ""}
    low = min(_int(r.get("count_low")) if _int(r.get("count_low")) is not None else _int(r["count"]) for r in figures)
    high = max(_int(r.get("count_high")) if r.get("qualifier") == "range" and _int(r.get("count_high")) is not None
               else _int(r["count"]) for r in figures)
    latest = max(str(r.get("published") or "") for r in figures)
    report = [r for r in figures if str(r.get("published") or "") == latest]
    current = [r for r in report if not (r["previous"] if "previous" in r else
                                         previous(r.get("sentence", ""), r.get("matched_text", "")))] or report
    best = max(current, key=lambda r: (_as_of(r), _int(r["count"]), -(_int(r.get("char_start")) or 0),
                                      r.get("event_id", "")))
    return {"best": _int(best["count"]), "low": min(low, _int(best["count"])),
            "high": max(high, _int(best["count"])), "from": best.get("event_id", "")}


def _as_of(row: dict) -> str:
    """The day a figure's tally stands at: the day its sentence names when
    that is after the event and before the article ("lundi, le bilan était
    de 5 morts" in a Wednesday paper), else the article's publication (a
    figure dated with the event's own day, "les attentats du 22 mars ont
    fait 32 morts", is the article's current tally of that event).

    >>> _as_of({"date": "2016-03-22", "event_day": "2016-03-22", "published": "2016-03-30"})
    '2016-03-30'
    >>> _as_of({"date": "2016-03-29", "event_day": "2016-03-22", "published": "2016-03-30"})
    '2016-03-29'
    """
    published = str(row.get("published") or "")
    day = _last_day(row.get("date"))
    if not day or day >= published or day <= str(row.get("event_day") or ""):
        return published
    return day


def _last_day(value) -> str:
    """The last day a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) covers, as a sortable string."""
    value = str(value or "")
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value
