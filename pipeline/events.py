"""Events beyond casualties: riots, protests, attacks, deployments, disasters...

Three steps, as in ``casualties``: *match* event triggers (a spaCy ``Matcher``
over lemmas and forms, patterns in ``models/events/triggers.jsonl``), *link*
each trigger to its arguments through the dependency parse (actor, target,
location, date, duration), *set* one span per event in ``doc.spans["events"]``
with its values on span extensions. A casualty span gets ``cause_event``, the
index in ``doc.spans["events"]`` of the event that caused it, when the text
ties them ("L'attaque a fait 14 morts").

>>> doc = load_nlp()("Les talibans ont attaqué un hôtel à Kaboul.")
>>> e = doc.spans["events"][0]
>>> (e._.event_type, e._.actor, e._.target, e._.location, e._.plover_type)
('attack', 'talibans', 'hôtel', 'Kaboul', 'ASSAULT')

Event types with their PLOVER and ACLED types are in ``models/events/ontology.json``;
the words that tie triggers to their arguments in ``models/events/arguments.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from text_to_num import text2num

from .attribution import main_place, source_of
from .casualties import register_extensions as register_casualty_extensions
from .casualties import victim_group
from .matching import TokenMatcher, tokens_in
from .resources import load_json, load_jsonl
from .texts import sentence_dates, span_text

SPAN_KEY = "events"
SPAN_EXTENSIONS = ("event_type", "plover_type", "acled_type", "actor", "target", "location", "date",
                   "date_text", "date_precision", "duration", "rule", "source")
CAUSE_EXTENSION = "cause_event"
PATTERN_PREFIX = "fr_events."
SUBJECTS = {"nsubj", "nsubj:pass"}
OBLIQUES = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod"}
CUT_DEPS = {"acl:relcl", "acl", "conj", "cc", "appos", "parataxis", "advcl", "punct", "dep"}
AGENT_LABELS = {"PER", "ORG", "NORP"}
CLAUSE_DEPS = {"advcl", "ccomp", "csubj", "parataxis", "acl:relcl"}
OTHER_CLAUSE = -1


def register_extensions() -> None:
    """Register the span extensions once (idempotent); those shared with
    casualties (event_type, location, date, date_text, rule, source) keep
    their casualty registration."""
    register_casualty_extensions()
    for name in SPAN_EXTENSIONS + (CAUSE_EXTENSION,):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


@lru_cache(maxsize=1)
def ontology() -> dict[str, dict]:
    """Event type -> its entry of ``models/events/ontology.json``.

    >>> ontology()["deployment"]["plover_type"], ontology()["riot"]["acled_type"]
    ('MOBILIZE', 'Riots')
    """
    return {k: v for k, v in load_json("events/ontology.json").items() if not k.startswith("_")}


def lexicon() -> dict:
    """The word lists of ``models/events/arguments.json`` (cached by ``load_json``)."""
    return load_json("events/arguments.json")


# ---------------------------------------------------------------- pure helpers

def iso_duration(n: int, unit: str) -> str:
    """ISO 8601 duration of ``n`` units (H, D, W, M, Y); weeks are written in days.

    >>> iso_duration(2, "W"), iso_duration(12, "H"), iso_duration(3, "M")
    ('P14D', 'PT12H', 'P3M')
    """
    if unit == "H":
        return f"PT{n}H"
    if unit == "W":
        return f"P{7 * n}D"
    return f"P{n}{unit}"


@lru_cache(maxsize=1)
def _duration_regex() -> re.Pattern:
    words = lexicon()["durations"]
    preps = "|".join(re.escape(p) for p in words["prepositions"] if not p.endswith("'"))
    units = "|".join(sorted(map(re.escape, words["units"]), key=len, reverse=True))
    num = "(?:" + "|".join(sorted(words["number_words"], key=len, reverse=True)) + ")"
    return re.compile(rf"(?<!\w)(?:(?:{preps})\s+|d['’]\s*)(?P<n>\d+|{num}(?:[-\s]{num}){{0,3}})"
                      rf"\s+(?P<unit>{units})(?!\w)", re.IGNORECASE)


def _number(words: str) -> int | None:
    """``12``, ``deux``, ``une``, ``vingt-quatre`` as an integer, None if not a number."""
    w = words.lower()
    if w.isdigit():
        return int(w)
    if w in ("un", "une"):
        return 1
    try:
        return text2num(w, "fr")
    except (ValueError, OverflowError):
        return None


def find_durations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO 8601 value) of each stated duration of ``text``.

    >>> find_durations("Un état d'urgence de deux semaines a été décrété.")
    [(18, 34, 'P14D')]
    >>> [d[2] for d in find_durations("pris en otage pendant 12 heures, pour un an")]
    ['PT12H', 'P1Y']
    """
    units = lexicon()["durations"]["units"]
    out = []
    for m in _duration_regex().finditer(text):
        n = _number(m["n"])
        if n:
            out.append((m.start(), m.end(), iso_duration(n, units[m["unit"].lower()])))
    return out


