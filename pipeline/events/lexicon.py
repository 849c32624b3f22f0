"""The word lists and the ontology of the event stage, and the dependency labels its rules read.

>>> lexicon()["negations"][:2]
['pas', 'jamais']
>>> ontology()["riot"]["plover_type"]
'PROTEST'
"""
from __future__ import annotations

from functools import lru_cache

from ..language.resources import load_json


SUBJECTS = {"nsubj", "nsubj:pass"}
OBLIQUES = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod"}
CUT_DEPS = {"acl:relcl", "acl", "conj", "cc", "appos", "parataxis", "advcl", "punct", "dep"}
AGENT_LABELS = {"PER", "ORG", "NORP"}
CLAUSE_DEPS = {"advcl", "ccomp", "csubj", "parataxis", "acl:relcl"}
OTHER_CLAUSE = -1


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
