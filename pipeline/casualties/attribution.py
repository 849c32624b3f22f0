"""Context of a figure: who gave it (source), where (location, see
:mod:`.places`), when (date).

Each is a small function over the figure's span and its sentence.

>>> span = load_nlp()("Douze policiers ont été tués à Almaty, selon le ministère de l'Intérieur.").spans["casualties"][0]
>>> (span._.source, span._.location)
("ministère de l'Intérieur", 'Almaty')
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..dates import precision_of, sentence_dates
from ..language.resources import load_json
from ..language.sentences import entity_at, sentence_entities, sentence_of
from ..language.texts import doc_cached
from .places import location_of

_STRIP = {"DET", "ADP", "PUNCT", "CCONJ"}


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
        ent = entity_at(noun.doc, toks[-1].i)
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
    e = entity_at(noun.doc, noun.i)  # a name cut short is taken whole: "Al" -> "Al Jazeera"
    if e is not None and e.label_ not in ("LOC", "GPE") and len(e.text) > len(phrase):
        return e.text
    return phrase


def _agent_after(carrier: Token) -> str:
    """The agent of a participle after a carrier, up to a comma: "un bilan
    communiqué dimanche par les autorités" -> "autorités"."""
    doc, end = carrier.doc, sentence_of(carrier).end
    for t in doc[carrier.i + 1:min(carrier.i + 7, end)]:
        if t.text in (",", ";", ":"):
            break
        if t.lower_ == "par" and t.i + 1 < end:
            noun = doc[t.i + 1] if doc[t.i + 1].pos_ != "DET" else doc[min(t.i + 2, end - 1)]
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
    doc = sent.doc
    after_markers, verbs = _source_words(sent)
    for i, start in after_markers:
        tok = doc[i]
        if not _in_other_clause(tok, figure):
            if start < sent.end:
                noun = tok.head if tok.head.i >= start else tok.doc[start]
                if noun.pos_ in ("NOUN", "PROPN") and noun.i >= start:
                    found = _source_phrase(noun)
                    if found:
                        return found
                    continue  # "selon un dernier bilan" names no source
                ents = [e for e in sentence_entities(sent) if e.start >= start]
                if ents and ents[0].start - start <= 2:
                    return ents[0].text
    need = data["reporting_need_object"]
    for tok in (doc[i] for i in verbs):
        if _in_other_clause(tok, figure):
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


def _source_words(sent: Span) -> tuple[list[tuple[int, int]], list[int]]:
    """The words of a sentence that may introduce its source, found once per
    sentence (each figure of it asks): (index of "selon", "d'après"...,
    index of the word after it) and the indices of the reporting verbs."""
    def find():
        markers, verbs = _words("source_markers"), _words("reporting_verbs")
        doc, after, reporting = sent.doc, [], []
        for tok in sent:
            lower = tok.lower_
            two = (lower + (tok.nbor().lower_ if tok.i + 1 < len(doc) else "")).replace(" ", "")
            if lower in markers or two in markers:
                after.append((tok.i, tok.i + (2 if two in markers and lower not in markers else 1)))
            if tok.lemma_ in verbs and tok.pos_ == "VERB":
                reporting.append(tok.i)
        return after, reporting

    return doc_cached(sent.doc, ("source words", sent.start, sent.end), find)


@lru_cache(maxsize=None)
def _words(key: str) -> frozenset[str]:
    """A word list of ``models/attribution.json`` as a set."""
    return frozenset(load_json("attribution.json")[key])


def date_of(span: Span, published: str | None) -> tuple[str, str]:
    """(ISO date, date text) of the figure: the nearest date in its sentence,
    else the publication date."""
    sent = sentence_of(span)
    mentions = [m for m in sentence_dates(sent, published) if m.value]
    if mentions:
        pos = span.start_char - sent.start_char
        m = min(mentions, key=lambda m: abs(m.start - pos))
        return m.value, m.text
    return (published or ""), ""


def annotate(span: Span, figures: list[Span] = ()) -> None:
    """Set source, location, date, date_text and date_precision on a casualty
    span (``figures``: all the casualty spans of its doc)."""
    x = span._  # one Underscore per span, not one per value
    x.source = source_of(sentence_of(span), span)
    x.location = location_of(span, figures)
    x.date, x.date_text = date_of(span, span.doc._.published)
    x.date_precision = precision_of(x.date) if x.date_text else ("published" if x.date else "")
