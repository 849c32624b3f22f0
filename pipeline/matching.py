"""A token matcher that answers one-word patterns from a dictionary.

Most trigger patterns are one word ("tués", lemma "blesser"): spaCy's
``Matcher`` runs its state machine over every token for each of them. This
wrapper sends patterns of one token on ``LOWER``, ``LEMMA`` or ``ORTH``
(a string or ``{"IN": [...]}``) to dictionary look-ups and every other
pattern to a real ``Matcher``; it returns the same ``(match_id, start, end)``
triples.

>>> m = TokenMatcher(nlp.vocab)
>>> m.add("killed", [[{"LOWER": {"IN": ["tués", "morts"]}}]])
>>> [(nlp.vocab.strings[k], s, e) for k, s, e in m(nlp("Douze tués."))]
[('killed', 1, 2)]
"""
from __future__ import annotations

from collections import defaultdict

from spacy.matcher import Matcher
from spacy.tokens import Doc

_ATTRS = {"LOWER": "lower_", "LEMMA": "lemma_", "ORTH": "text", "TEXT": "text"}


def _one_word(pattern: list[dict]) -> tuple[str, list[str]] | None:
    """(token attribute, values) when ``pattern`` is one plain word test, else None."""
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return None
    (attr, value), = pattern[0].items()
    if attr not in _ATTRS:
        return None
    if isinstance(value, str):
        return _ATTRS[attr], [value]
    if isinstance(value, dict) and list(value) == ["IN"]:
        return _ATTRS[attr], list(value["IN"])
    return None


class TokenMatcher:
    """Same interface as ``spacy.matcher.Matcher`` for ``add`` and ``__call__``."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self._words: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self._n_matcher = 0

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        key_id = self.vocab.strings.add(key)
        rest = []
        for pattern in patterns:
            word = _one_word(pattern)
            if word is None:
                rest.append(pattern)
                continue
            attr, values = word
            for value in values:
                self._words[attr][value].add(key_id)
        if rest:
            self.matcher.add(key, rest)
            self._n_matcher += 1

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        tables = [(attr, table) for attr, table in self._words.items()]
        for tok in doc:
            for attr, table in tables:
                keys = table.get(getattr(tok, attr))
                if keys:
                    found.update((k, tok.i, tok.i + 1) for k in keys)
        if self._n_matcher:
            found.update(self.matcher(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))
