"""Line breaks and sentences: headlines, datelines and numbers."""
import pytest

from pipeline.paragraphs import after_numbers, headline_end, line_starts


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_a_headline_is_a_sentence_of_its_own(nlp):
    text = "Accident sur l'A7 : quatre morts\n\nLYON, 14 mars 2024 - Un car s'est renversé sur l'autoroute."
    assert sentences(nlp, text)[0] == "Accident sur l'A7 : quatre morts"


def test_a_headline_figure_gets_no_place_from_the_dateline(nlp):
    doc = nlp("Accident sur l'A7 : quatre morts\n\nLYON, 14 mars 2024 - Un car s'est renversé.")
    span = doc.spans["casualties"][0]
    assert (span._.count, span._.headline) == (4, True)
    assert "\n" not in span.sent.text.strip()


def test_a_paragraph_ends_its_last_sentence(nlp):
    text = "Un précédent bilan faisait état de 20 morts.\nSelon les autorités, 28 départements sont sinistrés."
    assert sentences(nlp, text) == ["Un précédent bilan faisait état de 20 morts.",
                                    "Selon les autorités, 28 départements sont sinistrés."]


def test_body_figures_are_not_headline_figures(nlp):
    doc = nlp("Séisme : 12 morts\nRome - Le séisme a fait 12 morts et 30 blessés.")
    assert [(s._.count, s._.headline) for s in doc.spans["casualties"]] == [(12, True), (12, False), (30, False)]


@pytest.mark.parametrize("text,expected", [
    ("Titre\n\nTexte suivi.", [2]),                       # a blank line
    ("Quatre morts sur l'A7\nLYON - Un car.", [6]),        # the headline's line
    ("Un car s'est renversé.\nLe bilan est lourd.", [7]),  # a paragraph ends with its full stop
    ("Il a crié « Au secours ! »\nLe bilan est lourd.", [9]),
    ("Il a vu M.\nDupont hier.", []),                     # "M." ends no sentence
    ("Un car s'est renversé.\nle bilan est lourd.", []),  # no capital after the break
    ("Le car s'est renversé sur\nl'autoroute.", []),      # a hard-wrapped sentence
    ("Un texte sans saut de ligne.", []),
    ("Défection d'un soldat\ndimanche 7 octobre 2012\nUn soldat a tué deux officiers.", [5]),  # a date line
])
def test_line_starts(nlp, text, expected):
    assert line_starts(nlp.make_doc(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Quatre morts sur l'A7\nLYON - Un car s'est renversé.", 21),
    ("Un car s'est renversé.\nLe bilan est lourd.", 0),   # a sentence, not a headline
    ("Une seule ligne", 0),
    ("\n\nTitre\nTexte.", 7),
    ("Défection d'un soldat\ndimanche 7 octobre 2012\nUn soldat a tué deux officiers.", 21),
    ("Défection d'un soldat\ndimanche 7 octobre 2012\nun soldat a tué deux officiers.", 0),
    ("Défection d'un soldat\ndimanche, les gendarmes ont arrêté\ntrois hommes.", 0),  # a wrapped sentence
])
def test_headline_end(text, expected):
    assert headline_end(text) == expected


def test_a_headline_followed_by_a_date_line_is_a_sentence_of_its_own(nlp):
    text = ("Réactions à la défection d'un soldat nord-coréen\ndimanche 7 octobre 2012\n"
            "Un soldat nord-coréen aurait tué deux de ses supérieurs et fait défection.")
    assert sentences(nlp, text)[0] == "Réactions à la défection d'un soldat nord-coréen"
    doc = nlp(text)
    assert [(s._.count, s.text) for s in doc.spans["casualties"]] == [(2, "tué deux de ses supérieurs")]


@pytest.mark.parametrize("line, dates_it", [
    ("dimanche 7 octobre 2012", True), ("Publié le 24 août 2016 à 10 h", True), ("6 janvier 2022", True),
    ("mis à jour le 12/03/2021", True), ("dimanche, les gendarmes ont arrêté", False),
    ("Le 7 octobre, douze morts à Lyon", False), ("lundi", False),
])
def test_a_line_that_only_dates_the_article(line, dates_it):
    from pipeline.language.paragraphs import date_line_end

    text = f"Titre\n{line}\nLe texte."
    assert (date_line_end(text, 5) == 6 + len(line)) is dates_it


def test_no_sentence_starts_inside_a_number(nlp):
    doc = nlp.make_doc("jetant à la rue 92 706 personnes et 12.480 sinistrés")
    assert [doc[i].text for i in after_numbers(doc)] == ["706", "personnes", "sinistrés"]
    text = "Sur l'île, 20 000 habitations ont été détruites, jetant à la rue 92 706 personnes sans-abri."
    doc = nlp(text)
    assert [s._.count for s in doc.spans["casualties"]] == [92706]
