"""Events beyond casualties: French phrase in, expected events out (the real model)."""
from pathlib import Path

import pytest
import spacy

from conftest import require
from pipeline.events import (
    EventFinder, event_of, find_durations, iso_duration, lexicon, ontology, precision_of,
)
from pipeline.export import EVENT_COLUMNS, number_events
from pipeline.normalise import normalise
from pipeline.resources import load_jsonl

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus-dev"
TYPES = ("attack", "armed_clash", "bombing", "protest", "riot", "strike", "crowd_control", "deployment",
         "request", "state_of_emergency", "curfew", "resignation", "price_increase", "disaster", "accident",
         "epidemic")
PLOVER = {"", "ASSAULT", "PROTEST", "MOBILIZE", "REQUEST", "COERCE", "CONCEDE"}
ACLED = {"", "Battles", "Riots", "Protests", "Explosions/Remote violence", "Violence against civilians",
         "Strategic developments"}


def parse(nlp, text, published="2022-01-06"):
    doc = nlp.make_doc(normalise(text))
    doc._.published = published
    return nlp(doc)


def events(nlp, text, published="2022-01-06"):
    doc = parse(nlp, text, published)
    return [dict(type=e._.event_type, actor=e._.actor, target=e._.target, location=e._.location, date=e._.date,
                 precision=e._.date_precision, duration=e._.duration, text=e.text)
            for e in doc.spans["events"]]


# ---------------------------------------------------------------- pure functions

@pytest.mark.parametrize("text,expected", [
    ("Un état d'urgence de deux semaines", ["P14D"]),
    ("pris en otage pendant 12 heures", ["PT12H"]),
    ("pour trois mois", ["P3M"]),
    ("durant vingt-quatre heures", ["PT24H"]),
    ("d'un an", ["P1Y"]),
    ("il y a deux semaines", []),            # a date, not a duration
    ("de plusieurs semaines", []),           # no number
    ("d'urgence de la semaine", []),
])
def test_durations(text, expected):
    assert [d[2] for d in find_durations(text)] == expected


def test_iso_duration_and_precision():
    assert [iso_duration(2, "W"), iso_duration(1, "D"), iso_duration(6, "H"), iso_duration(2, "Y")] == \
        ["P14D", "P1D", "PT6H", "P2Y"]
    assert [precision_of(v) for v in ("2022-01-01", "2011-03", "2019", "")] == ["day", "month", "year", ""]


def test_ontology_and_patterns_agree():
    onto = ontology()
    assert set(TYPES) <= set(onto)
    for name, entry in onto.items():
        assert entry["plover_type"] in PLOVER and entry["acled_type"] in ACLED, name
        assert entry["genitive"] in ("actor", "target", "actor_if_agent"), name
    rows = load_jsonl("events/triggers.jsonl")
    lex = lexicon()
    for row in rows:
        assert row["event_type"] in onto and row["id"].startswith(row["event_type"] + "."), row
        if "switch" in row:
            assert row["switch"]["event_type"] in onto and row["switch"]["if_sentence_has"] in lex, row
        for spec in (row.get("requires") or {}).values():
            if isinstance(spec, dict) and "lexicon" in spec:
                assert spec["lexicon"] in lex, row
    assert {r["event_type"] for r in rows} == set(onto)


# ---------------------------------------------------------------- one phrase table per trigger family

def _check(nlp, text, expected):
    found = events(nlp, text)
    assert [e["type"] for e in found] == [expected["type"]], found
    for key, value in expected.items():
        assert found[0][key] == value, (key, found[0])


