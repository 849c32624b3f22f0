"""Normalise text for the parser without moving a single character.

Every replacement maps one character to one character, so an offset into the
normalised text is the same offset into the original text.

>>> normalise("l’OTSC\u00a0: 12\u202f000 morts")
"l'OTSC : 12 000 morts"
"""
from __future__ import annotations

_TABLE = str.maketrans({
    "\u2019": "'",  # right single quotation mark (typographic apostrophe)
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u2007": " ",  # figure space
    "\u00ad": "-",  # soft hyphen
    "\u2010": "-",
    "\u2011": "-",
})


def normalise(text: str) -> str:
    """Return ``text`` with typographic apostrophes and spaces made plain.

    >>> normalise("d’après")
    "d'après"
    """
    return text.translate(_TABLE)
