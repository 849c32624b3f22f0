from hypothesis import given, strategies as st

from pipeline.normalise import normalise


def test_apostrophes_and_spaces_are_plain():
    assert normalise("l’OTSC\u00a0: 12\u202f000 morts") == "l'OTSC : 12 000 morts"


@given(st.text())
def test_length_is_kept_so_offsets_hold(text):
    assert len(normalise(text)) == len(text)