@pytest.mark.parametrize("text,expected", [
    ("Les talibans ont attaqué un hôtel à Kaboul.",
     dict(type="attack", actor="talibans", target="hôtel", location="Kaboul", date="2022-01-06", precision="published")),
    ("Deux hommes ont ouvert le feu sur l'avocat.", dict(type="attack", target="avocat")),
    ("Plusieurs attaques contre des chrétiens, revendiquées par la secte islamiste Boko Haram, ont eu lieu récemment.",
     dict(type="attack", actor="Boko Haram", target="chrétiens")),
    ("Les rebelles ont pris en otage des civils pendant 12 heures.",
     dict(type="attack", actor="rebelles", duration="PT12H")),
    ("Un homme de 45 ans a été agressé.", dict(type="attack", duration="")),          # an age, not a duration
    ("Une fusillade a éclaté devant la mairie.", dict(type="attack")),
])
def test_attacks(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("L'aviation a bombardé la ville d'Alep samedi dernier.",
     dict(type="bombing", actor="aviation", location="Alep", date="2022-01-01", precision="day")),
    ("Un attentat-suicide a visé une église.", dict(type="bombing", target="église")),
    ("Un attentat à la voiture piégée a frappé Bagdad hier.", dict(type="bombing", date="2022-01-05")),
    ("Une bombe a explosé près du marché de Kaboul.", dict(type="bombing", actor="", location="Kaboul")),
    ("Des frappes aériennes ont touché Gaza.", dict(type="bombing", location="Gaza")),
])
def test_bombings(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("De violents combats ont opposé l'armée aux rebelles.", dict(type="armed_clash", actor="armée et rebelles")),
    ("L'armée syrienne et les rebelles se battent pour le contrôle d'Alep.",
     dict(type="armed_clash", actor="armée syrienne et rebelles")),
    ("Des affrontements entre manifestants et policiers ont fait trois blessés.",   # protesters: a riot
     dict(type="riot", actor="manifestants et policiers")),
])
def test_armed_clashes(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Des milliers de personnes ont manifesté à Paris contre la réforme.",
     dict(type="protest", actor="personnes", target="réforme", location="Paris")),
    ("Une manifestation a rassemblé 3 000 personnes à Bamako.", dict(type="protest", location="Bamako")),
    ("Six Tibétains se sont immolés par le feu.", dict(type="protest", actor="Tibétains")),
    ("Les étudiants sont descendus dans la rue à Dakar.", dict(type="protest", actor="étudiants", location="Dakar")),
    ("Une grève de la faim a été entamée par des détenus.", dict(type="protest", actor="détenus")),
    ("Des dizaines de milliers de personnes ont défilé à Madrid.", dict(type="protest", location="Madrid")),
])
def test_protests(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Des émeutes ont éclaté à Dakar.", dict(type="riot", location="Dakar", date="2022-01-06", precision="published")),
    ("Les émeutiers ont pillé des magasins.", dict(type="riot", actor="émeutiers", target="magasins")),
    ("Des pillages ont eu lieu à Johannesburg.", dict(type="riot", location="Johannesburg")),
])
def test_riots(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Les mineurs se sont mis en grève lundi.", dict(type="strike", actor="mineurs", date="2022-01-03", precision="day")),
    ("Une grève générale paralyse le pays.", dict(type="strike")),
])
def test_strikes(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("La police a dispersé les manifestants avec des gaz lacrymogènes.",       # one event, not two
     dict(type="crowd_control", actor="police", target="manifestants")),
    ("La police a tiré des balles en caoutchouc.", dict(type="crowd_control", actor="police")),
])
def test_crowd_control(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("La Russie a déployé des troupes en Syrie.",
     dict(type="deployment", actor="Russie", target="troupes", location="Syrie")),
    ("Les Nations unies ont dépêché des casques bleus au Mali.",
     dict(type="deployment", actor="Nations unies", target="casques bleus", location="Mali")),
    ("Paris va envoyer 2 000 soldats au Mali.",                                  # not yet: no date
     dict(type="deployment", target="soldats", date="", precision="")),
    ("Le président a demandé l'aide de la France.", dict(type="request", actor="président")),
    ("L'opposition a appelé à la grève générale.",                              # the strike is not one yet
     dict(type="request", actor="opposition")),
])
def test_deployments_and_requests(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Le gouvernement a décrété l'état d'urgence pour trois mois.",
     dict(type="state_of_emergency", actor="gouvernement", duration="P3M")),
    ("Le gouvernement a imposé la loi martiale.", dict(type="state_of_emergency", actor="gouvernement")),
    ("Un couvre-feu a été instauré à Almaty.", dict(type="curfew", location="Almaty")),
    ("Le ministre a démissionné hier.", dict(type="resignation", actor="ministre", date="2022-01-05", precision="day")),
    ("Le Premier ministre a présenté sa démission au président.", dict(type="resignation", actor="Premier ministre")),
    ("Les prix du carburant ont augmenté samedi dernier.",
     dict(type="price_increase", target="prix du carburant", date="2022-01-01", precision="day")),
    ("La hausse des prix de l'essence a provoqué la colère.", dict(type="price_increase", target="prix de l'essence")),
])
def test_state_measures_and_prices(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Un séisme de magnitude 7 a frappé le Japon.", dict(type="disaster", location="Japon")),
    ("Un tremblement de terre a secoué la région mardi.", dict(type="disaster", date="2022-01-04")),
    ("Des inondations ont fait 12 morts au Bangladesh.", dict(type="disaster", location="Bangladesh")),
    ("Le typhon Haiyan a dévasté les Philippines.", dict(type="disaster", location="Philippines")),
    ("Une avalanche a emporté six alpinistes.", dict(type="disaster")),
    ("Un glissement de terrain a enseveli un village.", dict(type="disaster")),
    ("Un avion de ligne s'est écrasé près de Lagos.", dict(type="accident", actor="", target="avion de ligne",
                                                         location="Lagos")),
    ("Un train a déraillé près de Lyon.", dict(type="accident", target="train", location="Lyon")),
    ("Une explosion a détruit une usine chimique à Lyon.", dict(type="accident", location="Lyon")),
    ("Un incendie a ravagé un immeuble à Paris.", dict(type="accident", location="Paris")),
    ("Une épidémie de choléra frappe Haïti.", dict(type="epidemic", location="Haïti")),
])
def test_disasters_and_accidents(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text", [
    "Aucune manifestation n'a eu lieu.",                          # negated
    "La police craint de nouvelles émeutes.",                      # feared
    "La situation faisait redouter une seconde explosion.",        # feared
    "Les autorités envisagent de déployer des missiles.",          # planned
    "Le combat contre la corruption continue.",                    # "combat" singular is not fighting
    "Il a appelé son frère.",                                      # a call, not a request
    "Le stade appelé Madrid Arena peut contenir 12 000 personnes.",
    "Le pilote a dû tirer sur le manche.",
    "Douze policiers ont été tués à Almaty.",                      # a casualty figure only
])
def test_not_events(nlp, text):
    assert events(nlp, text) == []


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text,date,precision", [
    ("Des émeutes ont éclaté.", "2022-01-06", "published"),                # news: passé composé
    ("Le président a démissionné en 2019.", "2019", "year"),
    ("Les manifestants avaient incendié la mairie.", "", ""),              # background: plus-que-parfait
    ("Le gouvernement démissionnera.", "", ""),                             # future
    ("Cet accident avait fait 228 morts le 1er juin 2009.", "2009-06-01", "day"),
])
def test_event_dates(nlp, text, date, precision):
    (e,) = events(nlp, text)
    assert (e["date"], e["precision"]) == (date, precision)


