"""Old path of :mod:`pipeline.language.nlp`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.nlp.X`` is
``pipeline.language.nlp.X`` (a test that patches one patches the other).
"""
import sys

from .language import nlp as _module

sys.modules[__name__] = _module
