"""One event mention with its arguments: triggers found, anaphors split off,
then the actor, target, place, date, duration and source of each event.

>>> events, refs = find_events(doc, matcher, rows)  # "Les talibans ont attaqué un hôtel à Kaboul."
>>> events[0].event_type, events[0].actor, events[0].location
('attack', 'talibans', 'Kaboul')
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..casualties.attribution import source_of
from ..language.matching import TokenMatcher
from ..language.sentences import sentence_of
from ..language.texts import span_text
from .arguments import _location, _noun_roles, _opponents, _owner, _predicate, _reported, _resolve, _verb_roles, phrase
from .causes import _anaphors
from .lexicon import SUBJECTS, lexicon, ontology
from .time import _sentence_dates, find_durations, is_news
from .triggers import Trigger, find_triggers


@dataclass
class Event:
    """One event mention with its arguments (strings as written)."""

    trigger: Trigger
    actor: str = ""
    target: str = ""
    location: str = ""
    date: str = ""
    date_text: str = ""
    date_precision: str = ""
    duration: str = ""
    source: str = ""

    @property
    def event_type(self) -> str:
        return self.trigger.event_type


def _nearest(items, anchor: int, key):
    return min(items, key=lambda x: abs(key(x) - anchor)) if items else None


def _argue(doc: Doc, k: int, trig: Trigger, owners: dict[int, int], dates, durations, stop) -> Event:
    """Actor, target, location, date and duration of trigger ``k``."""
    anchor = doc[trig.anchor]
    onto = ontology()[trig.event_type]
    busy = stop | {i for span, _ in durations for i in range(span.start, span.end)}
    if anchor.pos_ in ("VERB", "AUX"):
        actor, target = _verb_roles(anchor, trig, busy)
    else:
        actor, target = _noun_roles(anchor, trig, onto.get("genitive", "target"), busy)
    head = range(trig.anchor, trig.anchor + 1)
    ev = Event(trig, actor=phrase(_resolve(actor), stop, head, conj=True), target=phrase(_resolve(target), stop, head))
    if not ev.actor and anchor.dep_ == "nsubj" and anchor.head.lemma_ in lexicon()["opposing_verbs"]:
        ev.actor = _opponents(anchor.head, stop)
    if ev.target and ev.target == ev.actor:
        ev.target = ""
    sent = sentence_of(anchor)
    pred = _predicate(anchor)
    ev.location = _location(doc, k, trig, pred, owners)
    # date: own, else free, else the publication date for the article's news
    own = [d for d in dates if _owner(d[0].root, owners) == k]
    free = [d for d in dates if _owner(d[0].root, owners) is None]
    best = _nearest(own or free, trig.anchor, lambda d: d[0].start)
    if best is not None:
        ev.date, ev.date_text, ev.date_precision = best[1], best[2], best[3]
    elif is_news(anchor) and doc._.published:
        ev.date, ev.date_precision = str(doc._.published)[:10], "published"
    for span, value in durations:
        if span.root.head.i in (trig.anchor, pred.i) or span.root.i in range(trig.start, trig.end):
            ev.duration = value
            break
    if _reported(anchor):
        ev.source = source_of(sent)
    return ev


def find_events(doc: Doc, matcher: TokenMatcher, rows: list[dict]) -> tuple[list[Event], dict[int, int]]:
    """All events of ``doc`` in text order, and the anaphoric mentions (token index ->
    event index) such as "la crise" or "cet accident"."""
    triggers, refs = _anaphors(doc, find_triggers(doc, matcher, rows))
    owners = {i: k for k, t in enumerate(triggers) for i in range(t.start, t.end)}
    events: list[Event] = []
    by_sent: dict[int, tuple] = {}
    for k, trig in enumerate(triggers):
        sent = sentence_of(doc[trig.anchor])
        if sent.start not in by_sent:
            dates = _sentence_dates(sent, doc._.published)
            durations = []
            for s, e, value in find_durations(span_text(sent)):
                span = doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
                if span is not None:
                    durations.append((span, value))
            stop = frozenset(i for d in dates for i in range(d[0].start, d[0].end))
            by_sent[sent.start] = (dates, durations, stop)
        events.append(_argue(doc, k, trig, owners, *by_sent[sent.start]))
    _dates_from_anaphors(doc, events, refs, owners)
    return events, refs


def _dates_from_anaphors(doc: Doc, events: list[Event], refs: dict[int, int], owners: dict[int, int]) -> None:
    """"Cet accident avait fait 228 morts le 1er juin 2009": a date in the clause
    of an anaphoric subject dates the event it refers to, when that event has
    no date of its own."""
    for i, k in refs.items():
        tok = doc[i]
        if tok.dep_ not in SUBJECTS or events[k].date_precision not in ("", "published"):
            continue
        verb = tok.head
        for span, value, text, prec in _sentence_dates(sentence_of(tok), doc._.published):
            if span.root.head.i == verb.i and _owner(span.root, owners) is None:
                events[k].date, events[k].date_text, events[k].date_precision = value, text, prec
                break
