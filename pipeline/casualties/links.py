"""How a quantity reaches its trigger: the noun it counts ("des dizaines
*de morts*", "deux *de ses collègues*", "11 *des 13 passagers*"), then the
participle, verb or noun that governs that noun in the dependency parse, or
a trigger a few words on when the parse went astray.

>>> doc = nlp("Deux policiers ont été tués.")
>>> _victim_head(doc, 0, 1, find_quantities("Deux")[0], len(doc))
(1, False)
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..numbers import Quantity
from ..language.sentences import sentence_of
from .coordination import is_year
from .figures import OTHER_WORDS
from .stated import SUBJECT_DEPS
from .tallies import CLAUSE_BREAKS, tally_subject
from .triggers import active_agent
from .victims import _is_person


OBJECT_DEPS = {"obj", "nmod", "obl", "obl:arg", "obl:mod", "iobj"}  # never obl:agent: "abattu par un gendarme"
LINKING_VERBS = {"être", "rester", "demeurer", "trouver", "retrouver", "sembler", "paraître", "devoir", "avoir"}
STATE_CASES = {"en", "sous", "derrière", "dans", "à"}  # "placés en garde à vue", "sous mandat de dépôt"
POSSESSIVES = {"ses", "leurs", "nos", "vos", "mes", "tes", "ces"}


def _victim_head(doc: Doc, start: int, end: int, q: Quantity, sent_end: int) -> tuple[int | None, bool]:
    """Token index of the noun the quantity counts, and whether it is a
    pronoun-like head ("deux d'entre eux", "deux autres")."""
    i, skipped = end, 0
    while i < sent_end and skipped < 3:
        tok = doc[i]
        low = tok.lower_
        if low in ("de", "d'", "des") and q.kind in ("approx", "vague", "article", "words", "digits", "quantifier", "range"):
            if low in ("de", "d'") and i + 2 < sent_end and doc[i + 1].lower_ == "entre" and doc[i + 2].pos_ == "PRON":
                return end - 1, True
            i, skipped = i + 1, skipped + 1
            if low != "des" and i < sent_end and doc[i].lower_ in POSSESSIVES:  # "deux de ses collègues"
                i += 1
            while low == "des" and i < sent_end and doc[i].like_num:  # "11 des 13 passagers": the part counts
                i += 1
            continue
        if low == "côté" and skipped == 0:  # "cinq côté assaillants": a bare number and its side
            return None, False
        if low in OTHER_WORDS and (low.startswith("autre") or (q.kind == "article" and skipped == 0)):
            nxt = doc[i + 1] if i + 1 < sent_end else None
            if nxt is not None and (_is_person(nxt) or nxt.pos_ == "NOUN"):
                i, skipped = i + 1, skipped + 1
                continue
            return i, True
        if skipped == 0 and tok.pos_ in ("AUX", "VERB") and q.kind != "article":
            return end - 1, True  # the number is the subject: "45 ont été blessées"
        if tok.pos_ in ("ADJ",) and i + 1 < sent_end and doc[i + 1].pos_ in ("NOUN", "PROPN") and not _is_person(tok):
            i, skipped = i + 1, skipped + 1
            continue
        return i, False
    return None, False


def _anchor(tok: Token, chunk: set[int]) -> Token:
    """The token that links the quantity chunk to the rest of the clause."""
    seen = 0
    while tok.head.i in chunk and tok.head.i != tok.i and seen < 6:
        tok, seen = tok.head, seen + 1
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 12 and not _object_of_verb(tok):
        tok, seen = tok.head, seen + 1
    return tok


def _object_of_verb(tok: Token) -> bool:
    """A noun the parser coordinated with the verb whose object it is: in "a
    tué le chauffeur et deux passagers", "passagers" hangs on "tué"."""
    return tok.dep_ == "conj" and tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ == "VERB" and tok.head.i < tok.i


def _predicate_victim(tok: Token) -> bool:
    """"a été victime d'une agression": a predicate, not a count."""
    return tok.lemma_ == "victime" and any(c.dep_ == "cop" for c in tok.children)


def _verb_trigger(verb: Token, trig: dict) -> int | None:
    """A trigger on ``verb`` or on its complement ("se trouvent piégés", "pris en otage")."""
    if verb.i in trig:
        return None if _predicate_victim(verb) else verb.i
    for c in verb.children:
        if c.dep_ in ("xcomp", "advmod", "acl") and c.i in trig and c.pos_ in ("VERB", "ADJ", "NOUN"):
            return c.i
        if c.dep_ == "conj" and c.i in trig and c.pos_ in ("VERB", "ADJ") and c.i > verb.i \
                and not any(k.dep_ in SUBJECT_DEPS for k in c.children):  # "ont été mis en examen et écroués"
            return c.i
        if c.dep_ == "obj" and c.i in trig and c.pos_ == "ADJ":  # "sont portés disparus"
            return c.i
        if c.dep_.startswith("obl") and c.i in trig and any(g.lower_ in STATE_CASES for g in c.children):
            return c.i
    return None


