"""Issue 13.1, the laptop's side: a malformed record from the server is set aside with a
clear message; it is never stored, never crashes the sync, and never writes into a record.

The malformed records are written straight into the server's database (as an older server
that did not check pushes, or a faulty one, would hold them); a real laptop then syncs.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import insert, select

from outreach.ops import sync as sync_ops
from outreach.ops import sync_view
from outreach.store.syncstore import StoreSync
from sync.server import db
from sync.server.sequence import lock_sequence, reserve

STAMP = "1790000000000-0000-server"


def plant(server: Any, *, kind: str, person_id: str | None, data: dict[str, Any],
          team: str = "North", record_id: str | None = None) -> str:
    """A record state written into the server's database, bypassing every push check."""
    rid = record_id or str(uuid.uuid4())
    with server.engine.begin() as conn:
        lock_sequence(conn)
        team_id = conn.execute(select(db.teams.c.id).where(db.teams.c.name == team)).scalar()
        conn.execute(db.records.delete().where(db.records.c.id == rid))   # (a rewrite)
        conn.execute(insert(db.records).values(
            id=rid, kind=kind, person_id=person_id,
            team_id=None if person_id is None else team_id, data=json.dumps(data),
            clocks=json.dumps({k: STAMP for k in data}), deleted=False,
            created_at="2026-03-01T10:00:00+00:00", created_by="server",
            updated_at="2026-03-01T10:00:00+00:00", updated_by="server", device_id="server",
            version=1, seq=reserve(conn, 1)))
    return rid


def _conflict(target: str, *, versions: Any = None, kind: str = "care_plan",
              field: str = "what_matters") -> dict[str, Any]:
    return {"record_id": target, "record_kind": kind, "field": field, "status": "open",
            "versions": versions if versions is not None else [
                {"value": "one", "hlc": STAMP, "author": "a", "device": "d1"},
                {"value": "two", "hlc": STAMP, "author": "b", "device": "d2"}]}


def test_malformed_records_from_the_server_are_set_aside(laptops):
    north = laptops.new("n", username="nia", team="North")
    person = north.create("person", {"given_name": "Robin"})
    other = north.create("person", {"given_name": "Sam"})
    plan = north.create("care_plan", {"what_matters": "The sea"}, person_id=person["id"])
    sync_ops.sync_now(north)
    srv = laptops.server
    bad = {
        # the reproduced crash: versions as plain strings
        "strings": plant(srv, kind="conflict", person_id=person["id"],
                         data=_conflict(plan["id"], versions=["mine", "theirs"])),
        # the reproduced attack: no person, naming a record of a person
        "no person": plant(srv, kind="conflict", person_id=None,
                           data=_conflict(plan["id"])),
        "another person": plant(srv, kind="conflict", person_id=other["id"],
                                data=_conflict(plan["id"])),
        "not free text": plant(srv, kind="conflict", person_id=person["id"],
                               data=_conflict(plan["id"], field="basic_needs")),
        "unknown kind": plant(srv, kind="spaceship", person_id=person["id"],
                              data={"name": "x"}),
        "missing field": plant(srv, kind="goal", person_id=person["id"],
                               data={"description": "Swim"}),
        "changed person": plant(srv, kind="care_plan", person_id=other["id"],
                                data={"what_matters": "Overwritten"}, record_id=plan["id"]),
    }
    good = plant(srv, kind="conflict", person_id=person["id"], data=_conflict(plan["id"]))
    # Naming a record this laptop does not hold: kept (its record may come later), never
    # shown or resolved while that record is not here.
    dangling = plant(srv, kind="conflict", person_id=person["id"],
                     data=_conflict(str(uuid.uuid4())))

    result = sync_ops.sync_now(north)

    assert len(result.set_aside) == len(bad)
    for rid in bad.values():
        row = north.execute("SELECT kind, person_id FROM records WHERE id = ?",
                            (rid,)).fetchone()
        assert rid == plan["id"] or row is None
    assert north.require(plan["id"])["what_matters"] == "The sea"
    assert north.require(plan["id"])["person_id"] == person["id"]
    assert [c["id"] for c in sync_view.open_conflicts(north)] == [good]
    assert sync_view.conflicts_inbox(north)[1] == [
        "it names a record this laptop does not hold"]
    with pytest.raises(ValueError, match="cannot be used"):
        sync_view.resolve_conflict(north, conflict_id=dangling, text="x")
    text = sync_view.describe(result)
    assert f"{len(bad)} records from the server could not be used: " in text
    assert "please tell your admin" in text
    notes = StoreSync(north).set_aside()
    assert {n["id"] for n in notes} == set(bad.values())
    assert all(set(n) == {"id", "kind", "reason", "at"} for n in notes)   # no content
    # The next sync is clean: the cursor moved past them.
    assert sync_ops.sync_now(north).set_aside == ()


def test_a_conflict_that_arrives_before_its_record_is_kept(laptops):
    """A record edited after its conflict was made has a later number than the conflict,
    so a new laptop's first sync receives the conflict first: it must not be set aside."""
    a = laptops.new("a", username="ana", team="North")
    b = laptops.new("b", username="ben", team="North")
    person = a.create("person", {"given_name": "Robin"})
    plan = a.create("care_plan", {"what_matters": "The sea"}, person_id=person["id"])
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    a.update(plan["id"], {"what_matters": "Walking by the sea"})
    b.update(plan["id"], {"what_matters": "Seeing my sister"})
    sync_ops.sync_now(a)
    assert sync_ops.sync_now(b).conflicts == 1
    a.update(plan["id"], {"strengths": "Patient"})        # the plan moves past the conflict
    sync_ops.sync_now(a)
    newcomer = laptops.new("c", username="cat", team="North")
    result = sync_ops.sync_now(newcomer)
    assert result.set_aside == ()
    (conflict,) = sync_view.open_conflicts(newcomer)
    assert conflict["record_id"] == plan["id"]
