"""The event that caused a casualty figure, and totals caused by none (pipeline/events/causes.py)."""
import pytest

from pipeline.events import event_of

from .phrases import parse


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