def _is_participle_modifier(t: Token) -> bool:
    """Words that may stand between a noun and its participle: "présumés", "gravement", ","."""
    return t.pos_ in ("ADJ", "ADV", "PROPN") or t.text == "," or "Part" in t.morph.get("VerbForm")


def _link(doc: Doc, anchor: Token, head: Token, trig: dict, sent: Span, start: int) -> tuple[int | None, str]:
    """Find the trigger of a person noun: participle after it, the verb it is
    subject or object of, a verb a few words on, or a verb right before it."""
    # 1. participle or adjective right after the noun: "deux policiers tués"
    for j in range(head.i + 1, min(head.i + 5, sent.end)):
        t = doc[j]
        if j in trig and not (t.pos_ == "NOUN" and j > head.i + 1) and not (trig[j][3] and active_agent(t)):
            return j, "participle"  # not "deux cents manifestants bloquaient la route"
        if not _is_participle_modifier(t):
            break
    # a trigger verb right before the quantity is its verb, whatever the parse: "tuant 23 civils et
    # en blessant plus de 100 autres personnes"
    j = start - 1
    if j >= sent.start and j in trig and doc[j].pos_ == "VERB" and doc[j].lower_.endswith("ant") and j - 1 >= sent.start \
            and doc[j - 1].lower_ == "en":
        return j, "verb_before"
    # the parse lost the subject of the verb right after: "et un troisième a été grièvement brûlé"
    k = head.i + 1
    while k < sent.end and doc[k].pos_ == "ADJ" and k - head.i <= 2:  # "160 civils peuls sont tués"
        k += 1
    if k < sent.end and doc[k].pos_ == "AUX" and anchor.dep_ not in SUBJECT_DEPS:
        j = _window(doc, head, trig, sent)
        if j is not None:
            return j, "window"
    # 2. the dependency parse
    if anchor.dep_ in SUBJECT_DEPS:
        verb = anchor.head
        j = _verb_trigger(verb, trig)
        if j is not None and not (trig[j][3] and active_agent(doc[j])):
            return _final_outcome(doc[j], trig), "subject"
    for c in anchor.children:
        if c.dep_ in ("acl", "acl:relcl") and c.i in trig and c.pos_ == "VERB" \
                and not any(k.dep_ in SUBJECT_DEPS and k.like_num for k in c.children):  # "40 personnes, dont 12 ont été..."
            return _final_outcome(c, trig), "relative"
    # the figure is the predicate of a trigger noun: "les victimes sont quatre femmes", not when
    # the noun has its own number ("les deux autres victimes sont une femme et une fillette")
    if any(c.dep_ == "cop" for c in anchor.children):
        for c in anchor.children:
            if c.dep_ in SUBJECT_DEPS and c.i in trig and c.pos_ == "NOUN" \
                    and not any(k.dep_ == "nummod" or k.like_num for k in c.children):
                return c.i, "copula"
    if anchor.dep_ in OBJECT_DEPS or anchor.dep_ == "appos" or _object_of_verb(anchor):
        gov = anchor.head
        if gov.i in trig and not _predicate_victim(gov):
            return gov.i, "object"
        j = _verb_trigger(gov, trig) if anchor.dep_ == "obj" else None
        if j is not None:
            return j, "object"
    # 3. a passive participle a few words on, no other verb in between (also when
    #    the parse hung the number itself on a verb: "42 des 43 personnes à bord sont tuées")
    if anchor.dep_ not in OBJECT_DEPS or anchor.like_num:
        j = _window(doc, head, trig, sent)
        if j is not None:
            return j, "window"
    # 4. a verb or a nominalisation just before the quantity: "en blessant un
    #    autre gendarme", "évacuée (3 000 personnes", "l'exécution, jeudi, de 28 soldats"
    j = start - 1
    while j >= sent.start and doc[j].text in ("(", ":", ","):
        j -= 1
    if j > sent.start and doc[j].lower_ in ("les", "ses", "leurs") and j + 1 == start:  # "tue les 96 passagers"
        j -= 1
    if j >= sent.start and j in trig and (doc[j].pos_ == "VERB" or _after_auxiliary(doc[j])):
        return j, "verb_before"
    if start - 1 >= sent.start and doc[start - 1].lower_ in ("de", "d'") \
            and not is_year(doc[start].text):  # "les victimes du massacre de 1968"
        for j in range(start - 2, max(sent.start, start - 12) - 1, -1):
            t = doc[j]
            if t.pos_ in ("VERB", "AUX") or t.text in CLAUSE_BREAKS:
                break
            if j in trig and t.pos_ == "NOUN":
                return j, "nominal"
    # 5. "parmi les morts figurent trois policiers", "parmi les victimes, 12 enfants",
    #    "trois femmes figurent parmi les victimes"
    if anchor.dep_ in SUBJECT_DEPS:  # "deux Français sont parmi les victimes": the noun is the head
        for c in [anchor.head] + [c for c in anchor.head.children if c.dep_.startswith("obl")]:
            if c.i in trig and c.pos_ == "NOUN" and any(g.lower_ == "parmi" for g in c.children):
                return c.i, "among"
    for j in range(sent.start, start):
        if doc[j].lower_ == "parmi":
            for k in range(j + 1, min(j + 4, start)):
                if k in trig and doc[k].pos_ in ("NOUN", "ADJ"):
                    return k, "among"
            if j + 1 < start and doc[j + 1].lower_ in ("elles", "eux", "celles-ci", "ceux-ci") and sent.start > 0:
                # "les noms des victimes. Parmi elles : 16 fillettes": the last casualty noun before
                before = sentence_of(doc[sent.start - 1])
                k = next((k for k in range(sent.start - 1, before.start - 1, -1) if k in trig and (
                    doc[k].pos_ == "NOUN" or doc[k].dep_ in ("amod", "acl"))), None)  # "les blessés", "les manifestants interpellés"
                if k is not None:
                    return k, "among"
    # 6. a tally noun subject of the verb: "le nombre des décès [...] s'établissait à 2 045 personnes"
    j = tally_subject(anchor, trig)
    if j is not None:
        return j, "tally"
    # 7. the next sentence goes on with a pronoun: "2 d'entre elles s'échappent. Elles sont blessées."
    if sent.end < len(doc):
        nxt = doc[sent.end]
        if nxt.lower_ in ("ils", "elles") and nxt.dep_ in SUBJECT_DEPS:
            j = _verb_trigger(nxt.head, trig)
            if j is not None:
                return j, "next_sentence"
    return None, ""


