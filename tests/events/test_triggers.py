"""Event triggers: the ontology and the patterns agree, one phrase table per trigger family
(type and arguments), and the phrases that are no event (pipeline/events/triggers.py, arguments.py)."""
import pytest

from pipeline.events import lexicon, ontology
from pipeline.resources import load_jsonl

from .phrases import events

TYPES = ("attack", "armed_clash", "bombing", "protest", "riot", "strike", "crowd_control", "deployment",
         "request", "state_of_emergency", "curfew", "resignation", "price_increase", "disaster", "accident",
         "epidemic")
PLOVER = {"", "ASSAULT", "PROTEST", "MOBILIZE", "REQUEST", "COERCE", "CONCEDE"}
ACLED = {"", "Battles", "Riots", "Protests", "Explosions/Remote violence", "Violence against civilians",
         "Strategic developments"}


def test_ontology_and_patterns_agree():
    onto = ontology()
    assert set(TYPES) <= set(onto)
    for name, entry in onto.items():
        assert entry["plover_type"] in PLOVER and entry["acled_type"] in ACLED, name
        assert entry["genitive"] in ("actor", "target", "actor_if_agent"), name
    rows = load_jsonl("events/triggers.jsonl")
    lex = lexicon()
    for row in rows:
        assert row["event_type"] in onto and row["id"].startswith(row["event_type"] + "."), row
        if "switch" in row:
            assert row["switch"]["event_type"] in onto and row["switch"]["if_sentence_has"] in lex, row
        for spec in (row.get("requires") or {}).values():
            if isinstance(spec, dict) and "lexicon" in spec:
                assert spec["lexicon"] in lex, row
    assert {r["event_type"] for r in rows} == set(onto)


def _check(nlp, text, expected):
    found = events(nlp, text)
    assert [e["type"] for e in found] == [expected["type"]], found
    for key, value in expected.items():
        assert found[0][key] == value, (key, found[0])


