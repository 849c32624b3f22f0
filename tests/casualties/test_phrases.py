"""Casualty figures: French phrase in, expected rows out (the real model)."""
import pytest

from pipeline.casualties import victim_group
from pipeline.normalise import normalise


def rows(nlp, text, published="2022-01-06"):
    doc = nlp.make_doc(normalise(text))
    doc._.published = published
    doc = nlp(doc)
    return [(s._.event_type, s._.count, s._.count_low, s._.count_high, s._.qualifier, s._.victims)
            for s in doc.spans["casualties"]]


@pytest.mark.parametrize("text,expected", [
    # nouns, verbs and participles, in any order
    ("L'attaque a fait 12 morts.", [("killed", 12, 12, 12, "exact", "unspecified")]),
    ("Douze personnes ont été tuées dans l'attaque.", [("killed", 12, 12, 12, "exact", "unspecified")]),
    ("Neuf civils ont péri lors de l'assaut.", [("killed", 9, 9, 9, "exact", "civilians")]),
    ("Au moins quinze personnes ont perdu la vie.", [("killed", 15, 15, None, "at_least", "unspecified")]),
    ("Le bilan s'élève à 35 morts.", [("killed", 35, 35, 35, "exact", "unspecified")]),
    ("L'explosion a fait 3 blessés graves.", [("injured", 3, 3, 3, "exact", "unspecified")]),
    ("Deux policiers tués et trois blessés.", [("killed", 2, 2, 2, "exact", "security_forces"),
                                              ("injured", 3, 3, 3, "exact", "unspecified")]),
    ("Un policier a été tué.", [("killed", 1, 1, 1, "exact", "security_forces")]),
    ("Quatre personnes sont portées disparues.", [("missing", 4, 4, 4, "exact", "unspecified")]),
    ("La police a procédé à 25 interpellations.", [("arrested", 25, 25, 25, "exact", "unspecified")]),
    ("Six terroristes présumés ont été arrêtés à Londres.", [("arrested", 6, 6, 6, "exact", "militants")]),
    ("Les rebelles ont pris 52 diplomates en otages.", [("kidnapped", 52, 52, 52, "exact", "unspecified")]),
    ("145 000 personnes ont dû être évacuées.", [("displaced", 145000, 145000, 145000, "exact", "unspecified")]),
    ("Le séisme a fait des milliers de sans-abri.", [("displaced", 2000, 2000, 9999, "vague", "unspecified")]),
    ("46 mineurs se trouvent piégés au fond.", [("affected", 46, 46, 46, "exact", "unspecified")]),
    ("On compte 120 cas de choléra.", [("affected", 120, 120, 120, "exact", "unspecified")]),
    # numbers
    ("L'accident a fait une dizaine de blessés.", [("injured", 10, None, None, "approx", "unspecified")]),
    ("Il y a eu plusieurs blessés.", [("injured", 2, 2, None, "vague", "unspecified")]),
    ("Entre 10 et 15 soldats ont été tués.", [("killed", 10, 10, 15, "range", "security_forces")]),
    ("Près de 30 manifestants ont été blessés.", [("injured", 30, None, None, "approx", "protesters")]),
    ("L'incendie n'a fait aucune victime.", [("affected", 0, 0, 0, "exact", "unspecified")]),
    ("Soixante et onze mineurs sont morts.", [("killed", 71, 71, 71, "exact", "unspecified")]),
    # coordination, scope and subsets
    ("La crise a fait des dizaines de morts et au moins un millier de blessés parmi les civils "
     "et douze tués et 353 blessés dans les rangs des forces de l'ordre.",
     [("killed", 20, 20, 99, "vague", "civilians"), ("injured", 1000, 1000, None, "at_least", "civilians"),
      ("killed", 12, 12, 12, "exact", "security_forces"), ("injured", 353, 353, 353, "exact", "security_forces")]),
    ("L'attaque a fait 14 morts, dont les 5 assaillants.", [("killed", 14, 14, 14, "exact", "unspecified"),
                                                           ("killed", 5, 5, 5, "exact", "militants")]),
    ("19 personnes sont blessées, dont 2 grièvement.", [("injured", 19, 19, 19, "exact", "unspecified"),
                                                       ("injured", 2, 2, 2, "exact", "unspecified")]),
    ("Cinq hommes et une femme ont été arrêtés.", [("arrested", 5, 5, 5, "exact", "unspecified"),
                                                   ("arrested", 1, 1, 1, "exact", "unspecified")]),
    ("Un des mineurs est décédé et un autre porté disparu.", [("killed", 1, 1, 1, "exact", "unspecified"),
                                                              ("missing", 1, 1, 1, "exact", "unspecified")]),
    ("Deux personnes sont mortes et une vingtaine ont été blessées.",
     [("killed", 2, 2, 2, "exact", "unspecified"), ("injured", 20, None, None, "approx", "unspecified")]),
    ("18 personnes ont été secourues et 3 sont toujours portées disparues.",
     [("missing", 3, 3, 3, "exact", "unspecified")]),
    ("L'accident a coûté la vie à quatre personnes.", [("killed", 4, 4, 4, "exact", "unspecified")]),
    ("Le nombre de morts est passé à 45.", [("killed", 45, 45, 45, "exact", "unspecified")]),
    ("Les secours ont retrouvé les corps de 12 personnes.", [("killed", 12, 12, 12, "exact", "unspecified")]),
    ("Huit personnes ont été placées en garde à vue.", [("arrested", 8, 8, 8, "exact", "unspecified")]),
    ("La police a interpellé 45 personnes.", [("arrested", 45, 45, 45, "exact", "unspecified")]),
    ("Un homme armé a ouvert le feu, tuant trois personnes.", [("killed", 3, 3, 3, "exact", "unspecified")]),
    ("Trente-deux migrants se sont noyés.", [("killed", 32, 32, 32, "exact", "civilians")]),
    ("L'OMS recense 1 200 cas et 300 décès.", [("affected", 1200, 1200, 1200, "exact", "unspecified"),
                                               ("killed", 300, 300, 300, "exact", "unspecified")]),
    ("Le conflit a fait des centaines de milliers de déplacés.",
     [("displaced", 200000, 200000, 999999, "vague", "unspecified")]),
    ("1,5 million de personnes ont été déplacées.", [("displaced", 1500000, 1500000, 1500000, "exact", "unspecified")]),
    ("Les violences ont fait un mort parmi les manifestants.", [("killed", 1, 1, 1, "exact", "protesters")]),
    ("Douze personnes ont été testées positives au virus.", [("affected", 12, 12, 12, "exact", "unspecified")]),
    ("Parmi les morts figurent trois policiers.", [("killed", 3, 3, 3, "exact", "security_forces")]),
    ("Un policier a été mortellement blessé.", [("killed", 1, 1, 1, "exact", "security_forces")]),
    ("Aucun passager n'a été blessé.", [("injured", 0, 0, 0, "exact", "civilians")]),
    ("Neuf personnes ont été hospitalisées.", [("injured", 9, 9, 9, "exact", "unspecified")]),
    # the active subject of "tuer" is the killer, not a victim
    ("Trois hommes armés ont tué deux policiers.", [("killed", 2, 2, 2, "exact", "security_forces")]),
])
def test_casualty_phrases(nlp, text, expected):
    assert rows(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Un homme de 45 ans a été blessé hier.",            # the age is not a count (the man is: 1)
])
def test_age_is_not_the_count(nlp, text):
    assert [r[1] for r in rows(nlp, text)] == [1]


