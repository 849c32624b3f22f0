"""The review page: one self-contained HTML file to read an extraction.

At the top, a summary (documents by status, figures by event type and by
country as CSS bars) and the incidents (one line per real-world event with
its tolls, opening onto its mentions, each linked to its highlight); then
one collapsed section per document with its text,
entities and casualty figures highlighted as ``<mark>`` elements (values on
hover), and its events table. A filter box narrows the documents by words of
their text, doc_id, event type or status. Inline CSS and JavaScript only: the
page works offline and can be mailed around. The markup, CSS and JavaScript
are Jinja2 templates in ``pipeline/templates/`` (``review.html`` and the
macros of ``review_parts.html``); this module prepares the values they show.

>>> from pipeline import extract
>>> texts = {"a": "Douze policiers ont été tués à Almaty."}
>>> page = render_review(extract(texts), texts)
>>> page.count('class="ev ev-killed"')
1
"""
from __future__ import annotations

import html
import os
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from jinja2 import Environment, PackageLoader

CASUALTY_CATEGORIES = ("killed", "injured", "missing", "arrested", "kidnapped", "displaced", "affected")
EVENT_COLORS = {
    "killed": "#f4a3a3", "injured": "#f9c98b", "missing": "#d7b8f3", "arrested": "#a9c8f5",
    "kidnapped": "#e3c3a0", "displaced": "#a8e0d6", "affected": "#d6d6d6",
}
ENTITY_COLORS = {"PER": "#3b7dd8", "ORG": "#2e9b5f", "LOC": "#c0392b", "MISC": "#8e44ad", "NORP": "#d68910"}


# ---------------------------------------------------------------------------
# Texts


def read_texts(inputs: Iterable[str | os.PathLike], published: str | None = None) -> dict[str, str]:
    """The text of each document of ``inputs``, by doc_id, read as
    ``pipeline run`` reads them (so offsets of its tables index them).

    >>> read_texts(["corpus"])["2022-01-06-kazakhstan.txt"][:9]
    'Kazakhsta'
    """
    from ..inputs import read_inputs

    return {d.doc_id: d.text for d in read_inputs(list(inputs), published=published)}


def texts_from_documents(documents) -> dict[str, str]:
    """Texts of an extraction's documents, re-read from their ``path`` column
    and matched by SHA-256 (documents given as strings have no path: pass
    the texts to :func:`render_review` instead).

    >>> texts = texts_from_documents(extract_folder("corpus").documents)
    """
    from ..inputs import read_inputs

    rows = _records(documents)
    by_hash: dict[str, str] = {}
    for path in sorted({r.get("path") or "" for r in rows} - {""}):
        for d in read_inputs([path]):
            if d.sha256:
                by_hash.setdefault(d.sha256, d.text)
    return {r["doc_id"]: by_hash[r["sha256"]] for r in rows if r.get("sha256") in by_hash}


# ---------------------------------------------------------------------------
# The page


def render_review(extraction, texts: Mapping[str, str] | None = None, title: str = "Extraction review") -> str:
    """The review page of ``extraction`` (an :class:`pipeline.api.Extraction`)
    as a string; ``texts`` maps doc_id to the original text (documents
    without one are shown without highlights).

    >>> render_review(extract({"a": "Trois blessés."}), {"a": "Trois blessés."}).startswith("<!DOCTYPE html>")
    True
    """
    texts = texts or {}
    documents = _records(extraction.documents)
    events = _by_doc(_records(extraction.events))
    entities = _by_doc(_records(extraction.entities))
    known = {d["doc_id"] for d in documents}
    for doc_id in list(events) + list(entities):  # rows whose document row is missing
        if doc_id not in known:
            known.add(doc_id)
            documents.append({"doc_id": doc_id, "status": "", "path": ""})

    all_events = [e for rows in events.values() for e in rows]
    ids = _Ids()
    marks: dict[str, str] = {}  # event_id to the id of its highlight
    sections = [_document(d, texts.get(d["doc_id"]), events.get(d["doc_id"], []),
                          entities.get(d["doc_id"], []), ids, marks) for d in documents]
    incidents = _records(getattr(extraction, "incidents", None))
    statuses = Counter(d.get("status") or "unknown" for d in documents)
    types = sorted({e.get("event_type") or "" for e in all_events} - {""})
    return _templates().get_template("review.html").render(
        title=title, n_documents=len(documents), statuses=sorted(statuses.items()), n_figures=len(all_events),
        n_entities=sum(len(v) for v in entities.values()),
        charts=[_bars("Figures by event type", Counter(e.get("event_type") or "?" for e in all_events), "ev"),
                _bars("Figures by country", Counter(_country(e.get("country")) for e in all_events), "country"),
                _bars("Documents by status", statuses, "status")],
        event_colors=EVENT_COLORS, entity_colors=ENTITY_COLORS, incidents=_incidents(incidents, all_events, marks),
        types=types, status_names=sorted(statuses), documents=sections)


