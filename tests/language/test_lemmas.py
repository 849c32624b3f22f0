"""The lemmatizer's word lists looked up in sets (pipeline/language/lemmas.py):
the same lemmas and the same saved model, sooner."""
from contextlib import contextmanager

import pytest

from pipeline.language.lemmas import WordList, index_word_lists

TEXT = ("Les gendarmes ont interpellé douze manifestants ; les échauffourées ont fait "
        "trois blessés graves, hospitalisés à Grenoble, et les sinistrés furent relogés.")


@contextmanager
def plain_lists(lemmatizer):
    """The lemmatizer as the model loads it: plain lists, an empty cache."""
    table = lemmatizer.lookups.get_table("lemma_index")
    indexed = dict(table.items())
    for key, words in indexed.items():
        table[key] = list(words)
    lemmatizer.cache.clear()
    try:
        yield
    finally:
        for key, words in indexed.items():
            table[key] = words
        lemmatizer.cache.clear()


def test_the_loaded_pipeline_has_indexed_lists(nlp):
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert table.values() and all(isinstance(words, WordList) for words in table.values())


def test_lemmas_are_those_of_the_plain_lists(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = nlp(TEXT)
    with plain_lists(lemmatizer):
        plain = [lemmatizer.lemmatize(t) for t in doc]
        plain_bytes = lemmatizer.to_bytes()
    lemmatizer.cache.clear()
    assert [lemmatizer.lemmatize(t) for t in doc] == plain
    assert [t.lemma_ for t in doc][:6] == ["le", "gendarme", "avoir", "interpeller", "douze", "manifestant"]
    assert lemmatizer.to_bytes() == plain_bytes  # a saved pipeline is the model's


def test_indexing_twice_changes_nothing(nlp):
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    before = {key: id(words) for key, words in table.items()}
    index_word_lists(nlp)
    assert {key: id(words) for key, words in table.items()} == before


@pytest.mark.parametrize("word, hit", [("blessé", True), ("Blessé", False), ("mort", True), ("", False), (["mort"], False)])
def test_a_word_list_answers_as_a_list(word, hit):
    words = WordList(["blessé", "mort"])
    assert (word in words) is hit is (word in list(words))
    assert words == ["blessé", "mort"]
