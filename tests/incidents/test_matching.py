"""pipeline/incidents/matching.py: which reports are one event."""
from collections import Counter
from datetime import date

from pipeline.incidents.blocking import Report
from pipeline.incidents.matching import (block_links, cluster, compatible, date_gap, km, shared_places,
                                         similarity)


def report(key, family="violence", day=None, published=None, places=(), regions=(), coords=(), words=""):
    features = Counter(w for w in words.split())
    features.update({"P:" + p: 2 for p in places})
    return Report(key, key.split("@")[0], published or day, family, day, day, ("ML",), frozenset(places),
                  tuple(coords), features, [], frozenset(regions))


MOPTI = (14.48, -4.18)
SEVARE = (14.53, -4.10)
GAO = (16.27, -0.04)


def test_date_gap_counts_days_between_event_dates():
    a, b = report("a@0", day=date(2021, 3, 15)), report("b@0", day=date(2021, 3, 21))
    assert date_gap(a, b) == 6
    undated = report("c@0", published=date(2021, 3, 22))  # may be any day of the family's look-back
    assert date_gap(a, undated) == 0


def test_two_attacks_six_days_apart_in_one_region_are_two_events():
    a = report("a@0", day=date(2021, 3, 15), places=("tillaberi",), regions=("tillaberi",))
    b = report("b@0", day=date(2021, 3, 21), places=("tillaberi",), regions=("tillaberi",))
    assert not compatible(a, b)


def test_two_attacks_the_same_day_on_two_villages_of_one_region_are_two_events():
    a = report("a@0", day=date(2024, 3, 4), places=("tinkare", "mopti"), regions=("mopti",))
    b = report("b@0", day=date(2024, 3, 4), places=("dounkoura", "mopti"), regions=("mopti",))
    assert not compatible(a, b)
    same = report("c@0", day=date(2024, 3, 4), places=("tinkare",))
    assert compatible(a, same)


def test_a_riot_over_several_weeks_names_many_towns():
    a = report("a@0", "unrest", day=date(2024, 5, 13), places=("noumea",))
    b = report("b@0", "unrest", day=date(2024, 5, 20), places=("dumbea",))
    assert compatible(a, b)


def test_places_too_far_apart_for_the_type():
    a = report("a@0", "hazard", day=date(2024, 3, 4), coords=(MOPTI,))
    near = report("b@0", "hazard", day=date(2024, 3, 4), coords=(SEVARE,))
    far = report("c@0", "hazard", day=date(2024, 3, 4), coords=((48.85, 2.35),))
    assert compatible(a, near) and not compatible(a, far)
    assert 350 < km(MOPTI, GAO) < 550


def test_one_place_inside_the_other_is_shared():
    assert shared_places(frozenset({"metro de bruxelles"}), frozenset({"bruxelles"}))
    assert not shared_places(frozenset({"bruxelles"}), frozenset({"bruges"}))


def test_different_families_are_not_one_event():
    quake = report("a@0", "hazard", day=date(2024, 3, 4))
    attack = report("b@0", "violence", day=date(2024, 3, 4))
    riot = report("c@0", "unrest", day=date(2024, 3, 4))
    assert not compatible(quake, attack) and compatible(attack, riot)


def test_similarity_weighs_rare_shared_words():
    a = report("a@0", words="seisme malatya batiments effondres secouristes")
    b = report("b@0", words="seisme malatya bilan revise secouristes")
    c = report("c@0", words="attaque village mopti hommes armes")
    assert similarity(a, b, {}) > 0.5 and similarity(a, c, {}) == 0.0


def test_links_need_agreeing_text_type_and_week_are_not_enough():
    day = date(2024, 3, 4)
    a = report("a@0", day=day, words="hommes armes attaque village tinkare greniers betail incendies")
    b = report("b@0", day=day, words="hommes armes attaque village tinkare bilan alourdi gouverneur")
    c = report("c@0", day=day, words="embuscade convoi militaire mines route douentza soldats")
    links = block_links([a, b, c])
    assert [(x, y) for _, x, y in links] == [("a@0", "b@0")]


def test_clusters_never_outlast_their_family():
    """Single links would chain a string of attacks a day apart into one."""
    days = [date(2024, 3, d) for d in (1, 3, 5, 7, 9)]
    reps = [report(f"r{n}@0", day=d) for n, d in enumerate(days)]
    links = [(0.9, f"r{n}@0", f"r{n + 1}@0") for n in range(4)]
    of = cluster(reps, links)
    assert len(set(of.values())) >= 2
    spans = {}
    for r in reps:
        spans.setdefault(of[r.key], []).append(r.lo)
    assert all((max(d) - min(d)).days <= 5 for d in spans.values())


def test_two_reports_of_one_article_stay_apart():
    a, b = report("a@0", day=date(2024, 3, 4)), report("a@1", day=date(2024, 3, 4))
    assert not compatible(a, b)


def test_a_large_block_compares_only_reports_sharing_a_rare_feature():
    from pipeline.incidents.matching import candidate_pairs

    day = date(2024, 3, 4)
    crowd = [report(f"r{n}@0", day=day, words=f"attaque village{n} common") for n in range(300)]
    crowd.append(report("x@0", day=day, words="attaque village7 common"))
    pairs = candidate_pairs(crowd)
    assert (7, 300) in pairs and len(pairs) < 1000
    assert len(candidate_pairs(crowd[:10])) == 45


def test_reports_without_any_date_need_the_text_alone_to_agree():
    """Two undated communiqués of one minister, on floods and on fires, are not one event."""
    words = "ministre interieur cazeneuve secours "
    floods = report("a@0", "hazard", places=("herault",), words=words + "precipitations inondations crue riviere "
                    "lalonde grimaud sinistres disparues decedees episode orageux vigilance")
    fires = report("b@0", "hazard", places=("herault",), words=words + "incendies hectares vegetation feux "
                   "montalba bouches rhone pyrenees evacuees brulees canadair foret")
    assert date_gap(floods, fires) is None and compatible(floods, fires)
    assert block_links([floods, fires]) == []
    same = report("c@0", "hazard", places=("herault",), words=words + "precipitations inondations crue riviere "
                  "lalonde grimaud sinistres bilan morts pluies")
    assert [(x, y) for _, x, y in block_links([floods, same])] == [("a@0", "c@0")]
