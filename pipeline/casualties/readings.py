"""Figures that take their count or their noun from around them ("autant
de blessés", "on en dénombre 20", "les prenant au piège"), and quantities
that count no casualties (survivors, the one excepted, percents), read
beside the links of :mod:`.links`.

>>> rescued(nlp("Deux cents rescapés.")[2])
True
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..language.sentences import sentence_of
from ..numbers import Quantity
from .coordination import is_year
from .figures import Figure
from .links import _victim_head
from .triggers import category_of as _category, context as _context
from .victims import _is_person, _scope_words, token_group


PERCENT = re.compile(r"\s*(?:%|pour\s*cents?\b|pourcents?\b)", re.IGNORECASE)
EXCEPT_WORDS = {"exception", "sauf", "hormis", "excepté", "exceptée", "exceptés", "hors"}


def as_many(doc: Doc, sent: Span, trig: dict, figures: list[Figure]) -> list[Figure]:
    """ "plus d'une centaine de morts et autant de blessés": the count of the
    figure before, with the category of the noun after "autant de"."""
    out = []
    for t in sent:
        if t.lower_ != "autant" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ not in ("de", "d'"):
            continue
        noun, before = doc[t.i + 2], [f for f in figures if f.q_end <= t.i]
        if noun.i in trig and before:
            prev = before[-1]
            q = replace(prev.quantity, start=t.idx - sent.start_char, end=t.idx + len(t.text) - sent.start_char,
                        text=t.text)
            out.append(Figure(q, t.i, t.i + 1, noun.i, noun.i, _category(trig[noun.i], noun),
                              token_group(noun) or "unspecified",
                              f"as_many:{trig[noun.i][1]}", trigger_end=trig[noun.i][2]))
    return out


def clitic_objects(doc: Doc, sent: Span, pending: list[tuple[Span, Quantity]], trig: dict,
                   figures: list[Figure]) -> list[Figure]:
    """People counted first and taken up by "les" before a trigger verb later
    in the sentence: "près de 800 mineurs sont au travail quand un incendie
    se déclare, les prenant au piège" (affected, approx 800)."""
    taken = {f.q_start for f in figures}
    out = []
    for span, q in pending:
        head_i, pronoun = _victim_head(doc, span.start, span.end, q, sent.end)
        head = doc[head_i] if head_i is not None and not pronoun else None
        if span.start in taken or head is None or _is_person(head) is None:
            continue
        for t in doc[head.i + 1:sent.end]:
            if t.lower_ in ("les", "leur") and t.i + 1 < sent.end:  # a clitic, whatever its tag, before a verb
                verb = next((v for v in doc[t.i + 1:min(t.i + 4, sent.end)] if v.pos_ != "AUX"), doc[t.i + 1])
                if verb.i in trig and verb.pos_ == "VERB":
                    out.append(Figure(q, span.start, span.end, head.i, None, _category(trig[verb.i], head),
                                      _is_person(head) or "unspecified", f"clitic:{trig[verb.i][1]}"))
                    break
    return out


def en_count(doc: Doc, sent: Span, span: Span) -> bool:
    """A bare number counted by a verb after the pronoun "en": "les hôpitaux
    en annoncent 31", "on en dénombre déjà 12"."""
    j = span.start - 1
    while j >= sent.start and doc[j].pos_ == "ADV":
        j -= 1
    if j < sent.start or doc[j].pos_ != "VERB" or doc[j].lemma_ not in _context()["count_verbs"]:
        return False
    return any(t.lower_ == "en" and (t.pos_ == "PRON" or t.i == j - 1) for t in doc[max(sent.start, j - 3):j])


def own_side_end(doc: Doc, fig: Figure, sent: Span) -> int:
    """Where the scope phrases of a figure stop when it has a side of its own
    before the next number: in "4 morts côté gouvernemental et 9 côté
    rebelles" the rebels are the 9's; in "des dizaines de morts et un millier
    de blessés parmi les civils" the civilians are both figures'."""
    preps = _scope_words()[0]
    for t in doc[fig.tokens[1]:sent.end]:
        if t.like_num and not is_year(t.text):
            return t.i if any(u.lower_ in preps for u in doc[fig.tokens[1]:t.i]) else sent.end
    return sent.end


def none_survived(doc: Doc, sent: Span, span: Span) -> bool:
    """ "Aucune des 155 personnes à bord n'a survécu": all of them died."""
    if span.start - 2 < sent.start or doc[span.start - 1].lower_ != "des" \
            or doc[span.start - 2].lower_ not in ("aucune", "aucun", "nul", "nulle"):
        return False
    return any(t.lemma_ == "survivre" for t in doc[span.end:sent.end])


def rescued(head: Token) -> bool:
    """Survivors and people rescued are no casualties unless hurt: "550
    rescapés", "4000 personnes ont été secourues" (the noun, or a rescue verb
    right after it)."""
    ctx = _context()
    if head.lemma_.lower() in ctx["survivors"] or head.lower_ in ctx["survivors"]:
        return True
    after = head.doc[head.i + 1:min(head.i + 5, sentence_of(head).end)]
    return any(t.lemma_.lower() in ctx["rescue_verbs"] and t.pos_ in ("VERB", "ADJ") for t in after)
