"""The text of a ``Doc`` and of its spans, read once per ``Doc``.

spaCy rebuilds ``Doc.text`` and ``Span.text`` from their tokens at every
call; the components read the text of each sentence several times. The
first call of :func:`doc_text` keeps the text beside the ``Doc`` (in a weak
dictionary: nothing is added to the ``Doc`` itself, which serialises as
before); spans are then slices of it.

>>> doc = nlp("Douze morts. Trois blessés.")
>>> [span_text(s) for s in doc.sents]
['Douze morts.', 'Trois blessés.']
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_MEMO: WeakKeyDictionary = WeakKeyDictionary()  # Doc -> what was computed of it, gone with it


def doc_memo(doc: Doc) -> dict:
    """What was computed of ``doc`` so far, kept beside it (see the module)."""
    memo = _MEMO.get(doc)
    if memo is None:
        memo = _MEMO[doc] = {}
    return memo


def doc_cached(doc: Doc, key, make):
    """``make()``, computed once per ``doc`` and ``key`` and kept in its memo:
    for what depends on nothing but the finished ``Doc`` (a sentence's places,
    the document's place). The value must not hold the ``Doc`` (no ``Span``,
    no ``Token``): the memo would then keep it alive.

    >>> doc = nlp("Deux morts.")
    >>> doc_cached(doc, "n", lambda: len(doc)), doc_cached(doc, "n", lambda: 0)
    (3, 3)
    """
    memo = doc_memo(doc)
    if key not in memo:
        memo[key] = make()
    return memo[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once.

    >>> doc_text(nlp.make_doc("Deux morts à Lyon."))
    'Deux morts à Lyon.'
    """
    memo = doc_memo(doc)
    if "text" not in memo:
        memo["text"] = doc.text
    return memo["text"]


def make_doc(nlp, text: str) -> Doc:
    """``nlp.make_doc(text)``, its :func:`doc_text` known from the start:
    spaCy's tokenizer keeps every character, so ``doc.text`` is ``text``.

    >>> doc_text(make_doc(nlp, "Deux morts à Lyon.")) == "Deux morts à Lyon."
    True
    """
    doc = nlp.make_doc(text)
    doc_memo(doc)["text"] = text
    return doc


def span_text(span: Span) -> str:
    """``span.text``, as a slice of :func:`doc_text`."""
    return doc_text(span.doc)[span.start_char:span.end_char]