@pytest.mark.parametrize("text", [
    "3 000 manifestants ont défilé dans les rues de Paris.",      # crowd size
    "2 500 soldats ont été déployés dans la région.",            # troop numbers
    "Le vol 447 reliait Rio à Paris.",                            # flight number
    "En 2019, le président a démissionné.",                       # year
    "Le pays compte 12 millions d'habitants.",                    # population
    "Le bilan pourrait atteindre 200 morts.",                     # hypothetical
    "Trois réacteurs nucléaires ont été arrêtés.",                # not people
    "Les prix ont augmenté de 46 % en un an.",                    # percentage
    "Le journaliste a été tué à Homs.",                           # no quantity word
    "Un lycéen a été victime d'une agression.",                   # predicate, not a count
    "Il y a eu des morts.",                                        # no number
    "Le préjudice s'élève à 3 millions d'euros.",                 # money
    "Le gouvernement a démenti le chiffre de 100 morts.",         # denied
    "Les sauveteurs ont secouru 20 personnes.",                   # rescued
    "Le président, âgé de 72 ans, a été arrêté.",                 # age, no count
    "L'équipe de France a battu l'Allemagne 3 à 1.",              # score
    "Les 27 pays de l'Union européenne ont condamné l'attaque.",  # not people
    "Dans ce cas, un cas de force majeure a été invoqué.",        # 'cas' needs a real number
    "Sur les 150 passagers, aucun n'était français.",             # a total, not a figure
])
def test_not_casualty_figures(nlp, text):
    assert rows(nlp, text) == []