@pytest.mark.parametrize("text,expected", [
    ("Les talibans ont attaqué un hôtel à Kaboul.",
     dict(type="attack", actor="talibans", target="hôtel", location="Kaboul", date="2022-01-06", precision="published")),
    ("Deux hommes ont ouvert le feu sur l'avocat.", dict(type="attack", target="avocat")),
    ("Plusieurs attaques contre des chrétiens, revendiquées par la secte islamiste Boko Haram, ont eu lieu récemment.",
     dict(type="attack", actor="Boko Haram", target="chrétiens")),
    ("Les rebelles ont pris en otage des civils pendant 12 heures.",
     dict(type="attack", actor="rebelles", duration="PT12H")),
    ("Un homme de 45 ans a été agressé.", dict(type="attack", duration="")),          # an age, not a duration
    ("Une fusillade a éclaté devant la mairie.", dict(type="attack")),
])
def test_attacks(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("L'aviation a bombardé la ville d'Alep samedi dernier.",
     dict(type="bombing", actor="aviation", location="Alep", date="2022-01-01", precision="day")),
    ("Un attentat-suicide a visé une église.", dict(type="bombing", target="église")),
    ("Un attentat à la voiture piégée a frappé Bagdad hier.", dict(type="bombing", date="2022-01-05")),
    ("Une bombe a explosé près du marché de Kaboul.", dict(type="bombing", actor="", location="Kaboul")),
    ("Des frappes aériennes ont touché Gaza.", dict(type="bombing", location="Gaza")),
])
def test_bombings(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("De violents combats ont opposé l'armée aux rebelles.", dict(type="armed_clash", actor="armée et rebelles")),
    ("L'armée syrienne et les rebelles se battent pour le contrôle d'Alep.",
     dict(type="armed_clash", actor="armée syrienne et rebelles")),
    ("Des affrontements entre manifestants et policiers ont fait trois blessés.",   # protesters: a riot
     dict(type="riot", actor="manifestants et policiers")),
])
def test_armed_clashes(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Des milliers de personnes ont manifesté à Paris contre la réforme.",
     dict(type="protest", actor="personnes", target="réforme", location="Paris")),
    ("Une manifestation a rassemblé 3 000 personnes à Bamako.", dict(type="protest", location="Bamako")),
    ("Six Tibétains se sont immolés par le feu.", dict(type="protest", actor="Tibétains")),
    ("Les étudiants sont descendus dans la rue à Dakar.", dict(type="protest", actor="étudiants", location="Dakar")),
    ("Une grève de la faim a été entamée par des détenus.", dict(type="protest", actor="détenus")),
    ("Des dizaines de milliers de personnes ont défilé à Madrid.", dict(type="protest", location="Madrid")),
])
def test_protests(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Des émeutes ont éclaté à Dakar.", dict(type="riot", location="Dakar", date="2022-01-06", precision="published")),
    ("Les émeutiers ont pillé des magasins.", dict(type="riot", actor="émeutiers", target="magasins")),
    ("Des pillages ont eu lieu à Johannesburg.", dict(type="riot", location="Johannesburg")),
])
def test_riots(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Les mineurs se sont mis en grève lundi.", dict(type="strike", actor="mineurs", date="2022-01-03", precision="day")),
    ("Une grève générale paralyse le pays.", dict(type="strike")),
])
def test_strikes(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("La police a dispersé les manifestants avec des gaz lacrymogènes.",       # one event, not two
     dict(type="crowd_control", actor="police", target="manifestants")),
    ("La police a tiré des balles en caoutchouc.", dict(type="crowd_control", actor="police")),
])
def test_crowd_control(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("La Russie a déployé des troupes en Syrie.",
     dict(type="deployment", actor="Russie", target="troupes", location="Syrie")),
    ("Les Nations unies ont dépêché des casques bleus au Mali.",
     dict(type="deployment", actor="Nations unies", target="casques bleus", location="Mali")),
    ("Paris va envoyer 2 000 soldats au Mali.",                                  # not yet: no date
     dict(type="deployment", target="soldats", date="", precision="")),
    ("Le président a demandé l'aide de la France.", dict(type="request", actor="président")),
    ("L'opposition a appelé à la grève générale.",                              # the strike is not one yet
     dict(type="request", actor="opposition")),
])
def test_deployments_and_requests(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Le gouvernement a décrété l'état d'urgence pour trois mois.",
     dict(type="state_of_emergency", actor="gouvernement", duration="P3M")),
    ("Le gouvernement a imposé la loi martiale.", dict(type="state_of_emergency", actor="gouvernement")),
    ("Un couvre-feu a été instauré à Almaty.", dict(type="curfew", location="Almaty")),
    ("Le ministre a démissionné hier.", dict(type="resignation", actor="ministre", date="2022-01-05", precision="day")),
    ("Le Premier ministre a présenté sa démission au président.", dict(type="resignation", actor="Premier ministre")),
    ("Les prix du carburant ont augmenté samedi dernier.",
     dict(type="price_increase", target="prix du carburant", date="2022-01-01", precision="day")),
    ("La hausse des prix de l'essence a provoqué la colère.", dict(type="price_increase", target="prix de l'essence")),
])
def test_state_measures_and_prices(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", [
    ("Un séisme de magnitude 7 a frappé le Japon.", dict(type="disaster", location="Japon")),
    ("Un tremblement de terre a secoué la région mardi.", dict(type="disaster", date="2022-01-04")),
    ("Des inondations ont fait 12 morts au Bangladesh.", dict(type="disaster", location="Bangladesh")),
    ("Le typhon Haiyan a dévasté les Philippines.", dict(type="disaster", location="Philippines")),
    ("Une avalanche a emporté six alpinistes.", dict(type="disaster")),
    ("Un glissement de terrain a enseveli un village.", dict(type="disaster")),
    ("Un avion de ligne s'est écrasé près de Lagos.", dict(type="accident", actor="", target="avion de ligne",
                                                         location="Lagos")),
    ("Un train a déraillé près de Lyon.", dict(type="accident", target="train", location="Lyon")),
    ("Une explosion a détruit une usine chimique à Lyon.", dict(type="accident", location="Lyon")),
    ("Un incendie a ravagé un immeuble à Paris.", dict(type="accident", location="Paris")),
    ("Une épidémie de choléra frappe Haïti.", dict(type="epidemic", location="Haïti")),
])
def test_disasters_and_accidents(nlp, text, expected):
    _check(nlp, text, expected)


@pytest.mark.parametrize("text", [
    "Aucune manifestation n'a eu lieu.",                          # negated
    "La police craint de nouvelles émeutes.",                      # feared
    "La situation faisait redouter une seconde explosion.",        # feared
    "Les autorités envisagent de déployer des missiles.",          # planned
    "Le combat contre la corruption continue.",                    # "combat" singular is not fighting
    "Il a appelé son frère.",                                      # a call, not a request
    "Le stade appelé Madrid Arena peut contenir 12 000 personnes.",
    "Le pilote a dû tirer sur le manche.",
    "Douze policiers ont été tués à Almaty.",                      # a casualty figure only
])
def test_not_events(nlp, text):
    assert events(nlp, text) == []
