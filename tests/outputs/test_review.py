"""The review page: pure rendering, atomic writing, and the page as headless Chromium shows it."""
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.read import read_inputs
from typer.testing import CliRunner

from pipeline import api, review
from pipeline.api import Extraction
from pipeline.cli import app
from pipeline.export import FLOAT_COLUMNS, INT_COLUMNS, TABLES, to_frames
from pipeline.review import highlight, render_review, texts_from_documents, write_atomic

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What a reader sees of the page: each document (attributes, marks, text)
    and the filter's count. Fails on any tag closed out of order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.docs, self.root, self.shown, self.tags = [], [], {}, "", Counter()
        self.feed(html)
        self.close()
        assert not self.stack, self.stack

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if tag == "html":
            self.root = a
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if tag == "details" and "doc" in a.get("class", "").split():
            self.docs.append({"attrs": a, "marks": [], "text": []})
        elif tag == "mark" and self._inside("details"):
            self.docs[-1]["marks"].append(a)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        if any(t == "div" and "text" in a.get("class", "").split() for t, a in self.stack):
            self.docs[-1]["text"].append(data)
        if any(a.get("id") == "shown" for _, a in self.stack):
            self.shown += data

    def _inside(self, tag):
        return any(t == tag for t, _ in self.stack)

    def doc(self, doc_id):
        return next(d for d in self.docs if d["attrs"]["data-id"] == doc_id)


def spans(doc):
    """Highlighted spans of a document: distinct data-span ids, by kind."""
    out = {"ev": set(), "ent": set()}
    for m in doc["marks"]:
        kind = "ev" if "ev" in m["class"].split() else "ent"
        out[kind].add(m["data-span"])
    return out


def tiny_extraction(text, events=(), entities=(), doc_id="a.txt", **doc):
    """An Extraction of one document, every column filled as the pipeline fills them."""
    def full(name, row):
        return {c: row.get(c, None if c in INT_COLUMNS | FLOAT_COLUMNS else "") for c in TABLES[name]}

    documents = [full("documents", dict({"doc_id": doc_id, "status": "ok", "n_chars": len(text)}, **doc))]
    return Extraction(**to_frames([full("events", dict(e, doc_id=doc_id)) for e in events],
                                  [full("entities", dict(e, doc_id=doc_id)) for e in entities], documents))


def event(text, start, end, **values):
    return dict({"event_type": "killed", "count": 2, "qualifier": "exact", "victims": "civilians",
                 "char_start": start, "char_end": end, "matched_text": text[start:end]}, **values)


def entity(text, start, end, label="LOC"):
    return {"label": label, "canonical": text[start:end], "text": text[start:end], "char_start": start,
            "char_end": end, "country": "FR"}


# ---------------------------------------------------------------------------
# Rendering, without the model


def test_overlapping_spans_nest_and_the_text_is_kept():
    text = "Deux morts à Saint-Denis et trois blessés parmi les Lyonnais."
    i = text.index
    events = [event(text, 0, i("à") - 1), event(text, i("trois"), i("parmi") - 1, event_type="injured", count=3)]
    entities = [
        entity(text, i("morts"), i("Denis") + 5),                            # crosses the end of an event
        entity(text, i("Saint"), i("Saint") + 5, "PER"),                    # inside that entity
        entity(text, i("trois"), i("parmi") - 1, "MISC"),                   # the same span as an event
        entity(text, i("blessés"), i("Lyonnais") + 8, "NORP"),              # starts inside an event
    ]
    page = Page(render_review(tiny_extraction(text, events, entities), {"a.txt": text}))
    doc = page.doc("a.txt")
    assert "".join(doc["text"]) == text
    got = spans(doc)
    assert len(got["ev"]) == 2 and len(got["ent"]) == 4
    firsts = [m for m in doc["marks"] if "cont" not in m["class"].split()]
    assert len(firsts) == 6 and all(m["id"] == m["data-span"] for m in firsts)
    assert any("cont" in m["class"].split() for m in doc["marks"])   # a crossing span is cut in two marks
    killed = next(m for m in firsts if "ev-killed" in m["class"])
    assert killed["title"].startswith("killed: 2 (exact") and "victims: civilians" in killed["title"]