def test_no_publication_date_no_default_date(nlp):
    (e,) = events(nlp, "Des émeutes ont éclaté.", published=None)
    assert (e["date"], e["precision"]) == ("", "")


def test_a_later_anaphor_dates_the_event(nlp):
    text = ("Le rapport conclut que le terrible accident a été provoqué par le givre. "
            "Cet accident avait fait 228 morts le 1er juin 2009.")
    (e,) = events(nlp, text, "2012-07-05")
    assert (e["type"], e["date"], e["precision"]) == ("accident", "2009-06-01", "day")


# ---------------------------------------------------------------- causes of casualty figures

@pytest.mark.parametrize("text,cause", [
    ("L'attaque a fait 14 morts.", "attack"),                                # subject of "faire"
    ("Une avalanche a causé la mort de neuf personnes.", "disaster"),
    ("Neuf civils ont péri lors de l'assaut.", "attack"),                    # the only event of the sentence
    ("Des émeutes ont éclaté à Almaty. La crise a déjà fait des dizaines de morts.", "riot"),   # "la crise"
    ("Le séisme a frappé le Japon. Douze personnes sont mortes.", None),     # not tied by the text
])
def test_casualty_causes(nlp, text, cause):
    doc = parse(nlp, text)
    (fig,) = doc.spans["casualties"]
    ev = event_of(fig)
    assert (ev.label_ if ev is not None else None) == cause


