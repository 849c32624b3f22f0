"""French phrase in, events out: the helpers of the event tests (the real model)."""
from pipeline.normalise import normalise


def parse(nlp, text, published="2022-01-06"):
    doc = nlp.make_doc(normalise(text))
    doc._.published = published
    return nlp(doc)


def events(nlp, text, published="2022-01-06"):
    doc = parse(nlp, text, published)
    return [dict(type=e._.event_type, actor=e._.actor, target=e._.target, location=e._.location, date=e._.date,
                 precision=e._.date_precision, duration=e._.duration, text=e.text)
            for e in doc.spans["events"]]
