"""The gazetteer rulers (factory ``fr_entity_ruler_v1``): phrase patterns of
the organisations, armed groups, ministries and parties of
``models/entities/organisations.jsonl``, names on LOWER, acronyms on ORTH.

>>> [(e.text, e.label_) for e in nlp("Le Hamas et l'ONU ont réagi.").ents]
[('Hamas', 'ORG'), ('ONU', 'ORG')]
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.pipeline import EntityRuler

from ..language.resources import load_jsonl
from .lexicons import GAZETTEER


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