@pytest.mark.parametrize("text", [
    "Une embuscade a tué douze soldats lundi. Depuis 2015, les violences ont fait plus de 10 000 morts.",
    "Le naufrage a eu lieu jeudi. Plus de 20 000 migrants sont morts en Méditerranée depuis 1993.",
    "Les combats ont repris. Depuis janvier, la guerre a fait 3 000 morts.",
])
def test_a_total_since_a_year_or_month_is_caused_by_no_event_of_the_day(nlp, text):
    doc = parse(nlp, text)
    total = [f for f in doc.spans["casualties"] if f._.count >= 1000]
    assert total and all(event_of(f) is None for f in total)


def test_a_toll_since_a_day_is_still_the_events(nlp):
    doc = parse(nlp, "Les émeutes ont fait neuf morts depuis le 13 mai.")
    (fig,) = doc.spans["casualties"]
    assert event_of(fig).label_ == "riot"


def test_two_events_two_causes(nlp):
    doc = parse(nlp, "Une fusillade a fait deux morts et un incendie a fait un blessé.")
    assert [event_of(f).label_ for f in doc.spans["casualties"]] == ["attack", "accident"]


# ---------------------------------------------------------------- the seed article

SEED_EVENTS = [  # (type, actor, target, location, date, precision, duration)
    ("deployment", "OTSC", "force collective de maintien de la paix", "Kazakhstan", "2022-01-06", "published", ""),
    ("riot", "", "", "Kazakhstan", "2022-01-06", "published", ""),
    ("deployment", "OTSC", "mission", "Kazakhstan", "2022-01-06", "day", ""),
    ("request", "Kassym-Jomart Tokayev", "", "Kazakhstan", "2022-01-06", "published", ""),
    ("price_increase", "", "prix du carburant", "Kazakhstan", "2022-01-01", "day", ""),
    ("protest", "", "", "Kazakhstan", "2022-01-06", "published", ""),
    ("resignation", "Nursultan Nazarbayev", "", "Kazakhstan", "2019", "year", ""),
    ("crowd_control", "police", "manifestants", "Almaty", "2022-01-06", "published", ""),
    ("riot", "manifestants", "bâtiments gouvernementaux", "Almaty", "2022-01-06", "published", ""),
    ("state_of_emergency", "", "", "Kazakhstan", "2022-01-06", "published", "P14D"),
    ("curfew", "", "", "Kazakhstan", "2022-01-06", "published", ""),
    ("resignation", "gouvernement", "", "Kazakhstan", "2022-01-06", "published", ""),
]


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return parse(nlp, seed_text)


def test_seed_events(seed_doc):
    got = [(e._.event_type, e._.actor, e._.target, e._.location, e._.date, e._.date_precision, e._.duration)
           for e in seed_doc.spans["events"]]
    for expected in SEED_EVENTS:
        assert expected in got, expected
    assert {g[0] for g in got} == {e[0] for e in SEED_EVENTS}


def test_seed_events_carry_their_types(seed_doc):
    by_type = {e._.event_type: e for e in seed_doc.spans["events"]}
    assert (by_type["deployment"]._.plover_type, by_type["deployment"]._.acled_type) == \
        ("MOBILIZE", "Strategic developments")
    assert (by_type["riot"]._.plover_type, by_type["riot"]._.acled_type) == ("PROTEST", "Riots")
    assert by_type["request"]._.plover_type == "REQUEST"
    assert by_type["riot"]._.rule.startswith(("verb:riot.", "noun:riot."))


def test_seed_casualties_are_caused_by_the_riot(seed_doc):
    causes = {event_of(f).text for f in seed_doc.spans["casualties"]}
    assert causes == {"incendiaient"}


# ---------------------------------------------------------------- export

