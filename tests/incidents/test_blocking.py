"""pipeline/incidents/blocking.py: an article's rows split into reports."""
from datetime import date

from pipeline.incidents.blocking import document_reports, parse_date


def row(n, event_type, date_="", precision="published", date_text="", cause="", **kw):
    return dict(event_id=f"a#{n}", doc_id="a", event_type=event_type, date=date_, date_precision=precision,
                date_text=date_text, cause_event_id=cause and f"a#{cause}", **kw)


def test_parse_date_gives_the_days_covered():
    assert parse_date("2021-03-15") == (date(2021, 3, 15), date(2021, 3, 15))
    assert parse_date("2020-12") == (date(2020, 12, 1), date(2020, 12, 31))
    assert parse_date("2015") == (date(2015, 1, 1), date(2015, 12, 31))
    assert parse_date("") is None and parse_date("hier") is None


def test_an_article_is_one_report_of_its_news():
    rows = [row(1, "attack", "2021-03-21", "day", "dimanche"), row(2, "killed", "2021-03-22", count=137, cause=1),
            row(3, "deployment", "2021-03-22"), row(4, "killed", count=3)]
    [report] = document_reports("a", rows, "2021-03-22")
    assert report.family == "violence" and report.lo == date(2021, 3, 21)
    assert [r["event_id"] for r in report.rows] == ["a#1", "a#2", "a#3", "a#4"]


def test_an_earlier_event_the_article_recalls_is_a_report_of_its_own():
    """"L'attaque de dimanche... Le 15 mars, une autre attaque avait fait 66 morts." """
    rows = [row(1, "attack", "2021-03-21", "day", "dimanche"), row(2, "killed", count=137, cause=1),
            row(3, "attack", "2021-03-15", "day", "15 mars"), row(4, "killed", count=66, cause=3),
            row(5, "attack", "2021-01", "month", "janvier 2021"), row(6, "killed", count=100, cause=5)]
    main, march, january = document_reports("a", rows, "2021-03-22")
    assert [r["count"] for r in main.rows if "count" in r] == [137]
    assert march.lo == date(2021, 3, 15) and [r["count"] for r in march.rows if "count" in r] == [66]
    assert january.lo == date(2021, 1, 1) and [r["count"] for r in january.rows if "count" in r] == [100]


def test_a_total_over_years_is_not_the_days_toll():
    rows = [row(1, "attack", "2024-03-04", "day", "lundi"), row(2, "killed", count=12, cause=1),
            row(3, "killed", "2012", "year", "2012", count=10000,
                sentence="Depuis 2012, les violences ont fait plus de 10 000 morts.")]
    main, total = document_reports("a", rows, "2024-03-05")
    assert [r["event_id"] for r in main.rows] == ["a#1", "a#2"]
    assert [r["event_id"] for r in total.rows] == ["a#3"]


def test_dates_that_are_the_publication_or_later_are_not_event_dates():
    rows = [row(1, "disaster", "2016-08-25", "day", "ce jeudi"), row(2, "disaster", "2016-08-24", "day", "hier")]
    [report] = document_reports("a", rows, "2016-08-25")
    assert report.lo == date(2016, 8, 24)


def test_a_report_without_a_date_of_its_own_has_none():
    [report] = document_reports("a", [row(1, "riot"), row(2, "killed", count=2)], "2024-05-15")
    assert report.lo is None and report.anchor == date(2024, 5, 15)


def test_places_names_and_countries_come_from_rows_and_entities():
    rows = [row(1, "attack", location="Banibangou", country="NE", sentence="Une attaque à Banibangou.")]
    entities = [{"text": "Tillabéri", "label": "LOC", "canonical": "Tillabéri", "country": "NE", "geo_precision": "admin"},
                {"text": "Niger", "label": "LOC", "canonical": "Niger", "country": "NE", "geo_precision": "country"},
                {"text": "Alkache Alhada", "label": "PER", "canonical": "Alkache Alhada"},
                {"text": "Sahel", "label": "LOC", "canonical": "Sahel"}]
    [report] = document_reports("a", rows, "2021-03-16", entities)
    assert report.places == {"banibangou", "tillaberi"} and report.towns == {"banibangou"}
    assert report.countries == ("NE",) and report.features["N:alkache alhada"] == 1


def test_an_explosion_says_less_than_an_attack():
    """"L'attentat... deux explosions... une explosion": the report of a bombing."""
    rows = [row(1, "bombing", rule="noun:bombing.attentat"), row(2, "accident", rule="noun:accident.explosion"),
            row(3, "accident", rule="noun:accident.explosion"), row(4, "killed", count=14)]
    [report] = document_reports("a", rows, "2016-03-22")
    assert report.family == "violence"
    rows = [row(1, "accident", rule="noun:accident.naufrage"), row(2, "protest", rule="noun:protest.rassemblement"),
            row(3, "accident", rule="noun:accident.naufrage")]
    assert document_reports("a", rows, "2012-01-15")[0].family == "hazard"


def test_a_later_attack_the_article_adds_is_a_report_of_its_own():
    """"Les attaques du 21 mars ont fait 141 morts... Mercredi, au moins treize personnes ont été tuées
    au cours d'attaques contre trois villages de la région de Tillabéri." """
    rows = [row(1, "attack", "2021-03-21", "day", "21 mars"), row(2, "killed", "2021-03-24", "day", "hier",
                                                                  count=141, cause=1),
            row(3, "killed", count=13, cause=4), row(4, "attack", "2021-03-24", "day", "mercredi"),
            row(5, "deployment", "2021-03-24", "day", "mercredi")]
    main, later = document_reports("a", rows, "2021-03-25")
    assert [r["event_id"] for r in main.rows] == ["a#1", "a#2", "a#5"]
    assert [r["event_id"] for r in later.rows] == ["a#3", "a#4"] and later.lo == date(2021, 3, 24)
