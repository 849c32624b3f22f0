"""French constructions that unseen news uses for tolls: one phrase table per
construction, each with sentences of ours and non-figures. Expected rows are
(event_type, count, qualifier, victims) in text order."""
import pytest

CONSTRUCTIONS = [
    # 1. a qualifier before coordinated figures scopes over all of them
    ('Au moins 9 morts et 120 blessés ont été recensés.', [('killed', 9, 'at_least', 'unspecified'), ('injured', 120, 'at_least', 'unspecified')]),
    ("L'attaque a fait plus de 30 tués et 200 blessés.", [('killed', 30, 'at_least', 'unspecified'), ('injured', 200, 'at_least', 'unspecified')]),
    ('Près de 40 morts et 300 blessés sont à déplorer.', [('killed', 40, 'approx', 'unspecified'), ('injured', 300, 'approx', 'unspecified')]),
    ("Le bilan fait état d'au moins 12 morts, 45 blessés et 3 disparus.", [('killed', 12, 'at_least', 'unspecified'), ('injured', 45, 'at_least', 'unspecified'), ('missing', 3, 'at_least', 'unspecified')]),
    ("L'explosion a fait environ 50 morts et 80 blessés.", [('killed', 50, 'approx', 'unspecified'), ('injured', 80, 'approx', 'unspecified')]),
    ('Les combats ont fait moins de 10 morts et 25 blessés.', [('killed', 10, 'at_most', 'unspecified'), ('injured', 25, 'at_most', 'unspecified')]),
    # ... but not past a victim group, nor onto a subset or a clause of its own
    ('Il y a eu au moins 20 morts parmi les civils et 12 blessés chez les policiers.', [('killed', 20, 'at_least', 'civilians'), ('injured', 12, 'exact', 'security_forces')]),
    ("L'attaque a fait 20 morts, dont au moins 5 enfants, et 12 blessés.", [('killed', 20, 'exact', 'unspecified'), ('killed', 5, 'at_least', 'civilians'), ('injured', 12, 'exact', 'unspecified')]),
    ("Le bilan s'alourdit à au moins 20 morts, et 35 personnes sont blessées.", [('killed', 20, 'at_least', 'unspecified'), ('injured', 35, 'exact', 'unspecified')]),
    # 2. verbs of comparison
    ('Le bilan dépasse désormais les 60 morts.', [('killed', 60, 'at_least', 'unspecified')]),
    ('Le nombre de déplacés a dépassé les 5 000.', [('displaced', 5000, 'at_least', 'unspecified')]),
    ('Le bilan franchit la barre des 100 morts.', [('killed', 100, 'at_least', 'unspecified')]),
    ('Le bilan avoisine les 300 morts.', [('killed', 300, 'approx', 'unspecified')]),
    ('Le nombre de victimes frôle les 200.', [('affected', 200, 'approx', 'unspecified')]),
    ('Le bilan approche des 500 morts et 900 blessés.', [('killed', 500, 'approx', 'unspecified'), ('injured', 900, 'approx', 'unspecified')]),
    # not figures: the same verbs without people
    ('Le vent a dépassé les 150 km/h.', []),
    ("Les dégâts avoisinent les 3 millions d'euros.", []),
    ('La crue a franchi la barre des 5 mètres.', []),
    # 3. elliptic figures take their category from the figure before
    ('On compte 57 blessés graves et 17 légers.', [('injured', 57, 'exact', 'unspecified'), ('injured', 17, 'exact', 'unspecified')]),
    ('Quarante personnes ont été blessées, dont 12 par balles.', [('injured', 40, 'exact', 'unspecified'), ('injured', 12, 'exact', 'unspecified')]),
    ('Le bilan est de 43 blessés, 18 à Lyon et 25 en banlieue.', [('injured', 43, 'exact', 'unspecified'), ('injured', 18, 'exact', 'unspecified'), ('injured', 25, 'exact', 'unspecified')]),
    ('Les affrontements ont fait 140 blessés, dont 97 côté policiers.', [('injured', 140, 'exact', 'unspecified'), ('injured', 97, 'exact', 'security_forces')]),
    ('Les deux attaques ont fait respectivement 12 et 30 morts.', [('killed', 12, 'exact', 'unspecified'), ('killed', 30, 'exact', 'unspecified')]),
    ("L'usine a pris feu et 40 ont été intoxiqués.", [('affected', 40, 'exact', 'unspecified')]),
    ('Le bilan est de 16 morts, dont 4 dans la province de Kayes, 12 dans celle de Mopti.', [('killed', 16, 'exact', 'unspecified'), ('killed', 4, 'exact', 'unspecified'), ('killed', 12, 'exact', 'unspecified')]),
    ('Parmi les morts figurent sept Français, six Allemands et quatre Belges.', [('killed', 7, 'exact', 'unspecified'), ('killed', 6, 'exact', 'unspecified'), ('killed', 4, 'exact', 'unspecified')]),
    # not figures: what follows names something else
    ('Le bilan est de 43 blessés, 18 ans après le drame.', [('injured', 43, 'exact', 'unspecified')]),
    ("L'attaque a fait 12 morts et 20 maisons ont brûlé.", [('killed', 12, 'exact', 'unspecified')]),
    ('Il y a eu 3 morts en 2015 et 2016.', [('killed', 3, 'exact', 'unspecified')]),
    # 4. X sur Y
    ("L'épidémie a fait 1 200 morts sur 8 400 cas.", [('killed', 1200, 'exact', 'unspecified'), ('affected', 8400, 'exact', 'unspecified')]),
    ('On déplore 75 décès sur 310 contaminations.', [('killed', 75, 'exact', 'unspecified'), ('affected', 310, 'exact', 'unspecified')]),
    ('Le virus a tué 40 personnes sur 900 malades recensés.', [('killed', 40, 'exact', 'unspecified')]),
    # not figures: people on board or present
    ("L'accident a fait 3 morts sur 200 passagers.", [('killed', 3, 'exact', 'unspecified')]),
    ('Sur les 40 passagers, 12 ont été blessés.', [('injured', 12, 'exact', 'unspecified')]),
    ('Le ferry transportait une centaine de passagers.', []),
    # 5. incises between a subject and its verb
    ('Sept passants, dont une fillette, ont été blessés.', [('injured', 7, 'exact', 'civilians'), ('injured', 1, 'exact', 'civilians')]),
    ("Trois soldats, selon l'armée, ont été tués.", [('killed', 3, 'exact', 'security_forces')]),
    ('Deux policiers, grièvement atteints, ont été hospitalisés.', [('injured', 2, 'exact', 'security_forces')]),
    ('Douze personnes, parmi lesquelles trois enfants, ont péri.', [('killed', 12, 'exact', 'unspecified'), ('killed', 3, 'exact', 'civilians')]),
    ("Les 300 habitants, dont 40 enfants, ont été relogés dans l'école.", [('displaced', 300, 'exact', 'civilians'), ('displaced', 40, 'exact', 'civilians')]),
    # not figures: the incise names no casualties
    ('Les 300 habitants, dont 40 enfants, ont assisté à la cérémonie.', []),
    ('Dix ans après, le village reste marqué.', []),
    ('Trois experts, dont deux Français, ont rédigé le rapport.', []),
    # 6. a total followed by its breakdown
    ("L'embuscade a fait neuf morts : cinq gendarmes et quatre villageois.", [('killed', 9, 'exact', 'unspecified'), ('killed', 5, 'exact', 'security_forces'), ('killed', 4, 'exact', 'civilians')]),
    ('Les victimes sont quatre femmes et un enfant.', [('affected', 4, 'exact', 'unspecified'), ('affected', 1, 'exact', 'civilians')]),
    ('Le bilan est de six morts : quatre civils et deux soldats.', [('killed', 6, 'exact', 'unspecified'), ('killed', 4, 'exact', 'civilians'), ('killed', 2, 'exact', 'security_forces')]),
    ('On compte 12 blessés, trois policiers et neuf manifestants.', [('injured', 12, 'exact', 'unspecified'), ('injured', 3, 'exact', 'security_forces'), ('injured', 9, 'exact', 'protesters')]),
    ('Les morts sont deux touristes et un chauffeur.', [('killed', 2, 'exact', 'civilians'), ('killed', 1, 'exact', 'unspecified')]),
    # not figures: a list that is not a breakdown
    ("L'attaque a fait neuf morts : le village est sous le choc.", [('killed', 9, 'exact', 'unspecified')]),
    ('Le bilan est lourd : trois maisons et deux écoles ont brûlé.', []),
    ('Douze morts, trois jours de deuil national.', [('killed', 12, 'exact', 'unspecified')]),
    # 8. "victimes" read as deaths when the article says they died
    ("L'accident a fait 45 victimes. Les passagers ont péri dans l'incendie.", [('killed', 45, 'exact', 'unspecified')]),
    ('Le naufrage a fait 30 victimes. Les corps ont été repêchés.', [('killed', 30, 'exact', 'unspecified')]),
    ('Le séisme a fait 200 victimes, toutes mortes sous les décombres.', [('killed', 200, 'exact', 'unspecified')]),
    ("L'épidémie a fait 300 victimes. Les décès se concentrent dans le nord.", [('killed', 300, 'exact', 'unspecified')]),
    ("La catastrophe a fait plus de 60 victimes ; aucun survivant n'a été retrouvé mort.", [('killed', 60, 'at_least', 'unspecified')]),
    # ... affected when nothing says more, or when the deaths are a part
    ("L'escroquerie a fait 300 victimes.", [('affected', 300, 'exact', 'unspecified')]),
    ("L'attaque a fait 45 victimes, dont 12 morts.", [('affected', 45, 'exact', 'unspecified'), ('killed', 12, 'exact', 'unspecified')]),
    ('La tempête a fait des milliers de victimes. Deux personnes sont décédées.', [('affected', 2000, 'vague', 'unspecified'), ('killed', 2, 'exact', 'unspecified')]),
    # 9. victim groups from context
    ('Huit civils ont été tués et 20 autres blessés.', [('killed', 8, 'exact', 'civilians'), ('injured', 20, 'exact', 'civilians')]),
    ('Trois soldats ont été tués et quatre autres blessés.', [('killed', 3, 'exact', 'security_forces'), ('injured', 4, 'exact', 'security_forces')]),
    ('Douze policiers ont été blessés, dont trois grièvement.', [('injured', 12, 'exact', 'security_forces'), ('injured', 3, 'exact', 'security_forces')]),
    ('Cinq membres du groupe armé ont été tués.', [('killed', 5, 'exact', 'militants')]),
    ('Les ravisseurs retiennent 12 otages.', [('kidnapped', 12, 'exact', 'civilians')]),
    ('Deux élèves et un enseignant ont été blessés.', [('injured', 2, 'exact', 'civilians'), ('injured', 1, 'exact', 'civilians')]),
    ('Dix villageois ont été enlevés.', [('kidnapped', 10, 'exact', 'civilians')]),
    ('Quatre passagers sont morts.', [('killed', 4, 'exact', 'civilians')]),
    # ... a subset with a noun of its own keeps it
    ('Quatorze morts, dont cinq assaillants.', [('killed', 14, 'exact', 'unspecified'), ('killed', 5, 'exact', 'militants')]),
    ('Douze policiers ont été blessés, dont trois passants.', [('injured', 12, 'exact', 'security_forces'), ('injured', 3, 'exact', 'civilians')]),
    ("L'attaque a fait 20 blessés parmi les manifestants, dont trois journalistes.", [('injured', 20, 'exact', 'protesters'), ('injured', 3, 'exact', 'civilians')]),
    # 10. numbers
    ('Le bilan fait état de 2,5 à 3 millions de cas.', [('affected', 2500000, 'range', 'unspecified')]),
    ('Plus de trois-cents personnes ont été tuées.', [('killed', 300, 'at_least', 'unspecified')]),
    ('On dénombre 12.480 sinistrés.', [('affected', 12480, 'exact', 'unspecified')]),
    ('Jetant à la rue 92 706 personnes sans-abri.', [('displaced', 92706, 'exact', 'unspecified')]),
    ('Le cyclone a fait 1,2 million de sans-abri.', [('displaced', 1200000, 'exact', 'unspecified')]),
    ('Entre 322 et 1 729 personnes sont mortes.', [('killed', 322, 'range', 'unspecified')]),
    # not figures: ages, dates, money, percentages, scores
    ('Un homme de 45 ans a été tué le 12 mars.', [('killed', 1, 'exact', 'unspecified')]),
    ("Les dégâts sont estimés à 3 millions d'euros.", []),
    ('Le taux de mortalité atteint 12 %.', []),
    # 11. not figures: present people, agents, hypotheses
    ('Trois personnes ont été abattues par un gendarme.', [('killed', 3, 'exact', 'unspecified')]),
    ('Le ferry transportait une centaine de passagers.', []),
    ('Le bilan pourrait atteindre 200 morts.', []),
    ('Les autorités craignent des centaines de morts.', []),
    ('La police a déployé 2 000 agents.', []),
    ('Les 500 manifestants ont défilé dans le calme.', []),
    ('Le gouvernement a démenti le chiffre de 100 morts.', []),
    ('Un arrêté préfectoral interdit la baignade.', []),
    ('Les assaillants ont fui.', []),
    # tallies with the number first, quoted quantity words, intensive care
    ('Les secouristes ont extrait de nouveaux corps, portant à 290 le nombre de décès constatés.', [('killed', 290, 'exact', 'unspecified')]),
    ("L'ONU estime à 695 le nombre de soignants tués.", [('killed', 695, 'exact', 'unspecified')]),
    ('Parmi eux, 62 étaient encore aux soins intensifs.', [('injured', 62, 'exact', 'unspecified')]),
    ('En outre, une "centaine" de policiers et gendarmes ont été blessés.', [('injured', 100, 'approx', 'security_forces')]),
    ('Le typhon a fait des « centaines » de morts.', [('killed', 200, 'vague', 'unspecified')]),
    # not figures
    ('Il a porté à 3 le nombre de ses mandats.', []),
    ('Une "centaine" de curieux se sont rassemblés.', []),
    ('Les « centaines » de manifestants ont défilé.', []),
    # everyday wire sentences (ours), figures and non-figures together
    ('Le drame a fait au moins sept morts et une dizaine de blessés, dont trois dans un état grave.', [('killed', 7, 'at_least', 'unspecified'), ('injured', 10, 'at_least', 'unspecified'), ('injured', 3, 'exact', 'unspecified')]),
    ('Selon un bilan provisoire communiqué par la préfecture, quatre personnes ont perdu la vie.', [('killed', 4, 'exact', 'unspecified')]),
    ('Deux personnes sont mortes et cinq autres ont été blessées dans la collision.', [('killed', 2, 'exact', 'unspecified'), ('injured', 5, 'exact', 'unspecified')]),
    ("Le bilan s'est alourdi à 47 morts, a annoncé mardi le ministère de la Santé.", [('killed', 47, 'exact', 'unspecified')]),
    ("L'attentat a coûté la vie à 22 personnes, dont plusieurs enfants.", [('killed', 22, 'exact', 'unspecified'), ('killed', 2, 'vague', 'civilians')]),
    ("Trois militaires français ont été tués dans l'explosion d'un engin explosif improvisé.", [('killed', 3, 'exact', 'security_forces')]),
    ('Les inondations ont fait 12 victimes, dont 8 décès.', [('affected', 12, 'exact', 'unspecified'), ('killed', 8, 'exact', 'unspecified')]),
    ('Au total, 1 200 personnes ont été évacuées et 300 relogées.', [('displaced', 1200, 'exact', 'unspecified'), ('displaced', 300, 'exact', 'unspecified')]),
    ("Quelque 40 000 habitants ont été privés d'électricité.", []),
    ("Le bilan humain s'élève désormais à 3 200 morts.", [('killed', 3200, 'exact', 'unspecified')]),
    ('On dénombre au moins 150 blessés, selon les secours.', [('injured', 150, 'at_least', 'unspecified')]),
    ("Deux gendarmes ont été légèrement blessés lors de l'interpellation.", [('injured', 2, 'exact', 'security_forces')]),
    ('Sept suspects ont été placés en garde à vue, dont deux mineurs.', [('arrested', 7, 'exact', 'unspecified'), ('arrested', 2, 'exact', 'unspecified')]),
    ("L'incendie a fait un mort et deux blessés légers.", [('killed', 1, 'exact', 'unspecified'), ('injured', 2, 'exact', 'unspecified')]),
    ('Un enfant de 8 ans est décédé.', [('killed', 1, 'exact', 'civilians')]),
    ("Les forces de sécurité ont tué 12 djihadistes lors d'une opération.", [('killed', 12, 'exact', 'militants')]),
    ('Une quinzaine de personnes ont été interpellées.', [('arrested', 15, 'approx', 'unspecified')]),
    ('Le glissement de terrain a enseveli une vingtaine de maisons et fait 14 morts.', [('killed', 14, 'exact', 'unspecified')]),
    ('Près de 2 millions de personnes ont fui les combats.', [('displaced', 2000000, 'approx', 'unspecified')]),
    ('Le virus a déjà contaminé plus de 80 000 personnes et fait 2 700 morts.', [('affected', 80000, 'at_least', 'unspecified'), ('killed', 2700, 'exact', 'unspecified')]),
    ("Les heurts ont fait 15 blessés parmi les forces de l'ordre.", [('injured', 15, 'exact', 'security_forces')]),
    ('Un mort et plusieurs blessés sont à déplorer.', [('killed', 1, 'exact', 'unspecified'), ('injured', 2, 'vague', 'unspecified')]),
    ("Cinq personnes ont été grièvement blessées et transportées à l'hôpital.", [('injured', 5, 'exact', 'unspecified')]),
    ("L'accident a causé la mort de trois adolescents.", [('killed', 3, 'exact', 'civilians')]),
    ('Onze personnes sont toujours portées disparues après le naufrage.', [('missing', 11, 'exact', 'unspecified')]),
    ('Le séisme a tué plus de 2 000 personnes et en a blessé 5 000.', [('killed', 2000, 'at_least', 'unspecified'), ('injured', 5000, 'exact', 'unspecified')]),
    ('Au moins 30 personnes ont trouvé la mort et 60 ont été blessées.', [('killed', 30, 'at_least', 'unspecified'), ('injured', 60, 'exact', 'unspecified')]),
    ('Les autorités ont recensé 540 décès supplémentaires en 24 heures.', [('killed', 540, 'exact', 'unspecified')]),
    ('La fusillade a fait trois victimes, toutes décédées.', [('killed', 3, 'exact', 'unspecified')]),
    ('Les violences ont fait 25 morts depuis le début de la semaine.', [('killed', 25, 'exact', 'unspecified')]),
    ('Plus de 600 personnes ont été arrêtées depuis le début du mouvement.', [('arrested', 600, 'at_least', 'unspecified')]),
    ("Quatre soldats maliens ont péri dans l'attaque de leur camp.", [('killed', 4, 'exact', 'security_forces')]),
    ("Une femme et ses deux enfants ont péri dans l'incendie de leur maison.", [('killed', 1, 'exact', 'unspecified'), ('killed', 2, 'exact', 'civilians')]),
    ('Dix-huit personnes ont été intoxiquées au monoxyde de carbone.', [('affected', 18, 'exact', 'unspecified')]),
    ("La tempête a privé 200 000 foyers d'électricité.", []),
    ("Le crash n'a laissé aucun survivant parmi les 150 passagers.", []),
    ('Les trois otages ont été libérés samedi.', [('kidnapped', 3, 'exact', 'civilians')]),
    ('Un homme a été tué et sa compagne blessée.', [('killed', 1, 'exact', 'unspecified')]),
    ('Le bilan officiel fait état de 18 morts et 72 blessés.', [('killed', 18, 'exact', 'unspecified'), ('injured', 72, 'exact', 'unspecified')]),
    ('Le virus a déjà contaminé plus de 80 000 personnes et fait 2 700 morts.', [('affected', 80000, 'at_least', 'unspecified'), ('killed', 2700, 'exact', 'unspecified')]),
    ('Le séisme a tué plus de 2 000 personnes et en a blessé 5 000.', [('killed', 2000, 'at_least', 'unspecified'), ('injured', 5000, 'exact', 'unspecified')]),
]


@pytest.mark.parametrize("text,expected", CONSTRUCTIONS, ids=[t[:50] for t, _ in CONSTRUCTIONS])
def test_construction(figures, text, expected):
    assert figures(text) == expected
