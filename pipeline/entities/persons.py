"""Persons: titles stripped from a name, a person named after a title word
("le président kazakh Kassym-Jomart Tokayev"), surnames linked to the full
name said earlier.

>>> link_surnames(["Kassym-Jomart Tokayev", "Tokayev"])
['Kassym-Jomart Tokayev', 'Kassym-Jomart Tokayev']
"""
from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Doc, Span

from ..geocode import fold, geocode
from ..language.matching import tokens_in
from .lexicons import demonyms, gazetteer, titles


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def strip_title(words: Sequence[str]) -> int:
    """Index of the first word of the name in a person mention.

    Strips honorifics, functions, demonyms, lower-case words and, once a
    title was stripped, its complement ("ministre de l'Intérieur"); keeps
    name particles ("de Gaulle") and at least the last word.

    >>> words = "le président kazakh Kassym - Jomart Tokayev".split()
    >>> words[strip_title(words):]
    ['Kassym', '-', 'Jomart', 'Tokayev']
    """
    lex = titles()
    i = 0
    while i < len(words) - 1:
        word, low = words[i], words[i].lower()
        if low in lex["particles"] and _capitalised(words[i + 1]):
            break
        if (word in lex["honorifics"] or low in lex["functions"] or low in lex["qualifiers"]
                or (i > 0 and low in lex["complements"]) or fold(word) in demonyms()
                or not _capitalised(word)):
            i += 1
            continue
        break
    return i


def link_surnames(names: Sequence[str]) -> list[str]:
    """Replace each short person name by the one longer name it ends.

    A name links to the single longer name with the same final words seen
    earlier in the document, else anywhere in it; with two candidates
    ("Oumar Maïga", "Fatoumata Maïga") it is left alone.

    >>> link_surnames(["Kassym-Jomart Tokayev", "Tokayev", "Oumar Maïga", "Fatoumata Maïga", "Maïga"])
    ['Kassym-Jomart Tokayev', 'Kassym-Jomart Tokayev', 'Oumar Maïga', 'Fatoumata Maïga', 'Maïga']
    """
    folded = [fold(n).split() for n in names]

    def candidates(i: int, pool: range) -> dict[str, str]:
        words = folded[i]
        found: dict[str, str] = {}
        for j in pool:
            other = folded[j]
            if len(other) > len(words) and other[-len(words):] == words:
                found.setdefault(" ".join(other), names[j])
        return found

    linked = []
    for i, name in enumerate(names):
        if not folded[i]:
            linked.append(name)
            continue
        found = candidates(i, range(i)) or candidates(i, range(len(names)))
        linked.append(next(iter(found.values())) if len(found) == 1 else name)
    return linked


def _name_word(token) -> bool:
    text = token.text
    return (text[:1].isupper() and token.is_alpha and not (token.is_upper and len(text) > 1)
            and fold(text) not in demonyms() and token.lower_ not in titles()["functions"])


def _name_end(doc: Doc, start: int) -> int:
    """End of the run of capitalised words (with hyphens and particles) from ``start``."""
    particles = titles()["particles"]
    k = start
    while k < len(doc):
        if _name_word(doc[k]):
            k += 1
        elif (k > start and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_
              and k + 1 < len(doc) and _name_word(doc[k + 1])):
            k += 2
        elif k > start and doc[k].lower_ in particles and k + 1 < len(doc) and _name_word(doc[k + 1]):
            k += 2
        else:
            break
    return k


def title_persons(doc: Doc) -> list[Span]:
    """PER spans for capitalised names right after a title word.

    >>> [s.text for s in title_persons(nlp.make_doc("l'appel du président kazakh Kassym-Jomart Tokayev"))]
    ['Kassym-Jomart Tokayev']
    """
    lex = titles()
    spans = []
    for tok in (doc[i] for i in sorted({*tokens_in(doc, "text", lex["honorifics"]),
                                        *tokens_in(doc, "lower_", lex["functions"])})):
        j = tok.i + 1
        while j < len(doc) and doc[j].is_lower and (
                doc[j].lower_ in lex["functions"] or doc[j].lower_ in lex["qualifiers"] or fold(doc[j].text) in demonyms()):
            j += 1
        k = _name_end(doc, j)
        if k == j:
            continue
        span = Span(doc, j, k, label="PER")
        if k - j == 1 and (geocode(span.text) is not None or fold(span.text) in gazetteer()):
            continue
        spans.append(span)
    return spans


def _merge_persons(ents: list[Span], persons: list[Span]) -> list[Span]:
    """Add title-rule persons, replacing the model's spans they overlap.

    A gazetteer span (it has an ``ent_id_``) or a PER span covering the
    person is kept instead.
    """
    for person in persons:
        overlapping = [e for e in ents if e.start < person.end and person.start < e.end]
        if any(e.ent_id_ or (e.label_ == "PER" and e.start <= person.start and person.end <= e.end)
               for e in overlapping):
            continue
        ents = [e for e in ents if e not in overlapping] + [person]
    return sorted(ents, key=lambda e: e.start)


def _surname_keys(persons: Iterable[Span]) -> set[str]:
    """Folded final words of the multi-word person names ("tokayev", "de gaulle")."""
    keys = set()
    for person in persons:
        words = fold(person.text).split()
        keys.update(" ".join(words[i:]) for i in range(1, len(words)))
    return keys
