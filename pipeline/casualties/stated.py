"""Whether a figure is stated as fact: not negated ("n'ont pas été
blessés"), not under a verb of fear, denial or a conditional ("le bilan
pourrait atteindre 200 morts"), unless it stands in a subject, a relative
clause or brackets of that verb ("le bilan (12 morts) pourrait s'alourdir").

>>> doc = nlp("Le bilan pourrait atteindre 200 morts.")
>>> hypothetical(doc[5])
True
"""
from __future__ import annotations

from spacy.tokens import Token

from ..language.sentences import sentence_of
from .coordination import THRESHOLDS
from .triggers import context as _context

SUBJECT_DEPS = {"nsubj", "nsubj:pass"}


def negated(tok: Token) -> bool:
    return any(c.lower_ in ("pas", "jamais", "ni") for c in tok.children)


def hypothetical(tok: Token) -> bool:
    """True when the figure hangs under a verb of fear or denial, or a conditional
    'pouvoir' ("le bilan pourrait atteindre 200 morts", "a démenti le chiffre de 100 morts")."""
    ctx = _context()
    stop = set(ctx["hypothetical"]) | set(ctx["denial"])
    start = tok
    if in_brackets(tok):  # "le bilan (12 morts, 40 blessés) pourrait s'alourdir"
        return False
    for _ in range(4):
        for c in list(tok.children) + [tok]:
            if c.lemma_ in stop:
                return True
            if c.lemma_ in ctx["conditional"] and "Cnd" in c.morph.get("Mood"):
                return True
        if tok.head.i == tok.i or (tok.dep_ == "conj" and tok.pos_ == "VERB"):
            break  # a coordinated clause is not under the verb before it: "menace de s'effondrer et évacuent..."
        if tok.dep_ == "acl:relcl" or (tok is not start and tok.dep_ in SUBJECT_DEPS and start.pos_ in ("NOUN", "ADJ")
                                       and tok.lower_ not in THRESHOLDS) \
                or any(c.lower_ == "qui" and c.dep_ in SUBJECT_DEPS for c in tok.children):
            break  # a figure inside the subject or a relative clause is stated: "le bilan, qui fait état de 30 morts, pourrait..."
        tok = tok.head
    return False


def in_brackets(tok: Token) -> bool:
    """Whether ``tok`` stands between brackets in its sentence."""
    sent = sentence_of(tok)
    opened = next((t for t in reversed(tok.doc[sent.start:tok.i]) if t.text in "()"), None)
    return opened is not None and opened.text == "(" and any(t.text == ")" for t in tok.doc[tok.i:sent.end])
