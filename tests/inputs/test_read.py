"""Tests for pipeline.read: walking, decoding, records, dates, language."""
from __future__ import annotations

import codecs
import hashlib
import json

import pytest

from pipeline.read import Document, decode_bytes, detect_language, find_published, read_inputs

FRENCH = (
    "« Les élèves ont été évacués à Besançon – 12 blessés », a indiqué l’officier, "
    "qui a évoqué une “fuite de gaz” dans le bâtiment… Œuvre des pompiers : 3 € le café."
)
LATIN1 = "Les élèves ont été évacués à Besançon, 12 blessés. « Ça suffit », dit-il à l'hôpital."
ENGLISH = (
    "The police said on Monday that at least twelve people were killed and more than "
    "a thousand were injured in the protests, which have spread to the largest city of the country."
)


def write(path, content) -> str:
    """Write str (UTF-8) or bytes to ``path``, creating folders; return it as str."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def french(n: int) -> str:
    """A distinct French paragraph numbered ``n``."""
    return f"Dépêche {n}. Douze policiers ont été tués et des dizaines de civils blessés à Almaty."


def read(*inputs, **kw) -> list[Document]:
    return list(read_inputs([str(i) for i in inputs], **kw))


# --- walking folders -------------------------------------------------------


def test_folder_walk_order_and_doc_ids(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", french(1))
    write(root / "a.txt", french(2))
    write(root / "2022" / "kazakhstan.txt", french(3))
    write(root / "a-b.txt", french(4))
    write(root / ".hidden.txt", french(5))
    write(root / ".git" / "x.txt", french(6))
    write(root / "notes.md", french(7))
    docs = read(root)
    assert [d.doc_id for d in docs] == [
        "2022/kazakhstan.txt", "a-b.txt", "a.txt", "b.txt", "notes.md"
    ]
    assert [d.status for d in docs] == ["ok", "ok", "ok", "ok", "skipped"]
    assert docs[-1].error == "unsupported extension .md"
    assert docs[0].path == str(root / "2022" / "kazakhstan.txt")
    assert docs[0].text == french(3)
    assert docs[0].sha256 == hashlib.sha256(french(3).encode("utf-8")).hexdigest()
    assert docs[0].language == "fr"


def test_single_files_use_their_name_and_several_inputs_chain(tmp_path):
    a = write(tmp_path / "x" / "one.txt", french(1))
    b = write(tmp_path / "y" / "sub" / "two.txt", french(2))
    docs = read(a, tmp_path / "y")
    assert [(d.doc_id, d.status) for d in docs] == [("one.txt", "ok"), ("sub/two.txt", "ok")]


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path):
    good = write(tmp_path / "ok.txt", french(1))
    docs = read(tmp_path / "nope.txt", good)
    assert (docs[0].doc_id, docs[0].status, docs[0].error) == ("nope.txt", "error", "no such file")
    assert docs[1].status == "ok"


def test_empty_folder_still_gives_a_document(tmp_path):
    (tmp_path / "void").mkdir()
    [doc] = read(tmp_path / "void")
    assert doc.status == "empty"


# --- decoding --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, encode",
    [
        (FRENCH, lambda s: s.encode("cp1252")),
        (LATIN1, lambda s: s.encode("latin-1")),
        (FRENCH, lambda s: codecs.BOM_UTF8 + s.encode("utf-8")),
        (FRENCH, lambda s: s.encode("utf-16")),  # with BOM
        (FRENCH, lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be")),
        (FRENCH, lambda s: s.encode("utf-8")),
        ("Un mort à Besançon.", lambda s: s.encode("cp1252")),
        ("L’été", lambda s: s.encode("cp1252")),
        # charset-normalizer alone reads these two as cp1250
        ("“Ça suffit”, dit l’élève à Besançon – 12 blessés…", lambda s: s.encode("cp1252")),
        ("Déjà vu à l'hôpital, ça coûte cher", lambda s: s.encode("latin-1")),
        ("Prix\xa0: 12\xa0€ le litre", lambda s: s.encode("cp1252")),
        # not cp1252-French: left to charset-normalizer
        ("Двенадцать полицейских были убиты в Алматы во время беспорядков, сообщили власти.",
         lambda s: s.encode("cp1251")),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-8", "short", "tiny",
         "cp1252-quotes", "latin-1-short", "nbsp", "cp1251"],
)
def test_encodings_decode_to_the_exact_french_text(tmp_path, text, encode):
    data = encode(text)
    assert decode_bytes(data) == text
    [doc] = read(write(tmp_path / "f.txt", data))
    assert (doc.status, doc.text) == ("ok", text)


def test_line_endings_are_kept(tmp_path):
    text = "Titre\r\n\r\n22 juin 2012. - Quatorze morts à Kaboul.\r\n"
    [doc] = read(write(tmp_path / "crlf.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.published == "2012-06-22"


def test_mostly_utf8_with_a_stray_byte(tmp_path):
    data = (french(1) * 5).encode("utf-8") + b"\xff" + "Fin de la dépêche.".encode("utf-8")
    assert decode_bytes(data).endswith("\ufffdFin de la dépêche.")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 4,
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50 + b"abc",
    ],
    ids=["png", "all-bytes", "controls"],
)
def test_binary_files_are_errors(tmp_path, data):
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(data)
    [doc] = read(write(tmp_path / "img.txt", data))
    assert (doc.status, doc.error, doc.text) == ("error", "binary file", "")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", codecs.BOM_UTF8])
def test_empty_and_blank_files(tmp_path, content):
    [doc] = read(write(tmp_path / "blank.txt", content))
    assert doc.status == "empty"
    assert doc.language == ""


# --- duplicates and language ------------------------------------------------


def test_duplicates_are_skipped_and_name_the_first(tmp_path):
    root = tmp_path / "in"
    write(root / "a" / "b.txt", french(1))
    write(root / "c.txt", french(1).encode("cp1252"))  # same text, other bytes
    write(root / "d.txt", french(2))
    docs = read(root)
    assert [(d.status, d.error) for d in docs] == [
        ("ok", ""), ("skipped", "duplicate of a/b.txt"), ("ok", "")
    ]
    assert docs[1].text == french(1)


def test_duplicates_across_inputs_and_records(tmp_path):
    txt = write(tmp_path / "one.txt", french(1))
    jsonl = write(tmp_path / "recs.jsonl", json.dumps({"text": french(1)}) + "\n")
    docs = read(txt, jsonl)
    assert docs[1].doc_id == "recs.jsonl:1"
    assert docs[1].error == "duplicate of one.txt"


def test_english_text_is_skipped_but_kept(tmp_path):
    [doc] = read(write(tmp_path / "en.txt", ENGLISH))
    assert (doc.status, doc.error, doc.language) == ("skipped", "not French (en)", "en")
    assert doc.text == ENGLISH


@pytest.mark.parametrize(
    "text, lang",
    [
        (french(1), "fr"),
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        ("Die Polizei teilte am Montag mit, dass bei den Protesten mindestens zwölf Menschen "
         "getötet und mehr als tausend verletzt wurden, die sich auf die größte Stadt des "
         "Landes ausgebreitet haben.", "de"),
        ("La policía dijo el lunes que al menos doce personas murieron y más de mil resultaron "
         "heridas en las protestas, que se han extendido a la ciudad más grande del país.", "es"),
        ("La polizia ha detto lunedì che almeno dodici persone sono state uccise e più di mille "
         "sono rimaste ferite nelle proteste, che si sono estese alla città più grande del paese.",
         "it"),
        ("Almaty, Kazakhstan", ""),
        ("Incendie à Rouen", ""),
        ("OTSC", ""),
        ("", ""),
        ("   ", ""),
        ("12 000 / 3 450", ""),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_short_unclear_text_counts_as_french(tmp_path):
    [doc] = read(write(tmp_path / "t.txt", "Kazakhstan : état d'urgence"))
    assert (doc.status, doc.language) == ("ok", "")


# --- JSONL -----------------------------------------------------------------


def test_jsonl_malformed_line_in_the_middle(tmp_path):
    lines = [
        json.dumps({"text": french(1), "title": "Un", "url": "http://a", "source": "AFP",
                    "published": "2022-01-06T10:00:00+06:00"}),
        "",
        '{"text": "cassé", ',
        json.dumps({"id": "k9", "text": french(3)}),
        json.dumps({"id": "", "text": french(4)}),
        json.dumps({"title": "sans texte"}),
        json.dumps({"text": 42}),
        json.dumps(["pas", "un", "objet"]),
    ]
    path = write(tmp_path / "2022-01-07-dep.jsonl", "\n".join(lines) + "\n")
    docs = read(path)
    assert [(d.doc_id, d.status) for d in docs] == [
        ("2022-01-07-dep.jsonl:1", "ok"),
        ("2022-01-07-dep.jsonl:3", "error"),
        ("2022-01-07-dep.jsonl:k9", "ok"),
        ("2022-01-07-dep.jsonl:5", "ok"),
        ("2022-01-07-dep.jsonl:6", "error"),
        ("2022-01-07-dep.jsonl:7", "error"),
        ("2022-01-07-dep.jsonl:8", "error"),
    ]
    assert docs[1].error.startswith("malformed JSON line 3: ")
    first = docs[0]
    assert (first.title, first.url, first.source, first.published) == (
        "Un", "http://a", "AFP", "2022-01-06"
    )
    assert docs[2].published == "2022-01-07"  # from the file name
    assert docs[2].text == french(3)
    assert all(d.path == path for d in docs)


def test_jsonl_in_folder_uses_relative_doc_id(tmp_path):
    write(tmp_path / "in" / "sub" / "r.jsonl", json.dumps({"id": 7, "text": french(1)}))
    [doc] = read(tmp_path / "in")
    assert doc.doc_id == "sub/r.jsonl:7"


# --- CSV -------------------------------------------------------------------


def test_csv_with_text_column_and_ids(tmp_path):
    big = french(9) + " " + "x" * 200_000  # over the default csv field limit
    rows = (
        "id,title,text,published\n"
        f"a1,Titre,\"{french(1)}\",2022-01-06\n"
        f",Sans id,\"{french(2)}\nsur deux lignes\",\n"
        f"a3,Vide,\"   \",\n"
        f"a4,Grand,\"{big}\",\n"
    )
    docs = read(write(tmp_path / "d.csv", rows.encode("cp1252", "replace")))
    assert [(d.doc_id, d.status) for d in docs] == [
        ("d.csv:a1", "ok"), ("d.csv:2", "ok"), ("d.csv:a3", "empty"), ("d.csv:a4", "ok")
    ]
    assert docs[0].title == "Titre"
    assert docs[0].published == "2022-01-06"
    assert docs[1].text == french(2) + "\nsur deux lignes"
    assert docs[3].text == big


def test_csv_semicolon_delimited(tmp_path):
    [doc] = read(write(tmp_path / "d.csv", f"Text;source\n{french(1)};Le Monde\n"))
    assert (doc.doc_id, doc.text, doc.source) == ("d.csv:1", french(1), "Le Monde")


def test_csv_without_text_column_is_one_error(tmp_path):
    path = write(tmp_path / "d.csv", "id,body\n1,foo\n2,bar\n")
    good = write(tmp_path / "e.txt", french(1))
    docs = read(path, good)
    assert [(d.doc_id, d.status, d.error) for d in docs] == [
        ("d.csv", "error", "no 'text' column"), ("e.txt", "ok", "")
    ]


# --- publication dates -----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Afghanistan : attaque à Kaboul\n\n22 juin 2012. - Cette nuit, les Talibans", "2012-06-22"),
        ("PARIS, 6 janvier 2022 (AFP) - Des émeutes", "2022-01-06"),
        ("Asie de l'Est : alerte au typhon\n\n1er août 2012. - De fortes intempéries", "2012-08-01"),
        ("En Thaïlande\n\ndimanche 1 décembre 2013 à 16:49\n\nLes manifestants", "2013-12-01"),
        ("Kazakhstan : l'OTSC envoie des troupes\nPublié le 06/01/2022 à 10h30", "2022-01-06"),
        ("Par Jean Dupont. Mis à jour le 7 janv. 2022", "2022-01-07"),
        ("Titre\n12 FEVRIER 2019 - Un séisme", "2019-02-12"),
        ("Titre\n3 aout 2020. - Explosion", "2020-08-03"),
        ("Titre\n2022-01-06 08:15 Almaty", "2022-01-06"),
        ("Almaty (Kazakhstan), le 6 janvier 2022 - Les forces", "2022-01-06"),
        # not datelines
        ("Titre\n\nLe 5 juillet 1962, le général De Gaulle proclamait", None),
        ("Un avion s'est écrasé le 3 juin 2012 sur une menuiserie.", None),
        ("Titre\n31 février 2012. - Faux", None),
        ("x" * 400 + "\n22 juin 2012. - Trop loin", None),
        ("", None),
    ],
)
def test_find_published_datelines(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize(
    "filename, default, expected",
    [
        ("2022-01-06-kazakhstan.txt", None, "2022-01-06"),
        ("corpus/20220106_x.txt", None, "2022-01-06"),
        ("dir-2021-05-05/kazakhstan.txt", "2020-01-01", "2020-01-01"),  # file name only
        ("kazakhstan.txt", "2022-01-10", "2022-01-10"),
        ("20221399_x.txt", None, None),
        ("kazakhstan.txt", None, None),
    ],
)
def test_find_published_falls_back_to_filename_then_default(filename, default, expected):
    assert find_published("Pas de date ici.", filename, default) == expected


def test_dateline_wins_over_filename():
    assert find_published("22 juin 2012. - Kaboul", "2022-01-06-x.txt", "2000-01-01") == "2012-06-22"


def test_published_argument_is_the_last_resort(tmp_path):
    write(tmp_path / "in" / "a.txt", french(1))
    write(tmp_path / "in" / "2021-03-04-b.txt", french(2))
    write(tmp_path / "in" / "c.txt", "Titre\n5 juin 2012. - " + french(3))
    docs = read(tmp_path / "in", published="2022-01-06T12:00")
    assert [d.published for d in docs] == ["2021-03-04", "2022-01-06", "2012-06-05"]


def test_bad_published_argument_raises():
    with pytest.raises(ValueError):
        read_inputs([], published="hier")
