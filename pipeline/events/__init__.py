"""Events beyond casualties: riots, protests, attacks, deployments, disasters...

Takes a parsed French ``Doc`` (entities linked, casualty spans set, the
publication date on ``doc._.published``); gives one span per event in
``doc.spans["events"]`` with its values on span extensions, and
``cause_event`` on the casualty spans. Knows nothing of files, batches,
tables or the command line: rows are written by the output stage.

Three steps, as in ``casualties``: *match* event triggers (``triggers.py``,
patterns in ``models/events/triggers.jsonl``), *link* each trigger to its
arguments through the dependency parse (``arguments.py``: actor, target,
place, source; ``time.py``: tense, dates, durations; ``causes.py``:
anaphors and causes; ``mentions.py`` puts them together), *set* the spans
(``component.py``). A casualty span gets ``cause_event``, the index in
``doc.spans["events"]`` of the event that caused it, when the text ties
them ("L'attaque a fait 14 morts").

>>> doc = load_nlp()("Les talibans ont attaqué un hôtel à Kaboul.")
>>> e = doc.spans["events"][0]
>>> (e._.event_type, e._.actor, e._.target, e._.location, e._.plover_type)
('attack', 'talibans', 'hôtel', 'Kaboul', 'ASSAULT')

Event types with their PLOVER and ACLED types are in ``models/events/ontology.json``;
the words that tie triggers to their arguments in ``models/events/arguments.json``.
"""
from .arguments import phrase
from .causes import cause_of, cumulative
from .component import (
    CAUSE_EXTENSION, SPAN_EXTENSIONS, SPAN_KEY, EventFinder, event_of, make_event_finder, register_extensions,
)
from .lexicon import AGENT_LABELS, CLAUSE_DEPS, CUT_DEPS, OBLIQUES, OTHER_CLAUSE, SUBJECTS, lexicon, ontology
from .mentions import Event, find_events
from .time import find_durations, is_news, iso_duration, precision_of
from .triggers import PATTERN_PREFIX, Trigger, build_matcher, find_triggers, requirements_met

__all__ = [
    "AGENT_LABELS", "CAUSE_EXTENSION", "CLAUSE_DEPS", "CUT_DEPS", "OBLIQUES", "OTHER_CLAUSE", "PATTERN_PREFIX",
    "SPAN_EXTENSIONS", "SPAN_KEY", "SUBJECTS", "Event", "EventFinder", "Trigger", "build_matcher", "cause_of",
    "cumulative", "event_of", "find_durations", "find_events", "find_triggers", "is_news", "iso_duration",
    "lexicon", "make_event_finder", "ontology", "phrase", "precision_of", "register_extensions",
    "requirements_met",
]
