"""Reports: the mentions of one article split by the real-world event they
tell of, and the window of days each is filed under.

An article has a main event (its news) and may recall others ("le massacre
de janvier", "depuis 2015, les violences ont fait 10 000 morts"). Each
becomes a :class:`Report`: its rows, its family (violence, unrest,
hazard...), its event date when the text gives one, its countries, places,
names and words. Reports of different articles are then compared within
blocks (:mod:`.store`: group of families x window of days, each window
shared by two neighbouring blocks, so that nothing is cut at a border).

>>> rows = [{"event_id": "a#1", "event_type": "attack", "date": "2021-03-15", "date_precision": "day",
...          "date_text": "lundi", "location": "Banibangou", "country": "NE",
...          "sentence": "Une attaque a eu lieu lundi."}]
>>> [r.family for r in document_reports("a", rows, "2021-03-17")]
['violence']
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from ..casualties.tallies import cumulative
from ..geocode import fold
from ..language.resources import load_csv, load_json, models_dir

WORD = re.compile(r"\w{4,}")


@lru_cache(maxsize=1)
def families() -> dict:
    """``models/incidents/families.json``."""
    return load_json("incidents/families.json")


@lru_cache(maxsize=1)
def family_of_type() -> dict[str, str]:
    """Event type to family: ``{"attack": "violence", ...}``."""
    return {t: name for name, fam in families()["families"].items() for t in fam["types"]}


def params(family: str) -> dict:
    """The thresholds of a family (``unknown`` for types without one)."""
    fams = families()["families"]
    return fams.get(family) or fams["unknown"]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    with open(models_dir() / "incidents" / "stopwords.txt", encoding="utf-8") as f:
        return frozenset(w.strip() for w in f if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Folded names of countries and broad areas (``models/incidents/areas.txt``):
    not places that tell two events apart."""
    with open(models_dir() / "incidents" / "areas.txt", encoding="utf-8") as f:
        names = {w.strip() for w in f if w.strip() and not w.startswith("#")}
    for row in load_csv("entities/countries.csv"):
        names.add(fold(row["name"]))
        names.update(fold(a) for a in (row.get("aliases") or "").split("|") if a)
    return frozenset(names)


