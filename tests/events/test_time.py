"""Durations, date precisions and the dates of events (pipeline/events/time.py)."""
import pytest

from pipeline.events import find_durations, iso_duration, precision_of

from .phrases import events


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
