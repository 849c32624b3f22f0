"""Language: the spaCy side that every extraction stage stands on.

Takes the base model ``fr_core_news_md`` and the files under ``models/``;
gives the ``nlp`` object with our pipes (:func:`nlp.load_nlp`), normalised
text whose offsets stay valid for the original (:func:`normalise.normalise`),
the texts of Docs and spans, token matching, the data-file readers, and the
paragraph and headline breaks. Must not know the inputs' files, batching, the
tables or the CLI. This ``__init__`` imports nothing, so that reading a data
file (:mod:`resources`) does not load spaCy.

    nlp.py         build and load the Language
    normalise.py   typography normalised, offsets kept
    texts.py       the texts of Docs and spans, sentence dates
    matching.py    token and lemma matching (TokenMatcher)
    resources.py   locate and read the files under models/
    paragraphs.py  line breaks: paragraphs and the headline

>>> from pipeline.language.nlp import load_nlp
>>> load_nlp().pipe_names[-1]  # doctest: +SKIP
"""
