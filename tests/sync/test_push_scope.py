"""Issue 13.1, the server's side: a laptop cannot push a change outside its own scope.

Real laptops enrolled with a real server (SQLite and PostgreSQL); the hostile pushes are
sent with a laptop's own credential, as a modified client would. Each refusal names the
change and a reason (``details``), and stores nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests
from sqlalchemy import select

from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.protocol import PROTOCOL_VERSION
from sync.server import db

STAMP = "1790000000000-0000-"


def _push(server: Any, store: Any, *changes: dict[str, Any]) -> requests.Response:
    token = StoreSync(store).credentials().token
    return requests.post(server.url + "/v1/push", json={
        "protocol": PROTOCOL_VERSION, "changes": list(changes)},
        headers={"Authorization": f"Bearer {token}"}, timeout=20)


def _change(store: Any, **over: Any) -> dict[str, Any]:
    change = {"change_id": str(uuid.uuid4()), "record_id": str(uuid.uuid4()),
              "kind": "person", "person_id": None, "op": "upsert", "fields": {},
              "base": {}, "hlc": STAMP + store.device_id, "device": store.device_id,
              "author": store.user}
    change.update(over)
    if change["kind"] == "person":
        change["person_id"] = change["record_id"]
    return change


def _refused(resp: requests.Response, code: str, reason: str, change_id: str) -> None:
    assert resp.status_code in (403, 422), resp.text
    error = resp.json()["error"]
    assert (error["code"], error["details"].get("reason"),
            error["details"].get("change_id")) == (code, reason, change_id), error


def _north_plan(laptops: Any) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    north = laptops.new("n", username="nia", team="North")
    person = north.create("person", {"given_name": "Robin"})
    plan = north.create("care_plan", {"what_matters": "The sea"}, person_id=person["id"])
    sync_ops.sync_now(north)
    return north, person, plan


def test_a_laptop_cannot_plant_a_conflict_for_another_team(laptops):
    """The reproduced attack: South pushes a person-less conflict naming North's care plan
    with a forged author; it must not reach North."""
    north, _person, plan = _north_plan(laptops)
    south = laptops.new("s", username="sol", team="South")
    forged = _change(south, kind="conflict", fields={
        "record_id": plan["id"], "record_kind": "care_plan", "field": "what_matters",
        "status": "open", "versions": [
            {"value": "The sea", "hlc": STAMP + "a", "author": "nia", "device": "x"},
            {"value": "South's words", "hlc": STAMP + "b", "author": "nia", "device": "y"}]})
    _refused(_push(laptops.server, south, forged), "forbidden_record", "server_made",
             forged["change_id"])
    result = sync_ops.sync_now(north)
    assert result.conflicts == 0 and north.query("conflict") == []
    with laptops.server.engine.connect() as conn:
        assert conn.execute(select(db.records.c.id).where(
            db.records.c.kind == "conflict")).all() == []


def test_conflicts_are_made_by_the_server_only(laptops):
    north, person, plan = _north_plan(laptops)
    planted = _change(north, kind="conflict", person_id=person["id"], fields={
        "record_id": plan["id"], "record_kind": "care_plan", "field": "what_matters",
        "status": "open", "versions": [{"value": "a", "hlc": STAMP + "a", "author": "nia",
                                        "device": "x"}]})
    _refused(_push(laptops.server, north, planted), "forbidden_record", "server_made",
             planted["change_id"])

    # A real conflict: two laptops of the team edit the same text offline.
    other = laptops.new("o", username="oz", team="North")
    sync_ops.sync_now(other)
    north.update(plan["id"], {"what_matters": "Walking by the sea"})
    other.update(plan["id"], {"what_matters": "Seeing my sister"})
    sync_ops.sync_now(north)
    assert sync_ops.sync_now(other).conflicts == 1
    (conflict,) = other.query("conflict")
    versions = conflict["versions"]
    assert {v["author"] for v in versions} == {"nia", "oz"}     # the server's names
    rewrite = _change(other, kind="conflict", record_id=conflict["id"],
                      person_id=person["id"], fields={"versions": versions[:1]})
    _refused(_push(laptops.server, other, rewrite), "forbidden_record", "server_made",
             rewrite["change_id"])
    delete = _change(other, kind="conflict", record_id=conflict["id"],
                     person_id=person["id"], op="delete")
    _refused(_push(laptops.server, other, delete), "forbidden_record", "server_made",
             delete["change_id"])
    # Closing it (what the conflicts inbox does) still syncs to the team.
    other.update(conflict["id"], {"status": "closed", "resolved_value": "Seeing my sister"})
    other.update(plan["id"], {"what_matters": "Seeing my sister"})
    sync_ops.sync_now(other)
    sync_ops.sync_now(north)
    assert north.require(conflict["id"])["status"] == "closed"
    assert north.require(plan["id"])["what_matters"] == "Seeing my sister"


def test_a_reference_to_another_teams_record_is_refused(laptops):
    north = laptops.new("n", username="nia", team="North")
    person = north.create("person", {"given_name": "Robin"})
    goal = north.create("goal", {"description": "Swim again", "life_area": "physical_health",
                                 "set_on": "2026-03-01", "status": "active"},
                        person_id=person["id"])
    sync_ops.sync_now(north)
    south = laptops.new("s", username="sol", team="South")
    own = south.create("person", {"given_name": "Kit"})
    sync_ops.sync_now(south)
    rating = _change(south, kind="goal_rating", person_id=own["id"], fields={
        "goal_id": goal["id"], "rated_on": "2026-03-02", "score": 3})
    _refused(_push(laptops.server, south, rating), "forbidden_record",
             "reference_other_team", rating["change_id"])
    # Within the team, a reference must name a record of the same person and kind.
    other = north.create("person", {"given_name": "Sam"})
    sync_ops.sync_now(north)
    crossed = _change(north, kind="goal_rating", person_id=other["id"], fields={
        "goal_id": goal["id"], "rated_on": "2026-03-02", "score": 3})
    _refused(_push(laptops.server, north, crossed), "invalid_record", "reference_mismatch",
             crossed["change_id"])
    wrong_kind = _change(north, kind="goal_rating", person_id=person["id"], fields={
        "goal_id": person["id"], "rated_on": "2026-03-02", "score": 3})
    _refused(_push(laptops.server, north, wrong_kind), "invalid_record",
             "reference_mismatch", wrong_kind["change_id"])
    north.create("goal_rating", {"goal_id": goal["id"], "rated_on": "2026-03-02",
                                 "score": 4}, person_id=person["id"])
    assert sync_ops.sync_now(north).pushed == 1                  # the real one is fine


def test_only_directory_roles_write_the_service_directory(laptops):
    worker = laptops.new("w", username="wes", team="North")
    boss = laptops.new("b", username="bea", team="North", admin=True)
    entry = _change(worker, kind="service", fields={"name": "Harbour Walkers",
                                                    "category": "walking_group"})
    _refused(_push(laptops.server, worker, entry), "forbidden_record", "role",
             entry["change_id"])
    entry["device"] = boss.device_id
    assert _push(laptops.server, boss, entry).status_code == 200
    # A practitioner cannot edit an entry either; a configured role can.
    edit = _change(worker, kind="service", record_id=entry["record_id"],
                   fields={"phone": "01234 567890"})
    _refused(_push(laptops.server, worker, edit), "forbidden_record", "role",
             edit["change_id"])
    srv = laptops.server
    from tests.sync.conftest import start_server
    wider = start_server(srv.settings.with_(directory_roles=("admin", "practitioner")))
    try:
        token = StoreSync(worker).credentials().token
        resp = requests.post(wider.url + "/v1/push", json={
            "protocol": PROTOCOL_VERSION, "changes": [edit]},
            headers={"Authorization": f"Bearer {token}"}, timeout=20)
        assert resp.status_code == 200, resp.text
    finally:
        wider.stop()


def test_author_and_device_are_the_authenticated_ones(laptops):
    north, person, plan = _north_plan(laptops)
    south = laptops.new("s", username="sol", team="South")
    claim = _change(south, device=north.device_id, fields={"given_name": "Kit"})
    _refused(_push(laptops.server, south, claim), "forbidden_record", "device_claim",
             claim["change_id"])
    # A forged author (and a stamp naming another laptop) is not believed: the server
    # records who was authenticated.
    forged = _change(south, author="nia", hlc=STAMP + north.device_id,
                     fields={"given_name": "Kit"})
    assert _push(laptops.server, south, forged).status_code == 200
    with laptops.server.engine.connect() as conn:
        logged = conn.execute(select(db.changes.c.author, db.changes.c.device_id).where(
            db.changes.c.change_id == forged["change_id"])).one()
        record = conn.execute(select(db.records.c.created_by, db.records.c.device_id).where(
            db.records.c.id == forged["record_id"])).one()
    assert tuple(logged) == tuple(record) == ("sol", south.device_id)


def test_directory_conflicts_are_left_to_those_who_may_change_the_directory(laptops):
    """A practitioner's inbox does not offer a directory conflict (resolving it would be
    refused by the server and hold up their sync); an admin's does."""
    from outreach.ops import sync_view

    boss = laptops.new("b", username="bea", team="North", admin=True)
    other = laptops.new("o", username="oda", team="South", admin=True)
    worker = laptops.new("w", username="wes", team="North")
    service = boss.create("service", {"name": "Harbour Walkers", "category": "walking_group",
                                      "description": "Saturday walks"})
    sync_ops.sync_now(boss)
    sync_ops.sync_now(other)
    boss.update(service["id"], {"description": "Saturdays from the harbour"})
    other.update(service["id"], {"description": "Saturdays and Wednesdays"})
    for store in (boss, other, boss, worker):
        sync_ops.sync_now(store)
    assert len(worker.query("conflict")) == 1             # received, organisation-wide
    assert sync_view.open_conflicts(worker) == []
    assert sync_view.sync_status(worker).open_conflicts == 0
    (conflict,) = sync_view.open_conflicts(boss)
    with pytest.raises(ValueError, match="Only an admin"):
        sync_view.resolve_conflict(worker, conflict_id=conflict["id"], text="x")
    sync_view.resolve_conflict(boss, conflict_id=conflict["id"], text="Saturdays")
    assert sync_ops.sync_now(boss).pushed == 2
