"""Victim nouns and their groups, scope phrases ("parmi les civils"), and how
figures share a group.

>>> victim_group("forces de l'ordre")
'security_forces'

The nouns are in ``models/casualties/victims.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..language.matching import tokens_in_span
from ..language.resources import load_json
from .figures import Figure

@lru_cache(maxsize=1)
def _victim_lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(single-word lemma -> group, multi-word phrase -> group); persons map to 'unspecified'."""
    data = load_json("casualties/victims.json")
    single: dict[str, str] = {}
    multi: dict[str, str] = {}
    for word in data["persons"]:
        (multi if " " in word else single)[word] = "unspecified"
    for group, words in data["groups"].items():
        for word in words:
            (multi if " " in word else single)[word] = group
    return single, multi


def victim_group(words: str) -> str | None:
    """Group of a victim noun (lemma or phrase), 'unspecified' for a plain person noun,
    None when it does not name people.

    >>> [victim_group(w) for w in ("policier", "forces de l'ordre", "personne", "maison")]
    ['security_forces', 'security_forces', 'unspecified', None]
    """
    single, multi = _victim_lexicon()
    w = words.lower().strip()
    if w in multi:
        return multi[w]
    if w in single:
        return single[w]
    if w.endswith(("s", "x")) and w[:-1] in single:  # plural of a form not lemmatised
        return single[w[:-1]]
    return None


@lru_cache(maxsize=1)
def _multi_starts() -> frozenset[str]:
    """First segments (up to a space or an apostrophe) of the multi-word victim phrases."""
    return frozenset(re.split(r"[ ']", phrase, maxsplit=1)[0] for phrase in _victim_lexicon()[1])


def token_group(tok: Token) -> str | None:
    """Victim group named by ``tok`` and the words right after it ("forces de l'ordre")."""
    doc = tok.doc
    multi = _victim_lexicon()[1]
    # a phrase starts with the token's own first segment: most tokens start none
    starts = _multi_starts()
    lemma = tok.lemma_.lower()
    if not any(re.split(r"[ ']", w, maxsplit=1)[0] in starts for w in (tok.lower_, lemma)):
        return victim_group(tok.lemma_) or victim_group(tok.lower_)
    for n in (4, 3, 2):
        if tok.i + n <= len(doc):
            words = doc[tok.i:tok.i + n]
            for phrase in (" ".join(t.lower_ for t in words),
                           " ".join(t.lemma_.lower() if k == 0 else t.lower_ for k, t in enumerate(words))):
                phrase = phrase.replace("' ", "'").replace(" '", "'")
                if phrase in multi:
                    return multi[phrase]
    return victim_group(tok.lemma_) or victim_group(tok.lower_)


def _is_person(tok: Token) -> str | None:
    """Group if ``tok`` names people: a known noun, or a capitalised plural
    ("Tibétains", "Philippins") that is not a place."""
    group = token_group(tok)
    if group:
        return group
    if tok.ent_type_ == "NORP" and tok.text[:1].isupper():
        return "unspecified"  # "145 000 Philippins", "6 Tibétains"
    if tok.text[:1].isupper() and tok.lower_.endswith("s") and tok.pos_ in ("NOUN", "PROPN", "ADJ") \
            and tok.ent_type_ not in ("LOC", "GPE", "ORG", "PER") and "Sing" not in tok.morph.get("Number"):
        return "unspecified"
    if tok.pos_ == "NOUN" and looks_like_person(tok):
        return "unspecified"  # "quatre ingénieurs", "deux soignants": nouns the lexicon does not list
    return None


@lru_cache(maxsize=4)
def _person_centroids(vocab) -> tuple | None:
    """Unit centroids of the 'persons' and 'things' seed vectors, or None without vectors."""
    import numpy as np

    data = load_json("casualties/person_nouns.json")

    def centroid(words):
        vecs = [vocab[w].vector for w in words if vocab[w].has_vector]
        if not vecs:
            return None
        m = np.mean([v / np.linalg.norm(v) for v in vecs], axis=0)
        return m / np.linalg.norm(m)

    persons, things = centroid(data["persons"]), centroid(data["things"])
    return None if persons is None or things is None else (persons, things)


def looks_like_person(tok: Token) -> bool:
    """True when ``tok`` is a plural that ends like a noun of agents or
    inhabitants and whose word vector is nearer people than things (suffixes,
    seeds and margin in ``models/casualties/person_nouns.json``).

    >>> [looks_like_person(t) for t in nlp("ingénieurs véhicules")]
    [True, False]
    """
    data = load_json("casualties/person_nouns.json")
    low = tok.lower_
    if "Sing" in tok.morph.get("Number") or not low.endswith(tuple(data["suffixes"])):
        return False
    if low in data["not_persons"] or tok.lemma_.lower() in data["not_persons"] or not tok.has_vector:
        return False
    cents = _person_centroids(tok.vocab)
    if cents is None:
        return False
    import numpy as np

    v = tok.vector / (np.linalg.norm(tok.vector) or 1.0)
    return float(v @ cents[0] - v @ cents[1]) > data["margin"]


@lru_cache(maxsize=1)
def _scope_words() -> tuple[frozenset, frozenset]:
    data = load_json("casualties/victims.json")
    return frozenset(data["scope_prepositions"]), frozenset(data["scope_fillers"])


def _scope_phrases(sent: Span) -> list[tuple[int, str]]:
    """(token index, group) of phrases such as "parmi les civils", "dans les
    rangs des forces de l'ordre", "chez les manifestants"."""
    preps, fillers = _scope_words()
    out = []
    for tok in (sent.doc[i] for i in tokens_in_span(sent, "lower_", preps)):
        for j in range(tok.i + 1, min(tok.i + 6, sent.end)):
            t = sent.doc[j]
            group = token_group(t)
            if group and group != "unspecified":
                out.append((tok.i, group))
                break
            if t.lower_ not in fillers:
                break
    return out



def propagate_victims(figures: list[Figure], categories: list[str]) -> list[Figure]:
    """Give unspecified figures of ``categories`` the single victim group that
    the document's other figures of the same category name ("six terroristes
    présumés arrêtés ... Un homme de 29 ans a été arrêté" -> militants)."""
    for cat in categories:
        groups = {f.victims for f in figures if f.event_type == cat} - {"unspecified"}
        if len(groups) == 1:
            group = groups.pop()
            for f in figures:
                if f.event_type == cat and f.victims == "unspecified":
                    f.victims = group
    return figures


def _scoped_victims(fig: Figure, scopes: list[tuple[int, str]]) -> str:
    end = fig.tokens[1]
    after = [g for i, g in scopes if i >= end]
    if after:
        return after[0]
    before = [g for i, g in scopes if i < fig.tokens[0]]
    return before[-1] if before else "unspecified"

