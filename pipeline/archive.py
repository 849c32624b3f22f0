"""Old path of :mod:`pipeline.run.archive`, kept because the README and the tests use it.

It is the same module object, not a copy: ``pipeline.archive.X`` is
``pipeline.run.archive.X`` (a test that patches one patches the other).
"""
import sys

from .run import archive as _module

sys.modules[__name__] = _module