def precision_of(value: str) -> str:
    """``day``, ``month`` or ``year`` from the shape of an ISO date, ``""`` if empty.

    >>> [precision_of(v) for v in ("2022-01-06", "2021-06", "2019", "")]
    ['day', 'month', 'year', '']
    """
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""), "")


# ---------------------------------------------------------------- matching

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
        if any(t.lemma_ in words or t.lower_ in words for t in anchor.sent):
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


# ---------------------------------------------------------------- arguments

def _entity(tok: Token, avoid: range = range(0)) -> Span | None:
    """The named entity holding ``tok``, or one named right after it
    ("président kazakh Kassym-Jomart Tokayev", "dirigeant Nursultan Nazarbayev");
    never one overlapping ``avoid`` (the trigger: "Crash du Rio-Paris")."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return None if ent.start < avoid.stop and avoid.start < ent.end else ent
    for c in tok.children:
        if c.dep_ in ("appos", "flat:name", "nmod") and c.i > tok.i and not _markers(c) and c.ent_type_ in AGENT_LABELS:
            return _entity(c, avoid)
    return None


def phrase(tok: Token | None, stop=frozenset(), avoid: range = range(0), conj: bool = False) -> str:
    """The noun phrase of ``tok`` as written, without determiners, relative clauses,
    places ("bâtiments gouvernementaux à Almaty" -> "bâtiments gouvernementaux"),
    the words of ``stop`` (dates) or of ``avoid`` (the trigger); the entity when
    it names one; with ``conj``, coordinated nouns too ("armée syrienne et rebelles")."""
    if tok is None or tok.pos_ in ("PRON", "PUNCT", "SPACE") or tok.i in avoid:
        return ""
    ent = _entity(tok, avoid)
    lex = lexicon()
    if ent is None and tok.lemma_ in lex["quantifier_nouns"]:
        for c in tok.children:
            if c.dep_ == "nmod" and c.i > tok.i:
                return phrase(c, stop, avoid, conj)
    if conj:
        others = [phrase(c, stop, avoid) for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
        if others:
            return " et ".join([phrase(tok, stop, avoid)] + [o for o in others if o])
    if ent is not None:
        return ent.text
    places = set(lex["place_markers"]) | set(lex["phrase_cut_markers"])
    cut: set[int] = set()
    for c in tok.children:
        if c.i > tok.i and (c.dep_ in CUT_DEPS or _markers(c) & places or c.i in stop or c.i in avoid):
            cut.update(t.i for t in c.subtree)
    toks = []
    for t in tok.subtree:
        ends = t.i > tok.i and (t.text in (",", "(", ";", ":") or t.is_space or t.i in stop)
        if t.i in cut or t.i in avoid or ends:
            if t.i > tok.i:
                break
            continue
        toks.append(t)
    toks = toks[:10]
    while toks and (toks[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "ADV") or toks[0].lower_ in ("l'", "d'")):
        toks = toks[1:]
    while toks and toks[-1].pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "SPACE"):
        toks = toks[:-1]
    return tok.doc[toks[0].i:toks[-1].i + 1].text if toks else ""  # not Doc.text: O(document)


def _antecedent(rel: Token) -> Token | None:
    """What a relative pronoun stands for: the word before it ("des manifestants
    qui incendiaient"), else the noun the relative clause hangs from."""
    doc = rel.doc
    j = rel.i - 1
    while j >= 0 and doc[j].text == ",":
        j -= 1
    if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN"):
        return doc[j]
    verb = rel.head
    return verb.head if verb.dep_.startswith("acl") and verb.head.i != verb.i else None


def _resolve(tok: Token | None) -> Token | None:
    """A subject or object as a noun: relative pronouns replaced by their antecedent;
    a subject opening a broken sentence after a comma by the name just before
    ("Les pays de l'OTSC (OTSC), une alliance militaire..., ont annoncé")."""
    if tok is None:
        return None
    if tok.lower_ in lexicon()["relative_pronouns"]:
        return _antecedent(tok)
    doc, sent = tok.doc, tok.sent
    if tok.dep_ in SUBJECTS and sent.start > 0 and doc[sent.start].text == "," and \
            all(t.pos_ in ("DET", "PUNCT", "ADJ") for t in doc[sent.start:tok.i]):
        j = sent.start - 1
        if doc[j].text == ")":
            j -= 1
        if j >= 0 and doc[j].ent_type_ in AGENT_LABELS:
            return doc[j]
    return tok


def _is_passive(verb: Token) -> bool:
    """Passive voice, not a reflexive ("se sont immolés") nor an "être" verb ("sont descendus")."""
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) and not _reflexive(verb) \
        and verb.lemma_ not in lexicon()["unaccusative_verbs"]


