"""The ``fr_casualties_v1`` spaCy component: a thin wrapper over ``linking.find_figures``.

>>> doc = nlp("Trois blessés.")
>>> doc.spans["casualties"][0]._.event_type
'injured'
"""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..language.resources import load_jsonl
from .figures import SPAN_KEY, register_extensions
from .linking import find_figures
from .triggers import build_trigger_matcher

class CasualtyFinder:
    """spaCy component: sets ``doc.spans["casualties"]`` with values on span extensions."""

    def __init__(self, nlp: Language, name: str, patterns: str):
        register_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self._set_rows(load_jsonl(patterns))

    def _set_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        self.matcher, self.category = build_trigger_matcher(self.vocab, rows)

    def to_disk(self, path, exclude=()) -> None:
        """Write the trigger patterns as JSONL, like spaCy's rulers."""

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / "triggers.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in self.rows)

    def from_disk(self, path, exclude=()) -> "CasualtyFinder":

        with open(Path(path) / "triggers.jsonl", encoding="utf-8") as f:
            self._set_rows([json.loads(line) for line in f if line.strip()])
        return self

    def __call__(self, doc: Doc) -> Doc:
        from .attribution import annotate

        spans = []
        title_end = doc._.headline_end if doc.has_extension("headline_end") else 0  # set by fr_line_breaks
        for fig in find_figures(doc, self.matcher, self.category):
            start, end = fig.tokens
            span = Span(doc, start, end, label=fig.event_type)
            q, x = fig.quantity, span._  # one Underscore per span, not one per value
            x.event_type = fig.event_type
            x.count, x.count_low, x.count_high = q.count, q.low, q.high
            x.qualifier = q.qualifier
            x.victims = fig.victims
            x.rule = fig.rule
            x.trigger = doc[fig.trigger].text if fig.trigger is not None else ""
            x.headline = span.start_char < title_end
            spans.append(span)
        for span in spans:
            annotate(span, spans)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("fr_casualties_v1", default_config={"patterns": "casualties/triggers.jsonl"})
def make_casualty_finder(nlp: Language, name: str, patterns: str) -> CasualtyFinder:
    """Casualty figures of French news, v1 (patterns read from ``models/``)."""
    return CasualtyFinder(nlp, name, patterns)
