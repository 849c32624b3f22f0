"""Anaphors and causes: mentions that point back to an earlier event ("la
crise", "cet accident"), and the event that caused a casualty figure.

>>> doc = load_nlp()("L'attaque a fait 14 morts.")
>>> doc.spans["events"][doc.spans["casualties"][0]._.cause_event].label_
'attack'
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..language.matching import tokens_in
from ..language.sentences import sentence_of
from ..language.texts import span_text
from .arguments import _resolve, _subject
from .lexicon import OBLIQUES, lexicon, ontology
from .time import precision_of
from .triggers import Trigger


def _anaphors(doc: Doc, triggers: list[Trigger]) -> tuple[list[Trigger], dict[int, int]]:
    """Split off mentions that point back to an earlier event: generic nouns
    ("la crise", "ces troubles", "le drame") and demonstratives of an event
    already mentioned ("cet accident"). Returns the triggers that are events of
    their own, and token index -> index (in those) of the event referred to."""
    lex = lexicon()
    onto = ontology()
    events: list[Trigger] = []
    refs: dict[int, int] = {}
    trig_at = {t.anchor: t for t in triggers}
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    generic = lex["anaphors"]
    # the trigger words, and the words whose lemma is a generic noun: no Token for the others
    for tok in (doc[i] for i in sorted(set(trig_at).union(tokens_in(doc, "lemma_", generic)))):
        if tok.i in trig_at:
            trig = trig_at[tok.i]
            demonstrative = any(c.lower_ in lex["demonstratives"] and c.dep_ == "det" for c in tok.children)
            types = {trig.event_type, *onto[trig.event_type].get("antecedent_types", [])}
            earlier = [k for k, e in enumerate(events) if e.event_type in types]
            if demonstrative and earlier:
                refs[tok.i] = earlier[-1]
            else:
                events.append(trig)
        elif tok.pos_ == "NOUN" and tok.lemma_ in generic and tok.i not in trigger_tokens:
            earlier = [k for k, e in enumerate(events) if e.event_type in generic[tok.lemma_]]
            if earlier:
                refs[tok.i] = earlier[-1]
    return events, refs


def _event_of(tok: Token | None, owners: dict[int, int], refs: dict[int, int]) -> int | None:
    """The event a token names: a trigger word or an anaphoric mention."""
    if tok is None:
        return None
    tok = _resolve(tok) if tok.lower_ in lexicon()["relative_pronouns"] else tok
    if tok is None:
        return None
    if tok.i in refs:
        return refs[tok.i]
    return owners.get(tok.i)


def cause_of(fig: Span, owners: dict[int, int], refs: dict[int, int], anchors: list[int]) -> int | None:
    """The event that caused a casualty figure, when the text ties them: the
    subject of "faire", "causer", "provoquer"... above the figure ("L'attaque a
    fait 14 morts", "la crise a déjà fait des dizaines de morts"), an event in an
    oblique of its verb ("tués lors de l'assaut"), else the only event of its
    sentence."""
    lex = lexicon()
    tok = fig.root
    for _ in range(6):
        if tok.pos_ == "VERB":
            if tok.lemma_ in lex["cause_verbs"] and (k := _event_of(_subject(tok), owners, refs)) is not None:
                return k
            for c in tok.children:
                if c.dep_ in OBLIQUES and (k := _event_of(c, owners, refs)) is not None:
                    return k
        for c in tok.children:
            if c.dep_ == "nmod" and c.i >= fig.end and (k := _event_of(c, owners, refs)) is not None:
                return k
        if tok.head.i == tok.i:
            break
        tok = tok.head
    sent = sentence_of(fig)
    here = {owners[i] for i in anchors if sent.start <= i < sent.end}
    here |= {k for i, k in refs.items() if sent.start <= i < sent.end}
    return here.pop() if len(here) == 1 else None


def cumulative(fig: Span) -> bool:
    """Whether a casualty figure is a total since a year or a month, not the
    toll of one event ("depuis 2015, les violences ont fait plus de 10 000
    morts"): no event of its sentence caused it.

    >>> cumulative(load_nlp()("Depuis 2015, les violences ont fait 10 000 morts.").spans["casualties"][0])
    True
    """
    if not fig._.date_text or precision_of(fig._.date or "") not in ("year", "month"):
        return False
    text = span_text(sentence_of(fig)).lower()
    at = text.find(fig._.date_text.lower())
    before = text[:at].split()[-1:] if at > 0 else []
    return bool(before) and before[0] in lexicon()["cumulative_markers"]
