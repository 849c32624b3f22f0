"""pipeline/incidents/tolls.py: best, low and high estimates of a toll."""
import pytest

from pipeline.incidents.tolls import estimate, previous, subset


def fig(event_id, count, published, date=None, **kw):
    return dict(event_id=event_id, count=count, published=published, date=date or published, **kw)


def test_best_is_the_latest_report_even_when_revised_down():
    rows = [fig("a#1", 45, "2024-03-05"), fig("b#2", 38, "2024-03-07"), fig("c#1", 41, "2024-03-06")]
    assert estimate(rows) == {"best": 38, "low": 38, "high": 45, "from": "b#2"}


def test_best_is_the_latest_report_when_bodies_are_found():
    rows = [fig("a#1", 5, "2012-01-15"), fig("b#1", 11, "2012-01-17"), fig("c#3", 30, "2012-03-26")]
    assert estimate(rows)["best"] == 30


def test_within_the_latest_report_the_latest_tally_wins():
    """"Cinq corps retrouvés le 22 mars ... portent le nombre de corps découverts à 30"."""
    rows = [fig("c#1", 5, "2012-03-26", date="2012-03-22"), fig("c#3", 30, "2012-03-26"),
            fig("c#5", 5, "2012-03-26", date="2012-03-19")]
    assert estimate(rows)["best"] == 30


def test_a_subset_never_is_the_total():
    rows = [fig("a#1", 32, "2016-03-30"), fig("a#2", 4, "2016-03-30", rule="subset:noun:killed.mort"),
            fig("a#3", 140, "2016-03-30", rule="subset:noun:killed.mort")]
    assert estimate(rows) == {"best": 32, "low": 32, "high": 32, "from": "a#1"}


def test_an_earlier_toll_recalled_is_not_the_best_but_bounds_it():
    sentence = "Le précédent bilan faisait état de 35 morts, mais des victimes avaient été comptées deux fois."
    rows = [fig("a#1", 32, "2016-03-30", sentence="Les attentats ont fait 32 morts.", matched_text="32 morts"),
            fig("a#2", 35, "2016-03-30", sentence=sentence, matched_text="35 morts")]
    assert estimate(rows) == {"best": 32, "low": 32, "high": 35, "from": "a#1"}


@pytest.mark.parametrize("sentence, matched", [
    ("Le précédent bilan faisait état de 35 morts.", "35 morts"),
    ("Un bilan précédent de ces attaques faisait état de 137 morts.", "137 morts"),
    ("Un nouveau bilan de 66 morts, contre 58 annoncés jusqu'ici.", "58"),
    ("Le bilan initial était de 20 morts.", "20 morts"),
])
def test_earlier_tolls(sentence, matched):
    assert previous(sentence, matched)


@pytest.mark.parametrize("sentence, matched", [
    ("Un nouveau bilan de 66 morts, contre 58 annoncés jusqu'ici.", "66 morts"),
    ("Le bilan a été révisé à la baisse à 38 morts.", "38 morts"),
    ("Selon un dernier bilan, l'attaque a fait 12 morts.", "12 morts"),
])
def test_current_tolls(sentence, matched):
    assert not previous(sentence, matched)


def test_subset_rule():
    assert subset("subset:noun:killed.mort") and not subset("noun:killed.mort") and not subset("")
    assert subset("partitive:killed.succomber") and subset("breakdown:noun:killed.mort")


def test_no_figure_gives_empty_estimates():
    assert estimate([]) == {"best": None, "low": None, "high": None, "from": ""}
    assert estimate([fig("a#1", None, "2024-01-01")])["best"] is None


def test_a_figure_dated_with_the_event_is_the_articles_current_tally():
    """"Les attentats du 22 mars ont fait 32 morts... mardi, 17 victimes belges identifiées"."""
    rows = [fig("a#2", 32, "2016-03-30", date="2016-03-22", event_day="2016-03-22"),
            fig("a#3", 17, "2016-03-30", date="2016-03-29", event_day="2016-03-22")]
    assert estimate(rows)["best"] == 32


def test_a_tally_of_an_earlier_day_gives_way_to_the_days_one():
    """"Lundi, le bilan était de 45 morts. Il a été ramené à 38." (a Wednesday paper)"""
    rows = [fig("a#2", 45, "2024-03-06", date="2024-03-04", event_day="2024-03-03"),
            fig("a#3", 38, "2024-03-06", event_day="2024-03-03")]
    assert estimate(rows)["best"] == 38


@pytest.mark.parametrize("sentence, matched", [
    ("Selon un premier bilan, l'attaque a fait 12 morts.", "12 morts"),
    ("Selon un bilan provisoire, près de 19 400 personnes ont été tuées.", "19 400 personnes ont été tuées"),
    ("Un second bilan fait état de 758 morts.", "758 morts"),
])
def test_a_first_or_provisional_toll_is_the_current_one(sentence, matched):
    assert not previous(sentence, matched)


def test_a_first_toll_recalled_in_the_imperfect_is_an_earlier_one():
    assert previous("Le premier bilan qui faisait état d'une centaine de morts a été réévalué.", "une centaine de morts")


def test_a_toll_of_the_past_in_the_latest_report_gives_way_to_its_current_one():
    """"Un autre massacre, le 15 mars, avait fait 66 morts" in a report of 141 dead."""
    rows = [fig("a#2", 141, "2021-03-25", sentence="Les attaques ont fait 141 morts.", matched_text="141 morts"),
            fig("a#5", 166, "2021-03-25", sentence="Le 15 mars, 166 personnes avaient été tuées.",
                matched_text="166 personnes avaient été tuées")]
    assert estimate(rows)["best"] == 141


def test_the_latest_report_gives_the_best_even_in_the_plus_que_parfait():
    """"L'attaque de lundi, qui avait fait 19 morts..." is the latest word on it."""
    rows = [fig("a#2", 12, "2024-03-05"),
            fig("b#2", 19, "2024-03-08", sentence="L'attaque de lundi, qui avait fait 19 morts, a été revendiquée.",
                matched_text="19 morts")]
    assert estimate(rows)["best"] == 19