def parse_date(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO date, month or year.

    >>> parse_date("2021-03")
    (datetime.date(2021, 3, 1), datetime.date(2021, 3, 31))
    """
    value = (value or "").strip()
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return d, d
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            end = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
            return date(y, m, 1), end
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


@dataclass
class Report:
    """What one article says of one event: the unit that incidents group."""

    key: str                      # doc_id@n, n = 0 for the article's main event
    doc_id: str
    published: date | None
    family: str
    lo: date | None = None        # event date, when the text gives one
    hi: date | None = None
    countries: tuple = ()
    places: frozenset = frozenset()
    coords: tuple = ()
    features: Counter = field(default_factory=Counter)
    rows: list = field(default_factory=list)  # the rows of events.csv, trimmed
    regions: frozenset = frozenset()  # places that are regions, not towns

    @property
    def towns(self) -> frozenset:
        """Named places finer than a region (a town, a village, a building)."""
        return self.places - self.regions

    @property
    def group(self) -> str:
        return params(self.family).get("group", self.family)

    @property
    def anchor(self) -> date | None:
        """The day the report is filed under: its event date, else its publication."""
        return self.lo or self.published

    @property
    def window(self) -> int:
        """The window of ``block_days`` days of its anchor (0 without one):
        blocks are made of neighbouring windows (:mod:`.store`)."""
        return self.anchor.toordinal() // families()["block_days"] if self.anchor else 0


def _explicit(row: dict, published: date | None) -> tuple[date, date] | None:
    """The event date a row states, if any: not the publication date itself."""
    if row.get("date_precision") not in ("day", "month", "year") or not row.get("date_text"):
        return None
    span = parse_date(row.get("date", ""))
    if span is None or (published and span == (published, published)):
        return None
    if published and span[0] > published:  # a date to come is not the event's
        return None
    return span


def document_reports(doc_id: str, rows: list[dict], published: str | date | None,
                     entities: Iterable[dict] = ()) -> list[Report]:
    """Split the rows of one article into reports: the main event, the
    earlier events it recalls (dated before the main one by more than the
    family's window), later events it adds (dated to the day after it by
    more than the window), cumulative totals over years. Events of other
    families join the main one unless dated apart (an explosion in a report
    of an attack, the curfew after a riot). A casualty row follows the event
    the text ties it to (``cause_event_id``), else the main event unless
    dated apart.

    >>> rows = [{"event_id": "a#1", "event_type": "attack", "date": "2021-03-21", "date_precision": "day",
    ...          "date_text": "dimanche"},
    ...         {"event_id": "a#2", "event_type": "attack", "date": "2021-03-15", "date_precision": "day",
    ...          "date_text": "15 mars"}]
    >>> [(r.key, r.lo.isoformat()) for r in document_reports("a", rows, "2021-03-22")]
    [('a@0', '2021-03-21'), ('a@1', '2021-03-15')]
    """
    if isinstance(published, str):
        published = parse_date(published)[0] if parse_date(published) else None
    fam_of = family_of_type()
    casualty = set(families()["casualty_types"])
    attached = set(families()["attached"])
    events = [r for r in rows if r.get("event_type") not in casualty]
    by_id = {r["event_id"]: r for r in events}
    fam = {r["event_id"]: fam_of.get(r.get("event_type"), "unknown") for r in events}
    weak = set(families().get("weak_triggers", ()))
    main_rows = [r for r in events if fam[r["event_id"]] not in attached] or events
    dom: Counter = Counter()
    for r in main_rows:  # "explosion" says less of the kind of event than "attentat"
        dom[fam[r["event_id"]]] += 0.5 if (r.get("rule") or "").partition(":")[2] in weak else 1.0
    dom = dom or Counter(["unknown"])
    first = {fam[r["event_id"]]: i for i, r in reversed(list(enumerate(main_rows)))}
    dominant = max(dom, key=lambda f: (dom[f], -first.get(f, 0)))
    dom_group = params(dominant).get("group")

    def main_date(family: str) -> tuple[date, date] | None:
        spans = [s for r in events if fam[r["event_id"]] == family and (s := _explicit(r, published))]
        if published:
            lookback = timedelta(days=params(family)["lookback_days"])
            near = [s for s in spans if s[1] >= published - lookback]
            spans = near or spans
        if not spans:
            return None
        count = Counter(spans)
        return max(count, key=lambda s: (count[s], -spans.index(s)))

    keys: dict[tuple, int] = {("main", dominant): 0}
    dates: dict[int, tuple] = {0: main_date(dominant)}
    fams: dict[int, str] = {0: dominant}

    def group_for(family: str, span, later: bool = False) -> int:
        """The main report (0), or the report of the earlier event dated
        ``span`` (with ``later``, of a later one too: "par ailleurs, jeudi,
        une autre attaque...")."""
        main = dates[0]
        window = timedelta(days=params(family)["window_days"])
        if span and main and span[1] < main[0] - window:
            k = ("recalled", family, span)
        elif later and span and main and span[0] == span[1] and span[0] > main[1] + window:
            k = ("later", family, span)
        elif span and not main and published and span[1] < published - timedelta(days=params(family)["lookback_days"]):
            k = ("recalled", family, span)
        else:
            return 0
        if k not in keys:
            keys[k] = len(keys)
            dates[keys[k]], fams[keys[k]] = span, family
        return keys[k]

    assign: dict[str, int] = {}
    for r in events:  # an article tells one event, and may recall earlier ones
        own = fam[r["event_id"]]
        f = dominant if own in attached or params(own).get("group") != dom_group else own
        assign[r["event_id"]] = group_for(f, _explicit(r, published), later=own not in attached)
    for r in rows:
        if r.get("event_type") not in casualty:
            continue
        cause = r.get("cause_event_id") or ""
        span = _explicit(r, published)
        if cumulative(r.get("sentence", "")):
            k = ("cumulative", span)
            if k not in keys:
                keys[k] = len(keys)
                dates[keys[k]], fams[keys[k]] = span, dominant
            assign[r["event_id"]] = keys[k]
        elif cause in by_id:
            assign[r["event_id"]] = assign[cause]
        else:
            assign[r["event_id"]] = group_for(dominant, span)
    reports = []
    ents = list(entities)
    for k, n in sorted(keys.items(), key=lambda kv: kv[1]):
        mine = [r for r in rows if assign.get(r["event_id"]) == n]
        if not mine:
            continue
        span = dates[n]
        reports.append(_report(f"{doc_id}@{n}", doc_id, published, fams[n], span, mine,
                               ents if n == 0 else _entities_in(ents, mine)))
    return reports


def _entities_in(entities: list[dict], rows: list[dict]) -> list[dict]:
    text = " ".join({r.get("sentence", "") for r in rows})
    return [e for e in entities if e.get("text") and e["text"] in text]


def _report(key: str, doc_id: str, published, family: str, span, rows: list[dict], entities: list[dict]) -> Report:
    """A report with its countries, places, coordinates and features."""
    countries: Counter = Counter()
    places, coords, regions = set(), [], set()
    features: Counter = Counter()
    stop = stopwords()
    nations = country_names()
    for r in rows:
        if r.get("country"):
            countries[r["country"]] += 2
        place = fold(r.get("location") or "")
        if place and place not in nations:
            places.add(place)
            lat, lon = _float(r.get("latitude")), _float(r.get("longitude"))
            if lat is not None and lon is not None:
                coords.append((lat, lon))
        if r.get("actor"):
            features["N:" + fold(r["actor"])] += 1
    for e in entities:
        name = fold(e.get("canonical") or e.get("text") or "")
        if not name:
            continue
        if e.get("label") == "LOC":
            if e.get("country"):
                countries[e["country"]] += 1
            if name not in nations and e.get("geo_precision") != "country":
                places.add(name)
                if e.get("geo_precision") == "admin":
                    regions.add(name)
        elif e.get("label") in ("PER", "ORG", "MISC"):
            features["N:" + name] += 1
    for sentence in {r.get("sentence", "") for r in rows}:
        for w in WORD.findall(fold(sentence)):
            if w not in stop and not w.isdigit():
                features[w] += 1
    for p in places:
        features["P:" + p] += 2
    for c in countries:
        features["C:" + c] += 1
    top = families().get("top_countries", 2)
    return Report(key, doc_id, published, family, span[0] if span else None, span[1] if span else None,
                  tuple(c for c, _ in countries.most_common(top)), frozenset(places), tuple(coords),
                  features, [_trim(r) for r in rows], frozenset(regions))


TRIMMED = ("_pos", "event_id", "event_type", "count", "count_low", "count_high", "qualifier", "actor", "location",
           "country", "admin1", "latitude", "longitude", "date", "date_precision", "rule", "char_start")


def _trim(row: dict) -> dict:
    """What the incident table needs of a row; its sentence is read once,
    for ``previous`` (an earlier toll the article recalls), and not kept."""
    from .tolls import previous

    kept = {k: row.get(k) for k in TRIMMED if row.get(k) not in (None, "")}
    if row.get("count") not in (None, ""):
        kept["previous"] = previous(row.get("sentence", ""), row.get("matched_text", ""))
    return kept


def _float(value) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if v == v else None
