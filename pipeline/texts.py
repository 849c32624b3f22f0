"""Old path of :mod:`pipeline.language.texts`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.texts.X`` is
``pipeline.language.texts.X`` (a test that patches one patches the other).
"""
import sys

from .language import texts as _module

sys.modules[__name__] = _module