def test_highlight_cuts_crossing_spans_into_well_formed_marks():
    out = highlight("abcdef", [{"start": 0, "end": 4, "css": "ev", "title": "x", "id": "m1"},
                               {"start": 2, "end": 6, "css": "ent", "title": "y", "id": "m2"}])
    assert out == ('<mark class="ev" data-span="m1" id="m1" title="x">ab'
                   '<mark class="ent" data-span="m2" id="m2" title="y">cd</mark></mark>'
                   '<mark class="ent cont" data-span="m2" title="y">ef</mark>')


def test_everything_is_escaped():
    text = 'Un mort <script>alert("x")</script> & deux "blessés" à <b>Lyon</b>.'
    doc_id = 'a"b<c>.txt'
    ext = tiny_extraction(text, [event(text, 0, 7, count=1, source='<img src=x onerror="alert(1)">')],
                          [entity(text, text.index("<b>"), text.index("</b>") + 4)],
                          doc_id=doc_id, error="<i>oops</i>")
    html = render_review(ext, {doc_id: text})
    assert "<script>alert" not in html and "<b>Lyon" not in html and "<img" not in html and "<i>oops" not in html
    page = Page(html)
    assert page.tags["script"] == 1 and "img" not in page.tags and "i" not in page.tags
    doc = page.doc(doc_id)
    assert "".join(doc["text"]) == text
    assert 'source: <img src=x onerror="alert(1)">' in doc["marks"][0]["title"]


def test_page_is_self_contained():
    text = "Trois blessés à Lyon."
    html = render_review(tiny_extraction(text, [event(text, 0, 13, event_type="injured", count=3)]), {"a.txt": text})
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=|<link\b|@import|url\(", html, re.I)
    assert "http://" not in html and "https://" not in html
    assert html.count("<style>") == 1 and html.count("<script>") == 1


def test_offsets_that_do_not_match_the_text_are_not_highlighted():
    text = "Trois blessés à Lyon."
    ext = tiny_extraction(text, [event(text, 0, 13, event_type="injured", count=3)])
    page = Page(render_review(ext, {"a.txt": "Another text, other offsets."}))
    assert page.doc("a.txt")["marks"] == []
    assert "could not be placed" in render_review(ext, {"a.txt": "Another text, other offsets."})
    assert "Text not available" in render_review(ext)                 # no texts: tables only


def test_summary_counts_documents_types_and_countries():
    text = "Deux morts et trois blessés au Mali."
    ext = tiny_extraction(text, [event(text, 0, 10, country="ML"), event(text, 14, 27, event_type="injured",
                                                                         count=3, country="ML")])
    html = render_review(ext, {"a.txt": text})
    assert '<span class="status st-ok">1 ok</span>' in html
    assert re.search(r'class="bar" title="killed: 1"', html) and re.search(r'title="injured: 1"', html)
    assert 'title="ML Mali: 2"' in html
    assert '<option value="injured">injured</option>' in html


def test_write_atomic_keeps_the_old_page_when_rendering_fails(tmp_path, monkeypatch):
    out = tmp_path / "review.html"
    write_atomic(out, "old page")
    assert out.read_text() == "old page" and [p.name for p in tmp_path.iterdir()] == ["review.html"]

    def broken(*args, **kwargs):
        raise RuntimeError("no")

    monkeypatch.setattr(review, "render_review", broken)
    monkeypatch.setattr("pipeline.api.collect", lambda docs, workers=1: None)
    with pytest.raises(RuntimeError):
        api.write_review([str(CORPUS / "2022-01-06-kazakhstan.txt")], out)
    assert out.read_text() == "old page" and [p.name for p in tmp_path.iterdir()] == ["review.html"]


# ---------------------------------------------------------------------------
# The real corpus through the CLI, rendered by Chromium


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory, nlp):
    """``pipeline review corpus`` and the extraction it shows."""
    from pipeline import extract_folder

    out = tmp_path_factory.mktemp("review") / "review.html"
    result = CliRunner().invoke(app, ["review", str(CORPUS), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"-> {out}" in result.output
    return out, extract_folder(CORPUS, workers=1)


def test_cli_review_writes_one_page(corpus_page):
    out, ext = corpus_page
    assert [p.name for p in out.parent.iterdir()] == ["review.html"]
    page = Page(out.read_text(encoding="utf-8"))
    assert sorted(d["attrs"]["data-id"] for d in page.docs) == sorted(ext.documents["doc_id"])


def test_texts_can_be_read_back_from_the_documents_table(corpus_page):
    _, ext = corpus_page
    texts = texts_from_documents(ext.documents)
    assert texts == {d.doc_id: d.text for d in read_inputs([CORPUS])}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> str:
    """The page's DOM after its scripts ran, as headless Chromium serialises it."""
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed and cannot be installed here "
                    "(Debian: apt-get install -y chromium; .ci/run does it when run as root)")
    profile = tmp_path / f"profile{len(list(tmp_path.iterdir()))}"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
           "--dump-dom", page.resolve().as_uri() + fragment]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def test_chromium_shows_every_document_and_its_marks(corpus_page, tmp_path):
    out, ext = corpus_page
    page = Page(dump_dom(out, tmp_path))
    assert page.root.get("data-ready") == "1"                        # the script ran to its end
    assert page.shown.strip() == f"{len(ext.documents)} / {len(ext.documents)} documents"
    assert sorted(d["attrs"]["data-id"] for d in page.docs) == sorted(ext.documents["doc_id"])
    assert not any("hidden" in d["attrs"] for d in page.docs)
    texts = {d.doc_id: d.text for d in read_inputs([CORPUS])}
    for doc_id, n_events, n_entities in ext.documents[["doc_id", "n_events", "n_entities"]].values:
        doc = page.doc(doc_id)
        text = texts[doc_id].replace("\r\n", "\n").replace("\r", "\n")
        assert "".join(doc["text"]) == text, doc_id
        got = spans(doc)
        assert (len(got["ev"]), len(got["ent"])) == (n_events, n_entities), doc_id
    seed = page.doc("2022-01-06-kazakhstan.txt")
    titles = [m["title"] for m in seed["marks"] if "ev" in m["class"].split()]
    assert any(t.startswith("killed: 12 (exact") and "security_forces" in t for t in titles)


