"""Old path of :mod:`pipeline.language.normalise`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.normalise.X`` is
``pipeline.language.normalise.X`` (a test that patches one patches the other).
"""
import sys

from .language import normalise as _module

sys.modules[__name__] = _module
