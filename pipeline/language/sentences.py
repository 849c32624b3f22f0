"""The sentences and the entities of a parsed ``Doc``, found once per ``Doc``.

spaCy walks the tokens at every call: ``span.sent`` (and ``token.sent``) to
the start and the end of the sentence, ``doc.sents`` and ``doc.ents`` over
the whole text, ``span.ents`` through ``doc.ents``; the components after the
parser ask for them many times per figure and per event. These functions
keep their bounds beside the ``Doc`` (:func:`pipeline.language.texts.doc_memo`;
plain numbers: a ``Span`` kept there would keep its ``Doc`` alive) and give
the same spans. Sentence boundaries are final once the parser has run: call
them after it. The entities are kept until they are set again through
:func:`set_entities` (the entity clean-up and the linker set them; nothing
after the linker does).

>>> doc = nlp("Deux morts à Lyon. Trois blessés à Paris.")
>>> sentence_of(doc[5]) == doc[5].sent, [e.text for e in sentence_entities(sentences(doc)[1])]
(True, ['Paris'])
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from .texts import doc_memo


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    memo = doc_memo(doc)
    if "sents" not in memo:
        sents = list(doc.sents)  # ValueError when no sentence boundaries are set
        memo["sents"] = ([s.start for s in sents], [s.end for s in sents])
    return memo["sents"]


def sentences(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.sents)`` (ValueError when no sentence boundaries are set).

    >>> [s.text for s in sentences(nlp("Deux morts. Trois blessés."))]
    ['Deux morts.', 'Trois blessés.']
    """
    starts, ends = _sentence_bounds(doc)
    return tuple(doc[a:b] for a, b in zip(starts, ends))


def sentence_of(item: Span | Token) -> Span:
    """``item.sent``: the sentence holding a token, or the first token of a span.

    >>> doc = nlp("Deux morts. Trois blessés.")
    >>> sentence_of(doc[3:5]).text
    'Trois blessés.'
    """
    doc = item.doc
    starts, ends = _sentence_bounds(doc)
    k = max(0, bisect_right(starts, item.i if isinstance(item, Token) else item.start) - 1)
    return doc[starts[k]:ends[k]]


def _entity_bounds(doc: Doc) -> list[tuple[int, int, int, int, int]]:
    memo = doc_memo(doc)
    if "ents" not in memo:
        memo["ents"] = [(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        memo["ent_starts"] = [e[0] for e in memo["ents"]]
    return memo["ents"]


def _span(doc: Doc, bounds: tuple[int, int, int, int, int]) -> Span:
    start, end, label, kb_id, span_id = bounds
    return Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id)


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, their bounds read once until :func:`set_entities` sets them again."""
    return tuple(_span(doc, e) for e in _entity_bounds(doc))


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity holding token ``i``, or None.

    >>> doc = nlp("Deux morts à Lyon.")
    >>> entity_at(doc, 3).text, entity_at(doc, 0)
    ('Lyon', None)
    """
    ents = _entity_bounds(doc)
    k = bisect_right(doc_memo(doc)["ent_starts"], i) - 1
    return _span(doc, ents[k]) if k >= 0 and ents[k][0] <= i < ents[k][1] else None


def sentence_entities(span: Span) -> list[Span]:
    """``span.ents``: the entities that lie wholly inside ``span``.

    >>> [e.text for e in sentence_entities(nlp("Deux morts à Lyon.")[:])]
    ['Lyon']
    """
    doc = span.doc
    ents = _entity_bounds(doc)
    out = []
    for k in range(bisect_left(doc_memo(doc)["ent_starts"], span.start), len(ents)):
        if ents[k][1] > span.end:
            break
        out.append(_span(doc, ents[k]))
    return out


def set_entities(doc: Doc, ents) -> None:
    """``doc.ents = ents``, and forget the entities read by :func:`entities`."""
    doc.ents = ents
    memo = doc_memo(doc)
    memo.pop("ents", None)
    memo.pop("ent_starts", None)
