"""Clean-up of ``doc.ents`` after ``ner`` (factory ``fr_entity_cleanup_v1``):
persons after a title, titles and articles trimmed, demonyms as NORP, the
dateline's place, surnames of named persons as PER.

>>> [(e.text, e.label_) for e in nlp("Les Russes ont salué le général de Gaulle.").ents]
[('Russes', 'NORP'), ('de Gaulle', 'PER')]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..geocode import common_word, fold, geocode
from ..geocode.mentions import dateline_span, not_a_place
from ..language.sentences import entities, set_entities
from ..language.texts import doc_text
from .lexicons import demonym_country, demonyms, non_entities, titles
from .persons import _merge_persons, _surname_keys, strip_title, title_persons


_LEADING_OF = frozenset({"de", "du", "des", "d'", "d’"})
_LEADING_AT = frozenset({"au", "aux", "à", "en"})  # "au Caire" is "Caire"... then "Le Caire" by the gazetteer
_CAPITAL_ARTICLES = frozenset({"Le", "La", "Les", "L'", "L’"})
_TRAILING = frozenset({"-", ",", ":", "(", "et", "à", "au", "aux"})


def trim_entity(ent: Span) -> Span:
    """Drop titles from a PER span, articles from the front and dangling words from the end.

    >>> doc = nlp.make_doc("le général de Gaulle")
    >>> trim_entity(Span(doc, 0, 4, "PER")).text
    'de Gaulle'
    >>> doc = nlp.make_doc("la Mission de la")
    >>> trim_entity(Span(doc, 0, len(doc), "MISC")).text
    'Mission'
    """
    lex = titles()
    words = [t.text for t in ent]
    if ent.label_ == "PER":
        start = strip_title(words)
    else:
        start = 0
        leading = _LEADING_OF | (_LEADING_AT if ent.label_ == "LOC" else frozenset())
        while start < len(words) - 1 and (words[start] in lex["determiners"] or words[start] in leading):
            start += 1
    end = len(words)
    while end - 1 > start and (words[end - 1] in lex["determiners"] or words[end - 1] in lex["particles"]
                               or words[end - 1] in _TRAILING):
        end -= 1  # lower-case words only: "Lady Di" keeps its "Di"
    if start == 0 and ent.label_ == "LOC" and len(words) > 1 and words[0] in _CAPITAL_ARTICLES:
        place = geocode(ent[1:].text)
        if place is not None and place.precision == "country":
            start = 1  # "La France a signé", but "Le Caire", "La Haye"
    if (start, end) == (0, len(words)):
        return ent
    return Span(ent.doc, ent.start + start, ent.start + end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)


def _only_titles(ent: Span) -> bool:
    """True for a span made of title words only ("Premier ministre")."""
    lex = titles()
    return all(t.text in lex["honorifics"] or t.lower_ in lex["functions"] or t.lower_ in lex["qualifiers"]
               for t in ent)


def clean_entities(doc: Doc) -> list[Span]:
    """The entities of ``doc`` after the title rule, trimming and relabelling.

    Demonyms become NORP; a LOC, ORG or MISC span that is the surname of a
    person named in the document becomes PER.
    """
    ents = [trim_entity(e) for e in _merge_persons(list(entities(doc)), title_persons(doc))]
    dateline = dateline_span(doc, doc_text(doc))
    if dateline is not None:  # "OUAGADOUGOU, 3 mars (AFP) -": a place, whatever the model said
        ents = [e for e in ents if e.end <= dateline.start or dateline.end <= e.start] + [dateline]
    surnames = _surname_keys(e for e in ents if e.label_ == "PER")
    cleaned = []
    for ent in ents:
        if sum(c.isalnum() for c in ent.text) < 2 or _only_titles(ent) or fold(ent.text) in non_entities():
            continue
        if _common_word_opening(ent):
            continue  # "Hier", "Samedi", "Applaudissements" at the start of a sentence
        if ent.label_ == "LOC" and not_a_place(ent):  # "cyclone Nargis", "Cour d'assises"
            ent = Span(doc, ent.start, ent.end, label=not_a_place(ent))
        if ent.label_ != "ORG" and demonym_country(ent.text) is not None:
            ent = Span(doc, ent.start, ent.end, label="NORP")
        elif (ent.label_ in ("LOC", "MISC", "ORG") and not ent.ent_id_ and fold(ent.text) in surnames
              and _not_a_known_place(ent.text)):
            ent = Span(doc, ent.start, ent.end, label="PER")  # "Kadhafi" after "Mouammar Kadhafi"
        cleaned.append(ent)
    return filter_spans(cleaned)


def _common_word_opening(ent: Span) -> bool:
    """A one-word place or name opening its sentence that is a common French
    word and no known place: "Hier", "Samedi" (not "Manche", "Var")."""
    if len(ent) != 1 or ent.label_ not in ("LOC", "MISC") or fold(ent.text) in demonyms() or not common_word(ent.text):
        return False
    first = ent.start == 0 or ent.doc[ent.start].is_sent_start or not ent.doc[ent.start - 1].is_alpha
    return first and geocode(ent.text) is None


def _not_a_known_place(text: str) -> bool:
    """No place, or only a small town (a surname is a person: "Kadhafi", "Noailles")."""
    place = geocode(text)
    return place is None or (place.precision == "town" and place.population < 15_000)


@Language.factory("fr_entity_cleanup_v1")
def make_entity_cleanup(nlp: Language, name: str):
    """Component: fix boundaries and labels of ``doc.ents`` (after ``ner``)."""

    def entity_cleanup(doc: Doc) -> Doc:
        set_entities(doc, clean_entities(doc))
        return doc

    return entity_cleanup