def _window(doc: Doc, head: Token, trig: dict, sent: Span) -> int | None:
    """A trigger participle a few words after the noun, no other verb or
    number in between: "deux personnes, grièvement atteintes, ont été hospitalisées"."""
    ages = {i for t in doc[head.i + 1:min(head.i + 4, sent.end)] if t.lower_.startswith("âgé")
            for i in range(t.i, next((a.i + 1 for a in doc[t.i:min(t.i + 7, sent.end)] if a.lower_ in ("an", "ans")), t.i))}
    for j in range(head.i + 1, min(head.i + 8 + len(ages), sent.end)):
        t = doc[j]
        if j in ages:  # "97 jeunes hommes âgés de 15 à 30 ans sont emmenés de force"
            continue
        if t.text in CLAUSE_BREAKS or t.lower_ in ("qui", "que", "dont", "mais"):
            break
        after_verb = doc[j - 1].pos_ == "AUX" or doc[j - 1].lemma_ in LINKING_VERBS
        if j in trig and (t.pos_ in ("VERB", "ADJ") or after_verb) and not _predicate_victim(t) \
                and not (trig[j][3] and active_agent(t)):
            return _final_outcome(t, trig)
        if (t.pos_ == "VERB" and j not in trig and t.lemma_ not in LINKING_VERBS) or t.like_num:
            break  # another verb or another number: "sur 150 passagers, 20 ont été blessés"
    return None


def _after_auxiliary(tok: Token) -> bool:
    """A participle the tagger took for a noun: "a déjà contaminé"."""
    j = tok.i - 1
    while j >= 0 and tok.doc[j].pos_ == "ADV":
        j -= 1
    return j >= 0 and tok.doc[j].pos_ == "AUX"


def _en_verb(doc: Doc, sent: Span, span: Span, trig: dict) -> int | None:
    """The verb trigger of a bare number after "en": "le séisme en a blessé 5 000"."""
    j = span.start - 1
    if j < sent.start or j not in trig or not (doc[j].pos_ == "VERB" or _after_auxiliary(doc[j])):
        return None
    before = doc[max(sent.start, j - 3):j]
    return j if any(t.lower_ == "en" and t.pos_ == "PRON" for t in before) else None


def _final_outcome(tok: Token, trig: dict) -> int:
    """Prefer the last state of a coordination: "est grièvement brûlé et décède" is a death."""
    siblings = [c for c in tok.head.children if c.i > tok.i and c.pos_ == "VERB"] if tok.dep_ == "acl" else []
    for c in list(tok.children) + siblings:
        if c.dep_ == "conj" and c.i in trig and trig[c.i][0] == "killed":
            return c.i
    return tok.i


def _partitive_outcome(doc: Doc, span: Span, head: Token, trig: dict) -> int | None:
    """The trigger of the verb whose subject is "un des blessés", "deux des otages",
    when it says something else happened to them, or of a later death:
    "deux blessés ont succombé à leurs blessures"."""
    partitive = span.end < len(doc) and doc[span.end].lower_ in ("des", "d'entre")
    subj = span[-1] if partitive and span[-1].dep_ in SUBJECT_DEPS else head
    if subj.dep_ not in SUBJECT_DEPS:
        return None
    j = _verb_trigger(subj.head, trig)
    if j is None or trig[j][0] == trig[head.i][0] or (trig[j][3] and active_agent(doc[j])):
        return None
    # "deux blessés ont succombé": a later death; "un des otages a été blessé": a part
    return j if partitive or trig[j][0] == "killed" else None
