
"""Tests of pipeline/entities/, one module per stage module; the helpers in ``spans.py``."""