def _subject(verb: Token, exclude=()) -> Token | None:
    """The subject of ``verb``, or of the verb it is coordinated with
    ("ont volé des bulletins et les ont incendiés")."""
    for v in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if v is not None:
            subj = _child(v, SUBJECTS, None, exclude)
            if subj is not None:
                return subj
    return None


def _child(tok: Token, deps: set[str], markers: set[str] | None = None, exclude=()) -> Token | None:
    """First noun child of ``tok`` with one of ``deps`` (and one of ``markers``), not in ``exclude``."""
    for c in tok.children:
        if c.dep_ in deps and c.i not in exclude and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and \
                (markers is None or _markers(c) & markers) and c.lemma_ not in ("se", "soi"):
            return c
    return None


def _possessor(noun: Token, verb: Token) -> Token | None:
    """Whose "sa mission" is: the subject of the clause above ("l'OTSC indique que
    sa mission sera déployée" -> "OTSC")."""
    if not any("Yes" in c.morph.get("Poss") for c in noun.children) or verb.dep_ not in ("ccomp", "conj", "xcomp"):
        return None
    return _child(verb.head, {"nsubj"})


def _target_markers(event_type: str) -> set[str]:
    lex = lexicon()
    extra = lex["violence_target_markers"] if ontology()[event_type]["family"] == "violence" else []
    return set(lex["target_markers"]) | set(extra)


def _verb_roles(v: Token, trig: Trigger, stop=frozenset()) -> tuple[Token | None, Token | None]:
    """(actor, target) of a verb trigger: subject and object, or agent and subject
    in the passive; a participle's noun is its target ("des bâtiments incendiés");
    the subject of an accident is its target ("l'avion s'est écrasé")."""
    inside = set(range(trig.start, trig.end)) | stop
    agents = set(lexicon()["agent_markers"])
    agent = None if _reflexive(v) else _child(v, {"obl:agent", "obl", "obl:mod"}, agents, inside)
    aimed = _child(v, OBLIQUES, _target_markers(trig.event_type), inside)
    if v.dep_ == "acl" and "Part" in v.morph.get("VerbForm"):
        return agent, v.head
    subj = _subject(v, inside)
    if subj is not None and subj.lemma_ in lexicon()["explosive_words"]:
        subj = None  # "une bombe a explosé": the means, not the actor
    if _is_passive(v):
        return agent or (_possessor(subj, v) if subj is not None else None), subj or aimed
    obj = _child(v, {"obj"}, None, inside) or _child(v, {"obl:arg"}, {"des", "du"}, inside)
    if ontology()[trig.event_type].get("subject") == "target":
        return None, subj or obj
    return subj, obj or aimed


