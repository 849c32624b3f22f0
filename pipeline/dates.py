"""French date expressions: find them in a text and resolve them against a publication date.

Pure Python, no spaCy. The words come from ``models/dates/months.json`` and
``models/dates/relative.json``; the regexes are built from them once.

Precision conventions (``value`` is ISO at that precision):

* ``day``: weekdays (``jeudi``, ``samedi dernier``), ``hier``, ``ce matin``,
  full dates, ``il y a 3 jours``, ``il y a deux semaines`` (14 days back);
  a week (``la semaine dernière``, ``cette semaine``) is dated by its Monday.
* ``month``: ``juin 2011``, ``juin dernier``, ``début/mi/fin janvier``,
  ``le mois dernier``, ``il y a deux mois``.
* ``year``: ``en 2019``, ``fin 2014``, ``l'an dernier``, ``il y a deux ans``.
* Without a publication date, relative forms are still found, with value and
  precision ``""``.

Missing years: a day and month take the latest such date on or before
publication (with a weekday, the nearest year where the weekday matches); a
month alone takes the latest such month on or before the publication month;
``dernier`` / ``prochain`` mean strictly before / strictly after.

>>> [(m.text, m.value) for m in find_dates("Il a démissionné en 2019, hier.", "2022-01-06")]
[('2019', '2019'), ('hier', '2022-01-05')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from text_to_num import text2num

from .language.resources import load_json
from .language.texts import doc_memo, span_text

L, R = r"(?<!\w)", r"(?!\w)"
_DIGIT = re.compile(r"\d")
_DAY = re.compile(r"\d|premier", re.IGNORECASE)  # every spelling of a day of the month holds one
Value = tuple[str, str]  # (value, precision)
Found = list[tuple[int, int, str, str]]  # (start, end, value, precision)
NONE: Value = ("", "")


@dataclass(frozen=True)
class DateMention:
    """One date expression of a text, with its resolved value.

    >>> find_dates("le 1er juin 2009")[0]
    DateMention(start=3, end=16, text='1er juin 2009', value='2009-06-01', precision='day')
    """

    start: int
    end: int
    text: str
    value: str
    precision: str


# -- vocabulary and regexes -------------------------------------------------

def _squash(s: str) -> str:
    """Lookup key: lower case, without spaces, hyphens, apostrophes or dots.

    >>> _squash("Aujourd’hui"), _squash("avant hier"), _squash("Janv.")
    ('aujourdhui', 'avanthier', 'janv')
    """
    return re.sub(r"[\s'’\-‑.]+", "", s.lower())


def _word(w: str) -> str:
    """Regex for one entry: any apostrophe, hyphen or run of spaces where it has one.

    >>> bool(re.fullmatch(_word("aujourd'hui"), "aujourd’hui"))
    True
    """
    table = {"'": r"['’]\s*", "’": r"['’]\s*", "-": r"[-‑\s]\s*", "‑": r"[-‑\s]\s*"}
    return "".join(table.get(c, r"\s+" if c.isspace() else re.escape(c)) for c in w)


def _alt(words, suffix=lambda w: "") -> str:
    """Alternation of entries, longest first, each followed by ``suffix(entry)``."""
    return "(?:" + "|".join(_word(w) + suffix(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _vocab() -> dict:
    """Word lists of ``models/dates/``, with squashed keys for lookups."""
    rel = load_json("dates/relative.json")
    months = load_json("dates/months.json")
    sq = lambda d: {_squash(k): v for k, v in d.items()}  # noqa: E731
    return {"rel": rel, "months": months, "month": sq(months), "weekday": sq(rel["weekdays"]),
            "dir": sq(rel["directions"]), "deictic": sq(rel["deictic"]), "ago": sq(rel["ago"]),
            "unit": sq(rel["units"]), "period": sq(rel["period_units"])}


@lru_cache(maxsize=1)
def _rules() -> list:
    """Compiled ``(regex, handler, gate)`` triples; the regex's whole span is
    the overlap unit. ``gate`` (or None) is what a text must hold for the
    regex to match in it at all, tested first because it is quicker: a
    digit for numeric dates and years, a digit or "premier" for a day."""
    v = _vocab()
    rel, months = v["rel"], v["months"]
    # an abbreviation ("janv") is a prefix of a longer name of the same month: allow "janv."
    is_abbr = lambda n: any(o != n and o.startswith(n) and months[o] == months[n] for o in months)  # noqa: E731
    abbr = lambda n: r"\.?" if is_abbr(n) else ""  # noqa: E731
    mon = lambda s="": rf"(?P<month{s}>{_alt(months, abbr)})"  # noqa: E731
    day = lambda s="": rf"(?P<day{s}>1er|premier|0?[1-9]|[12]\d|3[01])"  # noqa: E731
    block = _alt(rel["year_blockers"])
    year = lambda s="": rf"(?P<year{s}>(?:1\d|20)\d\d)(?!\d|\s\d{{3}}(?!\d)|\s*{block}{R})"  # noqa: E731
    wd = lambda s="": rf"(?P<wd{s}>{_alt(rel['weekdays'])})"  # noqa: E731
    this, dr = _alt(rel["this"]), rf"(?P<dir>{_alt(rel['directions'])})"
    part = rf"(?:{_alt(rel['part_links'])}\s+)?{_alt(rel['parts_of_day'])}"
    spaced = lambda w: "" if w.endswith(("-", "'")) else r"\s+"  # noqa: E731  "mi-janvier", "l'an"
    mod = rf"(?P<mod>{_alt(rel['modifiers'], spaced)})"
    anchor = rf"(?P<anchor>{_alt(rel['anchors'])})\s+"
    art = _alt(rel["period_articles"], spaced)
    units, punits = _alt(rel["units"]), _alt(rel["period_units"])
    rng, night = rel["day_ranges"], rel["nights"]
    # "cette nuit-là", "ce jour-là" point back into the story: not dates (hyphen required)
    R_ = rf"{R}(?!(?:{'|'.join(map(re.escape, rel['anaphoric']))}){R})"
    rules = [
        (rf"(?<![\d/.\-])(?:(?P<day>\d\d?)[/.](?P<month>\d\d?)[/.](?P<year>\d{{4}})"
         rf"|(?P<year2>\d{{4}})-(?P<month2>\d\d)-(?P<day2>\d\d))(?![\d/\-]|\.\d)", _h_numeric),
        (rf"{L}(?:(?:{this}\s+)?{wd()}\s+)?{day()}\s+{mon()}(?:\s+{year()}|\s+{dr})?{R}", _h_day_month),
        (rf"{L}{_alt(rng['start'])}\s+{day('1')}(?:\s+{mon('1')})?(?:\s+{year('1')})?\s+"
         rf"{_alt(rng['join'])}\s+{day('2')}\s+{mon('2')}(?:\s+{year('2')})?{R}", _h_day_range),
        (rf"{L}(?:{anchor})?(?P<d>{mod}?{mon()}(?:\s+{year()}|\s+{dr})?){R}", _h_month),
        (rf"{L}(?:{anchor})?(?P<d>{mod}?{year()})", _h_year),
        (rf"{L}(?:{this}\s+)?{wd()}(?:\s+{part})?(?:\s+{dr})?{R_}", _h_weekday),
        (rf"{L}(?P<w>{_alt(rel['deictic'])})(?:\s+{part})?{R_}", _h_deictic),
        (rf"{L}{_alt(night['start'])}\s+{wd()}\s+{_alt(night['join'])}\s+{wd('2')}{R}", _h_weekday),
        (rf"{L}(?P<ago>{_alt(rel['ago'])})\s+(?P<n>\d{{1,4}}|[^\W\d_]+(?:[-\s]+[^\W\d_]+){{0,3}}?)"
         rf"\s+(?P<unit>{units}){R}", _h_ago),
        (rf"{L}(?:{art}(?P<unit>{punits})\s+{dr}|{this}\s+(?P<unit2>{punits})"
         rf"(?:{_alt(rel['period_this_suffix'])})?){R_}", _h_period),
    ]
    gates = {_h_numeric: _DIGIT, _h_year: _DIGIT, _h_day_month: _DAY, _h_day_range: _DAY}
    return [(re.compile(p, re.IGNORECASE), h, gates.get(h)) for p, h in rules]


# -- calendar helpers --------------------------------------------------------

def _date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when it does not exist (``31 février``)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_month(day: int, month: int, year: int | None, wd: int | None, dr: int,
               pub: date | None) -> Value | None:
    """Value of a day and month; None if the day does not exist.

    >>> _day_month(23, 4, None, 6, 0, date(2017, 5, 2))
    ('2017-04-23', 'day')
    """
    if not _date(year or 2000, month, day):
        return None
    if year:
        return _date(year, month, day).isoformat(), "day"
    if pub is None:
        return NONE
    cands = [d for y in range(pub.year - 11, pub.year + 2) if (d := _date(y, month, day))]
    if wd is not None and not dr and (same := [d for d in cands if d.weekday() == wd]):
        return min(same, key=lambda d: abs((d - pub).days)).isoformat(), "day"
    if dr > 0:
        return min(d for d in cands if d > pub).isoformat(), "day"
    before = [d for d in cands if (d < pub if dr < 0 else d <= pub)]
    return (max(before).isoformat(), "day") if before else NONE


def _month(month: int, year: int | None, dr: int, pub: date | None) -> Value:
    """Value of a month: ``juin 2011``, ``juin dernier``, ``fin janvier``.

    >>> _month(6, None, -1, date(2022, 1, 6))
    ('2021-06', 'month')
    """
    if not year and pub is None:
        return NONE
    if not year:
        if dr > 0:
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year if (month < pub.month if dr < 0 else month <= pub.month) else pub.year - 1
    return f"{year:04d}-{month:02d}", "month"


def _shift_month(d: date, n: int) -> Value:
    """The month ``n`` months after ``d``: ``_shift_month(date(2022, 1, 6), -1)`` is ('2021-12', 'month')."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return f"{y:04d}-{m + 1:02d}", "month"