def write_atomic(path: str | os.PathLike, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same
    folder renamed over it: readers see the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(tmp, "w", encoding="utf-8", errors="replace", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------
# One document


class _Ids:
    """Page-wide ids of the marks: ``m1``, ``m2``..."""

    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"m{self.n}"


def _document(doc: dict, text: str | None, events: list[dict], entities: list[dict], ids: _Ids,
              marks: dict | None = None) -> dict:
    """The values of one document's section (macro ``document`` of ``review_parts.html``)."""
    doc_id = str(doc.get("doc_id") or "")
    status = str(doc.get("status") or "unknown")
    types = sorted({str(e.get("event_type") or "") for e in events} - {""})
    events = sorted(events, key=lambda e: (_int(e.get("char_start")) or 0, str(e.get("event_id") or "")))
    spans, anchors, unplaced = [], {}, 0
    if text is not None:
        for e in events:
            span = _span(text, e, "matched_text", "ev ev-" + _slug(e.get("event_type")), _event_title(e), 0)
            if span:
                span["id"] = anchors[id(e)] = ids.next()
                spans.append(span)
                if marks is not None and e.get("event_id"):
                    marks[str(e["event_id"])] = span["id"]
            else:
                unplaced += 1
        for ent in entities:
            span = _span(text, ent, "text", "ent ent-" + _slug(ent.get("label")), _entity_title(ent), 1)
            if span:
                span["id"] = ids.next()
                spans.append(span)
            else:
                unplaced += 1

    meta = [("path", doc.get("path")) if doc.get("path") else None,
            ("published", doc.get("published")) if doc.get("published") else None,
            ("language", doc.get("language")) if doc.get("language") else None,
            ("characters", doc.get("n_chars")) if doc.get("n_chars") is not None else None,
            ("entities", len(entities))]
    return {"doc_id": doc_id, "status": status, "types": types, "n_events": len(events),
            "meta": [m for m in meta if m], "error": doc.get("error"), "text": text, "unplaced": unplaced,
            "highlighted": highlight(text, spans) if text else "",
            "table": _events_table(events, anchors) if events else None}

def _span(text: str, row: dict, evidence: str, css: str, title: str, layer: int) -> dict | None:
    """A highlight for ``row`` if its offsets fall in ``text`` and, when the
    row carries its evidence, select exactly that."""
    start, end = _int(row.get("char_start")), _int(row.get("char_end"))
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    if row.get(evidence) and text[start:end] != row[evidence]:
        return None
    return {"start": start, "end": end, "css": css, "title": title, "layer": layer}


def highlight(text: str, spans: list[dict]) -> str:
    """``text`` escaped, each span (``start, end, css, title, id``) wrapped in
    ``<mark>``. Overlapping spans nest; a span crossing another's end is cut
    in two marks (the second with class ``cont``), so the HTML stays well
    formed. Every mark carries ``data-span`` (its span's id).

    >>> highlight("Deux morts à Lyon", [{"start": 0, "end": 10, "css": "ev", "title": "killed: 2", "id": "m1"}])
    '<mark class="ev" data-span="m1" id="m1" title="killed: 2">Deux morts</mark> à Lyon'
    """
    if not spans:
        return _e(text)
    spans = sorted(spans, key=lambda s: (s["start"], -s["end"], s.get("layer", 0)))
    rank = {id(s): k for k, s in enumerate(spans)}
    starts, ends = defaultdict(list), defaultdict(list)
    for s in spans:
        starts[s["start"]].append(s)
        ends[s["end"]].append(s)
    bounds = sorted({0, len(text)} | set(starts) | set(ends))
    out, stack, active, opened = [], [], {}, set()
    for a, b in zip(bounds, bounds[1:]):
        for s in ends.get(a, ()):
            active.pop(id(s), None)
        for s in starts.get(a, ()):
            active[id(s)] = s
        want = sorted(active.values(), key=lambda s: rank[id(s)])
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        for s in want[keep:]:
            first = id(s) not in opened
            opened.add(id(s))
            sid = _e(s.get("id", ""))
            out.append(f'<mark class="{_e(s["css"])}{"" if first else " cont"}" data-span="{sid}"'
                       + (f' id="{sid}"' if first and sid else "") + f' title="{_e(s["title"])}">')
        stack = want
        out.append(_e(text[a:b]))
    out.append("</mark>" * len(stack))
    return "".join(out)


TABLE_COLUMNS = ["event_type", "count", "count_low", "count_high", "qualifier", "victims", "location",
                 "country", "date", "source", "matched_text", "rule"]
NOT_SHOWN = {"doc_id", "event_id", "sentence", "char_start", "char_end", "latitude", "longitude"}


def _incidents(incidents: list[dict], events: list[dict], marks: dict) -> list[dict]:
    """The values of the incidents view: one line per incident with its tolls
    (best, then low-high), opening onto its mentions, each a link to its highlight."""
    mentions: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        mentions[str(e.get("incident_id") or "")].append(e)
    rows = []
    for inc in incidents:
        tolls = [{"category": c, "value": inc.get(c), "low": inc.get(c + "_low"), "high": inc.get(c + "_high"),
                  "bounds": _show(inc.get(c + "_low")) != _show(inc.get(c + "_high"))}
                 for c in CASUALTY_CATEGORIES if _show(inc.get(c))]
        end = inc.get("end_date") if _show(inc.get("end_date")) != _show(inc.get("start_date")) else None
        rows.append({
            "id": inc.get("incident_id"), "event_type": inc.get("event_type"),
            "where": [inc.get(k) for k in ("location", "country") if _show(inc.get(k))],
            "start": inc.get("start_date"), "end": end, "n_documents": inc.get("n_documents"), "tolls": tolls,
            "mentions": [{"doc_id": e.get("doc_id"), "event_type": e.get("event_type"), "count": e.get("count"),
                          "matched_text": e.get("matched_text"), "mark": marks.get(str(e.get("event_id")))}
                         for e in mentions.get(str(inc.get("incident_id")), [])],
        })
    return rows


def _events_table(events: list[dict], anchors: dict) -> dict:
    """The document's events: the usual columns, then any other column filled in one of them."""
    extra = sorted({k for e in events for k, v in e.items() if _show(v)} - NOT_SHOWN - set(TABLE_COLUMNS))
    cols = TABLE_COLUMNS + extra
    rows = [{"slug": _slug(e.get("event_type")), "n": n, "anchor": anchors.get(id(e)),
             "cells": [e.get(c) for c in cols]} for n, e in enumerate(events, 1)]
    return {"columns": ["#"] + cols, "rows": rows}

def _event_title(e: dict) -> str:
    """Hover text of an event: ``killed: 12 (exact, 12-12)`` then its other
    filled columns, one per line (``victims: security_forces``...)."""
    head = _show(e.get("event_type"))
    if _show(e.get("count")):
        low, high = _show(e.get("count_low")), _show(e.get("count_high"))
        bounds = f", {low or '?'}-{high or '?'}" if low or high else ""
        head += f": {_show(e.get('count'))} ({_show(e.get('qualifier'))}{bounds})"
    skip = NOT_SHOWN | {"event_type", "count", "count_low", "count_high", "qualifier", "matched_text"}
    return "\n".join([head] + [f"{k}: {_show(v)}" for k, v in e.items() if k not in skip and _show(v)])


def _entity_title(ent: dict) -> str:
    """Hover text of an entity: ``LOC: Almaty`` and its country, precision, coordinates."""
    lines = [f"{_show(ent.get('label'))}: {_show(ent.get('canonical')) or _show(ent.get('text'))}"]
    for key in ("country", "geo_precision"):
        if _show(ent.get(key)):
            lines.append(f"{key}: {_show(ent.get(key))}")
    if _show(ent.get("latitude")) and _show(ent.get("longitude")):
        lines.append(f"coordinates: {_show(ent.get('latitude'))}, {_show(ent.get('longitude'))}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Summary


def _bars(title: str, counts: Counter, kind: str) -> dict:
    """The values of a horizontal bar chart (macro ``bars``), largest first."""
    top = max(counts.values()) if counts else 0
    bars = []
    for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        css = f"ev-{_slug(label)}" if kind == "ev" else f"st-{_slug(label)}" if kind == "status" else ""
        bars.append({"label": label, "n": n, "css": css, "width": f"{100 * n / top:.1f}"})
    return {"title": title, "bars": bars}

def _country(code) -> str:
    """``KZ Kazakhstan`` for an ISO alpha-2 code, ``unknown`` when empty."""
    code = _show(code)
    if not code:
        return "unknown"
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code)
        return f"{code} {c.name}" if c else code
    except (ImportError, LookupError, KeyError):
        return code


# ---------------------------------------------------------------------------
# Helpers


def _records(frame) -> list[dict]:
    """Rows of a DataFrame (or a list of dicts) with nulls as None."""
    if frame is None:
        return []
    if isinstance(frame, list):
        return [dict(r) for r in frame]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _by_doc(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[str(r.get("doc_id") or "")].append(r)
    return out


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _show(value) -> str:
    """A cell as text: ``_show(None) == ""``, ``_show(12) == "12"``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _slug(value) -> str:
    """A safe CSS class part: ``_slug("killed") == "killed"``, ``_slug("a b<") == "a-b-"``."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "-" for c in _show(value)) or "none"


def _e(value) -> str:
    return html.escape(_show(value), quote=True)



@lru_cache(maxsize=1)
def _templates() -> Environment:
    """The Jinja2 templates of ``pipeline/templates/``; values are escaped by
    the ``x`` filter (:func:`html.escape`, as :func:`highlight` does), not by autoescape."""
    env = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["x"] = _e
    env.filters["slug"] = _slug
    return env