def _support_verb(n: Token) -> Token | None:
    """The verb a noun trigger is the object of, through light nouns
    ("la police a fait usage de gaz lacrymogènes" -> "fait")."""
    lex = lexicon()
    tok = n
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ == "NOUN" and head.lemma_ in lex["light_nouns"]:
            tok = head
            continue
        if head.pos_ == "VERB" and head.lemma_ in lex["support_verbs"] and \
                tok.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass", "nmod"):
            return head
        return None
    return None


def _predicate(anchor: Token) -> Token:
    """The verb of a trigger's clause: itself, its support verb, else the nearest
    verb above it (the trigger itself in a nominal sentence)."""
    if anchor.pos_ == "VERB":
        return anchor
    verb = _support_verb(anchor)
    if verb is not None:
        return verb
    return next((t for t in list(anchor.ancestors)[:3] if t.pos_ == "VERB"), anchor)


def _noun_roles(n: Token, trig: Trigger, row_genitive: str, stop=frozenset()) -> tuple[Token | None, Token | None]:
    """(actor, target) of a noun trigger: "par X", "contre X", "de X" by the type's
    genitive role, a participle's agent ("revendiquées par Boko Haram"), the
    subject of a support verb ("ont annoncé l'envoi")."""
    lex = lexicon()
    inside = range(trig.start, trig.end)
    actor = _child(n, OBLIQUES, set(lex["agent_markers"]), stop)
    target = None
    verb = _support_verb(n)
    light = [t for t in n.ancestors if t.pos_ == "NOUN" and t.lemma_ in lex["light_nouns"]][:1]
    for holder in [n.doc[i] for i in inside] + light + ([verb] if verb is not None else []):
        target = target or _child(holder, OBLIQUES, _target_markers(trig.event_type), stop)
    between = _child(n, OBLIQUES, {"entre"}, stop)
    if between is not None and actor is None:
        actor = between  # "des affrontements entre manifestants et policiers"
    for c in n.children:
        if c.dep_ == "acl" and c.pos_ == "VERB":
            actor = actor or _child(c, {"obl:agent", "obl"}, set(lex["agent_markers"]))
            if c.lemma_ == "viser":
                target = target or _child(c, {"obj"})
    for t in n.doc[trig.start:trig.end]:
        if t.dep_ in SUBJECTS and t.head.lemma_ in lex["aimed_verbs"] and not t.head.i in inside:
            target = target or _child(t.head, {"obj"})  # "un attentat-suicide a visé une église"
    gen = None
    for c in n.children:
        if c.dep_ == "nmod" and _markers(c) & {"de", "d'", "du", "des", "d’"} and c.i not in stop and \
                c.i != (actor.i if actor is not None else -1) and _determined(c):
            if c.i in inside and trig.event_type not in ("deployment", "price_increase"):
                continue
            gen = c
            break
    if gen is not None:
        is_agent = gen.ent_type_ in ("ORG", "NORP") or victim_group(gen.lemma_) == "militants"
        if row_genitive == "actor" or (row_genitive == "actor_if_agent" and is_agent):
            actor = actor or gen
        else:
            target = target or gen
    if actor is None and verb is not None:
        if _is_passive(verb):
            actor = _child(verb, {"obl:agent", "obl", "obl:mod"}, set(lex["agent_markers"]))
        else:
            actor = _subject(verb)
    if target is None and n.head.lemma_ in lex["patient_verbs"] and n.dep_ == "obj":
        target = _subject(n.head)
    return actor, target