def test_event_rows_name_the_cause_by_its_final_id(nlp, seed_text):
    from pipeline import extract

    rows = extract(seed_text, published="2022-01-06").events
    assert list(rows.columns) == EVENT_COLUMNS
    riot = rows[(rows.event_type == "riot") & (rows.matched_text == "incendiaient")]
    assert len(riot) == 1 and riot["count"].isna().all()
    assert riot[["plover_type", "acled_type", "location", "country"]].values.tolist() == \
        [["PROTEST", "Riots", "Almaty", "KZ"]]
    casualties = rows[rows.event_type.isin(["killed", "injured"])]
    assert set(casualties.cause_event_id) == set(riot.event_id)
    assert set(casualties.date_precision) == {"published"}
    state = rows[rows.event_type == "state_of_emergency"]
    assert state.duration.tolist() == ["P14D"]


def test_number_events_maps_cause_keys_and_drops_them():
    rows = [
        {"char_start": 50, "char_end": 60, "event_type": "killed", "cause_event_id": "", "_cause_key": "10:19"},
        {"char_start": 10, "char_end": 19, "event_type": "attack", "cause_event_id": "", "_event_key": "10:19"},
        {"char_start": 70, "char_end": 80, "event_type": "injured", "cause_event_id": "", "_cause_key": None},
    ]
    number_events(rows, "a.txt")
    assert [(r["event_id"], r["cause_event_id"]) for r in rows] == [("a.txt#1", ""), ("a.txt#2", "a.txt#1"),
                                                                   ("a.txt#3", "")]
    assert not any(k.startswith("_") for r in rows for k in r)


# ---------------------------------------------------------------- serialisation

def test_component_round_trips_through_to_disk(tmp_path):
    nlp = spacy.blank("fr")
    pipe = nlp.add_pipe("fr_events_v1", name="fr_events")
    nlp.to_disk(tmp_path)
    assert (tmp_path / "fr_events" / "triggers.jsonl").exists()
    loaded = spacy.load(tmp_path)
    assert loaded.pipe_names == ["fr_events"]
    assert isinstance(loaded.get_pipe("fr_events"), EventFinder)
    assert loaded.get_pipe("fr_events").rows == pipe.rows


# ---------------------------------------------------------------- development corpus

# What each development article is about (titles in ../shared/eval/dev-sources.tsv), and the
# event types that count for it; dev_005 (arrests), dev_019 (a report on torture) and dev_027
# (migrants' testimonies) are about none of attack, disaster, riot or protest.
CATEGORIES = {
    "attack": {"attack", "armed_clash", "bombing"},
    "disaster": {"disaster", "accident", "epidemic"},
    "riot": {"riot"},
    "protest": {"protest"},
}
DEV_ARTICLES = {
    "dev_001.txt": "disaster", "dev_002.txt": "attack", "dev_003.txt": "attack", "dev_004.txt": "attack",
    "dev_006.txt": "disaster", "dev_007.txt": "disaster", "dev_008.txt": "disaster", "dev_009.txt": "disaster",
    "dev_010.txt": "disaster", "dev_011.txt": "disaster", "dev_012.txt": "protest", "dev_013.txt": "attack",
    "dev_014.txt": "attack", "dev_015.txt": "attack", "dev_016.txt": "attack", "dev_017.txt": "protest",
    "dev_018.txt": "protest", "dev_020.txt": "riot", "dev_021.txt": "disaster", "dev_022.txt": "disaster",
    "dev_023.txt": "disaster", "dev_024.txt": "disaster", "dev_025.txt": "disaster", "dev_026.txt": "protest",
}


@pytest.fixture(scope="module")
def dev_rows(nlp):
    require(DEV.is_dir(), "development corpus not available")
    from pipeline import extract_folder

    return extract_folder(DEV).events


@pytest.mark.parametrize("doc_id,category", sorted(DEV_ARTICLES.items()))
def test_dev_article_has_an_event_of_its_kind(dev_rows, doc_id, category):
    types = set(dev_rows[dev_rows.doc_id == doc_id].event_type)
    assert types & CATEGORIES[category], f"MISS {doc_id}: no {category} event, found {sorted(types)}"
