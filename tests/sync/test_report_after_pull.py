"""The report a laptop works out from its indexes (migrations 8 and 9) equals the report
from whole records after the records came by sync: first pulled, then edited and deleted
on another laptop and pulled again. The indexes are SQLite's own, so pulled writes keep
them in step as local writes do; this proves the report reads them right either way."""

from __future__ import annotations

import dataclasses
import datetime as dt

from outreach.core.indicators import KINDS_USED, compute, report_tables
from outreach.ops import reports
from outreach.ops import sync as sync_ops
from outreach.ops.demo import generate_caseload
from tests.core.scenario import END, START, TODAY, build, load

RANGES = [(START, END), (dt.date(2023, 7, 1), TODAY)]


def _same_as_whole_records(store) -> None:
    whole_records = [rec for kind in KINDS_USED for rec in store.query(kind)]
    for start, end in RANGES:
        for group_by in (None, "team", "key_worker"):
            lean = reports.indicators_report(store, start=start, end=end,
                                             group_by=group_by, today=TODAY)
            whole = compute(whole_records, start=start, end=end, group_by=group_by,
                            today=TODAY)
            assert dataclasses.asdict(lean) == dataclasses.asdict(whole)
            assert report_tables(lean) == report_tables(whole)


def test_report_after_pulls_equals_whole_records(laptops) -> None:
    a = laptops.new("a", username="ann", team="north", admin=True)
    load(a, build())
    generate_caseload(a, people=6, seed=11, today=dt.date(2024, 6, 30),
                      conversations_per_person=(2, 5))
    assert sync_ops.sync_now(a).pending == 0
    b = laptops.new("b", username="bob", team="north", admin=True)
    sync_ops.sync_now(b)
    assert b.count("conversation") == a.count("conversation") > 0
    _same_as_whole_records(b)
    on_b = reports.indicators_report(b, start=START, end=END, group_by="team", today=TODAY)
    assert report_tables(on_b) == report_tables(reports.indicators_report(
        a, start=START, end=END, group_by="team", today=TODAY))

    # edits and deletes on a, pulled by b
    referral = next(r for r in a.query("referral") if r.get("status") != "accepted")
    a.update(referral["id"], {"status": "accepted"})
    goal = a.query("goal")[0]
    a.update(goal["id"], {"status": "achieved", "achieved_on": "2024-02-01"})
    for kind in ("measure", "episode", "service_link", "life_check"):
        a.delete(a.query(kind)[-1]["id"])
    assert sync_ops.sync_now(a).pending == 0
    before = reports.indicators_report(b, start=START, end=END, group_by="team",
                                       today=TODAY)
    sync_ops.sync_now(b)
    after = reports.indicators_report(b, start=START, end=END, group_by="team", today=TODAY)
    assert report_tables(after) != report_tables(before)         # the pull changed figures
    _same_as_whole_records(b)
    assert report_tables(after) == report_tables(reports.indicators_report(
        a, start=START, end=END, group_by="team", today=TODAY))
