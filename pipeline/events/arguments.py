"""The arguments of an event trigger through the dependency parse: actor and
target (subject, object, agent, "contre X", "de X"), the noun phrase as
written, the place of the event and whether its sentence names a source.

>>> phrase(doc[1])  # "Les talibans ont attaqué un hôtel à Kaboul.": doc[1] is "talibans"
'talibans'
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..casualties.places import main_place
from ..casualties import victim_group
from ..language.resources import load_json
from ..language.sentences import entity_at, sentence_entities, sentence_of
from ..language.texts import span_text
from .lexicon import AGENT_LABELS, CLAUSE_DEPS, CUT_DEPS, OBLIQUES, OTHER_CLAUSE, SUBJECTS, lexicon, ontology
from .triggers import Trigger, _markers, _reflexive


def _entity(tok: Token, avoid: range = range(0)) -> Span | None:
    """The named entity holding ``tok``, or one named right after it
    ("président kazakh Kassym-Jomart Tokayev", "dirigeant Nursultan Nazarbayev");
    never one overlapping ``avoid`` (the trigger: "Crash du Rio-Paris")."""
    ent = entity_at(tok.doc, tok.i)
    if ent is not None:
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
    doc, sent = tok.doc, sentence_of(tok)
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


def _place_value(ent: Span, doc: Doc) -> str:
    """A place as written; "ce pays d'Asie centrale" is the document's main place."""
    lex = lexicon()
    head = ent.root.head
    if head.i != ent.root.i and head.lemma_ in lex["descriptive_place_heads"] and \
            any(c.lower_ in lex["demonstratives"] for c in head.children):
        return main_place(doc) or ent.text
    return ent.text


def _location(doc: Doc, k: int, trig: Trigger, pred: Token, owners: dict[int, int]) -> str:
    """The place of event ``k``: a place of its sentence governed by the trigger,
    else free in the main clause, else in the clause of its verb (as for an event
    nested in it), a locative ("à Almaty") moving one rank up, then a country,
    then the nearest; else the document's main place."""
    labels = set(load_json("attribution.json")["location_labels"])
    clause = {t.i for t in pred.subtree}
    ranked = []
    for p in sentence_entities(sentence_of(doc[trig.anchor])):
        if p.label_ not in labels:
            continue
        owner = _owner(p.root, owners, clause_bound=True)
        tier = 0 if owner == k else 1 if owner is None else 2 if p.root.i in clause else None
        if tier is not None:
            ranked.append((tier + (not _locative(p)), not p._.country, abs(p.start - trig.anchor), p))
    if ranked:
        return _place_value(min(ranked, key=lambda r: r[:3])[-1], doc)
    return main_place(doc)


def _reported(anchor: Token) -> bool:
    """Whether the sentence says who reports this event: "selon X", "d'après X", or a
    reporting verb whose complement clause holds it ("X indique que sa mission sera
    déployée"); not "ont annoncé l'envoi" (the announcer is the actor), nor a
    reporting verb elsewhere in the sentence."""
    data = load_json("attribution.json")
    text = " " + span_text(sentence_of(anchor)).lower().replace("’", "'") + " "
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
