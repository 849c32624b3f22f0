"""Acronyms and their long forms: Schwartz-Hearst on "long form (SHORT)" and
"SHORT (long form)" as pure functions on text, then the long form made one
entity and both forms given one canonical name and label.

>>> t = "l'Armée de libération nationale (ALN) a revendiqué"
>>> [(t[a:b], t[c:d]) for (a, b), (c, d) in find_abbreviations(t)]
[('Armée de libération nationale', 'ALN')]
"""
from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span

from ..geocode import fold
from .lexicons import gazetteer


def _base_char(c: str) -> str:
    return unicodedata.normalize("NFKD", c)[:1].lower() or c


def find_long_form(short: str, candidate: str) -> int | None:
    """Schwartz-Hearst: start of the long form of ``short`` ending ``candidate``.

    Each letter of the short form is matched right to left in the
    candidate; the first must begin a word. Accents and case are ignored.

    >>> c = "pays de l'Organisation du traité de sécurité collective"
    >>> c[find_long_form("OTSC", c):]
    'Organisation du traité de sécurité collective'
    """
    s = [_base_char(c) for c in short]
    long = [_base_char(c) for c in candidate]
    s_idx, l_idx = len(s) - 1, len(long) - 1
    while s_idx >= 0:
        c = s[s_idx]
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (long[l_idx] != c or (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    return l_idx + 1


_PAREN = re.compile(r"\(\s*([^()\s][^()]{0,99}?)\s*\)")
_WORD_BEFORE = re.compile(r"(?:\b[ldLD]['’])?([^\s'’(]+)\s*$")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]")
_LEADING_ARTICLE = re.compile(r"^(?:l['’]|(?:le|la|les)\s+)")


def _is_short_form(text: str) -> bool:
    """"OTSC", "FAMa", "M23" or a capitalised "Mujao"; not "2012" nor "Paris et".

    >>> _is_short_form("OTSC"), _is_short_form("2012")
    (True, False)
    """
    return (2 <= len(text) <= 10 and len(text.split()) == 1 and text[0].isupper()
            and (sum(c.isupper() or c.isdigit() for c in text) >= 2 or len(text) >= 4))


def find_abbreviations(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``((long_start, long_end), (short_start, short_end))`` for each "long form (SHORT)"
    and each "SHORT (long form)".

    >>> t = "Les pays de l'Organisation du traité de sécurité collective (OTSC) ont dit"
    >>> [(t[a:b], t[c:d]) for (a, b), (c, d) in find_abbreviations(t)]
    [('Organisation du traité de sécurité collective', 'OTSC')]
    """
    pairs = []
    for match in _PAREN.finditer(text):
        short = match.group(1)
        if not _is_short_form(short):
            pairs.extend(_short_before(text, match))
            continue
        end = len(text[:match.start()].rstrip())
        clause = max((m.end() for m in _CLAUSE_END.finditer(text, 0, end)), default=0)
        words = list(re.finditer(r"\S+", text[clause:end]))
        n_words = min(len(short) + 5, 2 * len(short))
        if not words:
            continue
        start = clause + words[max(0, len(words) - n_words)].start()
        offset = find_long_form(short, text[start:end])
        if offset is None:
            continue
        long_start = start + offset
        article = _LEADING_ARTICLE.match(text[long_start:end])
        if article:
            long_start += article.end()
        long = text[long_start:end]
        if len(long) <= len(short) or short.lower() in long.lower():
            continue
        if sum(c.isupper() or c.isdigit() for c in short) < 2 and (
                len(long.split()) < len(short) - 1 or not long[0].isupper()):
            continue  # "Mujao" needs a capitalised long form of about one word per letter
        pairs.append(((long_start, end), (match.start(1), match.start(1) + len(short))))
    return pairs


def _short_before(text: str, match: re.Match) -> list:
    """The pair for "SHORT (long form)", e.g. "l'ALN (Armée de libération nationale)"."""
    long = match.group(1)
    before = _WORD_BEFORE.search(text, 0, match.start())
    if before is None or len(long.split()) < 2 or not _is_short_form(before.group(1)):
        return []
    short = before.group(1)
    if sum(c.isupper() or c.isdigit() for c in short) < 2 or find_long_form(short, long) != 0:
        return []
    return [((match.start(1), match.end(1)), (before.start(1), before.end(1)))]


def _add_long_forms(doc: Doc, ents: list[Span], pairs) -> list[Span]:
    """Make the long form of an acronym one entity when the model split or missed it."""
    for (ls, le), (ss, se) in pairs:
        short = next((e for e in ents if e.start_char == ss and e.end_char == se), None)
        inside = [e for e in ents if ls <= e.start_char and e.end_char <= le]
        if short is None or short.label_ in ("PER", "NORP") or any(e.start_char == ls and e.end_char == le for e in inside):
            continue
        span = doc.char_span(ls, le, label=short.label_)
        crossing = [e for e in ents if e.start_char < le and ls < e.end_char and e not in inside]
        if span is not None and not crossing:
            ents = sorted([e for e in ents if e not in inside] + [span], key=lambda e: e.start)
    return ents


def _acronyms(ents: list[Span], pairs, text: str) -> dict[str, tuple[str, str]]:
    """Folded short and long form -> (canonical, label) shared by their mentions.

    The canonical is the gazetteer name, else the long form; the label is
    the long form's ("Armée de libération nationale (ALN)": ALN is ORG).
    """
    gaz = gazetteer()
    out: dict[str, tuple[str, str]] = {}
    for (ls, le), (ss, se) in pairs:
        long, short = fold(text[ls:le]), fold(text[ss:se])
        labels = [e.label_ for e in ents if (e.start_char, e.end_char) == (ls, le)]
        labels += [e.label_ for e in ents if (e.start_char, e.end_char) == (ss, se)]
        if not labels or not any(fold(e.text) == short for e in ents):
            continue
        canonical = (gaz.get(short) or gaz.get(long) or (text[ls:le],))[0]
        out[short] = out[long] = (canonical, labels[0])
    return out
