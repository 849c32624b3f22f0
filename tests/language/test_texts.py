"""Texts read once per Doc (pipeline/texts.py) are spaCy's texts."""
from pipeline.dates import find_dates
from pipeline.dates import sentence_dates
from pipeline.texts import doc_text, span_text


TEXT = "Le 5 janvier, douze policiers ont été tués à Almaty.  Hier, trois blessés.\n\nSelon la police, 4 morts."


def test_doc_and_sentence_texts_are_spacys(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    assert [span_text(s) for s in doc.sents] == [s.text for s in doc.sents]
    assert [span_text(e) for e in doc.ents] == [e.text for e in doc.ents]


def test_text_of_a_doc_made_from_another(nlp):
    doc = nlp(TEXT)
    doc_text(doc)
    part = doc[13:].as_doc(copy_user_data=True)
    assert doc_text(part) == part.text
    assert span_text(part[:3]) == part[:3].text


def test_docs_still_serialise_and_the_memo_goes_with_them(nlp):
    from spacy.tokens import Doc, DocBin

    from pipeline.texts import _MEMO

    doc = nlp(TEXT)
    assert doc.spans["casualties"] and doc in _MEMO  # our components read texts and dates
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.count for s in back.spans["casualties"]] == [s._.count for s in doc.spans["casualties"]]
    assert len(DocBin(docs=[doc], store_user_data=True).to_bytes()) > 0
    n = len(_MEMO)
    del doc
    import gc

    gc.collect()
    assert len(_MEMO) < n


def test_sentence_dates_are_the_dates_of_the_sentence_text(nlp):
    doc = nlp(TEXT)
    for sent in doc.sents:
        expected = find_dates(sent.text, "2022-01-06")
        assert sentence_dates(sent, "2022-01-06") == expected
        assert sentence_dates(sent, "2022-01-06") == expected  # read back from the Doc
        assert sentence_dates(sent, None) == find_dates(sent.text, None)
    assert [m.value for m in sentence_dates(next(doc.sents), "2022-01-06")] == ["2022-01-05"]
