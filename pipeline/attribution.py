"""Old path of :mod:`pipeline.casualties.attribution` (source, location and
date of a figure), kept for notebooks that import it.

It is the same module object, not a copy.
"""
import sys

from .casualties import attribution as _module

sys.modules[__name__] = _module
