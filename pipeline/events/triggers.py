"""Event triggers: a ``Matcher`` over lemmas and forms, the requirements of
a trigger row, negation and hypothesis, and merged coordinated triggers.

>>> [t.event_type for t in find_triggers(doc, matcher, rows)]  # "Des manifestants ont incendié la mairie."
['riot']
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..casualties import victim_group
from ..language.matching import TokenMatcher
from ..language.sentences import sentence_of
from .lexicon import AGENT_LABELS, lexicon


PATTERN_PREFIX = "fr_events."


@dataclass
class Trigger:
    """One matched event trigger, in token indices of its Doc."""

    start: int
    end: int
    anchor: int
    event_type: str
    pattern: str


def build_matcher(vocab, rows: list[dict]) -> TokenMatcher:
    """A matcher over the trigger patterns; match ids are ``fr_events.<row number>``."""
    matcher = TokenMatcher(vocab)
    for k, row in enumerate(rows):
        matcher.add(f"{PATTERN_PREFIX}{k}", [row["pattern"]])
    return matcher


def _markers(tok: Token) -> set[str]:
    """Prepositions and conjunctions introducing ``tok`` ("contre des manifestants":
    {"contre"}); a bare "des"/"du" counts as one ("incendiaient des bâtiments")."""
    case = {c.lower_ for c in tok.children if c.dep_ in ("case", "mark", "fixed")}
    return case or {c.lower_ for c in tok.children if c.dep_ == "det" and c.lower_ in ("des", "du")}


def _reflexive(tok: Token) -> bool:
    return any(c.lower_ in ("se", "s'", "s’") for c in tok.children)


def _child_matches(c: Token, spec: dict) -> bool:
    """Whether child ``c`` fits one ``requires`` entry of a trigger row."""
    if "deps" in spec and c.dep_ not in spec["deps"]:
        return False
    if "lemmas" in spec and c.lemma_ not in spec["lemmas"]:
        return False
    if "lexicon" in spec and c.lemma_ not in lexicon()[spec["lexicon"]]:
        return False
    if "not_lemmas" in spec and c.lemma_ in spec["not_lemmas"]:
        return False
    if "markers" in spec and not _markers(c) & set(spec["markers"]):
        return False
    if spec.get("persons") and not (victim_group(c.lemma_) or c.ent_type_ in AGENT_LABELS):
        return False
    return True


def requirements_met(anchor: Token, requires: dict | None) -> bool:
    """Check a trigger row's ``requires``: ``reflexive`` (true/false), ``child`` (some
    child fits) and ``no_child`` (no child fits), each child spec with optional
    ``deps``, ``lemmas``, ``lexicon``, ``not_lemmas``, ``markers``, ``persons``."""
    if not requires:
        return True
    if "reflexive" in requires and _reflexive(anchor) != requires["reflexive"]:
        return False
    if "child" in requires and not any(_child_matches(c, requires["child"]) for c in anchor.children):
        return False
    if "no_child" in requires and any(_child_matches(c, requires["no_child"]) for c in anchor.children):
        return False
    return True


def _negated(anchor: Token) -> bool:
    """"n'ont pas manifesté", "sans incident", "aucune manifestation"."""
    neg = set(lexicon()["negations"])
    return any(c.lower_ in neg and c.dep_ in ("advmod", "det", "case") for c in anchor.children)


def _hypothetical(anchor: Token) -> bool:
    """A trigger under a verb or noun of fear, plan or risk, or a conditional "pouvoir"
    ("faisant redouter une seconde explosion", "envisagent de déployer")."""
    words = set(lexicon()["hypothetical"])
    tok = anchor
    for _ in range(3):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_ in words or (tok.lemma_ == "pouvoir" and "Cnd" in tok.morph.get("Mood")):
            return True
    return False


def _switched(anchor: Token, row: dict) -> str:
    """The row's event type, or its ``switch`` type when the sentence holds one of
    the listed words ("explosion" is a bombing next to "bombe" or "kamikaze")."""
    switch = row.get("switch")
    if switch:
        words = set(lexicon()[switch["if_sentence_has"]])
        if any(t.lemma_ in words or t.lower_ in words for t in sentence_of(anchor)):
            return switch["event_type"]
    return row["event_type"]


def find_triggers(doc: Doc, matcher: TokenMatcher, rows: list[dict]) -> list[Trigger]:
    """Event triggers of ``doc`` in text order: longest match first, requirements
    met, not negated nor hypothetical; coordinated triggers of one type merged
    ("gaz lacrymogènes et grenades assourdissantes" is one crowd_control)."""
    spans = []
    for m, start, end in matcher(doc):
        span = Span(doc, start, end, label=m)
        if requirements_met(span.root, rows[int(span.label_[len(PATTERN_PREFIX):])].get("requires")):
            spans.append(span)
    found: list[Trigger] = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        row = rows[int(span.label_[len(PATTERN_PREFIX):])]
        anchor = span.root
        if _negated(anchor) or _hypothetical(anchor):
            continue
        trig = Trigger(span.start, span.end, anchor.i, _switched(anchor, row), row["id"])
        prev = found[-1] if found else None
        gap = doc[prev.end:trig.start] if prev else None
        if prev and prev.event_type == trig.event_type and len(gap) <= 3 and \
                all(t.lower_ in ("et", "ou", ",", "de", "d'", "des", "du", "la", "le", "les") for t in gap):
            prev.end = trig.end
            continue
        found.append(trig)
    return _unnested(doc, found)


def _unnested(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """Drop a trigger that only completes another of its type: "a dispersé les
    manifestants avec des gaz lacrymogènes" is one crowd_control."""
    anchors = {t.anchor: t.event_type for t in triggers}
    return [t for t in triggers
            if not any(anchors.get(a.i) == t.event_type for a in list(doc[t.anchor].ancestors)[:2])]
