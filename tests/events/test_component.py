"""The fr_events component: the seed article, the rows it gives, its serialisation and the
development corpus (pipeline/events/component.py)."""
import pytest
import spacy

from conftest import SHARED, require
from pipeline.events import EventFinder, event_of
from pipeline.export import EVENT_COLUMNS, number_events

from .phrases import parse

DEV = SHARED / "corpus-dev"


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


def test_component_round_trips_through_to_disk(tmp_path):
    nlp = spacy.blank("fr")
    pipe = nlp.add_pipe("fr_events_v1", name="fr_events")
    nlp.to_disk(tmp_path)
    assert (tmp_path / "fr_events" / "triggers.jsonl").exists()
    loaded = spacy.load(tmp_path)
    assert loaded.pipe_names == ["fr_events"]
    assert isinstance(loaded.get_pipe("fr_events"), EventFinder)
    assert loaded.get_pipe("fr_events").rows == pipe.rows


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
