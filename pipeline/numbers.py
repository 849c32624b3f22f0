"""French quantity expressions: find them in text and parse them into bounds.

A quantity is what counts people in a casualty figure: digits ("1 200",
"1.300", "1,2 million"), number words ("deux cent trente-cinq"), approximate
numerals ("une trentaine"), vague plurals ("des dizaines"), quantifiers
("plusieurs"), zero ("aucun") and the article "un"/"une" (a count only before
a victim noun: the caller decides). An optional qualifier in front sets the
bounds ("au moins", "près de", "jusqu'à"...), following the conventions of the
casualty guidelines.

>>> q = parse_quantity("au moins un millier")
>>> (q.count, q.low, q.high, q.qualifier)
(1000, 1000, None, 'at_least')

The word lists live in ``models/numbers/``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import text2num

from .language.resources import load_json

NUMBER_WORDS = (
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize "
    "quatorze quinze seize vingt vingts trente quarante cinquante soixante septante "
    "huitante octante nonante cent cents mille"
).split()
SCALES = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
_SPACES = re.compile(r"\s+")
_GROUPED = re.compile(r"\d{1,3}(?:[ .'\u00a0\u202f]\d{3})+")  # "1 200", "12.480"
_GROUP_MARKS = re.compile(r"[ .'\u00a0\u202f]")


Q, Q_END = r"(?:[«\"]\s*)?", r"(?:\s*[»\"](?=\s))?"  # a word in quotes: des « centaines » de morts


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity with its character span in the text it was found in.

    ``kind`` says how it was written: digits, words, approx, vague, quantifier,
    zero, article or range.
    """

    start: int
    end: int
    text: str
    count: int
    low: int | None
    high: int | None
    qualifier: str
    kind: str
    qualified: bool = False  # a qualifier word stands in front ("au moins", "près de")


def _alt(words) -> str:
    """Regex alternation of ``words``, longest first, spaces made flexible."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    approx = load_json("numbers/approximate.json")
    vague = load_json("numbers/vague.json")
    quals = load_json("numbers/qualifiers.json")["before"]
    word = _alt(NUMBER_WORDS)
    words = rf"(?:{word})(?:(?:-|\s+)(?:et(?:-|\s+))?(?:{word}))*"
    digits = r"(?<![\d,.'])(?:\d{1,3}(?:[ .'\u00a0\u202f]\d{3})+|\d+(?:,\d+)?)(?![\d\w])"  # 2'500 in Swiss papers
    scale = rf"(?:\s+(?:de\s+)?(?:{_alt(SCALES)}))?"
    num = rf"(?:{digits}|{words}(?![\w-])){scale}"
    plural = _alt(vague["plural_nouns"])
    body = "|".join([
        rf"(?:entre\s+)(?P<r1>{num})\s+et\s+(?P<r2>{num})",
        rf"(?:de\s+)?(?P<r3>{num})\s+(?:à|ou)\s+(?P<r4>{num})",
        rf"(?P<r5>\d+)\s*-\s*(?P<r6>\d+)(?![\d\w])",
        rf"(?:une?|la|le|l')\s*{Q}(?P<approx>{_alt(approx)}){Q_END}(?:\s+de\s+(?P<ascale>milliers|millions))?(?![\w])",
        rf"(?P<vdet>{_alt(vague['plural_determiners'])})\s+{Q}(?P<vnoun>{plural}){Q_END}(?![\w])",
        rf"(?P<num>{num})",
        rf"(?P<zero>{_alt(vague['zero'])})(?![\w])",
        rf"(?P<quant>{_alt(vague['quantifiers'])})(?![\w])",
    ])
    return re.compile(rf"(?<![\w-])(?:(?P<qual>{_alt(quals)})\s*)?(?:{body})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _scale_after() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A scale word ending a number ("2,5 millions"), after spaces and an
    optional "de"; the same after one space; a scale word at the end."""
    scales = _alt(SCALES)
    return (re.compile(rf"\s+(?:de\s+)?({scales})$"), re.compile(rf"\s(?:de\s+)?({scales})$"),
            re.compile(rf"(?:{scales})$"))


def parse_number(text: str) -> int | None:
    """Value of one number written in digits or words, or None.

    >>> [parse_number(s) for s in ("1 200", "1.300", "1,2 million", "soixante et onze")]
    [1200, 1300, 1200000, 71]
    """
    s = _SPACES.sub(" ", text.strip().lower())
    mult = 1
    m = _scale_after()[0].search(s)
    if m:
        mult, s = SCALES[m.group(1)], s[: m.start()].strip()
    if not s:
        return None
    if s[0].isdigit():
        if _GROUPED.fullmatch(s):
            return int(_GROUP_MARKS.sub("", s)) * mult
        try:
            return int(round(float(s.replace(",", ".")) * mult))
        except ValueError:
            return None
    try:
        return _word_value(s) * mult
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _word_value(words: str) -> int:
    """``text2num`` of a number in words ("soixante et onze"), kept: the same few recur in every article."""
    return int(text2num(words, "fr"))


