"""pipeline/incidents/store.py: reports spilled to SQLite, read back a block or an incident at a time."""
from collections import Counter
from datetime import date

from pipeline.incidents.blocking import Report
from pipeline.incidents.store import ReportStore, Stub


def report(key, group_date, family="violence", rows=()):
    return Report(key, key.split("@")[0], group_date, family, group_date, group_date,
                  features=Counter({key: 1}), rows=list(rows))


def blocks(reports):
    with ReportStore() as store:
        store.add(reports)
        return [[r.key for r in blk] for blk in store.blocks()]


def test_blocks_overlap_so_neighbours_across_a_border_meet():
    a, b = report("a@0", date(2024, 1, 29)), report("b@0", date(2024, 2, 2))
    far = report("c@0", date(2024, 6, 1))
    found = blocks([a, b, far])
    assert any({"a@0", "b@0"} <= set(blk) for blk in found)
    assert not any("c@0" in blk and len(blk) > 1 for blk in found)


def test_blocks_keep_families_apart_but_an_undetermined_report_goes_everywhere():
    quake, attack = report("a@0", date(2024, 3, 4), "hazard"), report("b@0", date(2024, 3, 4))
    loose = report("c@0", date(2024, 3, 4), "unknown")
    found = [set(blk) for blk in blocks([quake, attack, loose])]
    assert not any({"a@0", "b@0"} <= blk for blk in found)
    assert any({"a@0", "c@0"} <= blk for blk in found) and any({"b@0", "c@0"} <= blk for blk in found)


def test_a_block_is_its_window_then_the_next_each_in_the_order_reports_came():
    days = [date(2024, 1, 10), date(2024, 2, 20), date(2024, 1, 12), date(2024, 2, 25), date(2024, 3, 30)]
    reports = [report(f"r{n}@0", d) for n, d in enumerate(days)]
    windows = sorted({r.window for r in reports})
    expected = []
    for w in windows:
        block = [r.key for r in reports if r.window == w] + [r.key for r in reports if r.window == w + 1]
        if len(block) > 1:
            expected.append(block)
    assert blocks(reports) == expected and len(expected) >= 2


def test_reports_come_back_as_they_went_in_and_only_their_stubs_stay():
    r = report("a@0", date(2024, 3, 4), rows=[{"_pos": 0, "event_id": "a#1", "count": 12}])
    seen = []
    with ReportStore(on_load=lambda reports: seen.append([x.key for x in reports])) as store:
        store.add([r, report("b@0", date(2024, 3, 5))])
        [block] = store.blocks()
        assert block[0] == r and block[0] is not r
        assert list(store.stubs()) == [Stub("a@0", "a", "violence", date(2024, 3, 4), date(2024, 3, 4)),
                                       Stub("b@0", "b", "violence", date(2024, 3, 5), date(2024, 3, 5))]
    assert seen == [["a@0", "b@0"]]


def test_incidents_are_read_one_at_a_time_with_their_reports_in_order():
    reports = [report("a@0", date(2024, 3, 4)), report("b@0", date(2024, 3, 4)), report("c@0", date(2024, 3, 5))]
    with ReportStore() as store:
        store.add(reports)
        store.assign({"a@0": "a@0", "b@0": "c@0", "c@0": "c@0"})
        assert sorted([r.key for r in group] for group in store.incidents()) == [["a@0"], ["b@0", "c@0"]]


def test_incident_rows_are_sorted_and_each_event_row_gets_its_incident():
    with ReportStore() as store:
        store.add_incident({"incident_id": "I2", "start_date": "2024-03-05"}, [1, 3])
        store.add_incident({"incident_id": "I1", "start_date": "2024-03-05"}, [0])
        store.add_incident({"incident_id": "I3", "start_date": "2024-03-01"}, [4])
        assert [r["incident_id"] for r in store.rows()] == ["I3", "I1", "I2"]
        assert list(store.ids()) == ["I1", "I2", "", "I2", "I3"]  # row 2 is in no report
