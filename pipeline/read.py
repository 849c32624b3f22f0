"""Old path of :mod:`pipeline.inputs`, kept because the README and the tests use it
(``from pipeline.read import read_inputs``).

It is the same module object, not a copy: ``pipeline.read.read_inputs`` is
``pipeline.inputs.read_inputs`` (a test that patches one patches the other).
"""
import sys

from . import inputs as _module

sys.modules[__name__] = _module
