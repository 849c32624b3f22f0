"""Phrase tables for ``pipeline.dates``: one row per form, non-dates, spans, real sentences."""
from __future__ import annotations

import pytest

from pipeline.dates import DateMention, find_dates, resolve_date

PUB = "2022-01-06"  # a Thursday

# (sentence, expected mention text, value, precision); published = PUB
FORMS = [
    ("Un communiqué diffusé ce jeudi sur Telegram.", "ce jeudi", "2022-01-06", "day"),
    ("Il est arrivé jeudi à Almaty.", "jeudi", "2022-01-06", "day"),
    ("Il est arrivé mardi à Almaty.", "mardi", "2022-01-04", "day"),
    ("Un communiqué diffusé ce jeudi matin sur Telegram.", "ce jeudi matin", "2022-01-06", "day"),
    ("La réunion de jeudi soir a été annulée.", "jeudi soir", "2022-01-06", "day"),
    ("Jeudi la situation a dégénéré.", "Jeudi", "2022-01-06", "day"),
    ("Il a parlé vendredi dans la soirée.", "vendredi dans la soirée", "2021-12-31", "day"),
    ("La hausse des prix samedi dernier.", "samedi dernier", "2022-01-01", "day"),
    ("Les manifestants reviendront jeudi prochain.", "jeudi prochain", "2022-01-13", "day"),
    ("Les manifestants reviendront lundi prochain.", "lundi prochain", "2022-01-10", "day"),
    ("Le président a parlé hier.", "hier", "2022-01-05", "day"),
    ("Les émeutes ont commencé avant-hier.", "avant-hier", "2022-01-04", "day"),
    ("La situation reste tendue aujourd'hui.", "aujourd'hui", "2022-01-06", "day"),
    ("La situation reste tendue aujourd’hui.", "aujourd’hui", "2022-01-06", "day"),
    ("Le vote aura lieu demain.", "demain", "2022-01-07", "day"),
    ("Des tirs ont été entendus ce matin.", "ce matin", "2022-01-06", "day"),
    ("Des tirs ont été entendus cette nuit.", "cette nuit", "2022-01-06", "day"),
    ("Des tirs ont été entendus la nuit dernière.", "la nuit dernière", "2022-01-05", "day"),
    ("Des tirs ont été entendus hier soir.", "hier soir", "2022-01-05", "day"),
    ("Des tirs dans la nuit de mercredi à jeudi.", "nuit de mercredi à jeudi", "2022-01-05", "day"),
    ("Il est né le 9 juin 2010 à Paris.", "9 juin 2010", "2010-06-09", "day"),
    ("Il est né 9 juin 2010 à Paris.", "9 juin 2010", "2010-06-09", "day"),
    ("L'avion s'est écrasé le 1er juin 2009.", "1er juin 2009", "2009-06-01", "day"),
    ("Le sommet du jeudi 6 janvier 2022.", "jeudi 6 janvier 2022", "2022-01-06", "day"),
    ("Il a été arrêté le 19 mars dernier.", "19 mars dernier", "2021-03-19", "day"),
    ("Il a été arrêté le 3 janvier dernier.", "3 janvier dernier", "2022-01-03", "day"),
    ("Le procès s'ouvrira le 16 juillet prochain.", "16 juillet prochain", "2022-07-16", "day"),
    ("Le scrutin du 2 décembre a été contesté.", "2 décembre", "2021-12-02", "day"),
    ("Le texte signé le 4 janv. 2020.", "4 janv. 2020", "2020-01-04", "day"),
    ("Nursultan Nazarbayev a démissionné en 2019.", "2019", "2019", "year"),
    ("Il dirige le pays depuis 1991.", "1991", "1991", "year"),
    ("Le séisme a eu lieu en juin 2011.", "juin 2011", "2011-06", "month"),
    ("Le séisme de juillet 2011 a tout détruit.", "juillet 2011", "2011-07", "month"),
    ("Les combats ont repris en mars 2011.", "mars 2011", "2011-03", "month"),
    ("Les combats ont repris en juin dernier.", "juin dernier", "2021-06", "month"),
    ("Les combats de juin dernier.", "juin dernier", "2021-06", "month"),
    ("Les combats de janvier dernier.", "janvier dernier", "2021-01", "month"),
    ("Les élections de mars prochain.", "mars prochain", "2022-03", "month"),
    ("Les combats ont repris en novembre.", "novembre", "2021-11", "month"),
    ("Il y a deux semaines, la ville était calme.", "Il y a deux semaines", "2021-12-23", "day"),
    ("Il est parti il y a 3 jours.", "il y a 3 jours", "2022-01-03", "day"),
    ("Il est parti il y a deux ans.", "il y a deux ans", "2020", "year"),
    ("Il est parti il y a un an.", "il y a un an", "2021", "year"),
    ("Il est parti il y a douze mois.", "il y a douze mois", "2021-01", "month"),
    ("Il y a vingt-deux jours, tout a commencé.", "Il y a vingt-deux jours", "2021-12-15", "day"),
    ("Le vote aura lieu dans une semaine.", "dans une semaine", "2022-01-13", "day"),
    ("Les soldes commencent début janvier.", "début janvier", "2022-01", "month"),
    ("Les soldes commencent mi-janvier.", "mi-janvier", "2022-01", "month"),
    ("Les soldes commencent fin janvier.", "fin janvier", "2022-01", "month"),
    ("Les soldes ont commencé fin février.", "fin février", "2021-02", "month"),
    ("Le chantier a commencé fin 2014.", "fin 2014", "2014", "year"),
    ("Le chantier a commencé début 2014.", "début 2014", "2014", "year"),
    ("Le décret du 06/01/2022 est paru.", "06/01/2022", "2022-01-06", "day"),
    ("Le décret du 2022-01-06 est paru.", "2022-01-06", "2022-01-06", "day"),
    ("Les prix ont augmenté le mois dernier.", "le mois dernier", "2021-12", "month"),
    ("Les prix ont augmenté l'an dernier.", "l'an dernier", "2021", "year"),
    ("Les prix ont augmenté l’année dernière.", "l’année dernière", "2021", "year"),
    ("Les prix ont augmenté cette année.", "cette année", "2022", "year"),
    ("Les prix ont augmenté la semaine dernière.", "la semaine dernière", "2021-12-27", "day"),
    ("Les prix augmenteront la semaine prochaine.", "la semaine prochaine", "2022-01-10", "day"),
    ("Les prix ont augmenté cette semaine.", "cette semaine", "2022-01-03", "day"),
]


