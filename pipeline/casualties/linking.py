"""Link each quantity of a sentence to its victim noun and its trigger through
the dependency parse.

>>> [(f.event_type, f.quantity.count, f.rule) for f in find_figures(nlp("Deux policiers ont été tués."), *matcher)]
[('killed', 2, 'subject:killed.tuer')]
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..dates import sentence_dates
from ..language.matching import TokenMatcher, tokens_in
from ..numbers import Quantity, find_quantities
from ..language.sentences import sentence_of, sentences
from ..language.texts import span_text
from .coordination import (apply_verb_qualifier, continues_list, elliptic_next, inherit_groups, looks_like_year,
                           moved_toll, respective_figures, scope_qualifiers, totals_of_subsets)
from .figures import OTHER_WORDS, Figure
from .stated import SUBJECT_DEPS, hypothetical, negated
from .tallies import CLAUSE_BREAKS, running_total, tally_subject, tally_trigger
from .triggers import active_agent, category_of as _category, context as _context, trigger_tokens, victims_who_died
from .victims import _is_person, _scope_phrases, _scope_words, _scoped_victims, propagate_victims, token_group

OBJECT_DEPS = {"obj", "nmod", "obl", "obl:arg", "obl:mod", "iobj"}  # never obl:agent: "abattu par un gendarme"
SUBSET_MARKERS = {"dont", "lesquels", "lesquelles"}
LINKING_VERBS = {"être", "rester", "demeurer", "trouver", "retrouver", "sembler", "paraître", "devoir", "avoir"}
STATE_CASES = {"en", "sous", "derrière", "dans", "à"}  # "placés en garde à vue", "sous mandat de dépôt"
_PERCENT = re.compile(r"\s*(?:%|pour\s*cents?\b|pourcents?\b)", re.IGNORECASE)
EXCEPT_WORDS = {"exception", "sauf", "hormis", "excepté", "exceptée", "exceptés", "hors"}
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
    # the figure is the predicate of a trigger noun: "les victimes sont quatre femmes"
    if any(c.dep_ == "cop" for c in anchor.children):
        for c in anchor.children:
            if c.dep_ in SUBJECT_DEPS and c.i in trig and c.pos_ == "NOUN":
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
            and not (doc[start].text.isdigit() and len(doc[start].text) == 4):  # "les victimes du massacre de 1968"
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


def _as_many(doc: Doc, sent: Span, trig: dict, figures: list[Figure]) -> list[Figure]:
    """ "plus d'une centaine de morts et autant de blessés": the count of the
    figure before, with the category of the noun after "autant de"."""
    out = []
    for t in sent:
        if t.lower_ != "autant" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ not in ("de", "d'"):
            continue
        noun, before = doc[t.i + 2], [f for f in figures if f.q_end <= t.i]
        if noun.i in trig and before:
            prev = before[-1]
            q = replace(prev.quantity, start=t.idx - sent.start_char, end=t.idx + len(t.text) - sent.start_char,
                        text=t.text)
            out.append(Figure(q, t.i, t.i + 1, noun.i, noun.i, _category(trig[noun.i], noun),
                              token_group(noun) or "unspecified",
                              f"as_many:{trig[noun.i][1]}", trigger_end=trig[noun.i][2]))
    return out


def _clitic_objects(doc: Doc, sent: Span, pending: list[tuple[Span, Quantity]], trig: dict,
                    figures: list[Figure]) -> list[Figure]:
    """People counted first and taken up by "les" before a trigger verb later
    in the sentence: "près de 800 mineurs sont au travail quand un incendie
    se déclare, les prenant au piège" (affected, approx 800)."""
    taken = {f.q_start for f in figures}
    out = []
    for span, q in pending:
        head_i, pronoun = _victim_head(doc, span.start, span.end, q, sent.end)
        head = doc[head_i] if head_i is not None and not pronoun else None
        if span.start in taken or head is None or _is_person(head) is None:
            continue
        for t in doc[head.i + 1:sent.end]:
            if t.lower_ in ("les", "leur") and t.i + 1 < sent.end:  # a clitic, whatever its tag, before a verb
                verb = next((v for v in doc[t.i + 1:min(t.i + 4, sent.end)] if v.pos_ != "AUX"), doc[t.i + 1])
                if verb.i in trig and verb.pos_ == "VERB":
                    out.append(Figure(q, span.start, span.end, head.i, None, _category(trig[verb.i], head),
                                      _is_person(head) or "unspecified", f"clitic:{trig[verb.i][1]}"))
                    break
    return out


