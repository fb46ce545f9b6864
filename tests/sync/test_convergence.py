"""Done-when: two laptops of one team edit offline (the same care-plan text included), sync
in any order, any number of times, and end identical, the conflicting text kept as two
versions; a laptop of another team receives none of it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pytest

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from tests.sync.conftest import snapshot


def _person_and_plan(store):
    person = store.create("person", {"given_name": "Robin", "family_name": "Example"})
    plan = store.create("care_plan", {"what_matters": "Being near the sea",
                                      "basic_needs": ["housing"]},
                        person_id=person["id"])
    return person, plan


def _open_conflicts(store):
    return [c for c in store.query("conflict") if c["status"] == "open"]


@pytest.mark.parametrize("order", ["AB", "BA", "ABBA", "BBAAB"])
def test_two_laptops_converge_and_keep_both_texts(laptops, order):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    c = laptops.new("c", username="carol", team="South")
    person, plan = _person_and_plan(a)
    sync_ops.sync_now(a)
    first = sync_ops.sync_now(b)
    assert first.pulled >= 2
    assert b.require(plan["id"])["what_matters"] == "Being near the sea"

    # Offline: both edit the same free text; each edits other fields too.
    a.update(plan["id"], {"what_matters": "Walking the dog by the sea every morning",
                          "strengths": "Patient, funny"})
    b.update(plan["id"], {"what_matters": "Seeing my sister again",
                          "basic_needs": ["housing", "money"]})
    a.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                              "setting": "outdoors", "type": "support",
                              "notes": "Talked about the walk"}, person_id=person["id"])
    b.create("goal", {"description": "Visit my sister", "life_area": "relationships",
                      "set_on": "2026-03-02", "status": "active"}, person_id=person["id"])

    laptop = {"A": a, "B": b}
    for step in order:
        sync_ops.sync_now(laptop[step])
    for _ in range(2):                      # settle: everyone hears everything
        sync_ops.sync_now(a)
        sync_ops.sync_now(b)

    assert snapshot(a) == snapshot(b)
    assert outbox.pending_count(a) == outbox.pending_count(b) == 0
    final = a.require(plan["id"])
    assert final["strengths"] == "Patient, funny"
    assert final["basic_needs"] == ["housing", "money"]
    conflicts = _open_conflicts(a)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict["record_id"] == plan["id"] and conflict["field"] == "what_matters"
    texts = {v["value"] for v in conflict["versions"]}
    assert texts == {"Walking the dog by the sea every morning", "Seeing my sister again"}
    assert {v["author"] for v in conflict["versions"]} == {"alice", "bob"}
    assert final["what_matters"] in texts           # the higher stamp, the same everywhere
    assert len(a.query("conversation")) == 1 and len(b.query("goal")) == 1

    # Another team's laptop receives none of it.
    sync_ops.sync_now(c)
    assert c.get(person["id"]) is None
    assert c.execute("SELECT count(*) FROM records").fetchone()[0] == 0


def test_repeated_syncs_are_idempotent(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    person, plan = _person_and_plan(a)
    for _ in range(3):
        sync_ops.sync_now(a)
        sync_ops.sync_now(b)
    before = snapshot(b)
    result = sync_ops.sync_now(b)
    assert (result.pushed, result.pulled, result.pending) == (0, 0, 0)
    assert snapshot(b) == before == snapshot(a)
    assert b.require(person["id"])["given_name"] == "Robin"
    # nothing applied twice: one version per record on the server
    with laptops.server.engine.connect() as conn:
        from sqlalchemy import text
        versions = dict(conn.execute(text("SELECT id, version FROM records")).all())
    assert versions == {person["id"]: 1, plan["id"]: 1}


def test_local_unpushed_edit_with_higher_stamp_survives_pull(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    _person, plan = _person_and_plan(a)
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    a.update(plan["id"], {"basic_needs": ["work"]})
    sync_ops.sync_now(a)
    b.update(plan["id"], {"basic_needs": ["loneliness"]})   # later stamp, not pushed yet
    from outreach.store.syncstore import StoreSync
    from sync.client import HttpClient, SyncStats, _pull_all
    adapter = StoreSync(b)
    with HttpClient.from_credentials(adapter.credentials()) as http:
        _pull_all(adapter, http, SyncStats(), None, None, 100)   # pull only, no push
    assert b.require(plan["id"])["basic_needs"] == ["loneliness"]
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    assert a.require(plan["id"])["basic_needs"] == ["loneliness"]
    assert snapshot(a) == snapshot(b)


def test_deletes_and_clears_converge(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    person, plan = _person_and_plan(a)
    flag = a.create("risk_flag", {"level": "low", "concern": "Lost their flat",
                                  "raised_on": "2026-03-01", "status": "open"},
                    person_id=person["id"])
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    b.delete(flag["id"])
    a.update(plan["id"], {"basic_needs": None})
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    assert a.get(flag["id"]) is None and b.get(flag["id"]) is None
    assert "basic_needs" not in b.require(plan["id"])
    assert snapshot(a) == snapshot(b)
    raw = json.loads(b.execute("SELECT clocks FROM records WHERE id = ?",
                               (flag["id"],)).fetchone()[0])
    assert "_deleted" in raw


def test_service_directory_is_organisation_wide(laptops):
    # (the directory is written by admins: tests/sync/test_push_scope.py)
    north = laptops.new("n", username="nia", team="North", admin=True)
    south = laptops.new("s", username="sol", team="South", admin=True)
    service = north.create("service", {"name": "Harbour Walkers", "category": "walking_group",
                                       "description": "Saturday walks"})
    sync_ops.sync_now(north)
    sync_ops.sync_now(south)
    assert south.require(service["id"])["name"] == "Harbour Walkers"
    north.update(service["id"], {"description": "Saturday walks from the harbour"})
    south.update(service["id"], {"description": "Walks on Saturdays and Wednesdays"})
    for store in (north, south, north, south):
        sync_ops.sync_now(store)
    assert snapshot(north) == snapshot(south)
    (conflict,) = _open_conflicts(south)
    assert conflict["person_id"] is None
    south.update(conflict["id"], {"status": "closed",
                                  "resolved_value": "Walks on Saturdays and Wednesdays"})
    south.update(service["id"], {"description": "Walks on Saturdays and Wednesdays"})
    for store in (south, north):
        sync_ops.sync_now(store)
    assert _open_conflicts(north) == []
    assert north.require(service["id"])["description"] == "Walks on Saturdays and Wednesdays"
    assert snapshot(north) == snapshot(south)
