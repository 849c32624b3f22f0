"""Line breaks that end sentences, set before the parser runs (and numbers that don't).

News texts put a headline, a dateline and paragraphs on lines of their own,
often without a full stop: "Accident sur l'A7 : quatre morts", a blank
line, "LYON, 14 mars 2024 - ...". The parser would read the headline and the
dateline as one sentence. A blank line always ends a sentence, and so does
the first line break when the first line has no final punctuation and the
next starts with a capital (a headline; a line that only dates the article,
"dimanche 7 octobre 2012", may come between), and no sentence starts inside the
headline; a line break after a full stop ("!", "?", "…", or a closing
quote after one) and before a capital ends a sentence too (a paragraph;
"M.\nDupont" does not, nor a hard-wrapped line). Other single line breaks
are left to the parser: boundaries forced inside running text make
``fr_core_news_md`` cut sentences that follow them. The parser keeps
boundaries set before it.

>>> [s.text for s in nlp("Accident sur l'A7 : quatre morts\\n\\nLYON - Un car s'est renversé.").sents][:1]
["Accident sur l'A7 : quatre morts"]
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from .texts import doc_text

_NEWLINE = re.compile("\n")


def line_starts(doc: Doc, title_end: int | None = None) -> list[int]:
    """Indices of the tokens that start a sentence because of a line break:
    after a blank line, after the headline (which ends at ``title_end``,
    see :func:`headline_end`; computed when not given), and after a line
    ending with a full stop when a capital follows. Only the tokens that
    hold a line break are looked at.

    >>> line_starts(nlp.make_doc("Titre\\n\\nTexte suivi."))
    [2]
    """
    text = doc_text(doc)
    if title_end is None:
        title_end = headline_end(text)
    out = []
    for i in _tokens_with_newline(doc, text):
        if i >= len(doc) - 1:
            break
        tok, nxt = doc[i], doc[i + 1]
        if nxt.is_space:
            continue
        if tok.text.count("\n") >= 2 or (title_end and tok.idx <= title_end < nxt.idx):
            out.append(nxt.i)
        elif _ends_sentence(doc[tok.i - 1] if tok.is_space and tok.i else tok) and nxt.text[:1].isupper():
            out.append(nxt.i)
    return out


def _tokens_with_newline(doc: Doc, text: str) -> list[int]:
    """Indices, in order, of the tokens whose text holds a line break (the
    space after a token is one " " at most, so a break is in a token's own
    text), found from the text and the token offsets: no ``Token`` objects made.

    >>> _tokens_with_newline(nlp.make_doc("Un.\\nDeux\\n\\n"), "Un.\\nDeux\\n\\n")
    [2, 4]
    """
    if "\n" not in text:
        return []
    starts = doc.to_array(IDX).tolist()
    return sorted({bisect_right(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)})


def _ends_sentence(tok) -> bool:
    """A full stop (not of an abbreviation: "M.", "av. J.-C."), "!" or "?" ending a line."""
    return tok.text in (".", "!", "?", "…", "»") and tok.i > 0 and (tok.text != "»" or tok.doc[tok.i - 1].text in ".!?")


def after_numbers(doc: Doc) -> list[int]:
    """Indices of the tokens that continue a number: the next group of a
    number written with spaces ("92 706"), or the lower-case word it counts
    ("12.480 sinistrés"). A sentence never starts there. Read from the text
    and one ``Doc`` array: no ``Token`` objects made.

    >>> after_numbers(nlp.make_doc("jetant à la rue 92 706 personnes"))
    [5, 6]
    """
    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH, SPACY]).tolist() if len(doc) else []
    out = []
    for i in range(len(rows) - 1):
        start, length, space = rows[i]
        if not space or not text[start:start + 1].isdigit():
            continue
        prev = text[start:start + length]
        if not prev[-1:].isdigit():
            continue
        start, length, _ = rows[i + 1]
        word = text[start:start + length]
        group = len(word) == 3 and word.isdigit() and len(prev) <= 3 and prev.isdigit()
        if group or word[:1].islower():
            out.append(i + 1)
    return out


def headline_end(text: str) -> int:
    """End offset of the headline of ``text``: its first non-empty line, when
    it ends with no full stop and no colon and a line starting with a capital
    follows (after a line that only dates the article, if there is one:
    :func:`date_line_end`); else 0.

    >>> headline_end("Quatre morts sur l'A7\\nLYON - Un car s'est renversé.")
    21
    >>> headline_end("Quatre morts sur l'A7\\ndimanche 7 octobre 2012\\nUn car s'est renversé.")
    21
    >>> headline_end("Un car s'est renversé.\\nLe bilan est lourd.")
    0
    """
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    after = date_line_end(text, end) if end >= 0 else 0
    rest = text[after or end:].strip() if end >= 0 else ""
    if not rest or rest[0].islower() or text[:end].rstrip()[-1:] in ".!?;:…":
        return 0
    return end


def date_line_end(text: str, start: int) -> int:
    """End offset of the line after offset ``start`` (a line break) when that
    line only dates the article ("dimanche 7 octobre 2012", "Publié le 24
    août 2016 à 10 h": :func:`pipeline.inputs.published.is_date_line`); else 0.

    >>> date_line_end("Titre\\ndimanche 7 octobre 2012\\nUn car...", 5)
    29
    >>> date_line_end("Titre\\ndimanche, douze morts\\nUn car...", 5)
    0
    """
    from ..inputs.published import is_date_line

    end = text.find("\n", start + 1)
    line = text[start + 1:end]
    return end if end > 0 and len(line) <= 80 and is_date_line(line) else 0


class LineBreaks:
    """spaCy component: sentence starts after line breaks (see the module);
    sets ``doc._.headline_end`` for the components after it."""

    def __init__(self):
        if not Doc.has_extension("headline_end"):
            Doc.set_extension("headline_end", default=0)

    def __call__(self, doc: Doc) -> Doc:
        end = doc._.headline_end = headline_end(doc_text(doc))
        for i in line_starts(doc, end):
            doc[i].is_sent_start = True
        for i in after_numbers(doc):
            doc[i].is_sent_start = False
        for tok in doc[1:]:  # a headline is one sentence
            if tok.idx >= end:
                break
            tok.is_sent_start = False
        return doc


@Language.factory("fr_line_breaks_v1")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Sentence starts after blank lines and before capitalised lines, v1."""
    return LineBreaks()
