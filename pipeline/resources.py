"""Old path of :mod:`pipeline.language.resources`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.resources.X`` is
``pipeline.language.resources.X`` (a test that patches one patches the other).
"""
import sys

from .language import resources as _module

sys.modules[__name__] = _module
