"""The review page: one self-contained HTML file to read an extraction.

At the top, a summary (documents by status, figures by event type and by
country as CSS bars) and the incidents (one line per real-world event with
its tolls, opening onto its mentions, each linked to its highlight); then
one collapsed section per document with its text,
entities and casualty figures highlighted as ``<mark>`` elements (values on
hover), and its events table. A filter box narrows the documents by words of
their text, doc_id, event type or status. Inline CSS and JavaScript only: the
page works offline and can be mailed around.

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
from pathlib import Path
from typing import Iterable, Mapping

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
    from .read import read_inputs

    return {d.doc_id: d.text for d in read_inputs(list(inputs), published=published)}


def texts_from_documents(documents) -> dict[str, str]:
    """Texts of an extraction's documents, re-read from their ``path`` column
    and matched by SHA-256 (documents given as strings have no path: pass
    the texts to :func:`render_review` instead).

    >>> texts = texts_from_documents(extract_folder("corpus").documents)
    """
    from .read import read_inputs

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
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_css()}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        '<section class="summary">',
        f'<p class="totals"><b>{len(documents)}</b> documents: '
        + ", ".join(f'<span class="status st-{_e(k)}">{v} {_e(k)}</span>' for k, v in sorted(statuses.items()))
        + f" &middot; <b>{len(all_events)}</b> casualty figures"
        + f" &middot; <b>{sum(len(v) for v in entities.values())}</b> entity mentions</p>",
        '<div class="charts">',
        _bars("Figures by event type", Counter(e.get("event_type") or "?" for e in all_events), "ev"),
        _bars("Figures by country", Counter(_country(e.get("country")) for e in all_events), "country"),
        _bars("Documents by status", statuses, "status"),
        "</div>",
        _legend(),
        "</section>",
        _incidents(incidents, all_events, marks),
        "</header>",
        '<nav class="filter">',
        '<input id="q" type="search" placeholder="Filter: words of the text, doc_id, event type..." '
        'aria-label="Filter documents">',
        '<select id="type" aria-label="Event type"><option value="">any event type</option>'
        + "".join(f'<option value="{_e(t)}">{_e(t)}</option>' for t in types) + "</select>",
        '<select id="status" aria-label="Status"><option value="">any status</option>'
        + "".join(f'<option value="{_e(s)}">{_e(s)}</option>' for s in sorted(statuses)) + "</select>",
        '<button type="button" id="open">expand shown</button>',
        '<button type="button" id="close">collapse all</button>',
        f'<span id="shown">{len(documents)} / {len(documents)} documents</span>',
        "</nav>",
        '<main id="docs">',
        *sections,
        "</main>",
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_review(inputs: Iterable[str | os.PathLike], out_path: str | os.PathLike,
                 published: str | None = None, workers: int = 1, title: str | None = None):
    """Run the pipeline over ``inputs`` (folders or files, as ``pipeline run``)
    and write the review page to ``out_path`` atomically; return the
    :class:`pipeline.api.Extraction`.

    >>> write_review(["corpus"], "review.html").events.shape[0] > 0
    True
    """
    from .api import collect
    from .read import read_inputs

    inputs = [os.fspath(p) for p in inputs]
    texts: dict[str, str] = {}

    def keep(docs):
        for d in docs:
            texts[d.doc_id] = d.text
            yield d

    extraction = collect(keep(read_inputs(inputs, published=published)), workers=workers)
    page = render_review(extraction, texts, title or "Extraction review: " + ", ".join(inputs))
    write_atomic(out_path, page)
    return extraction


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
              marks: dict | None = None) -> str:
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

    meta = [f"<b>path</b> {_e(doc.get('path'))}" if doc.get("path") else "",
            f"<b>published</b> {_e(doc.get('published'))}" if doc.get("published") else "",
            f"<b>language</b> {_e(doc.get('language'))}" if doc.get("language") else "",
            f"<b>characters</b> {_e(doc.get('n_chars'))}" if doc.get("n_chars") is not None else "",
            f"<b>entities</b> {len(entities)}"]
    out = [
        f'<details class="doc" data-id="{_e(doc_id)}" data-status="{_e(status)}" data-types="{_e(" ".join(types))}">',
        f'<summary><span class="docid">{_e(doc_id)}</span> <span class="status st-{_e(status)}">{_e(status)}</span>'
        f' <span class="nev">{len(events)} figure{"s" if len(events) != 1 else ""}</span>'
        + "".join(f' <span class="tag ev-{_slug(t)}">{_e(t)}</span>' for t in types) + "</summary>",
        '<p class="meta">' + " &middot; ".join(m for m in meta if m) + "</p>",
    ]
    if doc.get("error"):
        out.append(f'<p class="error">{_e(doc.get("error"))}</p>')
    if text is None:
        out.append('<p class="note">Text not available.</p>')
    elif not text:
        out.append('<p class="note">No text.</p>')
    else:
        if unplaced:
            out.append(f'<p class="note">{unplaced} highlight(s) could not be placed: '
                       "their offsets do not match this text.</p>")
        out.append(f'<div class="text">{highlight(text, spans)}</div>')
    if events:
        out.append(_events_table(events, anchors))
    out.append("</details>")
    return "\n".join(out)


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


def _incidents(incidents: list[dict], events: list[dict], marks: dict) -> str:
    """The incidents view: one line per incident with its tolls (best, then
    low-high), opening onto its mentions, each a link to its highlight."""
    if not incidents:
        return ""
    mentions: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        mentions[str(e.get("incident_id") or "")].append(e)
    out = [f'<section class="incidents"><h2>{len(incidents)} incidents</h2>']
    for inc in incidents:
        tolls = [f"{c} {_e(inc.get(c))}" + (f" ({_e(inc.get(c + '_low'))}-{_e(inc.get(c + '_high'))})"
                                          if _show(inc.get(c + "_low")) != _show(inc.get(c + "_high")) else "")
                 for c in CASUALTY_CATEGORIES if _show(inc.get(c))]
        where = ", ".join(_e(inc.get(k)) for k in ("location", "country") if _show(inc.get(k)))
        days = _e(inc.get("start_date")) + (f" to {_e(inc.get('end_date'))}"
                                            if _show(inc.get("end_date")) != _show(inc.get("start_date")) else "")
        items = []
        for e in mentions.get(str(inc.get("incident_id")), []):
            mark = marks.get(str(e.get("event_id")))
            words = _e(e.get("matched_text")) or _e(e.get("event_type"))
            link = f'<a href="#{mark}">{words}</a>' if mark else words
            items.append(f"<li>{_e(e.get('doc_id'))}: {_e(e.get('event_type'))} {_e(_show(e.get('count')))} {link}</li>")
        out.append(f'<details class="incident" data-id="{_e(inc.get("incident_id"))}"><summary>'
                   f'<b>{_e(inc.get("event_type")) or "event"}</b> {where} &middot; {days} &middot; '
                   f'{_e(inc.get("n_documents"))} document(s) &middot; ' + "; ".join(tolls)
                   + f'</summary><ul>{"".join(items)}</ul></details>')
    out.append("</section>")
    return "\n".join(out)


def _events_table(events: list[dict], anchors: dict) -> str:
    """The document's events: the usual columns, then any other column filled in one of them."""
    extra = sorted({k for e in events for k, v in e.items() if _show(v)} - NOT_SHOWN - set(TABLE_COLUMNS))
    cols = TABLE_COLUMNS + extra
    head = "".join(f"<th>{_e(c)}</th>" for c in ["#"] + cols)
    rows = []
    for n, e in enumerate(events, 1):
        link = f'<a href="#{anchors[id(e)]}">{n}</a>' if id(e) in anchors else str(n)
        cells = "".join(f"<td>{_e(_show(e.get(c)))}</td>" for c in cols)
        rows.append(f'<tr class="ev-{_slug(e.get("event_type"))}"><td>{link}</td>{cells}</tr>')
    return f'<table class="events"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


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


