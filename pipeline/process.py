"""Old path of :mod:`pipeline.run.process`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.process.X`` is
``pipeline.run.process.X`` (a test that patches one patches the other).
"""
import sys

from .run import process as _module

sys.modules[__name__] = _module
