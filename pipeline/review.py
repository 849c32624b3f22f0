"""Old path of :mod:`pipeline.outputs.review`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.review.X`` is
``pipeline.outputs.review.X`` (a test that patches one patches the other).
"""
import sys

from .outputs import review as _module

sys.modules[__name__] = _module
