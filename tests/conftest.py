"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "corpus" / "2022-01-06-kazakhstan.txt").read_text(encoding="utf-8")