@pytest.mark.parametrize("sentence, text, value, precision", FORMS)
def test_forms(sentence, text, value, precision):
    found = find_dates(sentence, PUB)
    assert [(m.text, m.value, m.precision) for m in found] == [(text, value, precision)]


# (sentence, published, expected value, precision): year inference and other dates
OTHER_PUBLISHED = [
    ("Le match de dimanche 23 avril.", "2017-05-02", "2017-04-23", "day"),
    ("Le match de dimanche 23 avril.", "2022-01-06", "2023-04-23", "day"),  # nearest year with a Sunday
    ("Le match du 23 avril.", "2022-01-06", "2021-04-23", "day"),
    ("Le match de jeudi.", "2022-01-09", "2022-01-06", "day"),
    ("Le match de dimanche dernier.", "2022-01-09", "2022-01-02", "day"),
    ("Les combats de juin dernier.", "2022-07-15", "2022-06", "month"),
    ("Le mois dernier.", "2022-03-31", "2022-02", "month"),
    ("Le 29 février dernier.", "2022-01-06", "2020-02-29", "day"),
    ("Publié hier.", "2022-01-06T08:30:00", "2022-01-05", "day"),
]


@pytest.mark.parametrize("sentence, published, value, precision", OTHER_PUBLISHED)
def test_other_published(sentence, published, value, precision):
    assert [(m.value, m.precision) for m in find_dates(sentence, published)] == [(value, precision)]


def test_range_borrows_year_of_second_end():
    found = find_dates("Les Jeux, du 27 juillet au 12 août 2012, à Londres.", PUB)
    assert [(m.text, m.value) for m in found] == [("27 juillet", "2012-07-27"), ("12 août 2012", "2012-08-12")]


def test_range_across_new_year():
    found = find_dates("du 28 décembre au 3 janvier 2021", PUB)
    assert [m.value for m in found] == ["2020-12-28", "2021-01-03"]


def test_range_sharing_month():
    found = find_dates("entre le 3 et le 5 juin 2012", PUB)
    assert [(m.text, m.value) for m in found] == [("3", "2012-06-03"), ("5 juin 2012", "2012-06-05")]


