"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def require(condition: bool, reason: str) -> None:
    """Skip the test when ``condition`` is false, except on CI (``CI`` set),
    where a missing ``../shared`` folder or dependency is a failure."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: this test must run)")
    pytest.skip(reason)


def requires(condition: bool, reason: str):
    """Decorator form of :func:`require`."""
    def wrap(test):
        import functools

        @functools.wraps(test)
        def run(*args, **kwargs):
            require(condition, reason)
            return test(*args, **kwargs)
        return run
    return wrap


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "corpus" / "2022-01-06-kazakhstan.txt").read_text(encoding="utf-8")