def _en_count(doc: Doc, sent: Span, span: Span) -> bool:
    """A bare number counted by a verb after the pronoun "en": "les hôpitaux
    en annoncent 31", "on en dénombre déjà 12"."""
    j = span.start - 1
    while j >= sent.start and doc[j].pos_ == "ADV":
        j -= 1
    if j < sent.start or doc[j].pos_ != "VERB" or doc[j].lemma_ not in _context()["count_verbs"]:
        return False
    return any(t.lower_ == "en" and (t.pos_ == "PRON" or t.i == j - 1) for t in doc[max(sent.start, j - 3):j])


def _final_outcome(tok: Token, trig: dict) -> int:
    """Prefer the last state of a coordination: "est grièvement brûlé et décède" is a death."""
    siblings = [c for c in tok.head.children if c.i > tok.i and c.pos_ == "VERB"] if tok.dep_ == "acl" else []
    for c in list(tok.children) + siblings:
        if c.dep_ == "conj" and c.i in trig and trig[c.i][0] == "killed":
            return c.i
    return tok.i


_SURVIVE = frozenset({"survivre"})


def find_figures(doc: Doc, matcher: TokenMatcher, category: dict[str, str]) -> list[Figure]:
    """All casualty figures of ``doc``, in text order."""
    trig = trigger_tokens(doc, matcher, category)
    figures: list[Figure] = []
    survived = tokens_in(doc, "lemma_", _SURVIVE)  # read on one Doc array: no Token per token
    if not trig and not survived:
        return figures
    sents = sentences(doc)
    for k, sent in enumerate(sents):
        # every link ends on a trigger of the sentence before ("parmi elles", "on en compte 31"),
        # this one or the next one, or is "n'a survécu": skip the others
        first = sents[k - 1].start if k else sent.start
        reach = sents[k + 1].end if k + 1 < len(sents) else sent.end
        if not any(first <= i < reach for i in trig) and not any(sent.start <= i < sent.end for i in survived):
            continue
        scopes = _scope_phrases(sent)
        sent_figs: list[Figure] = []
        pending: list[tuple[Span, Quantity]] = []
        quantities = find_quantities(span_text(sent))
        dates = [(m.start, m.end) for m in sentence_dates(sent, doc._.published if doc.has_extension("published") else None)
                 ] if quantities else []  # the dates of a sentence are looked for only when it holds a number
        for q in quantities:
            if any(a <= q.start < b for a, b in dates) or _PERCENT.match(span_text(sent), q.end):
                continue  # "pendant la période du 4 au 13 août", "au mois d'août 2003", "80 pour cent"
            span = doc.char_span(sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            fig = _figure(doc, sent, span, q, trig, sent_figs, figures)
            if fig is None:
                pending.append((span, q))
                continue
            before = _word_before(doc, sent, span.start)
            fig.subset = fig.subset or (bool(sent_figs) and before is not None and before.lower_ in SUBSET_MARKERS)
            if fig.trigger is not None:
                fig.trigger_end = trig[fig.trigger][2]
            if fig.victims == "unspecified" and (fig.head is None or fig.head == fig.trigger or fig.head < fig.q_end
                                                 or doc[fig.head].lower_ in OTHER_WORDS):
                # a scope phrase after "dont" belongs to the subset, not to the total
                cut = next((t.i for t in doc[fig.tokens[1]:sent.end] if t.lower_ in SUBSET_MARKERS), sent.end)
                cut = min(cut, _own_side_end(doc, fig, sent))
                fig.victims = _scoped_victims(fig, [(i, g) for i, g in scopes if i < cut])
            side = [g for i, g in scopes if i == fig.q_end]
            if side and fig.rule.startswith("elliptic"):  # "trois morts côté militaire et cinq côté assaillants"
                fig.victims = side[0]
            apply_verb_qualifier(doc, sent, fig)
            sent_figs.extend(moved_toll(doc, sent, fig) or [fig])
        if pending and sent_figs:
            sent_figs = sorted(sent_figs + respective_figures(doc, pending, sent_figs)
                               + totals_of_subsets(doc, pending, sent_figs), key=lambda f: f.q_start)
        if pending:
            sent_figs = sorted(sent_figs + _clitic_objects(doc, sent, pending, trig, sent_figs), key=lambda f: f.q_start)
        if sent_figs:
            sent_figs = sorted(sent_figs + _as_many(doc, sent, trig, sent_figs), key=lambda f: f.q_start)
        scope_qualifiers(doc, sent_figs, scopes)
        inherit_groups(doc, sent_figs)
        figures.extend(sent_figs)
    victims_who_died(doc, figures, trig)
    return propagate_victims(figures, _context()["propagate_victims"])



def _figure(doc: Doc, sent: Span, span: Span, q: Quantity, trig: dict, previous: list[Figure],
            earlier: list[Figure] = ()) -> Figure | None:
    """Link one quantity to its victim noun and trigger, or None if it counts
    no casualties; ``previous``: the figures of its sentence so far,
    ``earlier``: those of the sentences before."""
    if any(t.i in trig for t in span) and q.kind not in ("approx", "vague"):
        return None  # the number is part of a trigger phrase itself
    head_i, pronoun = _victim_head(doc, span.start, span.end, q, sent.end)
    head = doc[head_i] if head_i is not None else None
    prev_tok = _word_before(doc, sent, span.start)
    before = doc[span.start - 1] if span.start > sent.start else None
    if q.kind == "digits" and before is not None and (before.pos_ == "PROPN" or (
            before.is_title and before.i > sent.start and not before.like_num)):
        return None  # "France 2", "Airbus A330", "un Tupolev 154"
    if q.kind == "digits" and "," in q.text and not any(c.isalpha() for c in q.text):
        return None  # a rate, not people: "une moyenne de 9,7 tués par jour"
    window = doc[max(sent.start, span.start - 7):span.start]
    excepted = next((t for t in reversed(window) if t.lower_ in EXCEPT_WORDS), None)
    if excepted is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[excepted.i:span.start]):
        return None  # "tous sont morts à l'exception d'un enfant": the one who survived
    if _none_survived(doc, sent, span):
        return Figure(q, span.start, span.end, head_i, None, "killed", (_is_person(head) if head is not None else None)
                      or "unspecified", "none_survived")
    subset = prev_tok is not None and prev_tok.lower_ in SUBSET_MARKERS and bool(previous)
    counts_trigger = head is not None and head_i in trig and not pronoun
    if span.start - 2 >= sent.start and doc[span.start - 1].lower_ == "des" and doc[span.start - 2].like_num \
            and not counts_trigger:
        return None  # the whole of a part: "11 des 13 passagers sont tués" (but "deux des 150 blessés")
    if prev_tok is not None and prev_tok.lower_ == "dont" and not previous and not counts_trigger:
        found = _part_of_uncounted(doc, sent, span, q, head, prev_tok, trig)
        if found is not None:  # "de nombreuses personnes, dont des dizaines d'enfants"
            return found
    if prev_tok is not None and prev_tok.lower_ in ("sur", "parmi") and not subset and not counts_trigger:
        return None  # a total in a partitive frame: "sur les 150 passagers, 20 ont été blessés"
    # a number inside a date or an age is not a count of people
    if head is not None and head.lower_ in _context()["units"]:
        return None
    if q.kind == "article" and span.end < sent.end and doc[span.end].lower_ == "même":
        return None  # "membres d'une même famille"
    if q.kind == "article" and (head is None or head_i != span.end and doc[span.end].lower_ not in ("des", "de", "d'", "autre", "jeune")):
        if head is None or head_i - span.end > 1:
            return None
    chunk = set(range(span.start, span.end)) | ({head_i} if head_i is not None else set())
    # the quantity counts a trigger noun directly: "12 morts", "des dizaines de blessés"
    if head is not None and head_i in trig and not pronoun:
        if trig[head_i][1] in _context()["needs_number"] and q.kind in ("article", "quantifier"):
            return None  # "un cas de force majeure", "dans plusieurs cas"
        later = _partitive_outcome(doc, span, head, trig)
        if later is not None:  # "l'un des blessés est décédé": a death, not an injury
            return _checked(doc, span, q, head, later, _category(trig[later], head), "unspecified",
                            f"partitive:{trig[later][1]}")
        cat = _category(trig[head_i], head)
        group = token_group(head) or "unspecified"  # "12 otages", "3 000 réfugiés" are civilians
        return _checked(doc, span, q, head, head_i, cat, group, f"noun:{trig[head_i][1]}")
    if head is None or (head.pos_ not in ("NOUN", "PROPN") and not pronoun):
        tally = tally_trigger(doc, sent, span, trig)
        if tally is not None:
            return _checked(doc, span, q, None, tally, _category(trig[tally], None), "unspecified",
                            f"tally:{trig[tally][1]}")
        if previous and running_total(doc, sent, span):  # "Trois nouveaux décès, portant le total à 27"
            parent = previous[-1]
            return _checked(doc, span, q, None, None, parent.event_type, parent.victims, f"total:{parent.rule}")
    group = _is_person(head) if head is not None else None
    if pronoun:
        group = "unspecified"
    if group is None and not subset:
        verb = _en_verb(doc, sent, span, trig) if head is None or head.pos_ not in ("NOUN", "PROPN") else None
        if verb is not None:
            return _checked(doc, span, q, None, verb, _category(trig[verb], None), "unspecified", f"en:{trig[verb][1]}")
        last = (list(earlier) + previous)[-1:] if head is None or head.pos_ not in ("NOUN", "PROPN") else []
        if last and not previous and (sent.start == 0 or last[0].q_start < sentence_of(doc[sent.start - 1]).start):
            last = []  # "en" stands for a noun of this sentence or the one before
        if last and _en_count(doc, sent, span):  # "on en dénombre 31": "en" stands for the last figure's noun
            return _checked(doc, span, q, None, None, last[0].event_type, last[0].victims, f"en_count:{last[0].rule}")
        j = span.start - 1  # a bare number after an agentive trigger verb: "a contaminé 12 000 personnes et tué 400"
        if j >= sent.start and j in trig and doc[j].pos_ == "VERB" and trig[j][3] and q.kind in ("digits", "words") \
                and not looks_like_year(q) and (head is None or head.pos_ not in ("NOUN", "PROPN")):
            return _checked(doc, span, q, None, j, _category(trig[j], None), "unspecified", f"verb_before:{trig[j][1]}")
        parent = continues_list(doc, sent, span, previous)
        if parent is not None and q.kind != "article" and not looks_like_year(q) \
                and (head is None or head.pos_ not in ("NOUN", "PROPN")) and elliptic_next(doc, span, sent):
            return _checked(doc, span, q, None, None, parent.event_type, parent.victims,
                            f"elliptic:{parent.rule}", subset=parent.subset)
        return None
    if group is None:
        group = "unspecified"
    if head is not None and group == "unspecified" and not pronoun:
        for c in head.children:
            if c.dep_ == "nmod":
                g = token_group(c)
                if g and g != "unspecified":
                    group = g
                    break
    anchor = _anchor(head if head is not None else span[-1], chunk)
    trig_i, how = _link(doc, anchor, head if head is not None else span[-1], trig, sent, span.start)
    if trig_i is not None:
        cat = _category(trig[trig_i], head)
        fig = _checked(doc, span, q, head, trig_i, cat, group, f"{how}:{trig[trig_i][1]}")
        if fig is not None and trig_i < sent.start:
            fig.remote = True  # a noun of the sentence before ("Parmi elles : 16 fillettes"): the evidence stays in this one
        return fig
    if subset:
        parent = previous[-1]
        return _checked(doc, span, q, head, None, parent.event_type, group, f"subset:{parent.rule}", subset=True)
    # a breakdown of the figure before: "neuf morts : cinq gendarmes et quatre villageois"
    parent = continues_list(doc, sent, span, previous)
    if parent is not None and not (anchor.dep_ in SUBJECT_DEPS and anchor.head.pos_ == "VERB"):
        return _checked(doc, span, q, head, None, parent.event_type, group,
                        f"breakdown:{parent.rule}", subset=True)
    return None


