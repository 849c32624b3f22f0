"""The time of an event: stated durations ("pendant deux semaines"), the
precision of an ISO date, the tense of a trigger's clause (news or not) and
the dates of a sentence, datelines left out.

>>> find_durations("Un couvre-feu de trois jours a été décrété.")
[(14, 28, 'P3D')]
>>> precision_of("2022-01")
'month'
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token
from text_to_num import text2num

from ..dates import precision_of  # noqa: F401  (re-exported: the date stage decides it)
from ..dates import sentence_dates
from .lexicon import lexicon


def iso_duration(n: int, unit: str) -> str:
    """ISO 8601 duration of ``n`` units (H, D, W, M, Y); weeks are written in days.

    >>> iso_duration(2, "W"), iso_duration(12, "H"), iso_duration(3, "M")
    ('P14D', 'PT12H', 'P3M')
    """
    if unit == "H":
        return f"PT{n}H"
    if unit == "W":
        return f"P{7 * n}D"
    return f"P{n}{unit}"


@lru_cache(maxsize=1)
def _duration_regex() -> re.Pattern:
    words = lexicon()["durations"]
    preps = "|".join(re.escape(p) for p in words["prepositions"] if not p.endswith("'"))
    units = "|".join(sorted(map(re.escape, words["units"]), key=len, reverse=True))
    num = "(?:" + "|".join(sorted(words["number_words"], key=len, reverse=True)) + ")"
    return re.compile(rf"(?<!\w)(?:(?:{preps})\s+|d['’]\s*)(?P<n>\d+|{num}(?:[-\s]{num}){{0,3}})"
                      rf"\s+(?P<unit>{units})(?!\w)", re.IGNORECASE)


def _number(words: str) -> int | None:
    """``12``, ``deux``, ``une``, ``vingt-quatre`` as an integer, None if not a number."""
    w = words.lower()
    if w.isdigit():
        return int(w)
    if w in ("un", "une"):
        return 1
    try:
        return text2num(w, "fr")
    except (ValueError, OverflowError):
        return None


def find_durations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO 8601 value) of each stated duration of ``text``.

    >>> find_durations("Un état d'urgence de deux semaines a été décrété.")
    [(18, 34, 'P14D')]
    >>> [d[2] for d in find_durations("pris en otage pendant 12 heures, pour un an")]
    ['PT12H', 'P1Y']
    """
    units = lexicon()["durations"]["units"]
    out = []
    for m in _duration_regex().finditer(text):
        n = _number(m["n"])
        if n:
            out.append((m.start(), m.end(), iso_duration(n, units[m["unit"].lower()])))
    return out


def _tense(verb: Token) -> str:
    """pluperfect, future, conditional, infinitive, participle or other (news)."""
    if "Inf" in verb.morph.get("VerbForm"):
        return "infinitive"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")]
    for a in auxes:
        if a.dep_ in ("aux", "aux:tense") and "Imp" in a.morph.get("Tense"):
            return "pluperfect"
        if "Fut" in a.morph.get("Tense"):
            return "future"
    if auxes:
        return "other"
    if "Fut" in verb.morph.get("Tense"):
        return "future"
    if "Cnd" in verb.morph.get("Mood"):
        return "conditional"
    if "Part" in verb.morph.get("VerbForm") and verb.dep_ in ("acl", "amod"):
        return "participle"
    return "other"


def is_news(anchor: Token) -> bool:
    """Whether the event is the article's news: present, passé composé, passé
    simple or imperfect in its clause, not pluperfect, future or conditional.
    A participle or infinitive takes the tense of the clause above it; a
    nominal sentence (a headline) is news."""
    tok = anchor
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in tok.children):
            tense = _tense(tok)
            if tense in ("pluperfect", "future", "conditional"):
                return False
            if tense == "infinitive" and tok.head.lemma_ in lexicon()["future_auxiliaries"]:
                return False  # "va envoyer"
            if tense not in ("infinitive", "participle"):
                return True
        if tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the date of a dateline ("5 juin 2012. - Un avion",
    "PARIS, 6 janvier 2022 (AFP) -"): the publication date, not an event's."""
    line = text[:start].rsplit("\n", 1)[-1]
    return len(line.split()) <= 3 and bool(re.match(r"\s*(?:\([^)]{1,20}\))?\s*\.?\s*[-–—]", text[end:end + 30]))


def _sentence_dates(sent: Span, published: str | None) -> list[tuple[Span, str, str, str]]:
    """(tokens, value, text, precision) of the resolved dates of ``sent``, datelines left out."""
    out = []
    for m in sentence_dates(sent, published):
        start = sent.start_char + m.start
        if start < 300:  # datelines open a document; Doc.text would rebuild it all
            head = sent.doc[:min(len(sent.doc), sent.end + 12)].text
            if _dateline(head, start, sent.start_char + m.end):
                continue
        span = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
        if span is not None and len(span) and m.value:
            out.append((span, m.value, m.text, m.precision))
    return out
