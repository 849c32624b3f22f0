"""Figures in lists: what a figure takes from the one before it.

French tolls come in lists, and the words of the first figure often serve the
next ones:

- a qualifier at the head of a list scopes over it: "au moins 9 morts et 120
  blessés" (both at_least), and so does a verb of comparison: "le bilan
  dépasse les 60 morts" (at_least), "avoisine les 300 morts" (approx);
- an elliptic figure takes the category of the figure before it: "57 blessés
  graves et 17 légers", "43 blessés, 18 à Lyon et 25 en banlieue",
  "respectivement 12 et 30 morts", "neuf morts : cinq gendarmes et quatre
  villageois";
- a figure that continues a list, or a subset with no group of its own, keeps
  the group of the figure before it: "huit civils tués et 20 autres blessés",
  "Douze policiers ont été blessés, dont trois grièvement".

>>> [(s._.event_type, s._.count, s._.qualifier) for s in nlp("Au moins 9 morts et 120 blessés.").spans["casualties"]]
[('killed', 9, 'at_least'), ('injured', 120, 'at_least')]

The qualifier verbs are in ``models/numbers/qualifiers.json`` (``verbs``).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..numbers import Quantity, requalify, split_change
from ..language.resources import load_json
from .figures import OTHER_WORDS, Figure
from .victims import _is_person

THRESHOLDS = {"seuil", "barre", "cap"}  # nouns a verb of comparison may govern from afar
LIST_GLUE = {",", "et", "ainsi", "que", "ou", ":", "respectivement", "soit", "contre"}
SCOPING = ("at_least", "at_most", "approx")
ELLIPTIC_NEXT = {"à", "au", "aux", "en", "dans", "par", "chez", "côté", "sur", "parmi", "selon",
                 "pour", "lors", "grièvement", "gravement", "légèrement", "sérieusement"}


@lru_cache(maxsize=1)
def _verbs() -> tuple[dict[str, str], frozenset[str]]:
    """(verb stem -> qualifier, filler words); stems so that a form the
    lemmatiser misses still counts ("avoisine" tagged as a noun)."""
    data = load_json("numbers/qualifiers.json")
    stems = {verb[:-2] if verb.endswith(("er", "ir")) else verb: qual for verb, qual in data["verbs"].items()}
    return stems, frozenset(data["verb_fillers"])


def verb_qualifier(doc: Doc, start: int, sent_start: int) -> str | None:
    """The qualifier that a verb of comparison gives the number at ``start``.

    >>> doc = nlp("Le bilan dépasse désormais les 60 morts.")
    >>> verb_qualifier(doc, 5, 0)
    'at_least'
    """
    verbs, fillers = _verbs()
    j = start - 1
    while j >= sent_start and start - j <= 6:
        tok = doc[j]
        if tok.pos_ in ("VERB", "AUX", "NOUN"):
            for stem, qual in verbs.items():
                if tok.lower_.startswith(stem):
                    return qual
        if tok.lower_ in THRESHOLDS:  # "on a dépassé hier le seuil des cent morts", "le cap des 100 morts a été franchi"
            for gov in (tok.head, tok.head.head):
                qual = next((q for stem, q in verbs.items() if gov.pos_ == "VERB" and gov.lower_.startswith(stem)), None)
                if qual is not None:
                    return qual
        if tok.lower_ not in fillers:
            return None
        j -= 1
    return None


def _glue_only(doc: Doc, start: int, end: int) -> bool:
    """True when the tokens between two figures only join a list ("et", ",", adjectives)."""
    return all(t.lower_ in LIST_GLUE or t.pos_ == "ADJ" for t in doc[start:end])


def _finite_verb_between(doc: Doc, start: int, end: int) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[start:end])


def scope_qualifiers(doc: Doc, figures: list[Figure], scopes: list[tuple[int, str]]) -> None:
    """Carry a list's head qualifier to the figures coordinated after it, in place;
    it stops at a victim-group phrase ("parmi les civils") and at anything but
    list words.

    >>> [s._.qualifier for s in nlp("plus de 30 tués et 200 blessés").spans["casualties"]]
    ['at_least', 'at_least']
    """
    scope_at = {i for i, _ in scopes}
    for prev, fig in zip(figures, figures[1:]):
        q = prev.quantity
        if not q.qualified or q.qualifier not in SCOPING or fig.quantity.qualified or fig.subset or prev.subset:
            continue
        if not fig.rule.startswith(("noun:", "elliptic", "respective")):
            continue  # a clause of its own: "au moins 20 morts, et 35 personnes sont blessées"
        end = max(prev.q_end, prev.head + 1 if prev.head is not None else 0)
        if end > fig.q_start or any(end <= i < fig.q_start for i in scope_at):
            continue
        if doc[end:fig.q_start].text.strip() and _glue_only(doc, end, fig.q_start) \
                and not any(t.text == ":" for t in doc[end:fig.q_start]):
            fig.quantity = replace(requalify(fig.quantity, q.qualifier), qualified=True)


def apply_verb_qualifier(doc: Doc, sent: Span, fig: Figure) -> None:
    """Read "le bilan dépasse les 60 morts" as at_least 60, in place."""
    qual = verb_qualifier(doc, fig.q_start, sent.start)
    if qual is not None:
        fig.quantity = replace(requalify(fig.quantity, qual), qualified=True)


def continues_list(doc: Doc, sent: Span, span: Span, previous: list[Figure]) -> Figure | None:
    """The figure that an elliptic quantity continues, if any: the quantity
    comes after list words ("," "et" ":" "respectivement") following a figure
    of the same clause, with no verb of its own in between.

    >>> [s._.rule for s in nlp("On compte 57 blessés graves et 17 légers.").spans["casualties"]]
    ['noun:injured.blesser', 'elliptic:noun:injured.blesser']
    """
    if not previous or span.start == sent.start:
        return None
    parent = previous[-1]
    before = doc[span.start - 1]
    noun_end = (parent.head if parent.head is not None else parent.q_end - 1) + 1
    if before.text in ("(", "[") and before.i == noun_end:
        return parent  # another toll in brackets: "Sept personnes (au moins 18, selon certaines sources) ont été tuées"
    end = parent.tokens[1]
    bracket = end < len(doc) and doc[end].text in ("(", "[")  # "sept morts (deux civils et 5 assaillants)"
    if before.lower_ not in LIST_GLUE and not (bracket and before.i == end):
        return None
    if end > span.start or _finite_verb_between(doc, end, span.start):
        return None
    if any(t.text in (";", ".", "(", ")", "[", "]") for t in doc[end + bracket:span.start]):
        return None
    return parent


def elliptic_next(doc: Doc, span: Span, sent: Span) -> bool:
    """True when nothing after the quantity names what it counts: an adjective
    or adverb ("17 légers", "trois grièvement"), a place or side ("18 à
    Lyon", "97 côté policiers"), or the end of the clause."""
    if span.end >= sent.end:
        return True
    nxt = doc[span.end]
    if nxt.is_punct or nxt.lower_ in ELLIPTIC_NEXT:
        return True
    return nxt.pos_ in ("ADJ", "ADV") and not (span.end + 1 < sent.end and doc[span.end + 1].pos_ == "NOUN")


def looks_like_year(q: Quantity) -> bool:
    """A four-digit number that reads as a year ("en 2015 et 2016")."""
    return q.kind == "digits" and is_year(q.text)


def is_year(text: str) -> bool:
    """Whether a word is a year: "1968", not "1 200" or "45".

    >>> is_year("1968"), is_year("45")
    (True, False)
    """
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def respective_figures(doc: Doc, pending: list[tuple[Span, Quantity]], figures: list[Figure]) -> list[Figure]:
    """Quantities that share the noun of the figure after them: "respectivement
    12 et 30 morts", "5, 7 et 9 blessés" (one figure each).

    ``pending`` holds the quantities of the sentence that got no figure.
    """
    by_start = {f.q_start: f for f in figures}
    out: list[Figure] = []
    for span, q in sorted(pending, key=lambda p: -p[0].start):
        if looks_like_year(q) or span.end + 1 >= len(doc):
            continue
        glue = doc[span.end]
        nxt = by_start.get(span.end + 1)
        if glue.lower_ not in (",", "et", "ou") or nxt is None or nxt.head is None:
            continue
        if nxt.head != nxt.q_end and not nxt.rule.startswith("respective"):
            continue  # the next figure's noun is not right after its number
        fig = Figure(q, span.start, span.end, None, nxt.trigger, nxt.event_type, nxt.victims,
                     f"respective:{nxt.rule}", trigger_end=nxt.trigger_end)
        by_start[span.start] = fig
        out.append(fig)
    return out


def totals_of_subsets(doc: Doc, pending: list[tuple[Span, Quantity]], figures: list[Figure]) -> list[Figure]:
    """A total that the parse left with no verb, right before its subset:
    "Neuf personnes dont quatre enfants ont péri" (nine killed, and the four
    a subset of them). ``pending``: the quantities of the sentence that got
    no figure."""
    by_start = {f.q_start: f for f in figures}
    out: list[Figure] = []
    for span, q in pending:
        head = span.end
        if looks_like_year(q) or head + 2 >= len(doc) or doc[head + 1].lower_ != "dont":
            continue
        group, sub = _is_person(doc[head]), by_start.get(head + 2)
        if group is None or sub is None:
            continue
        sub.subset = True
        out.append(Figure(q, span.start, span.end, head, sub.trigger, sub.event_type, group,
                          f"total:{sub.rule}", trigger_end=sub.trigger_end))
    return out


def inherit_groups(doc: Doc, figures: list[Figure]) -> None:
    """Give unspecified figures the group of the list they continue, in place:
    "deux autres" after "huit civils tués", a subset with no noun of its own
    ("dont trois grièvement"), an elliptic figure."""
    for prev, fig in zip(figures, figures[1:]):
        if fig.victims != "unspecified" or prev.victims == "unspecified":
            continue
        other = any(t.lower_ in OTHER_WORDS for t in doc[fig.q_end:max(fig.q_end, (fig.head or 0) + 1)])
        bare = fig.head is None or fig.head == fig.trigger or other or _is_person(doc[fig.head]) is None
        if bare and (fig.subset or other or fig.rule.startswith(("elliptic", "respective"))):
            fig.victims = prev.victims


def moved_toll(doc: Doc, sent: Span, fig: Figure) -> list[Figure] | None:
    """A "de X à Y" range after a verb of change is two tolls, the earlier and
    the later one ("le bilan est passé de 12 à 15 morts": 12 and 15), or None.

    >>> [s._.count for s in nlp("Le bilan est passé de 12 à 15 morts.").spans["casualties"]]
    [12, 15]
    """
    parts = split_change(fig.quantity)
    if parts is None:
        return None
    verbs = set(load_json("numbers/qualifiers.json")["change_verbs"])
    before = doc[max(sent.start, fig.q_start - 4):fig.q_start]
    if not any(t.lemma_.lower() in verbs or t.lower_ in verbs for t in before):
        return None
    out = []
    for q in parts:
        span = doc.char_span(sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand")
        if span is None:
            return None
        out.append(replace(fig, quantity=q, q_start=span.start, q_end=span.end, rule=f"moved:{fig.rule}"))
    return out
