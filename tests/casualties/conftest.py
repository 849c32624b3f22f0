"""Helpers shared by the casualty phrase tables."""
import pytest

from pipeline.normalise import normalise


@pytest.fixture(scope="session")
def figures(nlp):
    """``figures(text)`` -> [(event_type, count, qualifier, victims)] in text order."""
    def run(text, published="2022-01-06"):
        doc = nlp.make_doc(normalise(text))
        doc._.published = published
        doc = nlp(doc)
        return [(s._.event_type, s._.count, s._.qualifier, s._.victims) for s in doc.spans["casualties"]]
    return run
