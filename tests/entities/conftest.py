"""The seed article through the whole pipeline, once per test module."""
import pytest


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)
