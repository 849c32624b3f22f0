"""Who gave a figure, where and when: phrase table in, context out."""
import pytest

from pipeline.casualties.tallies import cumulative
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
    # the agent of a carrier's participle
    ("Selon un nouveau bilan communiqué dimanche par les autorités, 39 personnes ont péri.", "autorités"),
    ("Selon un bilan publié par le ministère de la Santé, 12 personnes sont mortes.", "ministère de la Santé"),
    ("Selon un bilan établi par la préfecture, trois personnes ont été blessées.", "préfecture"),
    ("Selon un bilan établi par endroits, trois personnes ont été blessées.", ""),
    ("Le bilan, qui fait état de 30 morts, pourrait encore s'alourdir.", ""),
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


@pytest.mark.parametrize("text,location", [
    # an event's name gives its place
    ("L'accident minier de Soma a fait 301 morts en Turquie.", "Soma"),
    ("C'est la pire catastrophe en Turquie depuis la catastrophe de Kozlu, qui a fait 263 morts.", "Kozlu"),
    ("En Italie, le séisme d'Amatrice a fait 299 morts.", "Amatrice"),
    # not a ship or a thing named after an article
    ("En Corée du Sud, le naufrage du Sewol a fait 304 morts.", "Corée du Sud"),
    ("Au Nigeria, le massacre de Noël a fait 40 morts.", "Nigeria"),  # a time, not a place
    # a place noun says what a name is: a village, a municipality (whatever the tagger calls it)
    ("Aux Philippines, le village de Guinsaugon a été englouti : 200 morts.", "Guinsaugon"),
    ("En Colombie, 30 corps ont été retrouvés dans la municipalité de Bello.", "Bello"),
    # a quarter or a street is in its town, which the figure takes
    ("Dans le quartier populaire de Noailles, à Marseille, l'effondrement a fait huit morts.", "Marseille"),
    ("Deux immeubles de la rue d'Aubagne, à Marseille, se sont effondrés, faisant huit morts.", "Marseille"),
    # a place after coordinated figures is theirs
    ("Le naufrage dans la Manche a fait 27 morts, deux blessés et un disparu près de Calais.", "Calais"),
    ("L'explosion a fait 12 morts et 30 blessés à Lyon, en France.", "Lyon"),
])
def test_place_of_a_figure_from_names_and_place_nouns(nlp, text, location):
    assert first_figure(nlp, text)._.location == location


def test_coordinated_figures_with_places_of_their_own_keep_them(nlp):
    doc = nlp(normalise("Le séisme a fait 12 morts à Lyon et 30 blessés à Grenoble."))
    assert [(s._.count, s._.location) for s in doc.spans["casualties"]] == [(12, "Lyon"), (30, "Grenoble")]


def test_a_breakdown_by_place_takes_the_place_of_each_part(nlp):
    doc = nlp(normalise("Quatre blessés : trois pompiers dans l'Hérault et un habitant dans les Bouches-du-Rhône."))
    assert [(s._.count, s._.location) for s in doc.spans["casualties"]] == [
        (4, "Hérault"), (3, "Hérault"), (1, "Bouches-du-Rhône")]


def test_a_town_of_the_lede_beats_the_main_country(nlp):
    text = ("Deux explosions ont frappé Kampala dimanche soir. L'Ouganda est sous le choc. "
            "L'Ouganda a décrété un deuil national. Les médias font état de 76 morts.")
    assert first_figure(nlp, text)._.location == "Kampala"


def test_the_lede_skips_the_publication_line(nlp):
    text = ("Glissement de terrain meurtrier\nPublié le 7 décembre 2010\n"
            "Un glissement de terrain a enseveli des maisons de la ville de Bello, en Colombie. "
            "La Colombie est sous le choc. La Colombie pleure. Les secours ont retrouvé 30 corps.")
    assert first_figure(nlp, text)._.location == "Bello"


def test_a_town_of_the_lede_beats_the_main_division_it_lies_in(nlp):
    text = ("Des pluies torrentielles sur la province du Leyte du Sud ont englouti le village de Guinsaugon. "
            "Le Leyte du Sud est dévasté. Le Leyte du Sud attend de l'aide. Les bilans font état de 200 morts.")
    assert first_figure(nlp, text)._.location == "Guinsaugon"


def test_a_town_far_from_the_main_division_is_not_its_place(nlp):
    text = ("Immolations au Tibet\n\nPendant qu'à Pékin se tient le congrès du Parti, le Tibet proteste. "
            "Au Tibet, la colère monte. En moins de 48 heures, 6 Tibétains se sont immolés par le feu.")
    assert first_figure(nlp, text)._.location == "Tibet"


def test_a_storm_is_no_place_even_where_its_name_stands_alone(nlp):
    doc = nlp(normalise("Ouragan Sandy : 39 morts aux États-Unis\n\nLe passage de Sandy sur la côte est a fait 39 morts."))
    assert [e.label_ for e in doc.ents if e.text == "Sandy"] == ["MISC"]
    assert all(s._.location != "Sandy" for s in doc.spans["casualties"])


def test_a_total_over_years_takes_the_main_place_not_the_ledes_town(nlp):
    text = ("Glissement de terrain en Colombie\n\nUn glissement de terrain a enseveli des maisons de la ville de Bello. "
            "La Colombie est sous le choc. La Colombie pleure. Les secours ont retrouvé 30 corps. "
            "Au moins 176 personnes ont été tuées par les pluies depuis le début de l'année.")
    doc = nlp(normalise(text))
    assert [(s._.count, s._.location) for s in doc.spans["casualties"]] == [(30, "Bello"), (176, "Colombie")]


@pytest.mark.parametrize("sentence,total", [
    ("Depuis 2015, les violences ont fait plus de 10 000 morts.", True),
    ("Plus de 20 000 migrants sont morts en Méditerranée depuis 1993.", True),
    ("Les combats ont fait des milliers de morts depuis des années.", True),
    ("Au moins 176 personnes ont été tuées depuis le début de l'année.", True),
    ("Les émeutes ont fait neuf morts depuis le 13 mai.", False),
    ("L'attaque a fait 12 morts lundi.", False),
])
def test_totals_over_years(sentence, total):
    assert cumulative(sentence) is total


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
