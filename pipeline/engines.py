"""Old path of :mod:`pipeline.run.engines`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.engines.X`` is
``pipeline.run.engines.X`` (a test that patches one patches the other).
"""
import sys

from .run import engines as _module

sys.modules[__name__] = _module
