"""Shared character classes (pipeline/language/charsets.py): the patterns
compiled while the model loads are the standard library's, built sooner."""
import re

import pytest

from pipeline.language.charsets import shared_charsets

pytestmark = pytest.mark.skipif(not hasattr(re, "_compiler"), reason="CPython's re._compiler only")


def _program(pattern: str) -> list[int]:
    """The SRE program ``re`` would run for ``pattern``."""
    from re import _compiler, _parser

    return _compiler._code(_parser.parse(pattern), 0)


def test_the_french_tokenizer_pattern_compiles_to_the_same_program():
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    pattern = TOKEN_MATCH.__self__.pattern
    plain = _program(pattern)
    with shared_charsets():
        shared = _program(pattern)
    assert shared == plain
    assert len(pattern) > 100_000  # the pattern that made the start slow


@pytest.mark.parametrize("pattern, word, hit", [
    ("(?iu)^(?:entr['’][a-zà-ÿ]+|porte[-][a-zà-ÿ]+|[a-zà-ÿ]+[-]sur[-][a-zà-ÿ]+)$", "Porte-Monnaie", True),
    ("(?iu)^(?:entr['’][a-zà-ÿ]+|porte[-][a-zà-ÿ]+|[a-zà-ÿ]+[-]sur[-][a-zà-ÿ]+)$", "Boulogne-sur-Mer", True),
    ("(?iu)^(?:entr['’][a-zà-ÿ]+|porte[-][a-zà-ÿ]+|[a-zà-ÿ]+[-]sur[-][a-zà-ÿ]+)$", "entre-deux", False),
    ("^[^0-9]+[0-9]{2}[^0-9]+$", "Almaty 12 morts", True),
])
def test_patterns_compiled_inside_match_as_outside(pattern, word, hit):
    with shared_charsets():
        inside = re.compile(pattern)
        program = _program(pattern)
    assert bool(inside.match(word)) is hit
    assert program == _program(pattern)


def test_the_standard_function_is_back_after_the_block_even_on_error():
    from re import _compiler

    standard = _compiler._optimize_charset
    with pytest.raises(ValueError):
        with shared_charsets():
            assert _compiler._optimize_charset is not standard
            with shared_charsets():  # nested: the outer memo serves
                pass
            raise ValueError("interrompu")
    assert _compiler._optimize_charset is standard
