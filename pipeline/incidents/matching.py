"""Whether two reports tell of one event, and reports grouped into incidents.

Two reports are one incident when their families may be one event (an
attack and a riot of the same unrest; an earthquake and its collapsed
buildings), they share a country (or one names none), their event dates
are within the family's window (an undated report may go back
``lookback_days`` before its publication), their named places are not too
far apart, and their texts agree: words, names and places weighted by how
rare they are in the block (TF-IDF cosine). Type, country and week are not
enough: two attacks of one region in one week have other villages, other
attackers, other words.

>>> from datetime import date
>>> a = Report("a@0", "a", date(2021, 3, 17), "violence", date(2021, 3, 15), date(2021, 3, 15), ("NE",))
>>> b = Report("b@0", "b", date(2021, 3, 22), "violence", date(2021, 3, 21), date(2021, 3, 21), ("NE",))
>>> date_gap(a, b)
6
"""
from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta
from functools import lru_cache
from typing import Iterable

from ..geocode.places import km
from .blocking import Report, families, params

NO_DATE_SIMILARITY = families().get("no_date_similarity", 0.3)


def _interval(r: Report):
    """The days a report's event may fall on."""
    if r.lo:
        return r.lo, r.hi
    if r.published:
        return r.published - timedelta(days=params(r.family)["lookback_days"]), r.published
    return None


