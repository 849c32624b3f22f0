"""Resolve the place mentions of a document, each once, in context.

The entity linker calls :func:`resolve_places` on the ``LOC`` spans of a
``Doc``: a first pass geocodes each mention alone and gathers the countries
the document names (countries count twice, as do demonyms, then the
countries of its other places); a second pass geocodes each mention again
with those countries and with the division named right after it
("Saint-Denis (La Réunion)", "Valence, dans la Drôme"). A place inside a
town that no gazetteer holds ("pont Mathilde", "quartier Hodan") takes the
place it is "of", else the place named before it in its sentence, else the
document's country.

:func:`dateline_span` finds the place of a dateline ("OUAGADOUGOU, 3 mars
(AFP) -", "TOULOUSE -"), and :func:`usual_case` writes its name as usual.

>>> doc = nlp("Valence, dans la Drôme, a été inondée.")
>>> resolve_places(doc, [e for e in doc.ents if e.label_ == "LOC"])[doc.ents[0]].admin1
'Auvergne-Rhône-Alpes'
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Span

from ..language.resources import load_json
from ..language.sentences import entity_at, sentence_of
from . import common_word, geocode
from .places import Place, fold

MENTIONS = "geo/mentions.json"
_OF_PLACE = re.compile(r"\b(?:de|du|des|d['’]|à|en)\s*(?=[A-ZÀ-Ý])")
_DIVISION = ("admin1", "admin2", "country", "region")
_DATELINE = re.compile(r"\A\s*([A-ZÀ-Ý][A-ZÀ-Ý'’\- ]{1,40}?[A-ZÀ-Ý])\s*(?=,|\(|-|–|—)")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = load_json(MENTIONS)
    within = sorted(data["within"], key=len, reverse=True)
    heads = frozenset(h.lower() for h in data["micro_heads"])
    towns = frozenset(data["town_heads"])
    after = re.compile(r"\s*(?:\(\s*([^()\n]{2,40}?)\s*\)|,\s*(?:" + "|".join(map(re.escape, within))
                       + r")\s*([A-ZÀ-Ý][\w'’\-]*(?:[ \-](?:de |du |d['’]|et )?[A-ZÀ-Ý][\w'’\-]*){0,3}))")
    return {"heads": heads, "after": after, "towns": towns | heads, "not_places": data["not_place_heads"],
            "named_after": frozenset(data["named_after_heads"]),
            "before": frozenset(data["not_place_before"])}


def locate(text: str, prefer: Sequence[str] = (), within: Place | None = None) -> Place | None:
    """Geocode a place mention, else the place it is "of" ("aéroport de Bangkok",
    "Iju de Lagos"; a capitalised name only when that place is a town).

    >>> locate("aéroport international de Bangkok").country
    'TH'
    """
    place = geocode(text, prefer, within)
    if place is None:
        for match in reversed(list(_OF_PLACE.finditer(text))):
            place = geocode(text[match.end():], prefer)
            if place is not None:
                break
        if place is not None and text[:1].isupper() and (place.precision != "town" or common_word(text.split()[0])):
            return None  # "Iju de Lagos" is in Lagos; not "Afrique du Nord", "Procureur de la République de Gap"
    return place


def division_after(doc: Doc, ent: Span, text: str) -> Place | None:
    """The division or country named right after ``ent``: "(Drôme)", ", dans la Drôme", ", en Haute-Savoie".

    >>> doc = nlp("Valence, dans la Drôme, a été inondée.")
    >>> division_after(doc, doc.ents[0], doc.text).name
    'Drôme'
    """
    match = _lexicon()["after"].match(text, ent.end_char, min(len(text), ent.end_char + 60))
    if match is None:
        return None
    place = geocode(match.group(1) or match.group(2))
    return place if place is not None and place.precision in _DIVISION else None


def not_a_place(ent: Span) -> str:
    """The label of a span the model took for a place that names a storm, a
    service or a court, or has no capital ("moukhabarat"), else "".

    >>> doc = nlp.make_doc("le cyclone Nargis")
    >>> not_a_place(Span(doc, 1, 3, label="LOC"))
    'MISC'
    """
    words = ent.text.split()
    if len(words) > 1 and words[0].lower() in _lexicon()["not_places"]:
        return _lexicon()["not_places"][words[0].lower()]
    if not any(c.isupper() for c in ent.text):
        return "MISC"
    if len(words) > 1 and fold(words[0]) == "etat" and words[1][:1].islower() and words[1] not in ("de", "du", "d'", "d’"):
        return "ORG"  # "l'État birmane" is its government, "l'État de New York" a place
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("de", "d'", "d’") and doc[ent.start - 2].lower_ in _lexicon()["before"]:
        return "MISC"  # "l'échelle de Richter"
    if ent.text in storm_names(doc):
        return "MISC"  # "l'ouragan Sandy", and "le passage de Sandy" after it
    return ""


def storm_names(doc: Doc) -> frozenset[str]:
    """The names that ``doc`` gives to storms ("l'ouragan Sandy", "cyclone Nargis").

    >>> sorted(storm_names(nlp.make_doc("Ouragan Sandy : le passage de Sandy a fait 39 morts.")))
    ['Sandy']
    """
    from ..language.texts import doc_memo, doc_text

    memo = doc_memo(doc)
    if "storms" not in memo:
        heads = [w for w, label in _lexicon()["not_places"].items() if label == "MISC"]
        pattern = re.compile(r"\b(?i:" + "|".join(map(re.escape, heads)) + r")\s+([A-ZÀ-Ý][\w'’\-]+)")
        memo["storms"] = frozenset(m.group(1) for m in pattern.finditer(doc_text(doc)))
    return memo["storms"]


def _after_town_word(ent: Span) -> bool:
    """Whether the mention follows "la commune de", "le carrefour de"... ("commune de Ceillac")."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ in ("de", "du", "d'", "d’"):
        i -= 1
    return i >= 0 and doc[i].lower_ in _lexicon()["towns"]


