"""The search index is written when a transaction commits (Store._flush_index): whatever a
transaction does to a record -- create, change, delete, evict, roll back -- the index
afterwards matches the records, and nothing queued leaks into the next transaction."""

from __future__ import annotations

import pytest

from outreach.store.search import search


def _person(store, given: str) -> str:
    return str(store.create("person", {"given_name": given, "family_name": "Synthetic",
                                       "consent_record": True})["id"])


def _index_rows(store) -> int:
    return int(store.execute("SELECT count(*) FROM search").fetchone()[0])


def test_many_records_in_one_transaction_are_all_found(store):
    with store.transaction():
        pid = _person(store, "Quillon")
        for n in range(40):
            store.create("conversation", {"type": "support", "setting": "phone",
                                          "notes": f"Talked about the allotment, visit {n}",
                                          "occurred_at": "2026-11-02T10:00:00+00:00"},
                         person_id=pid)
    assert len([h for h in search(store, "allotment") if h.kind == "conversation"]) == 40
    assert [h.record_id for h in search(store, "Quillon")] == [pid]


def test_created_changed_and_deleted_in_one_transaction(store):
    with store.transaction():
        keep = _person(store, "Marrowby")
        renamed = _person(store, "Oldname")
        gone = _person(store, "Vanisha")
        store.update(renamed, {"given_name": "Newname"})
        store.delete(gone)
    assert [h.record_id for h in search(store, "Marrowby")] == [keep]
    assert search(store, "Oldname") == []
    assert [h.record_id for h in search(store, "Newname")] == [renamed]
    assert search(store, "Vanisha") == []
    assert _index_rows(store) == 2


def test_a_rolled_back_transaction_leaves_no_index_rows_behind(store):
    class Stop(Exception):
        pass

    with pytest.raises(Stop), store.transaction():
        _person(store, "Phantasma")
        raise Stop
    assert _index_rows(store) == 0
    kept = _person(store, "Realtina")              # the next transaction starts clean
    assert search(store, "Phantasma") == []
    assert [h.record_id for h in search(store, "Realtina")] == [kept]
    assert _index_rows(store) == 1


def test_an_index_row_queued_then_removed_in_the_same_transaction(store):
    pid = _person(store, "Evictor")
    with store.transaction() as conn:
        conv = store.create("conversation", {"type": "support", "setting": "home",
                                             "notes": "Synthetic note about kites",
                                             "occurred_at": "2026-11-02T10:00:00+00:00"},
                            person_id=pid)
        # what an eviction does: every row of the person leaves the index and the table
        for (rid,) in conn.execute("SELECT rid FROM records WHERE person_id = ?", (pid,)):
            store.unindex(rid)
        conn.execute("DELETE FROM records WHERE person_id = ?", (pid,))
    assert store.get(conv["id"]) is None
    assert search(store, "kites") == []
    assert _index_rows(store) == 0