@pytest.mark.parametrize("word,group", [
    ("policier", "security_forces"), ("gendarmes", "security_forces"), ("forces de l'ordre", "security_forces"),
    ("rebelle", "militants"), ("assaillants", "militants"), ("manifestant", "protesters"),
    ("civils", "civilians"), ("enfant", "civilians"), ("personne", "unspecified"), ("maison", None),
])
def test_victim_group(word, group):
    assert victim_group(word) == group


def test_source_location_and_date_of_the_seed(nlp, seed_text):
    doc = nlp.make_doc(normalise(seed_text))
    doc._.published = "2022-01-06"
    doc = nlp(doc)
    spans = doc.spans["casualties"]
    assert len(spans) == 4
    assert {s._.source for s in spans} == {"ministère de l'Intérieur"}
    assert {s._.location for s in spans} == {"Kazakhstan"}
    assert {s._.date for s in spans} == {"2022-01-06"}


def test_arrests_in_one_story_share_their_victim_group(nlp):
    text = ("Six terroristes présumés ont été arrêtés à Londres. "
            "Un homme de 29 ans a été arrêté dans la rue.")
    assert [r[5] for r in rows(nlp, text)] == ["militants", "militants"]


def test_date_from_the_sentence(nlp):
    doc = nlp.make_doc("Cet accident avait fait 228 morts le 1er juin 2009.")
    doc._.published = "2012-07-05"
    span = nlp(doc).spans["casualties"][0]
    assert (span._.count, span._.date, span._.date_text) == (228, "2009-06-01", "1er juin 2009")


def test_component_round_trips_through_to_disk(nlp, tmp_path):
    import spacy

    import pipeline.casualties  # noqa: F401  (the factories must be registered before spacy.load)
    import pipeline.entities  # noqa: F401
    import pipeline.events  # noqa: F401

    nlp.to_disk(tmp_path)
    assert (tmp_path / "fr_casualties" / "triggers.jsonl").exists()
    loaded = spacy.load(tmp_path)
    text = "La crise a fait des dizaines de morts et 353 blessés parmi les forces de l'ordre."
    doc, expected = loaded(text), nlp(text)
    got = [(s.text, s._.event_type, s._.count, s._.victims) for s in doc.spans["casualties"]]
    assert got == [(s.text, s._.event_type, s._.count, s._.victims) for s in expected.spans["casualties"]]
    assert len(got) == 2


@pytest.mark.parametrize("text,expected", [
    # the figure's sentence has no trigger: the next one goes on with a pronoun
    ("Deux hommes s'échappent de la maison. Ils sont blessés par balles.",
     [("injured", 2, 2, 2, "exact", "unspecified")]),
    ("Trois employés se sont échappés. Ils ont été blessés.", [("injured", 3, 3, 3, "exact", "unspecified")]),
    # a trigger two sentences on is too far
    ("Trois employés se sont échappés. La maison a brûlé. Ils ont été blessés.", []),
])
def test_trigger_in_the_next_sentence(nlp, text, expected):
    assert rows(nlp, text) == expected
