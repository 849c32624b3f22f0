"""Figures introduced by a tally noun: "le nombre de morts est passé à 45",
"portant à 290 le nombre de décès", "les blessés, au nombre de 12",
"portant le total à 27".

>>> doc = nlp("Le nombre de morts est passé à 45.")
>>> doc[tally_trigger(doc, doc[:], doc[6:7], trigger_tokens(doc, *matcher))].text
'morts'
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..geocode.places import fold
from .triggers import context as _context

CLAUSE_BREAKS = {";", ":", ".", "!", "?", "(", ")", "«", "»", '"'}


def tally_trigger(doc: Doc, sent: Span, span: Span, trig: dict) -> int | None:
    """The victim noun of "le nombre de morts est passé à 45", "le bilan des victimes atteint 45"."""
    tally = set(_context()["tally"])
    # "portant à 290 le nombre de décès", "695 le nombre de soignants tués"
    after = doc[span.end:min(span.end + 3, sent.end)]
    for j, tok in enumerate(after, start=span.end):
        if tok.lemma_ in tally:
            for k in range(j + 1, min(j + 6, sent.end)):
                if k in trig and doc[k].pos_ in ("NOUN", "ADJ", "VERB"):
                    return k
                if doc[k].text in CLAUSE_BREAKS:
                    break
            break
        if tok.lower_ not in ("le", "la", "l'", "les"):
            break
    # "les blessés, au nombre de 12"
    if span.start - 3 >= sent.start and [t.lower_ for t in doc[span.start - 3:span.start]] == ["au", "nombre", "de"]:
        for k in range(span.start - 4, max(sent.start, span.start - 8) - 1, -1):
            if k in trig and doc[k].pos_ in ("NOUN", "ADJ", "VERB"):
                return k
            if doc[k].text not in (",", "(") and doc[k].pos_ not in ("DET", "ADJ"):
                break
    for j in range(span.start - 1, max(sent.start, span.start - 10) - 1, -1):
        if doc[j].text in CLAUSE_BREAKS:
            return None
        if doc[j].lemma_ in tally:
            for k in range(j + 1, min(j + 4, span.start)):
                if k in trig and doc[k].pos_ in ("NOUN", "ADJ", "VERB"):  # "le nombre de déplacés"
                    return k
    return None


def tally_subject(anchor, trig: dict) -> int | None:
    """The trigger of a tally noun that is the subject of the verb governing
    the figure: "le nombre des décès en surnombre [...] s'établissait à 2 045
    personnes" (the parse, when the tally is too far for the words)."""
    verb = anchor.head
    if verb.pos_ not in ("VERB", "AUX") or anchor.dep_ not in ("obl", "obl:arg", "obl:mod", "obj"):
        return None
    for subj in verb.children:
        if subj.dep_ in ("nsubj", "nsubj:pass") and subj.lemma_ in _context()["tally"]:
            for c in subj.children:
                if c.i in trig and c.pos_ in ("NOUN", "ADJ", "VERB"):
                    return c.i
    return None


def running_total(doc: Doc, sent: Span, span: Span) -> bool:
    """A tally noun right before the number, naming no casualty of its own:
    "portant le total à 27", "le bilan passe à 12"."""
    words = [t.lemma_ for t in doc[max(sent.start, span.start - 4):span.start] if t.pos_ != "DET"]
    if len(words) < 2 or words[-1] != "à":
        return False
    noun = words[-3] if words[-2] == "passer" and len(words) >= 3 else words[-2]  # "le bilan passe à"
    return noun in _context()["tally"] and (span.end >= sent.end or doc[span.end].pos_ not in ("NOUN", "PROPN"))


@lru_cache(maxsize=1)
def _cumulative_patterns() -> tuple:
    return tuple(re.compile(p) for p in _context()["cumulative"])


def cumulative(sentence: str) -> bool:
    """Whether a sentence gives a total over years (or since the start of
    the year), not one event's toll.

    >>> cumulative("Depuis 2015, les violences ont fait plus de 10 000 morts.")
    True
    >>> cumulative("Neuf morts depuis le 13 mai.")
    False
    """
    text = fold(sentence or "")
    return any(p.search(text) for p in _cumulative_patterns())
