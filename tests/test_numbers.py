"""French quantity expressions: phrase table in, (count, low, high, qualifier) out."""
import pytest
from hypothesis import given, strategies as st

from pipeline.numbers import find_quantities, parse_number, parse_quantity, requalify


@pytest.mark.parametrize("text,expected", [
    ("12", (12, 12, 12, "exact")),
    ("douze", (12, 12, 12, "exact")),
    ("1 200", (1200, 1200, 1200, "exact")),
    ("1\u202f200", (1200, 1200, 1200, "exact")),
    ("1.300", (1300, 1300, 1300, "exact")),
    ("145 000", (145000, 145000, 145000, "exact")),
    ("1,2 million", (1200000, 1200000, 1200000, "exact")),
    ("deux cent trente-cinq", (235, 235, 235, "exact")),
    ("quatre-vingt-douze", (92, 92, 92, "exact")),
    ("soixante et onze", (71, 71, 71, "exact")),
    ("trois millions", (3000000, 3000000, 3000000, "exact")),
    ("aucun", (0, 0, 0, "exact")),
    ("aucune", (0, 0, 0, "exact")),
    ("au moins 12", (12, 12, None, "at_least")),
    ("plus de 12", (12, 12, None, "at_least")),
    ("pas moins de neuf", (9, 9, None, "at_least")),
    ("jusqu'à 12", (12, None, 12, "at_most")),
    ("moins de 12", (12, None, 12, "at_most")),
    ("au plus 12", (12, None, 12, "at_most")),
    ("environ 30", (30, None, None, "approx")),
    ("près de 30", (30, None, None, "approx")),
    ("quelque 30", (30, None, None, "approx")),
    ("une trentaine", (30, None, None, "approx")),
    ("une dizaine", (10, None, None, "approx")),
    ("une quinzaine", (15, None, None, "approx")),
    ("un millier", (1000, None, None, "approx")),
    ("un demi-million", (500000, None, None, "approx")),
    ("une centaine", (100, None, None, "approx")),
    ("au moins un millier", (1000, 1000, None, "at_least")),
    ("plus d'une centaine", (100, 100, None, "at_least")),
    ("entre 10 et 15", (10, 10, 15, "range")),
    ("de 10 à 15", (10, 10, 15, "range")),
    ("10 à 15", (10, 10, 15, "range")),
    ("des dizaines", (20, 20, 99, "vague")),
    ("plusieurs dizaines", (20, 20, 99, "vague")),
    ("des centaines", (200, 200, 999, "vague")),
    ("plusieurs centaines", (200, 200, 999, "vague")),
    ("des milliers", (2000, 2000, 9999, "vague")),
    ("des dizaines de milliers", (20000, 20000, 99999, "vague")),
    ("plusieurs", (2, 2, None, "vague")),
    ("quelques", (2, 2, None, "vague")),
])
def test_parse_quantity(text, expected):
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.count, q.low, q.high, q.qualifier) == expected


@pytest.mark.parametrize("text", ["2ème", "18e", "1er", "A330", "bonjour", ""])
def test_not_quantities(text):
    assert parse_quantity(text) is None


def test_article_is_marked_so_the_caller_decides():
    assert parse_quantity("un").kind == "article"
    assert parse_quantity("une dizaine").kind == "approx"


def test_find_quantities_spans_index_the_text():
    text = "des dizaines de morts et au moins un millier de blessés, 12 tués et 353 blessés"
    found = find_quantities(text)
    assert [q.text for q in found] == ["des dizaines", "au moins un millier", "12", "353"]
    assert all(text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize("text,value", [("2 700 000", 2700000), ("1.300", 1300), ("vingt et un", 21), ("xyz", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@given(st.text(max_size=200))
def test_find_quantities_never_raises_and_offsets_hold(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.count >= 0


@pytest.mark.parametrize("text,count,low,high,qualifier", [
    ("2,5 à 3 millions", 2_500_000, 2_500_000, 3_000_000, "range"),   # the scale word is shared
    ("1 à 2 milliards", 1_000_000_000, 1_000_000_000, 2_000_000_000, "range"),
    ("plus de trois-cents", 300, 300, None, "at_least"),
    ("12.480", 12480, 12480, 12480, "exact"),
    ("2'500", 2500, 2500, 2500, "exact"),                             # Swiss thousands separator
    ("pas de", 0, 0, 0, "exact"),
    ("pas eu de", 0, 0, 0, "exact"),
])
def test_more_quantities(text, count, low, high, qualifier):
    q = parse_quantity(text)
    assert (q.count, q.low, q.high, q.qualifier) == (count, low, high, qualifier)


@pytest.mark.parametrize("text,qualifier,expected", [
    ("120", "at_least", (120, 120, None, "at_least")),
    ("120", "approx", (120, None, None, "approx")),
    ("une centaine", "at_least", (100, 100, None, "at_least")),
    ("au moins 5", "approx", (5, 5, None, "at_least")),     # its own qualifier is kept
    ("des dizaines", "at_least", (20, 20, 99, "vague")),    # not an exact figure
])
def test_requalify(text, qualifier, expected):
    q = requalify(parse_quantity(text), qualifier)
    assert (q.count, q.low, q.high, q.qualifier) == expected
