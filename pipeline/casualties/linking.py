"""Link each quantity of a sentence to its victim noun and its trigger through
the dependency parse.

>>> [(f.event_type, f.quantity.count, f.rule) for f in find_figures(nlp("Deux policiers ont été tués."), *matcher)]
[('killed', 2, 'subject:killed.tuer')]
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..dates import sentence_dates
from ..language.matching import TokenMatcher, tokens_in
from ..numbers import Quantity, find_quantities
from ..language.sentences import sentence_of, sentences
from ..language.texts import span_text
from .coordination import (apply_verb_qualifier, continues_list, elliptic_next, inherit_groups, looks_like_year,
                           moved_toll, respective_figures, scope_qualifiers, totals_of_subsets)
from .figures import OTHER_WORDS, Figure
from .links import _anchor, _en_verb, _link, _partitive_outcome, _victim_head
from .readings import (EXCEPT_WORDS, PERCENT, as_many, clitic_objects, en_count, none_survived, own_side_end,
                       rescued)
from .stated import SUBJECT_DEPS, hypothetical, negated
from .tallies import running_total, tally_trigger
from .triggers import category_of as _category, context as _context, trigger_tokens, victims_who_died
from .victims import _is_person, _scope_phrases, _scoped_victims, propagate_victims, token_group


SUBSET_MARKERS = {"dont", "lesquels", "lesquelles"}
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
            if any(a <= q.start < b for a, b in dates) or PERCENT.match(span_text(sent), q.end):
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
                cut = min(cut, own_side_end(doc, fig, sent))
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
            sent_figs = sorted(sent_figs + clitic_objects(doc, sent, pending, trig, sent_figs), key=lambda f: f.q_start)
        if sent_figs:
            sent_figs = sorted(sent_figs + as_many(doc, sent, trig, sent_figs), key=lambda f: f.q_start)
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
    if none_survived(doc, sent, span):
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
        if last and en_count(doc, sent, span):  # "on en dénombre 31": "en" stands for the last figure's noun
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


def _word_before(doc: Doc, sent: Span, start: int) -> Token | None:
    """The word before a quantity, past an article: "dont *les* 5 assaillants"."""
    prev_tok = doc[start - 1] if start > sent.start else None
    if prev_tok is not None and prev_tok.lower_ in ("les", "des") and start - 2 >= sent.start:
        prev_tok = doc[start - 2]
    return prev_tok


def _checked(doc: Doc, span: Span, q: Quantity, head: Token | None, trig_i: int | None,
             cat: str, group: str, rule: str, subset: bool = False) -> Figure | None:
    """Drop figures that are negated or hypothetical."""
    if cat == "missing" and head is not None and head.lemma_.lower() in _context()["wanted"]:
        return None  # "quatre suspects sont recherchés" are not missing
    if (cat != "injured" or rule.startswith(("breakdown", "elliptic"))) and head is not None and head.i != trig_i \
            and rescued(head):
        return None  # "550 rescapés", "plus de 4000 personnes ont été secourues"; not "les deux survivants sont blessés"
    ref = doc[trig_i] if trig_i is not None else (head if head is not None else span[-1])
    if q.kind != "zero" and (negated(ref) or (ref.head.pos_ in ("VERB", "AUX") and negated(ref.head))):
        return None
    if hypothetical(ref):
        return None
    return Figure(q, span.start, span.end, head.i if head is not None else None, trig_i, cat, group, rule,
                  subset=subset)