def _own_side_end(doc: Doc, fig: Figure, sent: Span) -> int:
    """Where the scope phrases of a figure stop when it has a side of its own
    before the next number: in "4 morts côté gouvernemental et 9 côté
    rebelles" the rebels are the 9's; in "des dizaines de morts et un millier
    de blessés parmi les civils" the civilians are both figures'."""
    preps = _scope_words()[0]
    for t in doc[fig.tokens[1]:sent.end]:
        if t.like_num and not (t.text.isdigit() and 1800 <= int(t.text) <= 2100):
            return t.i if any(u.lower_ in preps for u in doc[fig.tokens[1]:t.i]) else sent.end
    return sent.end


def _part_of_uncounted(doc: Doc, sent: Span, span: Span, q: Quantity, head: Token | None,
                       dont: Token, trig: dict) -> Figure | None:
    """A figure after "dont" whose whole has no number: "l'incendie a pris au
    piège de nombreuses personnes, dont des dizaines d'enfants" (the trigger is
    the whole's; the group the part's own)."""
    j = dont.i - 1
    while j >= sent.start and doc[j].text == ",":
        j -= 1
    whole = doc[j] if j >= sent.start else None
    if whole is not None and whole.i in trig and whole.pos_ in ("VERB", "ADJ"):
        trig_i, how = whole.i, "clause"  # "de nombreux habitants ont été évacués, dont 200 à Nice"
    elif whole is None or whole.pos_ not in ("NOUN", "PROPN") or _is_person(whole) is None:
        return None
    else:
        trig_i, how = _link(doc, _anchor(whole, {whole.i}), whole, trig, sent, whole.left_edge.i)
    if trig_i is None:
        return None
    group = (_is_person(head) if head is not None and head.pos_ in ("NOUN", "PROPN") else None) or "unspecified"
    if group == "unspecified":  # the part keeps the whole's group: "de nombreux soldats ont été blessés, dont une dizaine"
        wholes = [whole] if whole.pos_ in ("NOUN", "PROPN") else [c for c in whole.children if c.dep_ in SUBJECT_DEPS]
        group = next((g for g in map(_is_person, wholes) if g), "unspecified")
    return _checked(doc, span, q, head if group != "unspecified" else None, trig_i, _category(trig[trig_i], head),
                    group, f"subset:{how}:{trig[trig_i][1]}", subset=True)


