"""Every trigger family of ``models/casualties/triggers.jsonl`` has a French
phrase that it alone turns into a figure."""
import pytest

from pipeline.normalise import normalise
from pipeline.resources import load_jsonl

from .lexicon_phrases import PHRASES


def test_every_trigger_family_has_a_phrase():
    families = {row["id"] for row in load_jsonl("casualties/triggers.jsonl")}
    assert families == {tid for tid, *_ in PHRASES}


@pytest.mark.parametrize("tid,text,event_type,count", PHRASES, ids=[p[0] for p in PHRASES])
def test_trigger_family_phrase(nlp, tid, text, event_type, count):
    doc = nlp(normalise(text))
    got = [(s._.event_type, s._.count, s._.rule.rsplit(":", 1)[-1]) for s in doc.spans["casualties"]]
    assert (event_type, count, tid) in got, got
