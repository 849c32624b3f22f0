"""Who gave a figure, where and when: phrase table in, context out."""
import pytest

from pipeline.normalise import normalise


def first_figure(nlp, text, published="2022-01-06"):
    doc = nlp.make_doc(normalise(text))
    doc._.published = published
    return nlp(doc).spans["casualties"][0]


@pytest.mark.parametrize("text,source", [
    ("Douze policiers ont été tués, selon le ministère de l'Intérieur.", "ministère de l'Intérieur"),
    ("D'après la préfecture, trois personnes ont été blessées.", "préfecture"),
    ("La police a annoncé que trois personnes avaient été tuées.", "police"),
    ("Trois jeunes femmes sont mortes, a indiqué la police.", "police"),
    ("Selon l'Organisation mondiale de la santé, 300 personnes sont mortes.", "Organisation mondiale de la santé"),
    ("Trois personnes ont été blessées lors de l'incendie.", ""),
    ("Selon un dernier bilan, 11 personnes sont mortes.", ""),  # a tally is no source
    # a source is who gives the figure: never a tally, the victims or a place
    ("Le bilan fait état de 30 morts.", ""),
    ("Selon les chiffres du ministère de la Santé, 40 personnes sont mortes.", "ministère de la Santé"),
    ("Deux personnes ont annoncé que trois enfants avaient été blessés.", ""),
    ("Al Jazeera rapporte 11 morts.", "Al Jazeera"),
    ("Selon les premiers éléments, deux personnes ont été blessées.", ""),
    ("Les analyses balistiques indiquent que deux soldats ont été tués.", ""),
    ("Selon un rapport de l'Organisation mondiale de la santé, 300 personnes sont mortes.",
     "Organisation mondiale de la santé"),
    ("Selon les premières informations de la police, deux personnes ont été blessées.", "police"),
    ("Selon l'opposition et Médecins sans frontières, 322 personnes sont mortes.",
     "opposition et Médecins sans frontières"),
])
def test_source(nlp, text, source):
    assert first_figure(nlp, text)._.source == source


@pytest.mark.parametrize("text,location", [
    ("Un attentat a fait 25 morts mardi à Bagdad.", "Bagdad"),
    ("Au Mali, trois soldats ont été tués dans une embuscade.", "Mali"),
    ("Le passage du cyclone a fait au moins 3 morts à Saint-Denis.", "Saint-Denis"),
])
def test_location_from_the_sentence(nlp, text, location):
    assert first_figure(nlp, text)._.location == location


@pytest.mark.parametrize("text,location", [
    # the most specific place of the sentence: a town beats its region or country
    ("Un incendie a fait 60 morts à Kemerovo, en Sibérie.", "Kemerovo"),
    ("Une mutinerie dans une prison de Ciudad Juárez, au Mexique, a fait 20 morts.", "Ciudad Juárez"),
    ("Au Mexique, une mutinerie a fait 20 morts à Ciudad Juárez.", "Ciudad Juárez"),
    # the place the figure's own phrase gives
    ("Quatre blessés : trois pompiers dans l'Hérault et un habitant dans les Bouches-du-Rhône.", "Hérault"),
    # storms named like places are not places
    ("Le cyclone Nargis a fait 4000 morts en Birmanie.", "Birmanie"),
])
def test_most_specific_place_of_the_sentence(nlp, text, location):
    assert first_figure(nlp, text)._.location == location


def test_a_breakdown_by_place_takes_the_place_of_each_part(nlp):
    doc = nlp(normalise("Quatre blessés : trois pompiers dans l'Hérault et un habitant dans les Bouches-du-Rhône."))
    assert [(s._.count, s._.location) for s in doc.spans["casualties"]] == [
        (4, "Hérault"), (3, "Hérault"), (1, "Bouches-du-Rhône")]


def test_a_town_of_the_lede_beats_the_main_country(nlp):
    text = ("Deux explosions ont frappé Kampala dimanche soir. L'Ouganda est sous le choc. "
            "L'Ouganda a décrété un deuil national. Les médias font état de 76 morts.")
    assert first_figure(nlp, text)._.location == "Kampala"


def test_location_falls_back_to_the_main_place_of_the_document(nlp):
    text = ("Des émeutes ont éclaté au Kazakhstan. La police est intervenue au Kazakhstan. "
            "La crise a fait des dizaines de morts.")
    assert first_figure(nlp, text)._.location == "Kazakhstan"


@pytest.mark.parametrize("text,date,date_text", [
    ("Hier, deux personnes ont été tuées.", "2022-01-05", "Hier"),
    ("Samedi dernier, trois policiers ont été blessés.", "2022-01-01", "Samedi dernier"),
    ("Cet accident avait fait 228 morts le 1er juin 2009.", "2009-06-01", "1er juin 2009"),
    ("Trois personnes ont été blessées.", "2022-01-06", ""),  # the article's news: publication date
])
def test_date(nlp, text, date, date_text):
    span = first_figure(nlp, text)
    assert (span._.date, span._.date_text) == (date, date_text)


@pytest.mark.parametrize("text", [
    "Le concert a duré 12 heures.",
    "À 9 heures, les secours sont arrivés.",
    "Voir la page 3 du rapport.",
    "Le séisme de magnitude 7,8 a frappé la région.",
    "Les 27 pays de l'Union européenne ont condamné l'attaque.",
    "Sur les 150 passagers, aucun n'était français.",
])
def test_durations_times_pages_are_not_figures(nlp, text):
    doc = nlp(normalise(text))
    assert list(doc.spans["casualties"]) == []
