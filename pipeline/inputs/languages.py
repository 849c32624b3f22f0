"""Which language a text is in, from the share of its function words.

>>> detect_language("Douze policiers ont été tués dans les émeutes à Almaty.")
'fr'
"""
from __future__ import annotations

import re
from collections import Counter

LANG_SAMPLE = 2000  # characters looked at by detect_language
SHORT_TEXT = 20  # words; below this a language needs stronger evidence


# frequent function words, with the ones the five languages share left in:
# the margin between the best and second language absorbs them
_STOPWORDS = {
    "fr": "le la les l des du de d un une et est sont dans pour par sur avec que qu qui ne "
          "pas plus au aux ce cette ces il elle ils elles nous vous son sa ses leur leurs "
          "été être a ont à en se mais ou où selon après avait était comme aussi entre "
          "depuis lors y on n s c",
    "en": "the and of to in is are was were that this with for on by from have has had "
          "be been it its at as an a not they he she said which would will but or their "
          "there who after also than more one two",
    "de": "der die das und ist sind nicht mit von zu den dem des ein eine einen einem im "
          "auf für sich auch es wurde wurden bei nach aus als wie dass hat haben werden "
          "sie er oder aber noch um über vor",
    "es": "el la los las de del y en que es son un una por para con se no al lo su sus "
          "como más pero fue ha han este esta entre sobre también según muy ya tras desde",
    "it": "il lo la gli le di del della dei delle degli e è che per con non un una sono "
          "da al alla nel nella si anche come più ma ha hanno stato questo questa tra "
          "dopo ad ai dal",
}
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Language code from the share of function words, or "" when unclear.

    >>> detect_language("Douze policiers ont été tués dans les émeutes à Almaty.")
    'fr'
    >>> detect_language("Almaty, Kazakhstan")
    ''
    """
    words = _WORD.findall(text[:LANG_SAMPLE].lower())
    hits = dict.fromkeys(_STOPWORDS, 0)
    for w, n in Counter(words).items():
        for lang in _WORD_LANGS.get(w, ()):
            hits[lang] += n
    (best, top), (_, second) = sorted(hits.items(), key=lambda kv: -kv[1])[:2]
    if len(words) < SHORT_TEXT:
        sure = top >= 3 and top >= 2 * second
    else:
        sure = top >= 3 and top * 10 >= len(words) and top * 2 >= second * 3
    return best if sure else ""
