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

from ..language.matching import TokenMatcher
from ..language.resources import load_json
from ..language.sentences import sentence_of

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
    not_before, not_after = context()["not_before"], context()["not_after"]
    spans = [sp for sp in spans if (sp.end >= len(doc) or doc[sp.end].lower_ not in not_before.get(sp.label_, ()))
             and not any(t.lemma_.lower() in not_after.get(sp.label_, ()) for t in doc[max(0, sp.start - 2):sp.start])]
    out: dict[int, tuple[str, str]] = {}
    agentive = category.get("agentive", set())
    for span in filter_spans(spans):
        for tok in span:
            out[tok.i] = (category[span.label_], span.label_, span.end, span.label_ in agentive)
    return out


def _beside_injured(doc: Doc, fig, figures: list) -> bool:
    """Whether an injured figure follows "N victimes" in its list: "quatre
    victimes et de douzaines de blessés" (only verbless glue in between)."""
    nxt = next((f for f in figures if f.q_start > fig.q_start), None)
    if nxt is None or nxt.event_type != "injured" or nxt.subset:
        return False
    between = doc[fig.tokens[1]:nxt.q_start]
    return len(between) <= 3 and any(t.lower_ == "et" for t in between) \
        and not any(t.pos_ in ("VERB", "AUX") for t in between)


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
        left = head.doc[max(sentence_of(head).start, head.i - 6):head.i]
        if any(t.lemma_ == "bilan" for t in left):
            return "killed"
    return cat



def victims_who_died(doc: Doc, figures: list, trig: dict) -> None:
    """Read "N victimes" as N dead when the article says people died and the
    sentence names no other outcome ("l'accident a fait 45 victimes ... ont
    péri"); with nothing more said, or beside "dont 12 morts", they stay
    affected. In place.

    >>> [s._.event_type for s in nlp("L'accident a fait 45 victimes. Les passagers ont péri.").spans["casualties"]]
    ['killed']
    """
    died = any(v[0] == "killed" for v in trig.values())
    for fig in figures:
        if fig.event_type != "affected" or fig.trigger is None or trig[fig.trigger][1] != "affected.victime":
            continue
        if fig.quantity.kind in ("zero", "vague", "quantifier"):
            continue
        if _beside_injured(doc, fig, figures):  # "quatre victimes et des douzaines de blessés": the victims died
            fig.event_type = "killed"
            continue
        if not died:
            continue
        sent = sentence_of(doc[fig.trigger])
        others = {v[0] for i, v in trig.items() if sent.start <= i < sent.end and v[1] != "affected.victime"}
        parts = any(f.subset and f.q_start > fig.q_start and sent.start <= f.q_start < sent.end for f in figures)
        if others <= {"killed"} and not parts:  # "les corps de 96 victimes", not "45 victimes, dont 12 morts"
            fig.event_type = "killed"
