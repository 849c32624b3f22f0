"""The text of a ``Doc`` and of its spans, read once per ``Doc``.

spaCy rebuilds ``Doc.text`` and ``Span.text`` from their tokens at every
call; the components read the text of each sentence several times. The
first call of :func:`doc_text` keeps the text in ``doc.user_data``; spans
are then slices of it.

>>> doc = nlp.make_doc("Douze morts. Trois blessés.")
>>> [span_text(s) for s in nlp(doc).sents]
['Douze morts.', 'Trois blessés.']
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "fr_event_pipeline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once.

    >>> doc_text(nlp.make_doc("Deux morts à Lyon."))
    'Deux morts à Lyon.'
    """
    text = doc.user_data.get(_KEY)
    if text is None or len(text) != _length(doc):  # absent, or copied from another Doc
        text = doc.user_data[_KEY] = doc.text
    return text


def _length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def span_text(span: Span) -> str:
    """``span.text``, as a slice of :func:`doc_text`."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentence_dates(sent: Span, published) -> list:
    """:func:`pipeline.dates.find_dates` of a sentence, once per ``Doc``
    (the casualty figures and the events of a sentence all need them)."""
    from .dates import find_dates

    key = ("fr_event_pipeline.dates", sent.start, str(published))
    found = sent.doc.user_data.get(key)
    if found is None:
        found = sent.doc.user_data[key] = tuple(find_dates(span_text(sent), published))
    return list(found)
