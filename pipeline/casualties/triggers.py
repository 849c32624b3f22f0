"""Casualty triggers: the ``Matcher`` over ``models/casualties/triggers.jsonl``
and the words around a figure that change its reading (``context.json``).

>>> rows = [{"id": "killed.mort", "category": "killed", "pattern": [{"LOWER": "morts"}]}]
>>> matcher, category = build_trigger_matcher(nlp.vocab, rows)
>>> trigger_tokens(nlp("12 morts"), matcher, category)[1][:2]
('killed', 'killed.mort')
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..matching import TokenMatcher
from ..resources import load_json

def build_trigger_matcher(vocab, rows: list[dict]) -> tuple[TokenMatcher, dict[str, str]]:
    """A Matcher over the trigger patterns, and the category of each pattern id.
    Agentive triggers (whose active subject is the killer, not the victim) get
    their ids listed under the key ``"agentive"``."""
    matcher = TokenMatcher(vocab)
    category: dict[str, str] = {}
    for row in rows:
        matcher.add(row["id"], [row["pattern"]])
        category[row["id"]] = row["category"]
    category["agentive"] = {row["id"] for row in rows if row.get("agentive")}  # type: ignore[assignment]
    return matcher, category


def trigger_tokens(doc: Doc, matcher: TokenMatcher, category: dict[str, str]) -> dict[int, tuple[str, str, int]]:
    """Map token index -> (category, pattern id, end of the match), longest match winning."""
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in matcher(doc)]
    out: dict[int, tuple[str, str]] = {}
    agentive = category.get("agentive", set())
    for span in filter_spans(spans):
        for tok in span:
            out[tok.i] = (category[span.label_], span.label_, span.end, span.label_ in agentive)
    return out


def active_agent(verb: Token) -> bool:
    """True when ``verb`` is in the active voice, so its subject is the agent:
    "trois hommes ont tué deux policiers" (not "ont été tués", "se sont noyés").

    >>> active_agent(nlp("Ils ont tué deux policiers.")[2])
    True
    """
    kids = list(verb.children)
    if any(c.dep_ == "aux:pass" or c.lemma_ in ("se", "être") for c in kids):
        return False
    if any(c.dep_.startswith("aux") and c.lemma_ == "avoir" for c in kids):
        return True
    return "Fin" in verb.morph.get("VerbForm") or "Inf" in verb.morph.get("VerbForm")



@lru_cache(maxsize=1)
def context() -> dict:
    """The context words of ``models/casualties/context.json`` (hypothetical, denial, tally...)."""
    return load_json("casualties/context.json")


def category_of(trigger: tuple[str, str], head: Token | None) -> str:
    """The category of a trigger, with 'victimes' read as deaths after 'bilan'."""
    cat, tid = trigger[:2]
    if tid == "affected.victime" and head is not None:
        left = head.doc[max(head.sent.start, head.i - 6):head.i]
        if any(t.lemma_ == "bilan" for t in left):
            return "killed"
    return cat

