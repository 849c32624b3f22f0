"""Old path of :mod:`pipeline.language.matching`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.matching.X`` is
``pipeline.language.matching.X`` (a test that patches one patches the other).
"""
import sys

from .language import matching as _module

sys.modules[__name__] = _module
