"""Issue 13 item 12: one change the server refuses neither blocks the laptop's outbox nor
disappears. It is kept aside with the server's reason (the person sees it; the admin
sees the count per laptop), every other change flows, and the person can fix and resend
it, or discard it, which happens only when asked. Real client against a real server."""

from __future__ import annotations

import json

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import quarantine as quarantine_ops
from outreach.ops import sync as sync_ops
from outreach.store import outbox
from sync.server import admin as server_admin


def _spoil(store, record_id: str, field: str, value) -> str:
    """Make a saved, not yet sent edit hold a value the server refuses (as a laptop with
    older checks could have saved); returns its change id."""
    with store.transaction() as c:
        cid, fields, hlc = c.execute("SELECT change_id, fields, hlc FROM outbox "
                                     "WHERE record_id = ?", (record_id,)).fetchone()
        values = {**json.loads(fields), field: value}
        c.execute("UPDATE outbox SET fields = ? WHERE change_id = ?",
                  (json.dumps(values), cid))
        data, clocks = c.execute("SELECT data, clocks FROM records WHERE id = ?",
                                 (record_id,)).fetchone()
        c.execute("UPDATE records SET data = ?, clocks = ? WHERE id = ?",
                  (json.dumps({**json.loads(data), field: value}),
                   json.dumps({**json.loads(clocks), field: hlc}), record_id))
    return cid


def _hundred(store) -> list[dict]:
    return [store.create("person", {"given_name": f"Person {i:03d}"}) for i in range(100)]


def _device(server, store):
    return next(d for d in server_admin.list_devices(server.engine)
                if d.device_id == store.device_id)


def test_a_refused_change_neither_blocks_nor_disappears(laptops, server):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    people = _hundred(a)
    bad = people[50]
    cid = _spoil(a, bad["id"], "date_of_birth", "the fifth of May")

    result = sync_ops.sync_now(a)
    assert result.pushed == 99
    assert outbox.pending_count(a) == 0
    refused = quarantine_ops.refused_changes(a)
    assert [r.change_id for r in refused] == [cid]
    assert refused[0].what == "Person: Person 050"
    assert "invalid" in refused[0].reason and refused[0].to_fix == ["date_of_birth"]
    assert _device(server, a).quarantined_changes == 1          # the admin sees it

    sync_ops.sync_now(b)
    assert len(b.query("person")) == 99 and b.get(bad["id"]) is None

    # A later sync does not lose it, nor send it again as it is.
    assert sync_ops.sync_now(a).pushed == 0
    assert quarantine_ops.refused_count(a) == 1

    # Fix and resend: a value that is still wrong is refused on the laptop first.
    with pytest.raises(ValidationError):
        quarantine_ops.resend(a, cid, {"date_of_birth": "yesterday"})
    assert quarantine_ops.refused_count(a) == 1
    quarantine_ops.resend(a, cid, {"date_of_birth": "1990-05-05"})
    assert quarantine_ops.refused_count(a) == 0
    assert sync_ops.sync_now(a).pushed >= 1
    assert _device(server, a).quarantined_changes == 0
    sync_ops.sync_now(b)
    got = b.get(bad["id"])
    assert got["given_name"] == "Person 050" and got["date_of_birth"] == "1990-05-05"
    assert len(b.query("person")) == 100


def test_a_refused_change_is_discarded_only_when_asked(laptops, server):
    a = laptops.new("a", username="alice", team="North")
    robin = a.create("person", {"given_name": "Robin"})
    sync_ops.sync_now(a)
    a.update(robin["id"], {"pronouns": "they/them", "preferred_name": "Rob"})
    cid = _spoil(a, robin["id"], "date_of_birth", "not a date")
    sync_ops.sync_now(a)
    sync_ops.sync_now(a)
    assert [r.change_id for r in quarantine_ops.refused_changes(a)] == [cid]

    quarantine_ops.discard(a, cid)
    assert quarantine_ops.refused_changes(a) == []
    # the record goes back to what the server holds; the discard itself is kept on record
    sync_ops.sync_now(a)
    back = a.require(robin["id"])
    assert back.get("preferred_name") is None and back.get("date_of_birth") is None
    row = a.execute("SELECT discarded_by, discarded_at, fields FROM quarantine "
                    "WHERE change_id = ?", (cid,)).fetchone()
    assert row[0] == "alice" and row[1] and row[2] == "{}"
    assert _device(server, a).quarantined_changes == 0
