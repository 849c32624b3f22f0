"""Old path of :mod:`pipeline.inputs.published`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.published.X`` is
``pipeline.inputs.published.X`` (a test that patches one patches the other).
"""
import sys

from .inputs import published as _module

sys.modules[__name__] = _module