def _opponents(verb: Token, stop=frozenset()) -> str:
    """"des combats ont opposé l'armée aux rebelles" -> "armée et rebelles"."""
    first = _child(verb, {"obj"})
    if first is None:
        return ""
    second = _child(first, {"nmod"}, {"à", "au", "aux"}) or _child(verb, OBLIQUES, {"à", "au", "aux"})
    return phrase(first, stop, conj=True) + (" et " + phrase(second, stop, conj=True) if second is not None else "")


def _determined(tok: Token) -> bool:
    """"d'un camion", "des prix", "de Boko Haram" name an argument; "de grande
    ampleur", "de catégorie 1" only qualify the noun."""
    before = any(c.dep_ in ("det", "nummod") and c.i < tok.i for c in tok.children)
    return tok.pos_ == "PROPN" or bool(tok.ent_type_) or before or bool(_markers(tok) & {"du", "des"})


# ---------------------------------------------------------------- time and place

def _owner(tok: Token, owners: dict[int, int], clause_bound: bool = False) -> int | None:
    """The event whose trigger governs ``tok`` (climbing the parse), None if none;
    with ``clause_bound``, OTHER_CLAUSE when a subordinate clause of another verb
    holds it ("Pendant qu'à Pékin se tient le congrès, des Tibétains manifestent")."""
    for _ in range(30):
        if tok.i in owners:
            return owners[tok.i]
        if tok.head.i == tok.i:
            return None
        if clause_bound and tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"):
            return OTHER_CLAUSE
        tok = tok.head
    return None


def _locative(place: Span) -> bool:
    """"à Almaty", "au Kazakhstan", "dans le centre de Téhéran"; not "l'ambassade des Etats-Unis"."""
    where = set(lexicon()["place_markers"])
    root = place.root
    if _markers(root) & where:
        return True
    return root.dep_ in ("nmod", "appos", "flat:name") and bool(_markers(root.head) & where)


def _tense(verb: Token) -> str:
    """pluperfect, future, conditional, infinitive, participle or other (news)."""
    if "Inf" in verb.morph.get("VerbForm"):
        return "infinitive"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")]
    for a in auxes:
        if a.dep_ in ("aux", "aux:tense") and "Imp" in a.morph.get("Tense"):
            return "pluperfect"
        if "Fut" in a.morph.get("Tense"):
            return "future"
    if auxes:
        return "other"
    if "Fut" in verb.morph.get("Tense"):
        return "future"
    if "Cnd" in verb.morph.get("Mood"):
        return "conditional"
    if "Part" in verb.morph.get("VerbForm") and verb.dep_ in ("acl", "amod"):
        return "participle"
    return "other"


def is_news(anchor: Token) -> bool:
    """Whether the event is the article's news: present, passé composé, passé
    simple or imperfect in its clause, not pluperfect, future or conditional.
    A participle or infinitive takes the tense of the clause above it; a
    nominal sentence (a headline) is news."""
    tok = anchor
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in tok.children):
            tense = _tense(tok)
            if tense in ("pluperfect", "future", "conditional"):
                return False
            if tense == "infinitive" and tok.head.lemma_ in lexicon()["future_auxiliaries"]:
                return False  # "va envoyer"
            if tense not in ("infinitive", "participle"):
                return True
        if tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


def _place_value(ent: Span, doc: Doc) -> str:
    """A place as written; "ce pays d'Asie centrale" is the document's main place."""
    lex = lexicon()
    head = ent.root.head
    if head.i != ent.root.i and head.lemma_ in lex["descriptive_place_heads"] and \
            any(c.lower_ in lex["demonstratives"] for c in head.children):
        return main_place(doc) or ent.text
    return ent.text


# ---------------------------------------------------------------- events

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