def _bounds(count: int, qualifier: str) -> tuple[int | None, int | None]:
    """Bounds implied by a qualifier, following the guidelines' table."""
    if qualifier == "exact":
        return count, count
    if qualifier == "at_least":
        return count, None
    if qualifier == "at_most":
        return None, count
    return None, None


def _from_match(m: re.Match) -> Quantity | None:
    g = m.groupdict()
    qual = load_json("numbers/qualifiers.json")["before"].get(
        _SPACES.sub(" ", (g["qual"] or "").lower()), "")
    if g["r1"] or g["r3"] or g["r5"]:
        lo_text, hi_text = g["r1"] or g["r3"] or g["r5"], g["r2"] or g["r4"] or g["r6"]
        lo, hi = parse_number(lo_text), parse_number(hi_text)
        scale = _scale_after()[1].search(hi_text.lower())
        if scale and lo is not None and not _scale_after()[2].search(lo_text.lower()):
            lo = parse_number(f"{lo_text} {scale.group(1)}")  # "2,5 à 3 millions": the scale is shared
        if lo is None or hi is None or hi <= lo:
            return None
        return Quantity(m.start(), m.end(), m.group(), lo, lo, hi, "range", "range")
    if g["approx"]:
        count = load_json("numbers/approximate.json")[g["approx"].lower()]
        if g["ascale"]:
            count *= 1000 if g["ascale"].lower() == "milliers" else 10**6
        qualified = bool(qual)
        qual = qual or "approx"
        low, high = _bounds(count, qual) if qual != "approx" else (None, None)
        return Quantity(m.start(), m.end(), m.group(), count, low, high, qual, "approx", qualified)
    if g["vnoun"]:
        key = re.sub(r"\s+", " ", g["vnoun"].lower())
        low, high = load_json("numbers/vague.json")["plural_nouns"][key]
        if qual == "at_least":
            return Quantity(m.start(), m.end(), m.group(), low, low, None, "at_least", "vague", True)
        return Quantity(m.start(), m.end(), m.group(), low, low, high, "vague", "vague")
    if g["num"]:
        count = parse_number(g["num"])
        if count is None:
            return None
        kind = "digits" if g["num"][0].isdigit() else "words"
        if kind == "words" and g["num"].lower() in ("un", "une"):
            kind = "article"
        qualified = bool(qual)
        qual = qual or "exact"
        low, high = _bounds(count, qual)
        return Quantity(m.start(), m.end(), m.group(), count, low, high, qual, kind, qualified)
    if g["zero"]:
        return Quantity(m.start(), m.end(), m.group(), 0, 0, 0, "exact", "zero")
    if g["quant"]:
        low, high = load_json("numbers/vague.json")["quantifiers"][g["quant"].lower()]
        return Quantity(m.start(), m.end(), m.group(), low, low, high, "vague", "quantifier")
    return None


def find_quantities(text: str) -> list[Quantity]:
    """All quantity expressions of ``text``, left to right, not overlapping.

    >>> [(q.text, q.count, q.qualifier) for q in find_quantities("12 morts et des dizaines de blessés")]
    [('12', 12, 'exact'), ('des dizaines', 20, 'vague')]
    """
    out = []
    for m in _regex().finditer(text):
        q = _from_match(m)
        if q is not None:
            out.append(q)
    return out


def parse_quantity(text: str) -> Quantity | None:
    """Parse one whole quantity expression, or None if ``text`` is not one.

    >>> parse_quantity("entre 10 et 15").qualifier
    'range'
    """
    text = text.strip()
    m = _regex().fullmatch(text)
    return _from_match(m) if m else None


def requalify(q: Quantity, qualifier: str) -> Quantity:
    """``q`` read under ``qualifier`` (a comparison verb, or a qualifier that
    scopes over a list), with the bounds of the guidelines; a quantity that
    has a qualifier of its own, or is not exact, is kept.

    >>> q = requalify(parse_quantity("120"), "at_least")
    >>> (q.count, q.low, q.high, q.qualifier)
    (120, 120, None, 'at_least')
    """
    if q.qualified or q.kind not in ("digits", "words", "approx") or qualifier == q.qualifier:
        return q
    if q.kind == "approx" and qualifier == "approx":
        return q
    low, high = _bounds(q.count, qualifier) if qualifier != "approx" else (None, None)
    return replace(q, low=low, high=high, qualifier=qualifier, qualified=True)


def split_change(q: Quantity) -> tuple[Quantity, Quantity] | None:
    """The two tolls of a range that a verb of change reads as a move ("est
    passé de 12 à 15"): the earlier and the later figure, both exact, with
    their own offsets; None when ``q`` is not a "de X à Y" range.

    >>> [(p.text, p.count) for p in split_change(parse_quantity("de 12 à 15"))]
    [('12', 12), ('15', 15)]
    """
    if q.kind != "range":
        return None
    m = re.fullmatch(r"(?:de\s+)(\S.*?)\s+à\s+(\S.*)", q.text, re.IGNORECASE)
    if m is None:
        return None
    parts = []
    for group in (1, 2):
        sub = parse_quantity(m.group(group))
        if sub is None:
            return None
        start = q.start + m.start(group)
        parts.append(replace(sub, start=start, end=start + len(m.group(group))))
    return parts[0], parts[1]
