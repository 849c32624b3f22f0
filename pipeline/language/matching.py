"""A token matcher that looks words up in a dictionary before matching.

spaCy's ``Matcher`` steps every pattern over every token; our trigger lists
are hundreds of patterns whose first token is a plain word test ("tués",
lemma "blesser", perhaps with a part of speech). This wrapper indexes each
pattern by that first word: a one-token pattern is answered by the look-up
(plus its part-of-speech test), a longer one by a ``Matcher`` run only on the
few tokens where its first word occurs (and its second, when that is a plain
word test too): one ``Matcher`` per set of patterns that may start at a
token, run once there. Patterns without such a first word go
to a ``Matcher`` over the whole text. It returns the same ``(match_id,
start, end)`` triples as ``Matcher``.

>>> m = TokenMatcher(nlp.vocab)
>>> m.add("killed", [[{"LOWER": {"IN": ["tués", "morts"]}}]])
>>> [(nlp.vocab.strings[k], s, e) for k, s, e in m(nlp("Douze tués."))]
[('killed', 1, 2)]
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .texts import doc_cached

_WORD = {"LOWER": "lower_", "LEMMA": "lemma_", "ORTH": "text", "TEXT": "text"}
_ATTR_ID = {"lower_": LOWER, "lemma_": LEMMA, "text": ORTH}  # Doc.to_array columns of the word attributes
_CHECK = {"POS": "pos_", "TAG": "tag_", "DEP": "dep_"}
WINDOW = 40  # tokens a pattern anchored on its first word may span


def _values(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and list(value) == ["IN"]:
        return list(value["IN"])
    return None


def first_word(pattern: list[dict]) -> tuple[str, list[str], dict[str, set[str]]] | None:
    """(token attribute, words, other tests) of a pattern's first token when it
    is a plain word test, else None.

    >>> first_word([{"LEMMA": {"IN": ["attaque"]}, "POS": "NOUN"}])
    ('lemma_', ['attaque'], {'pos_': {'NOUN'}})
    """
    if not pattern:
        return None
    spec = pattern[0]
    words = [k for k in spec if k in _WORD]
    if len(words) != 1 or any(k not in _WORD and k not in _CHECK for k in spec):
        return None
    values = _values(spec[words[0]])
    checks = {}
    for key in spec:
        if key in _CHECK:
            allowed = _values(spec[key])
            if allowed is None:
                return None
            checks[_CHECK[key]] = set(allowed)
    if values is None:
        return None
    return _WORD[words[0]], values, checks


def tokens_in(doc: Doc, attr: str, words) -> list[int]:
    """Indices of the tokens whose ``attr`` ("lower_", "lemma_" or "text") is
    one of ``words``, read from one ``Doc`` array: no ``Token`` objects made.

    >>> tokens_in(nlp.make_doc("Le président et la Présidente"), "lower_", {"président", "présidente"})
    [1, 4]
    """
    wanted = _ids(frozenset(words))
    return [i for i, word in enumerate(doc.to_array(_ATTR_ID[attr]).tolist()) if word in wanted]


def tokens_in_span(span, attr: str, words: frozenset) -> list[int]:
    """:func:`tokens_in` for the tokens of ``span`` (a sentence): the
    positions in the whole ``Doc`` are found once and kept beside it, each
    sentence then takes its share of them.

    >>> doc = nlp.make_doc("Parmi les morts. Parmi les blessés.")
    >>> tokens_in_span(doc[4:8], "lower_", frozenset({"parmi"}))
    [4]
    """
    doc = span.doc
    found = doc_cached(doc, ("tokens_in", attr, words), lambda: tokens_in(doc, attr, words))
    return found[bisect_left(found, span.start):bisect_left(found, span.end)]


@lru_cache(maxsize=64)
def _ids(words: frozenset) -> frozenset:
    return frozenset(get_string_id(w) for w in words)  # the ids Doc arrays hold, symbols included


def _word_test(pattern: list[dict]) -> tuple[str, frozenset, dict] | None:
    """The test a pattern's first token must pass when it is a plain word
    test that matches exactly one token (no "OP"), else None: (attribute,
    words, other tests), as :func:`first_word` reads it.

    >>> _word_test([{"LOWER": "la"}, {"LOWER": "vie"}]), _word_test([{"LOWER": "la", "OP": "?"}])
    (('lower_', frozenset({'la'}), {}), None)
    """
    word = first_word(pattern)
    return None if word is None else (word[0], frozenset(word[1]), word[2])


def _may_follow(tok, test: tuple | None) -> bool:
    """Whether ``tok`` (None past the end of the text) passes ``test`` (see :func:`_word_test`; None: anything may)."""
    if test is None:
        return True
    if tok is None:
        return False
    attr, words, checks = test
    return getattr(tok, attr) in words and all(getattr(tok, a) in allowed for a, allowed in checks.items())


def _width(pattern: list[dict]) -> int:
    """Most tokens ``pattern`` can match: its length, or :data:`WINDOW` when a
    token may repeat ("+", "*", "{n,m}").

    >>> _width([{"LEMMA": "perdre"}, {"LOWER": "la", "OP": "?"}, {"LOWER": "vie"}]), _width([{"LOWER": "a"}, {"OP": "*"}])
    (3, 40)
    """
    fixed = all(spec.get("OP") in (None, "?", "!", "1") for spec in pattern)
    return len(pattern) if fixed else WINDOW


class TokenMatcher:
    """Same interface as ``spacy.matcher.Matcher`` for ``add`` and ``__call__``."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.anywhere = Matcher(vocab)    # patterns with no first word to look up
        self.anchored: list[tuple[str, list[dict], int, tuple | None]] = []  # longer patterns, run where
        # their first word is: (key, pattern, width, test of the second token or None)
        self._groups: dict[frozenset, tuple[Matcher, int]] = {}  # patterns that start at one token -> their Matcher
        self._words: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))  # attr -> hash -> entries
        self._n_anywhere = 0

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        key_id = self.vocab.strings.add(key)
        for pattern in patterns:
            word = first_word(pattern)
            if word is None:
                self.anywhere.add(key, [pattern])
                self._n_anywhere += 1
                continue
            attr, values, checks = word
            sub = None
            if len(pattern) > 1:  # matched on a few windows only, see _matcher_of
                sub = len(self.anchored)
                self.anchored.append((key, pattern, _width(pattern), _word_test(pattern[1:])))
                self._groups.clear()
            for value in values:  # by id: a Doc's words are looked up as one array
                self._words[attr][get_string_id(value)].append((key_id, checks, sub))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        starts: dict[int, set[int]] = defaultdict(set)
        attrs = list(self._words)
        if attrs and len(doc):
            columns = doc.to_array([_ATTR_ID[a] for a in attrs]).reshape(len(doc), len(attrs)).T.tolist()
            for attr, column in zip(attrs, columns):
                table = self._words[attr]
                # only the tokens whose word starts a pattern become Token objects
                for i in [i for i, word in enumerate(column) if word in table]:
                    tok = doc[i]
                    for key_id, checks, sub in table[column[i]]:
                        if any(getattr(tok, a) not in allowed for a, allowed in checks.items()):
                            continue
                        if sub is None:
                            found.add((key_id, i, i + 1))
                        else:
                            starts[i].add(sub)
        for i, subs in starts.items():
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            subs = frozenset(sub for sub in subs if _may_follow(nxt, self.anchored[sub][3]))
            if not subs:
                continue  # no pattern's second word is there: no Matcher run
            matcher, width = self._matcher_of(subs)
            window = doc[i:min(len(doc), i + width)]
            found.update((key_id, i, i + e) for key_id, s, e in matcher(window) if s == 0)
        if self._n_anywhere:
            found.update(self.anywhere(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))

    def _matcher_of(self, subs: frozenset) -> tuple[Matcher, int]:
        """One ``Matcher`` holding the longer patterns ``subs`` (numbers in
        :attr:`anchored`) that may start at one token, and the window it needs:
        the widest of theirs (a fixed pattern matches the same in a longer
        window, from its first token). Built the first time this set is met.

        >>> m = TokenMatcher(nlp.vocab)
        >>> m.add("killed", [[{"LEMMA": "perdre"}, {"LOWER": "la"}, {"LOWER": "vie"}]])
        >>> m._matcher_of(frozenset({0}))[1]
        3
        """
        group = self._groups.get(subs)
        if group is None:
            matcher = Matcher(self.vocab)
            for sub in sorted(subs):
                key, pattern = self.anchored[sub][:2]
                matcher.add(key, [pattern])
            group = self._groups[subs] = (matcher, max(self.anchored[sub][2] for sub in subs))
        return group
