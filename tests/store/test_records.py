"""The store's writes: record, clock stamps, outbox and index in one transaction."""

from __future__ import annotations

import pytest

from outreach.core.hlc import Stamp
from outreach.core.validation import ValidationError
from outreach.store import outbox
from outreach.store.records import AppendOnly


def person(store, name: str = "Quentina") -> dict:
    return store.create("person", {"given_name": name, "family_name": "Marchbank",
                                   "pronouns": "she/her"})


def conversation(store, pid: str, notes: str = "Synthetic notes in her words.") -> dict:
    return store.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                         "setting": "outdoors", "type": "support",
                                         "notes": notes}, person_id=pid)


def counts(store) -> tuple[int, int]:
    records = store.execute("SELECT count(*) FROM records").fetchone()[0]
    return records, outbox.pending_count(store)


def test_create_stamps_metadata_clocks_and_one_outbox_change(store) -> None:
    rec = person(store)
    assert rec["kind"] == "person" and rec["person_id"] == rec["id"]
    assert rec["version"] == 1 and rec["created_by"] == "sam.worker"
    assert rec["device_id"] == store.device_id
    clocks = store.clocks(rec["id"])
    assert set(clocks) == {"given_name", "family_name", "pronouns"}
    assert len(set(clocks.values())) == 1
    assert Stamp.parse(next(iter(clocks.values()))).device == store.device_id
    (change,) = outbox.pending(store)
    assert change["op"] == "upsert" and change["record_id"] == rec["id"]
    assert change["fields"] == {"given_name": "Quentina", "family_name": "Marchbank",
                                "pronouns": "she/her"}
    assert change["base"] == {} and change["base_version"] == 0
    assert change["hlc"] == clocks["given_name"]
    assert change["author"] == "sam.worker" and change["device"] == store.device_id


def test_update_sends_only_the_changed_fields_with_their_base_stamps(store) -> None:
    rec = person(store)
    first = store.clocks(rec["id"])
    updated = store.update(rec["id"], {"given_name": "Quentina", "pronouns": "they/them",
                                       "phone": "07700 900123"})
    assert updated["version"] == 2 and updated["pronouns"] == "they/them"
    changes = outbox.pending(store)
    assert len(changes) == 2
    change = changes[1]
    assert change["fields"] == {"pronouns": "they/them", "phone": "07700 900123"}
    assert change["base"] == {"pronouns": first["pronouns"], "phone": None}
    assert change["base_version"] == 1
    clocks = store.clocks(rec["id"])
    assert clocks["given_name"] == first["given_name"]
    assert clocks["pronouns"] == clocks["phone"] == change["hlc"] > first["pronouns"]


def test_an_update_that_changes_nothing_writes_nothing(store) -> None:
    rec = person(store)
    assert store.update(rec["id"], {"given_name": "Quentina"})["version"] == 1
    assert outbox.pending_count(store) == 1


def test_clearing_a_field_removes_it(store) -> None:
    rec = person(store)
    updated = store.update(rec["id"], {"pronouns": None})
    assert "pronouns" not in updated
    assert outbox.pending(store)[-1]["fields"] == {"pronouns": None}


def test_delete_leaves_a_tombstone_that_syncs(store) -> None:
    rec = person(store)
    store.delete(rec["id"])
    assert store.get(rec["id"]) is None
    tomb = store.get(rec["id"], include_deleted=True)
    assert tomb["deleted"] is True and tomb["version"] == 2
    assert "_deleted" in store.clocks(rec["id"])
    change = outbox.pending(store)[-1]
    assert change["op"] == "delete" and change["fields"] == {}
    assert store.count("person") == 0


def test_conversations_are_append_only(store) -> None:
    pid = person(store)["id"]
    conv = conversation(store, pid)
    with pytest.raises(AppendOnly, match="addendum"):
        store.update(conv["id"], {"notes": "rewritten"})
    with pytest.raises(AppendOnly):
        store.delete(conv["id"])
    add = store.create("addendum", {"conversation_id": conv["id"], "text": "A correction."},
                       person_id=pid)
    with pytest.raises(AppendOnly):
        store.update(add["id"], {"text": "again"})
    assert store.get(conv["id"])["notes"] == "Synthetic notes in her words."


def test_invalid_records_write_nothing(store) -> None:
    before = counts(store)
    with pytest.raises(ValidationError):
        store.create("person", {"family_name": "No first name"})
    with pytest.raises(ValidationError, match="must belong to a person"):
        store.create("goal", {"description": "x", "life_area": "work", "set_on": "2026-01-01",
                              "status": "active"})
    with pytest.raises(ValidationError, match="no such person"):
        conversation(store, "3f0b6f4e-8d1c-4a57-9a6c-2b1e5d7c9a10")
    pid = person(store)["id"]
    with pytest.raises(ValidationError, match="does not exist"):
        store.create("addendum", {"conversation_id": "3f0b6f4e-8d1c-4a57-9a6c-2b1e5d7c9a10",
                                  "text": "x"}, person_id=pid)
    assert counts(store) == (before[0] + 1, before[1] + 1)


def test_an_id_cannot_be_used_twice(store) -> None:
    rec = person(store)
    with pytest.raises(ValidationError, match="already used"):
        store.create("person", {"given_name": "Twin"}, record_id=rec["id"])


def test_a_failing_write_leaves_neither_record_nor_outbox_row(store) -> None:
    before = counts(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            pid = person(store)["id"]
            conversation(store, pid)
            assert counts(store) == (before[0] + 2, before[1] + 2)
            raise RuntimeError("power cut")
    assert counts(store) == before
    assert store.execute("SELECT count(*) FROM search").fetchone()[0] == 0


def test_a_failing_update_keeps_the_old_values(store) -> None:
    rec = person(store)
    with pytest.raises(ValidationError):
        store.update(rec["id"], {"given_name": "", "pronouns": "they/them"})
    assert store.get(rec["id"])["pronouns"] == "she/her"
    assert outbox.pending_count(store) == 1


def test_acknowledged_changes_leave_the_outbox(store) -> None:
    person(store)
    person(store, "Second")
    first, second = outbox.pending(store)
    assert outbox.acknowledge(store, [first["change_id"], "unknown"]) == 1
    assert [c["change_id"] for c in outbox.pending(store)] == [second["change_id"]]


def test_drafts_autosave_locally_and_never_sync(store) -> None:
    pid = person(store)["id"]
    pending = outbox.pending_count(store)
    store.save_draft("d1", kind="conversation", person_id=pid, data={"notes": "half a thou"})
    store.save_draft("d1", kind="conversation", person_id=pid,
                     data={"notes": "half a thought, finished"})
    store.save_draft("d2", kind="care_plan", person_id=None, data={})
    assert [d["data"] for d in store.drafts(person_id=pid)] == [
        {"notes": "half a thought, finished"}]
    assert len(store.drafts()) == 2
    store.discard_draft("d1")
    assert [d["id"] for d in store.drafts()] == ["d2"]
    assert outbox.pending_count(store) == pending


def test_query_and_person_records(store) -> None:
    pid = person(store)["id"]
    other = person(store, "Other")["id"]
    conversation(store, pid)
    conversation(store, other)
    kinds = [r["kind"] for r in store.person_records(pid)]
    assert kinds == ["person", "conversation"]
    assert len(store.query("conversation")) == 2
    assert len(store.query("conversation", person_id=pid)) == 1
