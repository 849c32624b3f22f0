"""Old path of :mod:`pipeline.run.checkpoint`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.checkpoint.X`` is
``pipeline.run.checkpoint.X`` (a test that patches one patches the other).
"""
import sys

from .run import checkpoint as _module

sys.modules[__name__] = _module
