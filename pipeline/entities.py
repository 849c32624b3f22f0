"""Entity layer (stub: filled in by the entities work)."""
from __future__ import annotations

from spacy.language import Language


def add_entity_pipes(nlp: Language) -> Language:
    """Add the entity components to ``nlp`` (none yet)."""
    return nlp


def entity_rows(doc) -> list[dict]:
    """One dict per entity mention of ``doc``."""
    return [
        {"text": e.text, "label": e.label_, "canonical": e.text,
         "char_start": e.start_char, "char_end": e.end_char}
        for e in doc.ents
    ]
