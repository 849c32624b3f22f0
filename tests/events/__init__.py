
"""Tests of pipeline/events/, one module per stage module; the helpers in ``phrases.py``."""
