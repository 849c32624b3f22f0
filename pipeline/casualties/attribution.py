"""Context of a figure: who gave it (source), where (location), when (date).

Each is a small function over the figure's span and its sentence.

>>> span = load_nlp()("Douze policiers ont été tués à Almaty, selon le ministère de l'Intérieur.").spans["casualties"][0]
>>> (span._.source, span._.location)
("ministère de l'Intérieur", 'Almaty')
"""
from __future__ import annotations


from spacy.tokens import Doc, Span, Token

from ..dates import precision_of, sentence_dates
from ..geocode import geocode
from ..geocode.mentions import named_after
from ..geocode.places import km
from ..language.resources import load_json

_STRIP = {"DET", "ADP", "PUNCT", "CCONJ"}
LEDE_SENTENCES = 2  # the headline and the first sentence
_OF = ("de", "du", "des", "d'", "d’")
_NEAR = ("près", "non", "loin", "aux", "alentours", "environs")


def _trim(tokens: list[Token]) -> str:
    """Text of ``tokens`` without leading determiners/prepositions and trailing punctuation."""
    while tokens and (tokens[0].pos_ in _STRIP or tokens[0].lower_ in ("l'", "d'")):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET"):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text  # Doc.text would rebuild the whole text


def _phrase(noun: Token, max_len: int = 10) -> str:
    """The noun phrase headed by ``noun``, cut before a comma or a relative clause."""
    toks = []
    for t in noun.subtree:
        if t.i > noun.i and (t.text in (",", "(", ";") or t.dep_ in ("acl:relcl",)):
            break
        toks.append(t)
    toks = [t for t in toks if t.i >= noun.i - 3][:max_len]
    if toks and toks[-1].ent_iob_ in ("B", "I"):  # a name is not cut: "Médecins sans frontières"
        ent = next((e for e in noun.doc.ents if e.start <= toks[-1].i < e.end), None)
        if ent is not None:
            toks = toks + [t for t in ent if t.i > toks[-1].i]
    return _trim(toks)


def _source_phrase(noun: Token) -> str:
    """The source that ``noun`` names, or "" when it names none: a tally or a
    figure ("le bilan", "les chiffres officiels", "le premier cas") gives its
    complement ("les chiffres du ministère" -> "ministère"), the victims or a
    place are never a source; a name is taken whole ("Al Jazeera").

    >>> _source_phrase(nlp("Les chiffres du ministère de la Santé")[1])
    'ministère de la Santé'
    """
    data = load_json("attribution.json")
    if noun.lemma_.lower() in data["source_carriers"]:
        for c in noun.children:
            if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN") and c.i > noun.i \
                    and (c.ent_type_ in ("ORG", "PER", "MISC") or c.lemma_.lower() in data["source_nouns"]):
                return _source_phrase(c)  # "les chiffres du ministère", not "le bilan de l'épidémie"
        return _agent_after(noun)
    if noun.ent_type_ in ("LOC", "GPE") or _names_victims(noun):
        return ""
    phrase = _phrase(noun)
    for e in noun.doc.ents:  # a name cut short is taken whole: "Al" -> "Al Jazeera"
        if e.label_ not in ("LOC", "GPE") and e.start <= noun.i < e.end and len(e.text) > len(phrase):
            return e.text
    return phrase


def _agent_after(carrier: Token) -> str:
    """The agent of a participle after a carrier, up to a comma: "un bilan
    communiqué dimanche par les autorités" -> "autorités"."""
    doc = carrier.doc
    for t in doc[carrier.i + 1:min(carrier.i + 7, carrier.sent.end)]:
        if t.text in (",", ";", ":"):
            break
        if t.lower_ == "par" and t.i + 1 < carrier.sent.end:
            noun = doc[t.i + 1] if doc[t.i + 1].pos_ != "DET" else doc[min(t.i + 2, carrier.sent.end - 1)]
            if noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in load_json("attribution.json")["source_nouns"] \
                    or noun.ent_type_ in ("ORG", "PER"):
                words = []
                for w in doc[noun.i:max(noun.i, noun.right_edge.i) + 1]:
                    if w.text in (",", ";", "(") or len(words) == 8:
                        break
                    words.append(w)
                return _trim(words)
    return ""


def _names_victims(noun: Token) -> bool:
    """True when ``noun`` counts people or casualties ("Deux personnes", "les blessés")."""
    if any(c.like_num or c.dep_ == "nummod" for c in noun.children):
        return True
    return noun.lemma_.lower() in load_json("attribution.json")["victim_words"]


def _in_other_clause(tok: Token, figure: Span | None) -> bool:
    """True when ``tok`` sits in a relative clause that does not hold the figure:
    in "la manifestation, qui a rassemblé 50 000 personnes selon les
    organisateurs, ... 12 policiers ont été blessés" the source is not the figure's."""
    if figure is None:
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("acl:relcl", "acl", "advcl") and not (node.left_edge.i <= figure.start and figure.end - 1 <= node.right_edge.i):
            return True
        node = node.head
    return False


