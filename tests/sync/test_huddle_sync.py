"""The huddle syncs to the team only (issue 14 item 6): a huddle recorded on one laptop
reaches the team's other laptops, with what was said about each person and the actions
(which land in their owner's follow-ups); another team's laptop receives none of it, and a
change to the huddle from another team is refused."""

from __future__ import annotations

import uuid

import pytest

from outreach.core.hlc import HybridClock
from outreach.ops import huddle, sync_view, today
from outreach.ops import sync as sync_ops
from sync.protocol import Change
from sync.server.errors import ApiError
from sync.server.push import ServerClock, push
from tests.sync.conftest import snapshot
from tests.sync.server_helpers import server_device

HUDDLE_KINDS = ("huddle", "huddle_discussion", "huddle_action")


def test_a_huddle_reaches_its_team_and_no_other(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    c = laptops.new("c", username="carol", team="South")
    person = a.create("person", {"given_name": "Robin", "family_name": "Example",
                                 "key_worker": "alice"})
    made = huddle.record_huddle(
        a, held_on="2026-11-20", attendees="alice, bob", notes="Synthetic team notes",
        discussed=[{"person_id": person["id"], "notes": "Synthetic discussion"}],
        actions=[{"person_id": person["id"], "action": "Synthetic action",
                  "owner": "bob", "due_on": "2026-11-23"}])
    sync_ops.sync_now(a)
    for store in (b, c):
        sync_ops.sync_now(store)
    assert b.get(made.id)["attendees"] == "alice, bob"
    rec = huddle.read_huddle(b, made.id)
    assert [(n, d["notes"]) for n, d in rec.discussed] == [("Robin Example",
                                                            "Synthetic discussion")]
    bobs = today.today(b, user="bob").actions
    assert [x["action"] for _, x in bobs] == ["Synthetic action"]
    assert all(c.query(kind) == [] for kind in HUDDLE_KINDS)
    # bob marks it done; alice's laptop sees it done
    huddle.complete_action(b, bobs[0][1]["id"])
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    assert snapshot(a) == snapshot(b)
    assert today.today(a, user="bob").actions == []


def test_another_team_cannot_change_a_huddle(laptops):
    server = laptops.server
    north = server_device(server.engine, server.settings, "nora", "North")
    south = server_device(server.engine, server.settings, "sid", "South")
    clock, server_clock = HybridClock(north.device_id), ServerClock()
    hid = str(uuid.uuid4())

    def change(fields: dict) -> Change:
        return Change(change_id=str(uuid.uuid4()), record_id=hid, kind="huddle",
                      person_id=None, op="upsert", fields=fields, base={},
                      hlc=clock.tick())

    push(server.engine, server.settings, server_clock, north, [
        change({"held_on": "2026-11-20", "attendees": "nora"})])
    with pytest.raises(ApiError) as refused:
        push(server.engine, server.settings, server_clock, south, [
            change({"notes": "Synthetic intrusion"})])
    assert refused.value.code.value == "forbidden_record"
    # nor may another team hang its own person's notes on this team's huddle
    pid = str(uuid.uuid4())
    south_clock = HybridClock(south.device_id)
    with pytest.raises(ApiError) as refused:
        push(server.engine, server.settings, server_clock, south, [
            Change(change_id=str(uuid.uuid4()), record_id=pid, kind="person",
                   person_id=pid, op="upsert", fields={"given_name": "Sol"}, base={},
                   hlc=south_clock.tick()),
            Change(change_id=str(uuid.uuid4()), record_id=str(uuid.uuid4()),
                   kind="huddle_discussion", person_id=pid, op="upsert",
                   fields={"huddle_id": hid, "notes": "Synthetic"}, base={},
                   hlc=south_clock.tick())])
    assert refused.value.details["reason"] == "reference_other_team"


def test_two_edits_of_the_huddle_notes_keep_both_and_the_team_resolves_them(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    c = laptops.new("c", username="carol", team="South")
    hid = huddle.record_huddle(a, held_on="2026-11-20", attendees="alice, bob",
                               notes="Synthetic first notes").id
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    a.update(hid, {"notes": "Alice's synthetic notes"})
    b.update(hid, {"notes": "Bob's synthetic notes"})
    for store in (a, b, a, b, c):
        sync_ops.sync_now(store)
    (conflict,) = [x for x in b.query("conflict") if x["status"] == "open"]
    assert {v["value"] for v in conflict["versions"]} == {"Alice's synthetic notes",
                                                         "Bob's synthetic notes"}
    assert c.query("conflict") == []                  # not another team's business
    # bob is no admin: resolving a conflict about his team's huddle is his to do
    sync_view.resolve_conflict(b, conflict_id=conflict["id"], text="Bob's synthetic notes")
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    assert a.get(hid)["notes"] == "Bob's synthetic notes"
    assert snapshot(a) == snapshot(b)
