
"""The entity spans of a Doc, for the entity tests."""


def ents(doc):
    return [(e.text, e.label_, e._.canonical) for e in doc.ents]


def find(doc, text):
    found = [e for e in doc.ents if e.text == text]
    assert found, f"{text!r} not in {ents(doc)}"
    return found
