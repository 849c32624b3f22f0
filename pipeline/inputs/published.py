"""Publication dates: one rule for every place a date comes from.

A date given as a value (``--published``, ``extract(published=...)``, the
``published`` field of a JSONL or CSV record) must be an ISO date,
``2022-01-06``, or an ISO date-time whose day is taken
(``2022-01-06T10:30:00+01:00``); anything else is a ``ValueError`` that says
what was wrong. A date read from the text itself, in a dateline at the top
("22 juin 2012. -", "PARIS, 6 janvier 2022 (AFP) -", "Publié le 06/01/2022"),
is French as written: there, and only there, a numeric date is read day
first (``06/01/2022`` is 6 January).

>>> parse_published("2022-01-06T10:30:00+01:00")
'2022-01-06'
>>> parse_published("06/01/2022")
Traceback (most recent call last):
...
ValueError: '06/01/2022' is not an ISO date (YYYY-MM-DD)
>>> find_published("Publié le 06/01/2022 à 10h30\\n\\nDouze policiers tués.")
'2022-01-06'
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime
from functools import lru_cache

from ..language.resources import load_json

__all__ = ["parse_published", "find_published", "is_date_line"]

DATELINE_SPAN = 300  # a dateline must start within the first characters

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MARKERS = r"(?:publi[ée]e?|mis\s+à\s+jour|mise\s+à\s+jour|modifi[ée]e?|actualis[ée]e?)"
_FILENAME_DATE = re.compile(
    r"(?<!\d)((?:1[89]|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


def parse_published(value) -> str | None:
    """The ISO day of a publication date given as a value; None for no value
    (None or blank). Raises ``ValueError`` for anything but an ISO date or
    date-time, or a day that does not exist.

    >>> parse_published("2022-01-06"), parse_published(""), parse_published(None)
    ('2022-01-06', None, None)
    >>> parse_published("2022-02-31")
    Traceback (most recent call last):
    ...
    ValueError: '2022-02-31' is not a day of the calendar
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    s = value.strip()
    if not s:
        return None
    m = _ISO.fullmatch(s)
    if not m:
        raise ValueError(f"{s!r} is not an ISO date (YYYY-MM-DD)")
    day = _iso(*m.groups())
    if day is None:
        raise ValueError(f"{s!r} is not a day of the calendar")
    return day


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """French month names to numbers, abbreviations also without their dot."""
    months = {k.lower(): v for k, v in load_json("dates/months.json").items()}
    months.update({k.rstrip("."): v for k, v in months.items() if k.endswith(".")})
    return months


@lru_cache(maxsize=1)
def _date_pattern() -> str:
    """Regex source for one date: ``6 janvier 2022``, ``06/01/2022``, ``2022-01-06``."""
    months = "|".join(re.escape(m) for m in sorted(_months(), key=len, reverse=True))
    return (
        rf"(?<!\d)(?:(?P<td>\d{{1,2}})(?:er|ᵉʳ)?\s+(?P<tm>{months})\s+(?P<ty>\d{{4}})"
        r"|(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4})"
        r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\d)"
    )


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern:
    """A date at the start of a line (after an optional place), or after "Publié le"."""
    place = r"[^\W\d_][^\n,.:;!?\d]{0,40},[ \t]*(?:le\s+)?"
    return re.compile(
        rf"(?:^[ \t]*(?:{place})?|{_MARKERS}\s+(?:le\s+)?)"
        rf"(?:{_WEEKDAYS},?\s+)?{_date_pattern()}",
        re.IGNORECASE | re.MULTILINE,
    )


@lru_cache(maxsize=1)
def _date_line() -> re.Pattern:
    """A whole line that only dates the article: "dimanche 7 octobre 2012",
    "Publié le 24 août 2016 à 10 h 30", "mis à jour le 06/01/2022"."""
    time = r"(?:\s*(?:à|,)?\s*\d{1,2}\s*(?:h|:)\s*(?:\d{2})?)?"
    return re.compile(
        rf"\s*(?:{_MARKERS}\s+(?:le\s+)?)?(?:{_WEEKDAYS},?\s+)?(?:le\s+)?{_date_pattern()}{time}\s*\.?\s*",
        re.IGNORECASE,
    )


def is_date_line(line: str) -> bool:
    """Whether ``line`` only dates the article (see :func:`_date_line`).

    >>> is_date_line("dimanche 7 octobre 2012"), is_date_line("Le 7 octobre, douze morts")
    (True, False)
    """
    return _date_line().fullmatch(line) is not None


def _iso(year, month, day) -> str | None:
    """``"2022-01-06"`` for a real calendar day, else None (no 31 février)."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _match_date(m: re.Match) -> str | None:
    """ISO date of a match of :func:`_date_pattern`, if the day exists (numeric dates day first)."""
    if m["ty"]:
        return _iso(m["ty"], _months()[m["tm"].lower()], m["td"])
    if m["ny"]:
        return _iso(m["ny"], m["nm"], m["nd"])
    return _iso(m["iy"], m["im"], m["id"])


def find_published(text: str, filename: str = "", default: str | None = None) -> str | None:
    """Publication date from a dateline near the top, else the file name, else ``default``.

    >>> find_published("Titre\\n\\n1er août 2012. - Dix morts à Manille.")
    '2012-08-01'
    >>> find_published("Dix morts.", "2022-01-06-kazakhstan.txt")
    '2022-01-06'
    """
    for m in _dateline().finditer(text, 0, DATELINE_SPAN + 60):
        if m.start() >= DATELINE_SPAN:
            break
        found = _match_date(m)
        if found:
            return found
    for m in _FILENAME_DATE.finditer(os.path.basename(filename)):
        found = _iso(m[1], m[3], m[4])
        if found:
            return found
    return default