NON_DATES = [
    "Il est mort à 45 ans.",
    "La réunion commence à 9 heures.",
    "La réunion commence à 10h45.",
    "Le train part à 5 h 25.",
    "Le sommet culmine à 2 000 m.",
    "Le pays compte 2 700 000 habitants.",
    "Le 18e congrès du parti.",
    "Les jeudistes se sont réunis.",
    "Pas moins de 50 maisons ont brûlé.",
    "Les otages ont été détenus 444 jours.",
    "Un état d'urgence de deux semaines a été décrété.",
    "Ils étaient 2019 manifestants.",
    "Entre 1500 et 2000 personnes, en 2000 mètres.",
    "Le 45 juin n'existe pas, ni le 31/02/2020.",
    "Il y a plusieurs jours de marche.",
    "Dans les deux ans.",
    "Le robot explore la planète Mars.",
    "Ce jour-là, cette nuit-là, ce jeudi-là, il pleuvait.",
]


@pytest.mark.parametrize("sentence", NON_DATES)
def test_non_dates(sentence):
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize("sentence", [f[0] for f in FORMS] + [o[0] for o in OTHER_PUBLISHED])
def test_spans(sentence):
    for m in find_dates(sentence, PUB):
        assert sentence[m.start:m.end] == m.text


def test_left_to_right_without_overlap():
    text = "Hier, le 5 janvier 2022, puis jeudi 6 janvier, et en 2019."
    found = find_dates(text, PUB)
    assert [m.text for m in found] == ["Hier", "5 janvier 2022", "jeudi 6 janvier", "2019"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("sentence, text, value, precision", [
    ("hier soir", "hier soir", "", ""),
    ("samedi dernier", "samedi dernier", "", ""),
    ("il y a deux semaines", "il y a deux semaines", "", ""),
    ("le 23 avril", "23 avril", "", ""),
    ("en juin dernier", "juin dernier", "", ""),
    ("le 9 juin 2010", "9 juin 2010", "2010-06-09", "day"),
    ("en 2019", "2019", "2019", "year"),
    ("juillet 2011", "juillet 2011", "2011-07", "month"),
    ("du 27 juillet au 12 août 2012", "27 juillet", "2012-07-27", "day"),
])
def test_without_published(sentence, text, value, precision):
    first = find_dates(sentence)[0]
    assert (first.text, first.value, first.precision) == (text, value, precision)


@pytest.mark.parametrize("expr, published, expected", [
    ("samedi dernier", PUB, ("2022-01-01", "day")),
    ("en 2019", None, ("2019", "year")),
    ("2019", None, ("2019", "year")),
    ("juin", PUB, ("2021-06", "month")),
    ("la semaine dernière", PUB, ("2021-12-27", "day")),
    ("hier", None, ("", "")),
    ("45 ans", PUB, ("", "")),
    ("", PUB, ("", "")),
])
def test_resolve_date(expr, published, expected):
    assert resolve_date(expr, published) == expected


@pytest.mark.parametrize("sentence, text, value, precision", [
    ("La crise au Kazakhstan a été provoquée par la hausse des prix du carburant samedi dernier",
     "samedi dernier", "2022-01-01", "day"),
    ("l’ancien dirigeant de longue date Nursultan Nazarbayev, qui a démissionné en 2019 mais reste puissant",
     "2019", "2019", "year"),
    ("cet accident avait fait 228 morts le 1er juin 2009", "1er juin 2009", "2009-06-01", "day"),
    ("Dans un communiqué diffusé ce jeudi matin sur Telegram par la porte-parole",
     "ce jeudi matin", "2022-01-06", "day"),
])
def test_news_sentences(sentence, text, value, precision):
    assert [(m.text, m.value, m.precision) for m in find_dates(sentence, PUB)] == [(text, value, precision)]


def test_seed_article(seed_text):
    found = find_dates(seed_text, PUB)
    assert [(m.text, m.value) for m in found] == [
        ("ce jeudi matin", "2022-01-06"), ("samedi dernier", "2022-01-01"), ("2019", "2019")]
    assert all(seed_text[m.start:m.end] == m.text for m in found)


def test_mention_is_frozen():
    m = find_dates("hier", PUB)[0]
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.value = "x"
