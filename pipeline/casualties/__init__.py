"""Casualty figures: attach each French quantity to its victim noun and category.

Three steps, as in edsnlp's pipes: *match* quantities (``numbers``) and
casualty triggers (a spaCy ``Matcher`` over lemmas and forms, patterns in
``models/casualties/triggers.jsonl``), *link* each quantity to a trigger
through its noun and the dependency parse, *set* one span per figure in
``doc.spans["casualties"]`` with its values on span extensions.

>>> doc = load_nlp()("Au moins quinze personnes ont perdu la vie.")
>>> s = doc.spans["casualties"][0]
>>> (s._.event_type, s._.count, s._.qualifier, s._.rule)
('killed', 15, 'at_least', 'subject:killed.perdre_la_vie')

Victim nouns and their groups are in ``models/casualties/victims.json``.

The stage takes a parsed ``Doc`` (parser, lemmas, entities) and gives
``doc.spans["casualties"]``; it knows nothing of files, batches or tables.
Modules: ``figures`` (categories, extensions, the ``Figure`` record),
``triggers`` (the trigger matcher and context words), ``victims`` (victim
nouns, groups and scopes), ``linking`` (quantity -> noun -> trigger),
``component`` (the spaCy factory).
"""
from __future__ import annotations

from .component import CasualtyFinder, make_casualty_finder
from .figures import CASUALTY_TYPES, SPAN_EXTENSIONS, SPAN_KEY, Figure, register_extensions
from .linking import find_figures
from .triggers import active_agent, build_trigger_matcher, trigger_tokens
from .victims import propagate_victims, token_group, victim_group

__all__ = ["CASUALTY_TYPES", "SPAN_EXTENSIONS", "SPAN_KEY", "CasualtyFinder", "Figure", "active_agent",
           "build_trigger_matcher", "find_figures", "make_casualty_finder", "propagate_victims",
           "register_extensions", "token_group", "trigger_tokens", "victim_group"]
