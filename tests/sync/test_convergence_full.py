"""Issue 13 item 15: after concurrent edits of every kind of field, every laptop ends with
exactly the server's records, metadata included (``version``, ``updated_at``,
``updated_by``, ``device_id``, clocks), compared as whole exported records.

The bug this guards: the laptop whose own value won a concurrent edit kept its old
``version`` (and its own ``updated_*``), because applying a pulled state returned early
when the merge moved no field. On SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.transfer import flat_record, read_all

_COLUMNS = ("id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
            "updated_by, device_id, version, deleted")


def _server_export(server) -> list[dict]:
    """The server's records in the laptop's export format (``transfer.flat_record``)."""
    with server.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM records ORDER BY id").fetchall()
    return [flat_record(tuple(r[:11]) + (int(bool(r[11])),)) for r in rows]


def _export(store) -> list[dict]:
    return sorted(read_all(store), key=lambda r: r["id"])


def _seed(store):
    person = store.create("person", {"given_name": "Robin", "family_name": "Example",
                                     "contact_methods": ["phone"],
                                     "contact_notes": "Mornings are best",
                                     "date_of_birth": "1990-01-02"})
    pid = person["id"]
    plan = store.create("care_plan", {"what_matters": "Being near the sea",
                                      "strengths": "Kind", "basic_needs": ["housing"]},
                        person_id=pid)
    goal = store.create("goal", {"description": "Walk every day", "life_area": "wellbeing",
                                 "set_on": "2026-03-01", "status": "active"}, person_id=pid)
    flag = store.create("risk_flag", {"level": "low", "concern": "Low mood at times",
                                      "raised_on": "2026-03-01", "status": "open"},
                        person_id=pid)
    episode = store.create("episode", {"started_on": "2026-03-01",
                                       "review_on": "2026-05-24"}, person_id=pid)
    return {"person": pid, "plan": plan["id"], "goal": goal["id"], "flag": flag["id"],
            "episode": episode["id"]}


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_every_laptop_ends_with_the_servers_records_metadata_included(laptops, server,
                                                                      order):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    ids = _seed(a)
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)

    # Offline, both edit the same fields of every kind, and some different ones.
    a.update(ids["plan"], {"what_matters": "Walking the dog by the sea",     # text
                           "basic_needs": ["housing", "money"]})             # list
    b.update(ids["plan"], {"what_matters": "Seeing my sister again",
                           "basic_needs": ["loneliness"], "strengths": "Funny"})
    a.update(ids["person"], {"date_of_birth": "1990-02-03",                 # date
                             "contact_notes": "Texts, not calls",           # text
                             "contact_methods": ["text"]})                  # list
    b.update(ids["person"], {"date_of_birth": "1991-04-05",
                             "contact_notes": "Evenings after six",
                             "preferred_name": "Rob"})                      # string
    a.update(ids["goal"], {"status": "achieved"})                           # choice
    b.update(ids["goal"], {"status": "stopped", "description": "Walk most days"})
    a.update(ids["episode"], {"review_on": "2026-06-01"})
    b.delete(ids["episode"])                                               # deletion
    a.delete(ids["flag"])
    b.update(ids["flag"], {"level": "medium"})                             # edit vs delete
    a.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                              "setting": "outdoors", "type": "support",
                              "notes": "Talked about the walk"}, person_id=ids["person"])

    laptop = {"A": a, "B": b}
    for step in order:
        sync_ops.sync_now(laptop[step])
    for _ in range(2):
        sync_ops.sync_now(a)
        sync_ops.sync_now(b)

    assert outbox.pending_count(a) == outbox.pending_count(b) == 0
    on_server = _server_export(server)
    assert [c for c in on_server if c["kind"] == "conflict"], "the texts were kept twice"
    for store in (a, b):
        diffs = _diff(_export(store), on_server)
        assert not diffs, "\n".join(map(repr, diffs))
        assert _export(store) == on_server


def _diff(mine: list[dict], theirs: list[dict]) -> list[tuple]:
    """(id, key, here, on the server) for every difference, for a readable failure."""
    by_id = {r["id"]: r for r in theirs}
    out = []
    for rec in mine:
        other = by_id.get(rec["id"], {})
        for key in sorted(set(rec) | set(other)):
            if rec.get(key) != other.get(key):
                out.append((rec["kind"], key, rec.get(key), other.get(key)))
    return out