def _anaphors(doc: Doc, triggers: list[Trigger]) -> tuple[list[Trigger], dict[int, int]]:
    """Split off mentions that point back to an earlier event: generic nouns
    ("la crise", "ces troubles", "le drame") and demonstratives of an event
    already mentioned ("cet accident"). Returns the triggers that are events of
    their own, and token index -> index (in those) of the event referred to."""
    lex = lexicon()
    onto = ontology()
    events: list[Trigger] = []
    refs: dict[int, int] = {}
    trig_at = {t.anchor: t for t in triggers}
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    generic = lex["anaphors"]
    # the trigger words, and the words whose lemma is a generic noun: no Token for the others
    for tok in (doc[i] for i in sorted(set(trig_at).union(tokens_in(doc, "lemma_", generic)))):
        if tok.i in trig_at:
            trig = trig_at[tok.i]
            demonstrative = any(c.lower_ in lex["demonstratives"] and c.dep_ == "det" for c in tok.children)
            types = {trig.event_type, *onto[trig.event_type].get("antecedent_types", [])}
            earlier = [k for k, e in enumerate(events) if e.event_type in types]
            if demonstrative and earlier:
                refs[tok.i] = earlier[-1]
            else:
                events.append(trig)
        elif tok.pos_ == "NOUN" and tok.lemma_ in generic and tok.i not in trigger_tokens:
            earlier = [k for k, e in enumerate(events) if e.event_type in generic[tok.lemma_]]
            if earlier:
                refs[tok.i] = earlier[-1]
    return events, refs


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the date of a dateline ("5 juin 2012. - Un avion",
    "PARIS, 6 janvier 2022 (AFP) -"): the publication date, not an event's."""
    line = text[:start].rsplit("\n", 1)[-1]
    return len(line.split()) <= 3 and bool(re.match(r"\s*(?:\([^)]{1,20}\))?\s*\.?\s*[-–—]", text[end:end + 30]))


def _sentence_dates(sent: Span, published: str | None) -> list[tuple[Span, str, str, str]]:
    """(tokens, value, text, precision) of the resolved dates of ``sent``, datelines left out."""
    out = []
    for m in sentence_dates(sent, published):
        start = sent.start_char + m.start
        if start < 300:  # datelines open a document; Doc.text would rebuild it all
            head = sent.doc[:min(len(sent.doc), sent.end + 12)].text
            if _dateline(head, start, sent.start_char + m.end):
                continue
        span = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
        if span is not None and len(span) and m.value:
            out.append((span, m.value, m.text, m.precision))
    return out


def _nearest(items, anchor: int, key):
    return min(items, key=lambda x: abs(key(x) - anchor)) if items else None


def _location(doc: Doc, k: int, trig: Trigger, pred: Token, owners: dict[int, int]) -> str:
    """The place of event ``k``: a place of its sentence governed by the trigger,
    else free in the main clause, else in the clause of its verb (as for an event
    nested in it), a locative ("à Almaty") moving one rank up, then a country,
    then the nearest; else the document's main place."""
    labels = set(load_json("attribution.json")["location_labels"])
    clause = {t.i for t in pred.subtree}
    ranked = []
    for p in doc[trig.anchor].sent.ents:
        if p.label_ not in labels:
            continue
        owner = _owner(p.root, owners, clause_bound=True)
        tier = 0 if owner == k else 1 if owner is None else 2 if p.root.i in clause else None
        if tier is not None:
            ranked.append((tier + (not _locative(p)), not p._.country, abs(p.start - trig.anchor), p))
    if ranked:
        return _place_value(min(ranked, key=lambda r: r[:3])[-1], doc)
    return main_place(doc)


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
    sent = anchor.sent
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


def _reported(anchor: Token) -> bool:
    """Whether the sentence says who reports this event: "selon X", "d'après X", or a
    reporting verb whose complement clause holds it ("X indique que sa mission sera
    déployée"); not "ont annoncé l'envoi" (the announcer is the actor), nor a
    reporting verb elsewhere in the sentence."""
    data = load_json("attribution.json")
    text = " " + span_text(anchor.sent).lower().replace("’", "'") + " "
    if any(f" {m} " in text or f" {m}" in text and m.endswith("'") for m in data["source_markers"]):
        return True
    tok = anchor
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_ in data["reporting_verbs"]:
            return True
        tok = tok.head
    return False


