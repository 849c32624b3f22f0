"""Old path of :mod:`pipeline.language.paragraphs`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.paragraphs.X`` is
``pipeline.language.paragraphs.X`` (a test that patches one patches the other).
"""
import sys

from .language import paragraphs as _module

sys.modules[__name__] = _module
