"""The indicator report reads only the fields the indicators use, and the figures are the
same as from whole records.

At 10,000 people the report read every record whole, 200,000 conversations' notes
included (14-22 s, and 580 MB held while it worked): the figures need each
conversation's person, day and setting, and a few fields of the other kinds, which
indexes hold (migration 8).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from outreach.core.indicators import FIELDS_USED, KINDS_USED, compute, report_tables
from outreach.core.roles import roles_report as roles_report_of
from outreach.ops import reports, team
from outreach.ops.demo import generate_caseload
from outreach.store import migrations
from tests.core.scenario import END, START, TODAY, build, load
from tests.store.test_query_plans import _plans_of


@pytest.fixture
def filled(store):
    """The hand-worked scenario beside a small synthetic caseload (all kinds, many days)."""
    load(store, build())
    generate_caseload(store, people=12, seed=5, today=dt.date(2024, 6, 30),
                      conversations_per_person=(2, 6))
    for n, role in enumerate(("peer_mentor", "peer_mentor", None)):     # welcomes, by role
        episode = store.query("episode")[n]
        store.create("conversation", {
            "episode_id": episode["id"], "occurred_at": f"2024-02-0{n + 1}T10:00:00+00:00",
            "setting": "outdoors", "type": "welcome", "notes": "Synthetic welcome.",
            "welcomed_by": "sam.worker", "welcomed_by_role": role},
            person_id=episode["person_id"])
    for kind in ("referral", "service_link", "episode"):     # deleted records never count
        store.delete(store.query(kind)[-1]["id"])
    return store


def _whole(store) -> list[dict]:
    return [rec for kind in KINDS_USED for rec in store.query(kind)]


@pytest.mark.parametrize("group_by", [None, "team", "key_worker"])
@pytest.mark.parametrize(("start", "end"), [(START, END), (dt.date(2023, 7, 1), TODAY)])
def test_report_has_the_same_figures_as_whole_records(filled, group_by, start, end) -> None:
    lean = reports.indicators_report(filled, start=start, end=end, group_by=group_by,
                                     today=TODAY)
    whole = compute(_whole(filled), start=start, end=end, group_by=group_by, today=TODAY)
    assert dataclasses.asdict(lean) == dataclasses.asdict(whole)
    assert report_tables(lean) == report_tables(whole)
    assert lean.overall.conversations > 0 and lean.overall.referrals_received > 0


def test_report_reads_no_notes(filled) -> None:
    held = reports.report_input(filled, group_by="team", start=START, as_of=END)
    records = [r for kinds in held.by_person.values() for rs in kinds.values() for r in rs]
    assert records and all(kinds.keys() <= set(FIELDS_USED) - {"conversation"}
                           for kinds in held.by_person.values())
    assert not any("notes" in r or "given_name" in r for r in records)
    pairs = held.conversations
    whole = {(c["person_id"], c["occurred_at"][:10], c.get("setting") or "")
             for c in filled.query("conversation")}
    in_range = {c for c in whole if START.isoformat() <= c[1] <= END.isoformat()}
    assert {(pid, *pair) for pid, ps in pairs.items() for pair in ps} == in_range
    assert sum(map(len, pairs.values())) == sum(
        START.isoformat() <= c["occurred_at"][:10] <= END.isoformat()
        for c in filled.query("conversation"))
    assert set(pairs) == {c[0] for c in whole}      # everyone who had one, perhaps none now
    assert whole - in_range


def _reads_only_the_index(store, sql: str) -> bool:
    table = store.execute("SELECT rootpage FROM sqlite_master WHERE name = 'records'"
                          ).fetchone()[0]
    program = store.execute("EXPLAIN " + sql, _RANGE).fetchall()
    cursor = next(op[2] for op in program if op[1] == "OpenRead" and op[3] == table)
    read = [op for op in program if op[1] == "Column"]
    return bool(read) and all(op[2] != cursor for op in read)


_RANGE = {"start": START.isoformat(), "as_of": END.isoformat()}


def test_every_kind_is_read_from_an_index_not_the_table(filled) -> None:
    plans = _plans_of(filled, lambda: reports.report_input(filled, group_by=None,
                                                           start=START, as_of=END))
    assert len(plans) == len(KINDS_USED) + 1            # conversations: two walks
    kinds = [kind for kind in KINDS_USED if kind != "conversation"]
    for kind, plan in zip(kinds, plans, strict=False):       # in the store's order: no sort
        assert "USING INDEX report_facts" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        sql = reports._select(kind)[0]
        assert _reads_only_the_index(filled, sql), f"{kind}: read from the table"
    for plan in plans[-2:]:                   # gathered by person as they come: no sort
        assert "COVERING INDEX report_conversations" in plan or (
            "USING INDEX report_conversations" in plan), plan
        assert "TEMP B-TREE" not in plan, plan
    assert _reads_only_the_index(filled, reports._CONVERSATIONS)


def test_the_indexes_hold_what_the_indicators_read() -> None:
    """Migration 8 indexed the fields the indicators read then: reading another field
    needs a new migration with its index (or the report reads the table again)."""
    indexed = migrations._REPORT_FIELDS_8
    assert set(indexed) == set(FIELDS_USED)
    assert all(set(FIELDS_USED[kind]) <= set(indexed[kind]) for kind in FIELDS_USED)
    assert {"type", "welcomed_by_role"} <= set(indexed["conversation"])   # roles report


def test_roles_report_reads_welcomes_from_the_index(filled) -> None:
    whole = roles_report_of(filled.query("conversation"), {}, start=START, end=END,
                            team_roles=team.team_roles(filled))
    assert reports.roles_report(filled, start=START, end=END).welcomed == whole.welcomed
    assert whole.welcomed.total >= 3 and whole.welcomed.by_peer_mentor >= 2
    plans = _plans_of(filled, lambda: reports.welcomes(filled))
    assert plans and all("USING INDEX report_conversations" in p for p in plans), plans
    assert _reads_only_the_index(filled, reports._WELCOMES)


def test_collector_is_as_it_was_after_a_report(filled) -> None:
    """The report pauses the cyclic collector while it works and leaves it as it found it
    (on in the CLI, off while the app's workers run)."""
    import gc

    assert gc.isenabled()
    reports.indicators_report(filled, start=START, end=END)
    assert gc.isenabled()
    gc.disable()
    try:
        reports.indicators_report(filled, start=START, end=END)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        reports.indicators_report(filled, start=END, end=START)
    assert gc.isenabled()
