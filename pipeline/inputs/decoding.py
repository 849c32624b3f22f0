"""Decoding file bytes to text: BOMs, UTF-8, legacy code pages, binary files.

>>> decode_bytes("Besançon – 12 blessés".encode("cp1252"))
'Besançon – 12 blessés'
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# what cp1252 French text shows beyond ASCII: letters, typography, symbols
_FRENCH_CHARS = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’‚“”„–—…•·€°º²³×÷±§©®™¼½¾µ\xa0"
_NOT_FRENCH = re.compile(f"[^\x00-\x7f{_FRENCH_CHARS}]")


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text: BOMs, UTF-8, then legacy code pages.

    Raises ``ValueError("binary file")`` for data that is not text.

    >>> decode_bytes("Besançon – 12 blessés".encode("cp1252"))
    'Besançon – 12 blessés'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise ValueError("binary file")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _decode_cp1252(data)
    if text is not None and _plausible_french(text):
        return _check_text(text)
    text = data.decode("utf-8", "replace")
    if _mostly_utf8(text):
        return _check_text(text)
    match = from_bytes(data).best()
    if match is None:
        raise ValueError("binary file")
    return _check_text(str(match))


def _decode_cp1252(data: bytes) -> str | None:
    """cp1252 text, or None when ``data`` uses the five bytes cp1252 leaves undefined."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _plausible_french(text: str) -> bool:
    """True when almost every non-ASCII character is one French text uses.

    >>> _plausible_french("Les élèves ont été évacués"), _plausible_french("Ïðèâåò ìèð")
    (True, False)
    """
    odd = len(_NOT_FRENCH.findall(text))
    return odd * 20 <= len(_NON_ASCII.findall(text))


def _mostly_utf8(text: str) -> bool:
    """True for UTF-8 with a few stray bytes: ``"été ... \\ufffd"``, not ``"\\ufffdt\\ufffd"``."""
    bad = text.count("\ufffd")
    return bad * 20 <= len(_NON_ASCII.findall(text)) - bad


def _check_text(text: str) -> str:
    """Return ``text``, or raise ``ValueError("binary file")`` if over 1% is control characters."""
    if len(_CONTROL.findall(text)) * 100 > len(text):
        raise ValueError("binary file")
    return text