def date_gap(a: Report, b: Report) -> int | None:
    """Days between the event dates of two reports (0 when they overlap),
    None when one has no date at all."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return None
    return max(0, (ib[0] - ia[1]).days, (ia[0] - ib[1]).days)


def _pair_params(a: Report, b: Report) -> dict:
    return _family_pair(a.family, b.family)


@lru_cache(maxsize=None)
def _family_pair(fa: str, fb: str) -> dict:
    """The thresholds of a pair of reports of families ``fa`` and ``fb``
    (the looser of the two), once per pair of families: read, never changed."""
    pa, pb = params(fa), params(fb)
    out = {k: max(pa[k], pb[k]) for k in ("window_days", "span_days", "max_km")}
    out.update({k: min(pa[k], pb[k]) for k in ("min_similarity", "min_similarity_undated")})
    out["distinct_places"] = pa.get("distinct_places", False) and pb.get("distinct_places", False)
    return out


def compatible(a: Report, b: Report) -> bool:
    """Whether nothing rules out that ``a`` and ``b`` are one event: groups
    of families, countries, dates, places (not the text)."""
    if a.doc_id == b.doc_id:
        return False  # an article's reports were split on purpose
    if "unknown" not in (a.group, b.group) and a.group != b.group:
        return False
    p = _pair_params(a, b)
    gap = date_gap(a, b)
    if gap is not None and gap > p["window_days"]:
        return False
    if a.coords and b.coords and not shared_places(a.places, b.places):
        if min(km(x, y) for x in a.coords for y in b.coords) > p["max_km"]:
            return False
    if p["distinct_places"] and a.towns and b.towns and not shared_places(a.towns, b.towns):
        return False  # two attacks on two villages of one region
    return True


def shared_places(a: frozenset, b: frozenset) -> bool:
    """Whether two sets of folded place names share one: the same name, or
    one inside the other ("metro de bruxelles" and "bruxelles").

    >>> shared_places(frozenset({"metro de bruxelles"}), frozenset({"bruxelles", "maelbeek"}))
    True
    """
    if a & b:
        return True
    return any(f" {p} " in f" {q} " or f" {q} " in f" {p} " for p in a for q in b)


def idf(reports: list[Report]) -> dict[str, float]:
    """Smoothed inverse document frequency of each feature over a block."""
    df: Counter = Counter()
    for r in reports:
        df.update(set(r.features))
    n = len(reports)
    return {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items()}


def similarity(a: Report, b: Report, weights: dict[str, float]) -> float:
    """TF-IDF cosine of the features of two reports (0 to 1).

    >>> from collections import Counter
    >>> a = Report("a@0", "a", None, "hazard", features=Counter({"seisme": 1, "P:amatrice": 2}))
    >>> b = Report("b@0", "b", None, "hazard", features=Counter({"P:amatrice": 2, "italie": 1}))
    >>> round(similarity(a, b, {}), 2)
    0.74
    """
    return cosine(tf_idf(a, weights), tf_idf(b, weights))


def tf_idf(r: Report, weights: dict[str, float]) -> tuple[dict[str, float], float]:
    """The weighted features of a report and their norm.

    >>> tf_idf(Report("a@0", "a", None, "hazard", features=Counter({"seisme": 1})), {"seisme": 2.0})
    ({'seisme': 2.0}, 2.0)
    """
    v = {f: (1 + math.log(c)) * weights.get(f, 1.0) for f, c in r.features.items()}
    return v, math.sqrt(sum(w * w for w in v.values()))


def cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    """Cosine of two vectors of :func:`tf_idf` (0 when one is empty)."""
    (va, na), (vb, nb) = a, b
    dot = sum(w * vb[f] for f, w in va.items() if f in vb)
    return dot / (na * nb) if na and nb else 0.0


def threshold(a: Report, b: Report) -> float:
    """The similarity two compatible reports need: more when one is undated."""
    p = _pair_params(a, b)
    return p["min_similarity"] if a.lo and b.lo else p["min_similarity_undated"]


def candidate_pairs(block: list[Report], all_pairs: int = 200) -> list[tuple[int, int]]:
    """Index pairs of a block worth comparing: all of them in a small block;
    in a large one, the pairs that share a rare feature (a name, a place, a
    word found in few reports of the block), so the cost grows with the
    reports that may match rather than with the square of the block.

    >>> candidate_pairs([Report("a@0", "a", None, "hazard"), Report("b@0", "b", None, "hazard")])
    [(0, 1)]
    """
    n = len(block)
    if n <= all_pairs:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    index: dict[str, list[int]] = {}
    for i, r in enumerate(block):
        for f in r.features:
            index.setdefault(f, []).append(i)
    rare = max(20, n // 20)
    pairs = set()
    for members in index.values():
        if len(members) <= rare:
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    return sorted(pairs)


def block_links(block: list[Report]) -> list[tuple[float, str, str]]:
    """The pairs of a block that may be one event, with their similarity."""
    weights = idf(block)
    vectors: dict[int, tuple] = {}  # tf_idf of a report, once per block
    links = []
    for i, j in candidate_pairs(block):
        a, b = block[i], block[j]
        if a.key == b.key or not compatible(a, b):
            continue
        for k in (i, j):
            if k not in vectors:
                vectors[k] = tf_idf(block[k], weights)
        s = cosine(vectors[i], vectors[j])
        need = threshold(a, b)
        if date_gap(a, b) is None:
            need = max(2 * need, NO_DATE_SIMILARITY)  # nothing dates one of them: the text alone must tell
        elif shared_places(a.towns, b.towns):
            need /= 2  # the same town: less text needs to agree
        if s >= need:
            links.append((s, *sorted((a.key, b.key))))
    return links


class Clusters:
    """Union-find over report keys that keeps, per cluster, the dates of its
    dated reports, so that a merge never makes an incident last longer than
    its family allows (single links would chain a week of attacks). The
    reports may be stubs (:class:`.store.Stub`): only their ``doc_id``,
    ``family``, ``lo`` and ``hi`` are read."""

    def __init__(self, reports: dict[str, Report]):
        self.reports = reports
        self.parent = {k: k for k in reports}
        self.span = {k: (r.lo, r.hi) if r.lo else None for k, r in reports.items()}
        self.longest = {k: params(r.family)["span_days"] for k, r in reports.items()}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def merge(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self.span[ra], self.span[rb]
        longest = max(self.longest[ra], self.longest[rb])
        if sa and sb:
            joined = (min(sa[0], sb[0]), max(sa[1], sb[1]))
            if (joined[1] - joined[0]).days > longest:
                return False
        else:
            joined = sa or sb
        docs_a = {self.reports[k].doc_id for k in self.members(ra)}
        if any(self.reports[k].doc_id in docs_a for k in self.members(rb)):
            return False  # two reports of one article were split on purpose
        root, other = sorted((ra, rb))
        self.parent[other] = root
        self.span[root], self.longest[root] = joined, longest
        self._members.setdefault(root, [root]).extend(self._members.pop(other, [other]))
        return True

    @property
    def _members(self) -> dict[str, list[str]]:
        if not hasattr(self, "_m"):
            self._m = {}
        return self._m

    def members(self, root: str) -> list[str]:
        return self._members.get(root, [root])


def cluster(reports: Iterable[Report], links: list[tuple[float, str, str]]) -> dict[str, str]:
    """Report key to the key of its incident's first report: the links are
    taken from the most similar down, each only if the incident it makes
    stays within its family's longest duration.

    >>> cluster([], [])
    {}
    """
    index = {r.key: r for r in reports}
    uf = Clusters(index)
    for s, a, b in sorted(set(links), key=lambda t: (-t[0], t[1], t[2])):
        uf.merge(a, b)
    return {k: uf.find(k) for k in index}