def _none_survived(doc: Doc, sent: Span, span: Span) -> bool:
    """ "Aucune des 155 personnes à bord n'a survécu": all of them died."""
    if span.start - 2 < sent.start or doc[span.start - 1].lower_ != "des" \
            or doc[span.start - 2].lower_ not in ("aucune", "aucun", "nul", "nulle"):
        return False
    return any(t.lemma_ == "survivre" for t in doc[span.end:sent.end])


def _rescued(head: Token) -> bool:
    """Survivors and people rescued are no casualties unless hurt: "550
    rescapés", "4000 personnes ont été secourues" (the noun, or a rescue verb
    right after it)."""
    ctx = _context()
    if head.lemma_.lower() in ctx["survivors"] or head.lower_ in ctx["survivors"]:
        return True
    after = head.doc[head.i + 1:min(head.i + 5, sentence_of(head).end)]
    return any(t.lemma_.lower() in ctx["rescue_verbs"] and t.pos_ in ("VERB", "ADJ") for t in after)


def _word_before(doc: Doc, sent: Span, start: int) -> Token | None:
    """The word before a quantity, past an article: "dont *les* 5 assaillants"."""
    prev_tok = doc[start - 1] if start > sent.start else None
    if prev_tok is not None and prev_tok.lower_ in ("les", "des") and start - 2 >= sent.start:
        prev_tok = doc[start - 2]
    return prev_tok


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


def _checked(doc: Doc, span: Span, q: Quantity, head: Token | None, trig_i: int | None,
             cat: str, group: str, rule: str, subset: bool = False) -> Figure | None:
    """Drop figures that are negated or hypothetical."""
    if cat == "missing" and head is not None and head.lemma_.lower() in _context()["wanted"]:
        return None  # "quatre suspects sont recherchés" are not missing
    if (cat != "injured" or rule.startswith(("breakdown", "elliptic"))) and head is not None and head.i != trig_i \
            and _rescued(head):
        return None  # "550 rescapés", "plus de 4000 personnes ont été secourues"; not "les deux survivants sont blessés"
    ref = doc[trig_i] if trig_i is not None else (head if head is not None else span[-1])
    if q.kind != "zero" and (negated(ref) or (ref.head.pos_ in ("VERB", "AUX") and negated(ref.head))):
        return None
    if hypothetical(ref):
        return None
    return Figure(q, span.start, span.end, head.i if head is not None else None, trig_i, cat, group, rule,
                  subset=subset)

