"""The incidents table: one row per incident from the reports grouped by
:mod:`.matching`, with its tolls from :mod:`.tolls`.

>>> INCIDENT_COLUMNS[:4]
['incident_id', 'event_type', 'plover_type', 'acled_type']
"""
from __future__ import annotations

import hashlib
from collections import Counter

from ..language.resources import load_json
from .blocking import Report, families
from .tolls import estimate

CATEGORIES = ["killed", "injured", "missing", "arrested", "kidnapped", "displaced", "affected"]
INCIDENT_COLUMNS = [
    "incident_id", "event_type", "plover_type", "acled_type", "location", "country", "admin1",
    "latitude", "longitude", "start_date", "end_date", "first_reported", "last_reported",
    "n_documents", "n_mentions", "actors",
] + [f"{c}{s}" for c in CATEGORIES for s in ("", "_low", "_high", "_from")]
INCIDENT_INT_COLUMNS = {"n_documents", "n_mentions"} | {f"{c}{s}" for c in CATEGORIES for s in ("", "_low", "_high")}


def incident_id(keys: list[str]) -> str:
    """Stable id of an incident: a digest of its first report's key (same
    inputs, same id).

    >>> incident_id(["b.txt@0", "a.txt@0"])
    'Ifbc255077c'
    """
    return "I" + hashlib.sha1(min(keys).encode("utf-8")).hexdigest()[:10]


def incident_row(reports: list[Report]) -> dict:
    """The row of one incident from its reports."""
    onto = load_json("events/ontology.json")
    casualty = set(families()["casualty_types"])
    rows = [dict(r, published=rep.published.isoformat() if rep.published else "",
                 event_day=rep.hi.isoformat() if rep.hi else "")
            for rep in reports for r in rep.rows]
    events = [r for r in rows if r.get("event_type") not in casualty]
    weak = set(families().get("weak_triggers", ()))
    types: Counter = Counter()
    for r in events:  # an "explosion" in a report of a bombing
        types[r["event_type"]] += 0.5 if (r.get("rule") or "").partition(":")[2] in weak else 1.0
    attached = {t for f in families()["attached"] for t in families()["families"][f]["types"]}
    main = Counter({t: n for t, n in types.items() if t not in attached}) or types
    event_type = min(main, key=lambda t: (-main[t], t)) if main else ""
    kind = onto.get(event_type, {}) if event_type else {}
    place = _place(rows)
    dated = [(rep.lo, rep.hi) for rep in reports if rep.lo]
    published = sorted(rep.published.isoformat() for rep in reports if rep.published)
    actors = Counter(r["actor"] for r in events if r.get("actor"))
    row = {
        "incident_id": incident_id([rep.key for rep in reports]),
        "event_type": event_type,
        "plover_type": kind.get("plover_type", ""),
        "acled_type": kind.get("acled_type", ""),
        **place,
        "start_date": min(d[0] for d in dated).isoformat() if dated else (published[0] if published else ""),
        "end_date": max(d[1] for d in dated).isoformat() if dated else (published[0] if published else ""),
        "first_reported": published[0] if published else "",
        "last_reported": published[-1] if published else "",
        "n_documents": len({rep.doc_id for rep in reports}),
        "n_mentions": len(rows),
        "actors": "; ".join(a for a, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:3]),
    }
    for c in CATEGORIES:
        est = estimate([r for r in rows if r.get("event_type") == c])
        row[c], row[f"{c}_low"], row[f"{c}_high"], row[f"{c}_from"] = est["best"], est["low"], est["high"], est["from"]
    return row


def _place(rows: list[dict]) -> dict:
    """The incident's place: the most named located place, a city or region
    rather than its country when one is named."""
    from .blocking import country_names
    from ..geocode import fold

    located = [r for r in rows if r.get("latitude") not in (None, "") and r.get("location")]
    nations = country_names()
    precise = [r for r in located if fold(r["location"]) not in nations] or located
    if not precise:
        named = Counter(r["location"] for r in rows if r.get("location"))
        loc = min(named, key=lambda k: (-named[k], k)) if named else ""
        return {"location": loc, "country": _mode(r.get("country") for r in rows), "admin1": "",
                "latitude": None, "longitude": None}
    names = Counter(r["location"] for r in precise)
    loc = min(names, key=lambda k: (-names[k], k))
    r = next(r for r in precise if r["location"] == loc)
    return {"location": loc, "country": r.get("country", ""), "admin1": r.get("admin1", "") or "",
            "latitude": float(r["latitude"]), "longitude": float(r["longitude"])}


def _mode(values) -> str:
    c = Counter(v for v in values if v)
    return min(c, key=lambda k: (-c[k], k)) if c else ""