def named_after(ent: Span, depth: int = 0) -> bool:
    """Whether the mention names a street or a river after a place: "rue d'Aubagne",
    "les fleuves Cauca et Magdalena" (the second by coordination)."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ in ("de", "du", "des", "d'", "d’"):
        i -= 1
    if i >= 0 and doc[i].lower_ in _lexicon()["named_after"]:
        return True
    head = ent.root.head
    if depth or ent.root.dep_ != "conj" or head.ent_iob_ == "O" or head.i >= ent.start:
        return False
    first = entity_at(doc, head.i)
    return first is not None and named_after(first, 1)


def _coordinated(ent: Span, places: dict[Span, Place | None]) -> Place | None:
    """The place of a mention coordinated with this one ("à Cayenne et Saint-Jean-du-Maroni")."""
    root = ent.root
    for other, place in places.items():
        if place is None or other is ent or place.precision == "region":
            continue
        o = other.root
        if (root.dep_ == "conj" and root.head == o) or (o.dep_ == "conj" and o.head == root) or (
                root.dep_ == "conj" and o.dep_ == "conj" and root.head == o.head):
            return place
    return None


def _country_only(text: str, place: Place) -> Place:
    """A place known only by the country (or division) it lies in."""
    if place.precision in ("admin1", "admin2"):
        return Place(text, place.country, place.latitude, place.longitude, place.precision, 0, place.admin1)
    return Place(text, place.country, None, None, "country", 0, place.admin1 if place.precision == "town" else "")


def _micro(text: str) -> bool:
    """Whether a mention names a place inside a town: "pont Mathilde", "boulevard Industriel"."""
    words = text.split()
    return len(words) > 1 and words[0].lower() in _lexicon()["heads"]


def resolve_places(doc: Doc, locs: list[Span], countries: Sequence[str] = ()) -> dict[Span, Place | None]:
    """The place of each ``LOC`` span of ``doc``; ``countries`` are those of
    its demonyms ("les Russes"). Two mentions of the same name in the same
    context get the same place.
    """
    from ..language.texts import doc_text

    text = doc_text(doc)
    alone = {fold(e.text): locate(e.text) for e in locs}  # each name votes once
    votes: Counter = Counter()
    for c in countries:
        votes[c] += 2
    for place in alone.values():
        if place is not None:
            for c in place.countries:
                votes[c] += 1 if place.precision == "town" else 2
    prefer = [c for c, _ in votes.most_common()]
    out: dict[Span, Place | None] = {}
    placed: dict[str, Place] = {}  # name -> place found with the division next to it
    for ent in locs:
        if named_after(ent):  # "rue d'Aubagne" is in Marseille: placed below, as a place inside a town
            out[ent] = None
            continue
        within = division_after(doc, ent, text)
        out[ent] = locate(ent.text, prefer, within)
        if within is not None and out[ent] is not None:
            placed.setdefault(fold(ent.text), out[ent])
    for ent in locs:
        if fold(ent.text) in placed and division_after(doc, ent, text) is None:
            out[ent] = placed[fold(ent.text)]  # "Valence, dans la Drôme [...] à Valence"
    main = Place("", prefer[0], None, None, "country") if prefer else None  # the document's country
    for ent in locs:
        if out[ent] is not None:
            continue
        if _micro(ent.text) or named_after(ent):  # "au nord de Digne, dans le massif des Trois-Évêchés"; "pont Mathilde"
            before = [e for e in locs if sentence_of(e) == sentence_of(ent) and e.end <= ent.start and out[e] is not None
                      and out[e].precision != "region"]
            near = out[before[-1]] if before else main
            if near is not None:
                out[ent] = _country_only(ent.text, near) if near.precision != "town" else Place(
                    ent.text, near.country, near.latitude, near.longitude, "town", 0, near.admin1)
            continue
        within = division_after(doc, ent, text)  # "Ceillac (Hautes-Alpes)": a town no gazetteer holds
        near = within or _coordinated(ent, out)
        if near is None and _after_town_word(ent) and main is not None:
            near = main
        if near is not None and ent.text[:1].isupper():
            out[ent] = _country_only(ent.text, near)
    return out


def dateline_span(doc: Doc, text: str) -> Span | None:
    """The place of a dateline opening the text, as a ``LOC`` span, if it is a known place.

    >>> dateline_span(nlp.make_doc("OUAGADOUGOU, 3 mars (AFP) - Les"), "OUAGADOUGOU, 3 mars (AFP) - Les").text
    'OUAGADOUGOU'
    """
    match = _DATELINE.match(text[:60])
    if match is None or not match.group(1).isupper():
        return None
    name = match.group(1)
    place = geocode(usual_case(name))
    if place is None or place.precision not in ("town", "country", "admin1", "admin2"):
        return None
    return doc.char_span(match.start(1), match.end(1), label="LOC")


def usual_case(text: str) -> str:
    """A name written in capitals, in its usual case: ``usual_case("SAINT-DENIS") == "Saint-Denis"``.

    >>> usual_case("LE CAIRE"), usual_case("Almaty")
    ('Le Caire', 'Almaty')
    """
    if not text.isupper():
        return text
    small = {"de", "du", "des", "la", "le", "les", "sur", "en", "et", "l", "d", "lès"}
    parts = re.split(r"([\s\-'’]+)", text.lower())
    out = []
    for i, part in enumerate(parts):
        out.append(part if (i and part in small) else part[:1].upper() + part[1:])
    return "".join(out)


def canonical_place(place: Place, text: str) -> str:
    """Canonical name of a resolved mention: the place's name when it is its
    own spelling or a division's, else the mention in its usual case."""
    if place.precision in ("country", "admin1", "admin2", "region") or fold(place.name) == fold(text):
        return place.name
    return usual_case(text)