def _bars(title: str, counts: Counter, kind: str) -> str:
    """A horizontal bar chart in HTML and CSS, largest first."""
    if not counts:
        return f'<figure class="chart"><figcaption>{_e(title)}</figcaption><p class="note">none</p></figure>'
    top = max(counts.values())
    rows = []
    for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        cls = f"ev-{_slug(label)}" if kind == "ev" else f"st-{_slug(label)}" if kind == "status" else ""
        rows.append(f'<div class="bar" title="{_e(label)}: {n}"><span class="label">{_e(label)}</span>'
                    f'<span class="track"><span class="fill {cls}" style="width:{100 * n / top:.1f}%"></span></span>'
                    f'<span class="n">{n}</span></div>')
    return f'<figure class="chart"><figcaption>{_e(title)}</figcaption>{"".join(rows)}</figure>'


def _legend() -> str:
    evs = "".join(f'<mark class="ev ev-{t}">{t}</mark> ' for t in EVENT_COLORS)
    ents = "".join(f'<mark class="ent ent-{t}">{t}</mark> ' for t in ENTITY_COLORS)
    return f'<p class="legend">Casualty figures: {evs}&middot; Entities: {ents}</p>'


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


def _css() -> str:
    ev = "".join(f".ev-{t},.bar .fill.ev-{t}{{background:{c}}}" for t, c in EVENT_COLORS.items())
    ent = "".join(f"mark.ent-{t}{{border-bottom-color:{c}}}" for t, c in ENTITY_COLORS.items())
    return _CSS + ev + ent


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:.5em 1.5em}
h1{font-size:1.4em;margin:.3em 0}
.charts{display:flex;flex-wrap:wrap;gap:2em}
.chart{margin:0;min-width:18em;flex:1}
.chart figcaption{font-weight:600;margin-bottom:.3em}
.bar{display:flex;align-items:center;gap:.5em;font-size:.9em}
.bar .label{width:11em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar .track{flex:1;background:#eee;height:.9em;border-radius:2px}
.bar .fill{display:block;height:100%;background:#7a9cc6;border-radius:2px}
.bar .n{width:3em;text-align:right;font-variant-numeric:tabular-nums}
nav.filter{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #ddd;padding:.5em 1.5em;display:flex;gap:.5em;align-items:center;flex-wrap:wrap}
nav.filter input{flex:1;min-width:15em;padding:.3em}
#shown{color:#666}
main{padding:.5em 1.5em}
details.doc{background:#fff;border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.2em .8em}
details.doc[open]{padding-bottom:.8em}
summary{cursor:pointer}
.docid{font-weight:600}
.status,.tag{font-size:.8em;padding:0 .4em;border-radius:3px;background:#eee}
.st-ok,.bar .fill.st-ok{background:#9fd89f}.st-error,.bar .fill.st-error{background:#f5b7b1}
.st-skipped,.bar .fill.st-skipped{background:#f9e79f}.st-empty,.bar .fill.st-empty{background:#ccc}
.nev{color:#666;font-size:.9em}
.meta{color:#666;font-size:.85em;margin:.3em 0}
.error{color:#a00}
.note{color:#888;font-style:italic}
.text{white-space:pre-wrap;line-height:1.9;max-width:60em}
mark{color:inherit;border-radius:2px;padding:0 1px}
mark.ent{background:#f0f4ff;border-bottom:2px solid #999}
mark.ev{font-weight:600;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
mark.cont{border-top-left-radius:0;border-bottom-left-radius:0}
mark:target{outline:3px solid #f39c12}
table.events{border-collapse:collapse;font-size:.85em;margin-top:.8em}
table.events th,table.events td{border:1px solid #ddd;padding:.15em .4em;text-align:left;vertical-align:top}
table.events th{background:#f3f3f3}
.legend mark{font-size:.85em}
details.incident{font-size:.9em;margin:.2em 0}
"""

# Filter documents (every word must match the doc_id, status, event types or
# text, accents ignored), keep the query in the URL hash (#q=...&type=...).
_JS = r"""
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var q = document.getElementById("q"), type = document.getElementById("type"),
      status = document.getElementById("status"), shown = document.getElementById("shown");
  var hay = null;
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function haystacks() {
    if (!hay) {
      hay = docs.map(function (d) {
        var t = d.querySelector(".text");
        return fold([d.dataset.id, d.dataset.status, d.dataset.types, t ? t.textContent : ""].join(" "));
      });
    }
    return hay;
  }
  function apply() {
    var words = fold(q.value).split(/\s+/).filter(Boolean), ty = type.value, st = status.value, n = 0;
    var h = words.length ? haystacks() : null;
    docs.forEach(function (d, i) {
      var ok = (!ty || (" " + d.dataset.types + " ").indexOf(" " + ty + " ") >= 0) &&
               (!st || d.dataset.status === st) &&
               words.every(function (w) { return h[i].indexOf(w) >= 0; });
      d.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + " / " + docs.length + " documents";
    var p = new URLSearchParams();
    if (q.value) { p.set("q", q.value); }
    if (ty) { p.set("type", ty); }
    if (st) { p.set("status", st); }
    try { history.replaceState(null, "", p.toString() ? "#" + p.toString() : location.pathname); } catch (e) {}
  }
  function fromHash() {
    if (!location.hash || location.hash.indexOf("=") < 0) { return; }
    var p = new URLSearchParams(location.hash.slice(1));
    q.value = p.get("q") || "";
    type.value = p.get("type") || "";
    status.value = p.get("status") || "";
  }
  var timer = null;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  type.addEventListener("change", apply);
  status.addEventListener("change", apply);
  document.getElementById("open").addEventListener("click", function () {
    docs.forEach(function (d) { if (!d.hidden) { d.open = true; } });
  });
  document.getElementById("close").addEventListener("click", function () {
    docs.forEach(function (d) { d.open = false; });
  });
  document.addEventListener("click", function (ev) {  // a link to a mark opens its document
    var a = ev.target.closest && ev.target.closest("a[href^='#m']");
    var m = a && document.getElementById(a.getAttribute("href").slice(1));
    if (m) { m.closest("details").open = true; }
  });
  fromHash();
  if (q.value || type.value || status.value) { apply(); }
  document.documentElement.setAttribute("data-ready", "1");
})();
"""
