"""Old path of :mod:`pipeline.outputs.evaluate`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.evaluate.X`` is
``pipeline.outputs.evaluate.X`` (a test that patches one patches the other).
"""
import sys

from .outputs import evaluate as _module

sys.modules[__name__] = _module
