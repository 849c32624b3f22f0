"""The resolved place and the folding of names into look-up keys.

>>> fold("Saint-Pétersbourg")
'saint petersbourg'
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Precisions of a place, finest first; a region (Kabylie, Sahel) is not an
# administrative unit and may spread over several countries.
PRECISIONS = ("town", "admin2", "admin1", "country", "region")


@dataclass(frozen=True)
class Place:
    """A resolved place: ``Place("Valence", "FR", 44.93, 4.89, "town", 63864, "Auvergne-Rhône-Alpes", 2971053)``.

    ``country`` is an ISO alpha-2 code, or several joined by ``|`` for a
    region over several countries ("ML|BF|NE" for the Sahel); coordinates
    may be ``None`` for a division whose seat is not known; ``geonames_id``
    is 0 when the place is not a GeoNames record of ours (divisions, regions).
    """

    name: str
    country: str
    latitude: float | None
    longitude: float | None
    precision: str
    population: int = 0
    admin1: str = ""
    geonames_id: int = 0

    @property
    def countries(self) -> tuple[str, ...]:
        """ISO codes of the place: ``("ML", "BF", "NE")`` for the Sahel."""
        return tuple(self.country.split("|")) if self.country else ()


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
    if not text.isascii():  # ASCII has no marks to strip (the index folds a million names)
        text = unicodedata.normalize("NFKD", text).translate(_MARKS)
    return " ".join(_SEPARATORS.sub(" ", text.lower()).split())


def latin(key: str) -> bool:
    """Whether a folded key is written in Latin letters (``"almaty"``, not ``"алматы"``)."""
    return bool(key) and key.isascii()


def km(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Great-circle distance in kilometres.

    >>> round(km((48.8566, 2.3522), (45.764, 4.8357)))
    391
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
