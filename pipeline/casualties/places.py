"""Where a figure applies: the most specific place of its sentence, the
place its own phrase gives, else the place of the document's lede.

Places come from the entities (``LOC``, ``GPE``), from event names
("l'accident minier de Soma") and from place nouns ("la municipalité de
Bello"); a quarter or a street gives way to its town, a place another
figure's phrase gives is not this figure's.

>>> span = load_nlp()("Un incendie a fait 60 morts à Kemerovo, en Sibérie.").spans["casualties"][0]
>>> location_of(span, [span])
'Kemerovo'
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from ..dates import sentence_dates
from ..geocode import geocode
from ..geocode.mentions import named_after
from ..geocode.places import km
from ..language.matching import tokens_in_span
from ..language.resources import load_json
from ..language.sentences import entities, sentence_entities, sentence_of, sentences
from ..language.texts import doc_cached, span_text
from .tallies import cumulative

LEDE_SENTENCES = 2  # the headline and the first sentence
_OF = ("de", "du", "des", "d'", "d’")
_NEAR = ("près", "non", "loin", "aux", "alentours", "environs")


def main_place(doc: Doc) -> str:
    """The document's main place, set by the entity linker (most mentioned place)."""
    return (doc._.main_place or "") if Doc.has_extension("main_place") else ""


def _places(sent: Span) -> list[Span]:
    """Place entities of a sentence, without bare compass words ("Sud") or
    storms and events named like places ("cyclone Nargis"); with the places
    that event names and place nouns give ("l'accident minier de Soma", "la
    municipalité de Bello" when the tagger calls Bello a person). Found once
    per sentence (each figure of the sentence, and the lede, asks)."""
    doc = sent.doc
    found = doc_cached(doc, ("places", sent.start, sent.end),  # bounds: a Span kept would keep its Doc alive
                       lambda: [(p.start, p.end, p.label, p.kb_id, p.id) for p in _find_places(sent)])
    return [Span(doc, s, e, label=label, kb_id=kb, span_id=i) for s, e, label, kb, i in found]


def _find_places(sent: Span) -> list[Span]:
    data = load_json("attribution.json")
    labels, generic = set(data["location_labels"]), set(data["not_places"])
    heads = set(data["not_place_heads"])
    out = [e for e in sentence_entities(sent) if (e.label_ in labels and e.text.lower() not in generic and e[0].lower_ not in heads)
           or (e.label_ not in labels and _kind(e) == "town" and e[0].is_title)]
    taken = {i for e in out for i in range(e.start, e.end)}
    out.extend(p for p in _event_name_places(sent) if taken.isdisjoint(range(p.start, p.end)))
    return sorted(out, key=lambda e: e.start)


def _event_name_places(sent: Span) -> list[Span]:
    """The places that events' names give: "l'accident minier de Soma",
    "le séisme d'Amatrice"; after an article only a place the gazetteer
    knows ("l'attentat du Caire", not "le naufrage du Sewol").

    >>> [p.text for p in _event_name_places(nlp("L'accident minier de Soma a fait 301 morts.")[:])]
    ['Soma']
    """
    doc, out = sent.doc, []
    for k in tokens_in_span(sent, "lower_", _event_heads()):
        i = k + 1
        while i < sent.end and doc[i].pos_ == "ADJ" and doc[i].is_lower:  # "accident minier de"
            i += 1
        if i >= sent.end or doc[i].lower_ not in _OF:
            continue
        article = doc[i].lower_ in ("du", "des") or (i + 1 < sent.end and doc[i + 1].lower_ in ("la", "le", "les", "l'", "l’"))
        start = end = i + 1 + (doc[i].lower_ not in ("du", "des") and article)
        while end < sent.end and doc[end].is_title:
            end += 1
        if end > start and doc[start].lower_ not in load_json("attribution.json")["not_event_places"] \
                and (not article or geocode(doc[start:end].text) is not None):
            out.append(Span(doc, start, end, label="LOC"))
    return out


@lru_cache(maxsize=1)
def _event_heads() -> frozenset[str]:
    """The nouns that name an event ("accident", "séisme") and may be followed by its place."""
    return frozenset(load_json("attribution.json")["event_name_heads"])


def _kind(ent: Span) -> str:
    """The kind of place that the noun before "de" says the entity is: "le
    village de Guinsaugon" (town), "le quartier populaire de Noailles"
    (quarter), "la province du Leyte du Sud" (admin1); "" when none."""
    doc, i = ent.doc, ent.start - 1
    if i < 1 or doc[i].lower_ not in _OF:
        return ""
    i -= 1
    while i > 0 and doc[i].pos_ in ("ADJ", "ADV") and ent.start - i <= 4:  # "quartier très touristique de"
        i -= 1
    word = doc[i].lower_
    if named_after(ent):  # "rue d'Aubagne" is a street of Marseille
        return "quarter"
    if word in load_json("geo/mentions.json")["town_heads"]:
        return "town"
    return load_json("attribution.json")["place_kinds"].get(word, "")


