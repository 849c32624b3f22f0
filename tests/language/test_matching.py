"""TokenMatcher gives exactly what spaCy's Matcher gives, on our real patterns."""
import pytest
from spacy.matcher import Matcher

from pipeline.matching import WINDOW, TokenMatcher, _width, first_word, tokens_in
from pipeline.resources import load_jsonl


@pytest.mark.parametrize("pattern,expected", [
    ([{"LOWER": "tués"}], ("lower_", ["tués"], {})),
    ([{"LEMMA": {"IN": ["attaque"]}, "POS": {"IN": ["NOUN", "PROPN"]}}], ("lemma_", ["attaque"], {"pos_": {"NOUN", "PROPN"}})),
    ([{"LEMMA": "perdre"}, {"LOWER": "la"}, {"LOWER": "vie"}], ("lemma_", ["perdre"], {})),
    ([{"LOWER": "sans", "OP": "?"}, {"LOWER": "abri"}], None),        # an optional first token
    ([{"POS": "NUM"}, {"LOWER": "morts"}], None),                      # no word to look up
    ([{"LOWER": {"NOT_IN": ["a"]}}], None),
])
def test_first_word(pattern, expected):
    assert first_word(pattern) == expected


@pytest.mark.parametrize("path", ["casualties/triggers.jsonl", "events/triggers.jsonl"])
def test_same_matches_as_spacy_matcher(nlp, path):
    rows = load_jsonl(path)
    fast, slow = TokenMatcher(nlp.vocab), Matcher(nlp.vocab)
    for k, row in enumerate(rows):
        fast.add(f"p{k}", [row["pattern"]])
        slow.add(f"p{k}", [row["pattern"]])
    text = ("La crise a fait des dizaines de morts et au moins un millier de blessés. Quatre personnes ont "
            "perdu la vie et deux autres ont été prises en otage; des milliers de sans-abri. Les manifestants "
            "ont attaqué la police, qui a ouvert le feu; un attentat-suicide et des gardes à vue. "
            "Douze personnes sont mortes ou ont disparu, d'autres ont été placées en garde à vue.")
    doc = nlp(text)
    assert sorted(fast(doc)) == sorted(set(slow(doc)))
    assert len(fast(doc)) > 3


@pytest.mark.parametrize("pattern,width", [
    ([{"LEMMA": "perdre"}, {"LOWER": "la"}, {"LOWER": "vie"}], 3),
    ([{"LEMMA": "perdre"}, {"LOWER": "la", "OP": "?"}, {"LOWER": "vie"}], 3),
    ([{"LEMMA": "garde"}, {"OP": "*"}, {"LOWER": "vue"}], WINDOW),
    ([{"LEMMA": "garde"}, {"IS_ALPHA": True, "OP": "+"}], WINDOW),
])
def test_width_bounds_the_window_of_a_pattern(pattern, width):
    assert _width(pattern) == width


def test_patterns_with_repeats_match_across_their_window(nlp):
    fast, slow = TokenMatcher(nlp.vocab), Matcher(nlp.vocab)
    pattern = [{"LEMMA": "placer"}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "vue"}]
    fast.add("garde", [pattern])
    slow.add("garde", [pattern])
    doc = nlp("Deux hommes ont été placés ce matin même en garde à vue.")
    assert fast(doc) == sorted(set(slow(doc)), key=lambda m: (m[1], m[2], m[0]))
    assert [doc[s:e].text for _, s, e in fast(doc)][-1] == "placés ce matin même en garde à vue"


@pytest.mark.parametrize("attr,words,expected", [
    ("lower_", {"président", "ministre"}, [1, 5]),       # any case
    ("text", {"président", "Premier"}, [4]),              # exact form
    ("lemma_", {"tuer"}, [8]),
    ("lemma_", set(), []),
])
def test_tokens_in_finds_words_from_the_doc_arrays(nlp, attr, words, expected):
    doc = nlp("Le Président et le Premier ministre ont été tués.")
    assert tokens_in(doc, attr, words) == expected
    assert tokens_in(doc, attr, words) == [t.i for t in doc if getattr(t, attr) in words]