def test_chromium_filter_by_text_and_event_type(corpus_page, tmp_path):
    out, ext = corpus_page
    n = len(ext.documents)
    page = Page(dump_dom(out, tmp_path, "#q=kaboul"))               # doc_id and text, accents ignored
    visible = [d["attrs"]["data-id"] for d in page.docs if "hidden" not in d["attrs"]]
    assert visible == ["wikinews-2012.jsonl:kaboul-hotel"] and page.shown.strip() == f"1 / {n} documents"

    page = Page(dump_dom(out, tmp_path, "#type=missing"))
    visible = [d["attrs"]["data-id"] for d in page.docs if "hidden" not in d["attrs"]]
    expected = sorted(set(ext.events.loc[ext.events["event_type"] == "missing", "doc_id"]))
    assert sorted(visible) == expected and expected

    page = Page(dump_dom(out, tmp_path, "#q=gendarmes%20blesses"))   # every word, in the text
    visible = [d["attrs"]["data-id"] for d in page.docs if "hidden" not in d["attrs"]]
    assert visible == ["wikinews-2012.jsonl:guyane-harpie"]


def test_incidents_view_lists_each_incident_with_its_tolls_and_links(nlp):
    from pipeline import extract

    texts = {"a.txt": "5 mars 2024. - Un séisme a frappé lundi la province de Malatya, en Turquie, "
                      "faisant au moins 45 morts.",
             "b.txt": "7 mars 2024. - Le séisme de lundi dans la province de Malatya a fait 38 morts, "
                      "selon un bilan révisé à la baisse."}
    res = extract(texts)
    page = render_review(res, texts)
    assert page.count('<details class="incident"') == len(res.incidents) == 1
    view = page.split('<section class="incidents">')[1].split("</section>")[0]
    assert "killed 38 (38-45)" in view and "2 document(s)" in view
    for mark in __import__("re").findall(r'href="#(m\d+)"', view):
        assert f'id="{mark}"' in page