def find_events(doc: Doc, matcher: TokenMatcher, rows: list[dict]) -> tuple[list[Event], dict[int, int]]:
    """All events of ``doc`` in text order, and the anaphoric mentions (token index ->
    event index) such as "la crise" or "cet accident"."""
    triggers, refs = _anaphors(doc, find_triggers(doc, matcher, rows))
    owners = {i: k for k, t in enumerate(triggers) for i in range(t.start, t.end)}
    events: list[Event] = []
    by_sent: dict[int, tuple] = {}
    for k, trig in enumerate(triggers):
        sent = doc[trig.anchor].sent
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
        for span, value, text, prec in _sentence_dates(tok.sent, doc._.published):
            if span.root.head.i == verb.i and _owner(span.root, owners) is None:
                events[k].date, events[k].date_text, events[k].date_precision = value, text, prec
                break


# ---------------------------------------------------------------- causes

def _event_of(tok: Token | None, owners: dict[int, int], refs: dict[int, int]) -> int | None:
    """The event a token names: a trigger word or an anaphoric mention."""
    if tok is None:
        return None
    tok = _resolve(tok) if tok.lower_ in lexicon()["relative_pronouns"] else tok
    if tok is None:
        return None
    if tok.i in refs:
        return refs[tok.i]
    return owners.get(tok.i)


def cause_of(fig: Span, owners: dict[int, int], refs: dict[int, int], anchors: list[int]) -> int | None:
    """The event that caused a casualty figure, when the text ties them: the
    subject of "faire", "causer", "provoquer"... above the figure ("L'attaque a
    fait 14 morts", "la crise a déjà fait des dizaines de morts"), an event in an
    oblique of its verb ("tués lors de l'assaut"), else the only event of its
    sentence."""
    lex = lexicon()
    tok = fig.root
    for _ in range(6):
        if tok.pos_ == "VERB":
            if tok.lemma_ in lex["cause_verbs"] and (k := _event_of(_subject(tok), owners, refs)) is not None:
                return k
            for c in tok.children:
                if c.dep_ in OBLIQUES and (k := _event_of(c, owners, refs)) is not None:
                    return k
        for c in tok.children:
            if c.dep_ == "nmod" and c.i >= fig.end and (k := _event_of(c, owners, refs)) is not None:
                return k
        if tok.head.i == tok.i:
            break
        tok = tok.head
    sent = fig.sent
    here = {owners[i] for i in anchors if sent.start <= i < sent.end}
    here |= {k for i, k in refs.items() if sent.start <= i < sent.end}
    return here.pop() if len(here) == 1 else None


def cumulative(fig: Span) -> bool:
    """Whether a casualty figure is a total since a year or a month, not the
    toll of one event ("depuis 2015, les violences ont fait plus de 10 000
    morts"): no event of its sentence caused it.

    >>> cumulative(load_nlp()("Depuis 2015, les violences ont fait 10 000 morts.").spans["casualties"][0])
    True
    """
    if not fig._.date_text or precision_of(fig._.date or "") not in ("year", "month"):
        return False
    text = fig.sent.text.lower()
    at = text.find(fig._.date_text.lower())
    before = text[:at].split()[-1:] if at > 0 else []
    return bool(before) and before[0] in lexicon()["cumulative_markers"]


# ---------------------------------------------------------------- component

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
            span._.event_type = ev.event_type
            span._.plover_type = onto[ev.event_type]["plover_type"]
            span._.acled_type = onto[ev.event_type]["acled_type"]
            for name in ("actor", "target", "location", "date", "date_text", "date_precision", "duration", "source"):
                setattr(span._, name, getattr(ev, name))
            kind = "noun" if doc[t.anchor].pos_ in ("NOUN", "PROPN") else "verb"
            span._.rule = f"{kind}:{t.pattern}"
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