def source_of(sent: Span, figure: Span | None = None) -> str:
    """Who gave the figures of ``sent`` (or of the ``figure`` in it): "selon X",
    "d'après X", or the subject of a reporting verb ("a indiqué la police").

    >>> source_of(nlp("Trois morts, selon la police.")[:])
    'police'
    """
    data = load_json("attribution.json")
    markers = data["source_markers"]
    for tok in sent:
        two = (tok.lower_ + (tok.nbor().lower_ if tok.i + 1 < len(tok.doc) else "")).replace(" ", "")
        if (tok.lower_ in markers or two in markers) and not _in_other_clause(tok, figure):
            start = tok.i + (2 if two in markers and tok.lower_ not in markers else 1)
            if start < sent.end:
                noun = tok.head if tok.head.i >= start else tok.doc[start]
                if noun.pos_ in ("NOUN", "PROPN") and noun.i >= start:
                    found = _source_phrase(noun)
                    if found:
                        return found
                    continue  # "selon un dernier bilan" names no source
                ents = [e for e in sent.ents if e.start >= start]
                if ents and ents[0].start - start <= 2:
                    return ents[0].text
    verbs = set(data["reporting_verbs"])
    need = data["reporting_need_object"]
    for tok in sent:
        if tok.lemma_ not in verbs or tok.pos_ not in ("VERB",) or _in_other_clause(tok, figure):
            continue
        if tok.lemma_ in need and not any(c.lower_ == need[tok.lemma_] for c in tok.children):
            continue
        # the subject, or the inverted subject of an incise: "..., a indiqué la police."
        incise = tok.dep_ == "parataxis" or (tok.i > 0 and tok.doc[max(tok.i - 2, 0)].text == ",")
        for c in tok.children:
            if c.lower_ == need.get(tok.lemma_):
                continue  # "qui fait état de 30 morts": "état" is no speaker
            if c.pos_ in ("NOUN", "PROPN") and (c.dep_ == "nsubj" or (incise and c.dep_ == "obj" and c.i > tok.i)):
                found = _source_phrase(c)
                if found:
                    return found
    return ""


def main_place(doc: Doc) -> str:
    """The document's main place, set by the entity linker (most mentioned place)."""
    return (doc._.main_place or "") if Doc.has_extension("main_place") else ""


def _places(sent: Span) -> list[Span]:
    """Place entities of a sentence, without bare compass words ("Sud") or
    storms and events named like places ("cyclone Nargis"); with the places
    that event names and place nouns give ("l'accident minier de Soma", "la
    municipalité de Bello" when the tagger calls Bello a person)."""
    data = load_json("attribution.json")
    labels, generic = set(data["location_labels"]), set(data["not_places"])
    heads = set(data["not_place_heads"])
    out = [e for e in sent.ents if (e.label_ in labels and e.text.lower() not in generic and e[0].lower_ not in heads)
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
    events, doc, out = set(load_json("attribution.json")["event_name_heads"]), sent.doc, []
    for tok in sent:
        if tok.lower_ not in events:
            continue
        i = tok.i + 1
        while i < sent.end and doc[i].pos_ == "ADJ" and doc[i].is_lower:  # "accident minier de"
            i += 1
        if i >= sent.end or doc[i].lower_ not in _OF:
            continue
        article = doc[i].lower_ in ("du", "des") or (i + 1 < sent.end and doc[i + 1].lower_ in ("la", "le", "les", "l'", "l’"))
        start = end = i + 1 + (doc[i].lower_ not in ("du", "des") and article)
        while end < sent.end and doc[end].is_title:
            end += 1
        if end > start and (not article or geocode(doc[start:end].text) is not None):
            out.append(Span(doc, start, end, label="LOC"))
    return out


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
    places = _places(span.sent)
    if not places:
        return document_place(span.doc)
    others = [f for f in figures if f.sent == span.sent and f is not span]
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
    main = main_place(doc)
    ranks = load_json("attribution.json")["place_rank"]
    locs = [e for e in doc.ents if e.label_ in ("LOC", "GPE") and (e._.canonical or e.text) == main]
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
    for sent in doc.sents:
        if len(out) == LEDE_SENTENCES:
            break
        words = sum(len(m.text.split()) for m in sentence_dates(sent, doc._.published))
        if not out or len([t for t in sent if t.is_alpha or t.like_num]) - words > 2 or _places(sent):
            out.append(sent)
    return out


def date_of(span: Span, published: str | None) -> tuple[str, str]:
    """(ISO date, date text) of the figure: the nearest date in its sentence,
    else the publication date."""
    sent = span.sent
    mentions = [m for m in sentence_dates(sent, published) if m.value]
    if mentions:
        pos = span.start_char - sent.start_char
        m = min(mentions, key=lambda m: abs(m.start - pos))
        return m.value, m.text
    return (published or ""), ""


def annotate(span: Span, figures: list[Span] = ()) -> None:
    """Set source, location, date, date_text and date_precision on a casualty
    span (``figures``: all the casualty spans of its doc)."""
    span._.source = source_of(span.sent, span)
    span._.location = location_of(span, figures)
    span._.date, span._.date_text = date_of(span, span.doc._.published)
    span._.date_precision = precision_of(span._.date) if span._.date_text else ("published" if span._.date else "")
