"""First- and second-level divisions with their French names, and the
regions the press names that are not administrative units.

Divisions are the ``pycountry`` subdivisions (ISO 3166-2): their name and
French name (gettext catalogue) without the generic word they carry
("Qinghai Sheng", "Kidal Region"), plus the aliases and seat of
``models/geo/divisions.csv`` (the seat gives the coordinates; without one, a
town of the same name in the same country does). A division without a
parent is ``admin1``, one with a parent ``admin2``; its ``admin1`` is the
name of its top ancestor. Regions (Kabylie, Donbass, Sahel...) come from
``models/geo/regions.csv``.

>>> [p.precision for p in division_places(lambda name, country: None)[0]["drome"]]
['admin2']
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Callable

from ..language.resources import load_csv, load_json
from .places import Place, _fold, latin

WORDS = "geo/division_words.json"


@lru_cache(maxsize=1)
def _french() -> Callable[[str], str]:
    import pycountry

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:  # pragma: no cover - catalogue missing from the install
        return lambda s: s


def bare_name(name: str) -> str:
    """A division name without its generic word: ``bare_name("Qinghai Sheng") == "Qinghai"``."""
    for suffix in sorted(load_json(WORDS)["suffixes"], key=len, reverse=True):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1].strip()
    return name


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """The division words of ``WORDS``, lower case, longest first."""
    return tuple(head.lower() for head in sorted(load_json(WORDS)["heads"], key=len, reverse=True))


def strip_head(text: str) -> str:
    """A mention without the French word that says it is a division, or ``""``.

    >>> strip_head("département du Loiret"), strip_head("Loiret")
    ('Loiret', '')
    """
    low = text.lower()
    for h in _heads():
        if low.startswith(h) and (h.endswith("'") or low[len(h):len(h) + 1] == " "):
            return text[len(h):].strip()
    return ""


def subdivision_names() -> dict[str, str]:
    """ISO 3166-2 code -> French name of each subdivision (for ``admin1`` columns).

    >>> subdivision_names()["FR-ARA"]
    'Auvergne-Rhône-Alpes'
    """
    import pycountry

    tr = _french()
    return {s.code: bare_name(tr(s.name)) for s in pycountry.subdivisions}


def division_places(locate: Callable[[str, str], Place | None]) -> tuple[dict[str, list[Place]], set[str]]:
    """Folded name -> divisions and regions of that name (ours first), and
    the keys that are ours or French divisions' (kept when a common word).

    ``locate(name, country)`` finds a town (for the seat's coordinates).
    """
    import pycountry

    tr = _french()
    names = subdivision_names()
    ours = {row["iso"]: row for row in load_csv("geo/divisions.csv")}
    by_code = {s.code: s for s in pycountry.subdivisions}
    out: dict[str, list[Place]] = {}
    curated: set[str] = set()

    def add(keys, place: Place) -> None:
        for key in keys:
            if latin(key) and place not in out.setdefault(key, []):
                out[key].append(place)

    for row in load_csv("geo/regions.csv"):
        lat = float(row["latitude"]) if row["latitude"] else None
        lon = float(row["longitude"]) if row["longitude"] else None
        place = Place(row["name"], row["countries"], lat, lon, row["precision"], 0, row["admin1"])
        keys = {_fold(n) for n in (row["name"], *filter(None, row["aliases"].split("|")))}
        add(keys, place)
        curated |= keys

    def display(code: str) -> str:
        return ours.get(code, {}).get("name") or names[code]

    # French divisions first: a French newspaper's "Nord" is the département
    for code in sorted(by_code, key=lambda c: (by_code[c].country_code != "FR", by_code[c].parent_code is not None, c)):
        sub = by_code[code]
        top = sub
        while top.parent_code and top.parent_code in by_code:
            top = by_code[top.parent_code]
        row = ours.get(code, {})
        name = display(code)
        seat = locate(row["seat"], sub.country_code) if row.get("seat") else None
        seat = seat or locate(name, sub.country_code)
        place = Place(name, sub.country_code, seat.latitude if seat else None, seat.longitude if seat else None,
                      "admin2" if sub.parent_code else "admin1", 0, display(top.code))
        aliases = [_fold(n) for n in filter(None, row.get("aliases", "").split("|"))]
        keys = {_fold(n) for n in (sub.name, bare_name(sub.name), tr(sub.name), name)} | set(aliases)
        add(keys, place)
        curated |= set(aliases) | (keys if sub.country_code == "FR" else set())
    return out, curated
