"""A faster start: character classes that regexes share are optimised once.

spaCy's French tokenizer compiles, when ``spacy.lang.fr`` is imported, one
pattern of some 300 alternatives, each with the same Unicode letter class
(``^entr['’][a-zà-ÿ...]...``). The standard library's ``re`` optimises that
class anew for every alternative: 1.7 s of the 6 s that loading
``fr_core_news_md`` takes. :func:`shared_charsets` keeps, while the model
loads, the optimised form of each class it has seen (a pure function of the
class), so the compiled patterns are the same, only built sooner.

>>> import re
>>> with shared_charsets():
...     motif = re.compile("(?iu)^(?:entr['’][a-zé]+|porte[-][a-zé]+)$")
>>> bool(motif.match("Porte-monnaie"))
True
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

try:  # CPython's regex compiler; another implementation is left as it is
    from re import _compiler as _sre_compiler
except ImportError:  # pragma: no cover - not CPython 3.11+
    _sre_compiler = None


@contextmanager
def shared_charsets() -> Iterator[None]:
    """Within the block, each distinct character class of the regexes being
    compiled is optimised once (``re._compiler._optimize_charset``, whose
    result depends only on its arguments); the standard function is put
    back, and the memo dropped, at the end."""
    optimise = getattr(_sre_compiler, "_optimize_charset", None)
    if optimise is None or getattr(optimise, "shared", False):  # missing, or already shared by a caller
        yield
        return
    seen: dict = {}

    def shared(charset, iscased=None, fixup=None, fixes=None):
        key = (tuple(charset), iscased, fixup, fixes is not None)  # fixes: None or the one table of extra cases
        try:
            got = seen.get(key)
        except TypeError:  # an item that cannot be a key: optimised as usual
            return optimise(charset, iscased, fixup, fixes)
        if got is None:
            got = seen[key] = optimise(charset, iscased, fixup, fixes)
        return got

    shared.shared = True
    _sre_compiler._optimize_charset = shared
    try:
        yield
    finally:
        _sre_compiler._optimize_charset = optimise
