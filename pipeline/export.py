"""Old path of :mod:`pipeline.outputs` (its tables and writers), kept because
the README and the tests use it (``from pipeline.export import EVENT_COLUMNS``).

It is the same module object, not a copy: ``pipeline.export.EVENT_COLUMNS``
is ``pipeline.outputs.EVENT_COLUMNS``.
"""
import sys

from . import outputs as _module

sys.modules[__name__] = _module