def _rank(ent: Span) -> float:
    """How specific a place entity is: 0 for a town, 4 for a country; a
    place known only by the country it lies in ranks as an unknown place, a
    quarter after a place the gazetteer does not know (its town beats it)."""
    ranks = load_json("attribution.json")["place_rank"]
    precision = (ent._.geo_precision if ent.has_extension("geo_precision") else "") or ""
    if precision == "country" and ent._.latitude is None:  # "Guinsaugon", placed in the Philippines only
        precision = ""
    kind = _kind(ent)
    if kind == "quarter" or (kind and not precision):
        precision = kind
    return ranks.get(precision, ranks[""])


def _attached(figure: Span, place: Span, others: list[Span]) -> bool:
    """Whether the place is given by the figure's own phrase: "un habitant
    dans les Bouches-du-Rhône", "27 morts, deux blessés et un disparu près de
    Calais" (a place after figures coordinated with it is theirs too);
    ``others``: the other figures of the sentence."""
    if place.start < figure.end:
        return False
    gap = figure.doc[figure.end:place.start]
    inside = {i for f in others for i in range(f.start, f.end)}
    rest = [t for t in gap if t.i not in inside]
    if len(rest) == len(gap) and len(gap) > 3:
        return False
    return all(t.pos_ in ("ADP", "DET") or t.lower_ in _NEAR or (len(rest) < len(gap) and t.pos_ in ("CCONJ", "PUNCT"))
               for t in rest)


def location_of(span: Span, figures: list[Span] = ()) -> str:
    """The place of the figure: the most specific place named in its
    sentence (the nearest among equals; the one its own phrase gives when it
    is as specific), not a place that another figure's phrase gives; else the
    document's place (:func:`document_place`). ``figures``: the doc's
    casualty spans."""
    sent = sentence_of(span)
    places = _places(sent)
    if not places:  # a total over years is the country's, not the town of the day's event
        return main_place(span.doc) if cumulative(span_text(sent)) else document_place(span.doc)
    others = [f for f in figures if sentence_of(f) == sent and f is not span]
    mine = [e for e in places if _attached(span, e, others)]
    theirs = [e for e in places if e not in mine and any(
        _attached(o, e, [f for f in others if f is not o] + [span]) for o in others)]
    candidates = [e for e in places if e not in theirs]
    if not candidates:  # a total whose parts are in several places: "4 blessés, dont 3 dans l'Hérault et 1 dans le Var"
        return document_place(span.doc)

    def distance(e: Span) -> float:
        return e.start - span.start if e.start >= span.end else span.start - e.end + 0.5
    best = min(candidates, key=lambda e: (_rank(e), distance(e)))
    return mine[0].text if mine and _rank(mine[0]) <= _rank(best) else best.text


def document_place(doc: Doc) -> str:
    """The place of a figure whose sentence names none: the document's main
    place, or, when that is a country, the most specific town of that country
    (or département, or place the gazetteer does not know) that the headline
    or the first sentence names (the lede says where it happened: a town
    beats its country).

    >>> document_place(nlp("Deux explosions ont frappé Kampala. L'Ouganda est sous le choc. L'Ouganda pleure."))
    'Kampala'
    """
    return doc_cached(doc, "document_place", lambda: _document_place(doc))


def _document_place(doc: Doc) -> str:
    main = main_place(doc)
    ranks = load_json("attribution.json")["place_rank"]
    locs = [e for e in entities(doc) if e.label_ in ("LOC", "GPE") and (e._.canonical or e.text) == main]
    if not locs or (locs[0]._.geo_precision in ("town", "") and _kind(locs[0]) != "quarter"):
        return main  # a town; not a country, a division, a place known only by its country or a quarter
    main_ent = locs[0]
    country, limit = main_ent._.country, min(_rank(main_ent), ranks["admin1"])
    for sent in lede(doc):
        # a town, a département, or a place the gazetteer does not know ("Al-Asriya")
        towns = [e for e in _places(sent) if _rank(e) < limit and e._.country in (country, "")
                 and _kind(e) != "quarter" and _within(e, main_ent)]
        if towns:
            return min(towns, key=_rank).text
    return main


def _within(place: Span, division: Span) -> bool:
    """Whether a place may lie in a division: not when both have coordinates
    farther apart than a division spreads (Pékin is not in Tibet)."""
    if division._.geo_precision not in ("admin1", "admin2", "region"):
        return True
    points = [(e._.latitude, e._.longitude) for e in (place, division)]
    if any(p[0] is None for p in points):
        return True
    return km(*points) <= load_json("attribution.json")["division_km"]


def lede(doc: Doc) -> list[Span]:
    """The headline and the first sentence, a line that only dates the
    article ("Publié le 7 décembre 2010") not counted.

    >>> [s.text.strip() for s in lede(nlp("Séisme en Italie\nPublié le 24 août 2016\nLa terre a tremblé à Amatrice."))]
    ['Séisme en Italie', 'La terre a tremblé à Amatrice.']
    """
    out = []
    for sent in sentences(doc):
        if len(out) == LEDE_SENTENCES:
            break
        words = sum(len(m.text.split()) for m in sentence_dates(sent, doc._.published))
        if not out or len([t for t in sent if t.is_alpha or t.like_num]) - words > 2 or _places(sent):
            out.append(sent)
    return out