def _weekday(wd: int, dr: int, pub: date) -> date:
    """Latest ``wd`` on or before ``pub``; strictly before if ``dr < 0``, strictly after if ``dr > 0``."""
    if dr > 0:
        return pub + timedelta((wd - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - wd) % 7
    return pub - timedelta(back or (7 if dr < 0 else 0))


def _get(m: re.Match, table: str, group: str, default=None):
    """Look up the text of ``group`` in one vocabulary table (``default`` if unmatched)."""
    return _vocab()[table][_squash(m[group])] if group in m.re.groupindex and m[group] else default


# -- handlers: a match -> (value, precision), a list of Found (ranges), or None (not a date)

def _num(s: str) -> int:
    """Day number: ``1er`` and ``premier`` are 1."""
    return int(s) if s.isdigit() else 1


def _h_numeric(m: re.Match, pub: date | None) -> Value | None:
    """``06/01/2022``, ``2022-01-06``."""
    y, mo, d = (m["year"], m["month"], m["day"]) if m["day"] else (m["year2"], m["month2"], m["day2"])
    dt = _date(int(y), int(mo), int(d))
    return (dt.isoformat(), "day") if dt else None


def _h_day_month(m: re.Match, pub: date | None) -> Value | None:
    """``dimanche 23 avril``, ``9 juin 2010``, ``1er juin 2009``, ``19 mars dernier``."""
    year = int(m["year"]) if m["year"] else None
    return _day_month(_num(m["day"]), _get(m, "month", "month"), year,
                      _get(m, "weekday", "wd"), _get(m, "dir", "dir", 0), pub)


def _h_day_range(m: re.Match, pub: date | None) -> Found | None:
    """``du 27 juillet au 12 août 2012``: two mentions, the first borrowing the second's month and year."""
    d1, d2, mo2 = _num(m["day1"]), _num(m["day2"]), _get(m, "month", "month2")
    mo1 = _get(m, "month", "month1", mo2)
    y1, y2 = (int(m[g]) if m[g] else None for g in ("year1", "year2"))
    wraps = (mo1, d1) > (mo2, d2)
    end = _day_month(d2, mo2, y2 or (y1 and y1 + wraps), None, 0, pub)
    y1 = y1 or (int(end[0][:4]) - wraps if end and end[0] else None)
    start = _day_month(d1, mo1, y1, None, 0, pub if y1 else None)
    if not (start and end):
        return None
    first_end = max(m.end(g) for g in ("day1", "month1", "year1") if m[g])
    return [(m.start("day1"), first_end, *start), (m.start("day2"), m.end(), *end)]


def _h_month(m: re.Match, pub: date | None) -> Value | None:
    """``en juin``, ``juillet 2011``, ``juin dernier``, ``mi-janvier``; a bare month is not a date."""
    if not (m["anchor"] or m["mod"] or m["year"] or m["dir"]):
        return None
    year = int(m["year"]) if m["year"] else None
    return _month(_get(m, "month", "month"), year, _get(m, "dir", "dir", 0), pub)


def _h_year(m: re.Match, pub: date | None) -> Value | None:
    """``en 2019``, ``depuis 2014``, ``fin 2014``; a bare four-digit number is not a date."""
    return (m["year"], "year") if m["anchor"] or m["mod"] else None


def _h_weekday(m: re.Match, pub: date | None) -> Value:
    """``jeudi``, ``ce jeudi matin``, ``samedi dernier``; ``nuit de mercredi à jeudi`` is Wednesday."""
    if pub is None:
        return NONE
    return _weekday(_get(m, "weekday", "wd"), _get(m, "dir", "dir", 0), pub).isoformat(), "day"


def _h_deictic(m: re.Match, pub: date | None) -> Value:
    """``hier soir``, ``avant-hier``, ``aujourd'hui``, ``ce matin``, ``la nuit dernière``."""
    return ((pub + timedelta(_get(m, "deictic", "w"))).isoformat(), "day") if pub else NONE


def _h_ago(m: re.Match, pub: date | None) -> Value | None:
    """``il y a deux semaines``, ``il y a 3 jours``, ``dans un mois``, ``il y a deux ans``."""
    try:  # text2num raises on anything that is not a number ("plusieurs", "les")
        n = _get(m, "ago", "ago") * (int(m["n"]) if m["n"].isdigit() else text2num(m["n"].lower(), "fr"))
        unit = _get(m, "unit", "unit")
        if pub is None or unit == "month":
            return _shift_month(pub, n) if pub else NONE
        if unit == "year":
            return (f"{pub.year + n:04d}", "year") if 0 < pub.year + n < 10000 else None
        return (pub + timedelta(n * (7 if unit == "week" else 1))).isoformat(), "day"
    except (ValueError, OverflowError):
        return None


def _h_period(m: re.Match, pub: date | None) -> Value:
    """``la semaine dernière`` (its Monday), ``le mois dernier``, ``l'an dernier``, ``cette année``."""
    if pub is None:
        return NONE
    unit, dr = _vocab()["period"][_squash(m["unit"] or m["unit2"])], _get(m, "dir", "dir", 0)
    if unit == "week":
        return (pub - timedelta(pub.weekday() - 7 * dr)).isoformat(), "day"
    return _shift_month(pub, dr) if unit == "month" else (f"{pub.year + dr:04d}", "year")


# -- public API ----------------------------------------------------------------

def _parse(published) -> date | None:
    """Publication date from ``"2022-01-06"`` (a time part is ignored), a ``date``, or None."""
    if not published:
        return None
    return published if isinstance(published, date) else date.fromisoformat(str(published)[:10])


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """All date expressions of ``text``, left to right, without overlaps (the longest wins).

    >>> [(m.text, m.value) for m in find_dates("hausse des prix samedi dernier", "2022-01-06")]
    [('samedi dernier', '2022-01-01')]
    """
    pub = _parse(published)
    cands = []
    passed: dict = {}
    for rx, handler, gate in _rules():
        if gate is not None and not passed.setdefault(gate, gate.search(text) is not None):
            continue
        for m in rx.finditer(text):
            found = handler(m, pub)
            if isinstance(found, tuple):  # one mention: group "d" if the regex has one, else the match
                found = [(*m.span("d" if "d" in rx.groupindex else 0), *found)]
            if found:
                cands.append((m.start(), m.end(), found))
    taken: list[tuple[int, int]] = []
    chosen: Found = []
    for start, end, found in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            chosen.extend(found)
    return [DateMention(s, e, text[s:e], value, prec) for s, e, value, prec in sorted(chosen)]


def resolve_date(expr: str, published: str | None = None) -> tuple[str, str]:
    """``(value, precision)`` of one expression (its longest date), ``("", "")`` if none.

    A bare year or month is read as if preceded by ``en``.

    >>> resolve_date("l'an dernier", "2022-01-06"), resolve_date("2019")
    (('2021', 'year'), ('2019', 'year'))
    """
    for candidate in (expr, "en " + expr.strip()):
        found = find_dates(candidate, published)
        if found:
            best = max(found, key=lambda d: d.end - d.start)
            return best.value, best.precision
    return "", ""


def precision_of(value: str) -> str:
    """``day``, ``month`` or ``year`` from the shape of an ISO date, ``""`` if empty.

    >>> [precision_of(v) for v in ("2022-01-06", "2021-06", "2019", "")]
    ['day', 'month', 'year', '']
    """
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""), "")


def sentence_dates(sent, published) -> list:
    """:func:`find_dates` of a sentence, once per ``Doc`` (the casualty
    figures and the events of a sentence all need them).

    >>> [m.value for m in sentence_dates(next(nlp("Hier, trois morts.").sents), "2022-01-06")]
    ['2022-01-05']
    """
    memo = doc_memo(sent.doc)
    key = ("dates", sent.start, str(published))
    if key not in memo:
        memo[key] = tuple(find_dates(span_text(sent), published))
    return list(memo[key])
