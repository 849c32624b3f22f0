"""The ``fr_events`` spaCy component (factory ``fr_events_v1``): one span per
event in ``doc.spans["events"]``, its values on span extensions, and
``cause_event`` on the casualty spans it can tie to an event.

>>> doc = load_nlp()("Des manifestants ont incendié la mairie.")
>>> [(e.label_, e._.actor, e._.target) for e in doc.spans["events"]]
[('riot', 'manifestants', 'mairie')]
"""
from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..casualties import register_extensions as register_casualty_extensions
from ..language.resources import load_jsonl
from .causes import cause_of, cumulative
from .lexicon import ontology
from .mentions import find_events
from .triggers import build_matcher


SPAN_KEY = "events"
SPAN_EXTENSIONS = ("event_type", "plover_type", "acled_type", "actor", "target", "location", "date",
                   "date_text", "date_precision", "duration", "rule", "source")
CAUSE_EXTENSION = "cause_event"


def register_extensions() -> None:
    """Register the span extensions once (idempotent); those shared with
    casualties (event_type, location, date, date_text, rule, source) keep
    their casualty registration."""
    register_casualty_extensions()
    for name in SPAN_EXTENSIONS + (CAUSE_EXTENSION,):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class EventFinder:
    """spaCy component: sets ``doc.spans["events"]`` with values on span extensions,
    and ``cause_event`` on the casualty spans it can tie to an event."""

    def __init__(self, nlp: Language, name: str, patterns: str):
        register_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self.rows = load_jsonl(patterns)
        self.matcher = build_matcher(nlp.vocab, self.rows)

    def __call__(self, doc: Doc) -> Doc:
        events, refs = find_events(doc, self.matcher, self.rows)
        onto = ontology()
        spans = []
        for ev in events:
            t = ev.trigger
            span = Span(doc, t.start, t.end, label=ev.event_type)
            x = span._  # one Underscore per span, not one per value
            x.event_type = ev.event_type
            x.plover_type = onto[ev.event_type]["plover_type"]
            x.acled_type = onto[ev.event_type]["acled_type"]
            for name in ("actor", "target", "location", "date", "date_text", "date_precision", "duration", "source"):
                setattr(x, name, getattr(ev, name))
            kind = "noun" if doc[t.anchor].pos_ in ("NOUN", "PROPN") else "verb"
            x.rule = f"{kind}:{t.pattern}"
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        owners = {i: k for k, ev in enumerate(events) for i in range(ev.trigger.start, ev.trigger.end)}
        anchors = [ev.trigger.anchor for ev in events]
        for fig in doc.spans.get("casualties", []):
            fig._.cause_event = None if cumulative(fig) else cause_of(fig, owners, refs, anchors)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Write the trigger patterns as ``triggers.jsonl`` in ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "triggers.jsonl", self.rows)

    def from_disk(self, path, *, exclude=tuple()) -> "EventFinder":
        """Read the trigger patterns written by :meth:`to_disk`."""
        self.rows = list(srsly.read_jsonl(Path(path) / "triggers.jsonl"))
        self.matcher = build_matcher(self.vocab, self.rows)
        return self


def event_of(fig: Span) -> Span | None:
    """The event span that caused casualty span ``fig``, or None.

    >>> doc = load_nlp()("L'attaque a fait 14 morts.")
    >>> event_of(doc.spans["casualties"][0]).label_
    'attack'
    """
    k = fig._.cause_event
    return fig.doc.spans[SPAN_KEY][k] if k is not None and SPAN_KEY in fig.doc.spans else None


@Language.factory("fr_events_v1", default_config={"patterns": "events/triggers.jsonl"})
def make_event_finder(nlp: Language, name: str, patterns: str) -> EventFinder:
    """Events beyond casualties in French news, v1 (patterns read from ``models/``)."""
    return EventFinder(nlp, name, patterns)
