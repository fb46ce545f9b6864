"""Applying pulled pages in bulk (issue 15 item 2): new records are written together, but
the page is still applied in its order, and what the laptop ends up holding -- records,
caseload summary, search index -- is what record-by-record writing gave."""

from __future__ import annotations

import json
import uuid
from typing import Any

from outreach.ops.demo import generate_caseload
from outreach.ops.sync import finish_first_sync
from outreach.store import firstsync, search_backlog
from outreach.store.syncstore import SUMMARY_ONCE_FROM, StoreSync
from sync.protocol import PullItem, RecordState

STAMP = "1790000000000-0000-server"


def _state(row: Any) -> RecordState:
    (id_, kind, person_id, data, clocks, created_at, created_by, updated_at, updated_by,
     device_id, version, deleted) = row
    return RecordState(id=id_, kind=kind, person_id=person_id, data=json.loads(data),
                       clocks=json.loads(clocks), deleted=bool(deleted),
                       created_at=created_at, created_by=created_by, updated_at=updated_at,
                       updated_by=updated_by, device_id=device_id, version=version)


def _record(kind: str, data: dict[str, Any], *, person_id: str | None,
            record_id: str | None = None, version: int = 1) -> RecordState:
    rid = record_id or str(uuid.uuid4())
    return RecordState(id=rid, kind=kind, person_id=rid if kind == "person" else person_id,
                       data=data, clocks={k: STAMP for k in data}, created_at=STAMP[:13],
                       created_by="server", updated_at=STAMP[:13], updated_by="server",
                       device_id="server", version=version)


def _items(states: list[RecordState]) -> list[PullItem]:
    return [PullItem(seq=i + 1, type="record", record=s) for i, s in enumerate(states)]


ROWS = ("SELECT id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
        "updated_by, device_id, version, deleted FROM records ORDER BY rid")


def test_a_first_sync_in_pages_holds_what_was_written(store, profile, new_store):
    """A demo caseload pulled in pages by an empty laptop: the same records, the
    same caseload summary and the same search answers as the laptop that wrote them."""
    generate_caseload(store, people=20, seed=21)
    rows = [tuple(r) for r in store.execute(ROWS)]
    items = _items([_state(r) for r in rows])
    laptop = new_store("laptop", user="lee")
    sync = StoreSync(laptop)
    # Pages of 250 (the summary recomputed once per page) and a last short one
    # (record by record triggers); people's records fall across pages.
    assert len(items) > 500 and len(items) % 250 < SUMMARY_ONCE_FROM
    applied = sum(sync.apply_pulled(items[i:i + 250], items[min(i + 250, len(items)) - 1]
                                    .seq).records for i in range(0, len(items), 250))
    assert applied == len(rows)
    assert [tuple(r) for r in laptop.execute(ROWS)] == rows
    assert sync.cursor() == len(items)
    summary = "SELECT * FROM caseload_summary ORDER BY person_id"
    assert laptop.execute(summary).fetchall() == store.execute(summary).fetchall()
    # A first sync: the search index and the report index wait for its end.
    search = ("SELECT r.id, s.title, s.body FROM search AS s JOIN records AS r "
              "ON r.rid = s.rowid ORDER BY r.id")
    assert laptop.execute(search).fetchall() == []
    assert search_backlog.progress(laptop) == search_backlog.IndexProgress(0, len(rows))
    assert _has_index(laptop, "report_facts") is False
    finish_first_sync(laptop)
    assert laptop.execute(search).fetchall() == store.execute(search).fetchall()
    assert search_backlog.progress(laptop) is None
    assert _has_index(laptop, "report_facts") is True
    assert not firstsync.active(laptop)


def _has_index(store: Any, name: str) -> bool:
    return store.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                         (name,)).fetchone() is not None


def test_a_page_is_applied_in_its_order(store):
    """New records, an eviction between them, a conflict naming a record earlier in the
    same page, and a record held here: each sees the page as applied up to it."""
    sync = StoreSync(store)
    gone = _record("person", {"given_name": "Gone"}, person_id=None)
    gone_note = _record("conversation", {"occurred_at": "2026-03-01T10:00:00+00:00",
                                         "setting": "home", "type": "support",
                                         "notes": "walking to the allotment"},
                        person_id=gone.id)
    stays = _record("person", {"given_name": "Robin"}, person_id=None)
    plan = _record("care_plan", {"what_matters": "The sea"}, person_id=stays.id)
    conflict = _record("conflict", {
        "record_id": plan.id, "record_kind": "care_plan", "field": "what_matters",
        "status": "open", "versions": [
            {"value": "one", "hlc": STAMP, "author": "a", "device": "d1"},
            {"value": "two", "hlc": STAMP, "author": "b", "device": "d2"}]},
        person_id=stays.id)
    items = [*_items([gone, gone_note, stays, plan]),
             PullItem(seq=5, type="evict", person_id=gone.id),
             PullItem(seq=6, type="record", record=conflict)]
    result = sync.apply_pulled(items, 6)
    assert result.records == 5 and result.evicted == 1 and result.conflicts == 1
    assert not result.set_aside
    held = {r[0] for r in store.execute("SELECT id FROM records")}
    assert held == {stays.id, plan.id, conflict.id}
    assert store.execute("SELECT count(*) FROM search WHERE search MATCH 'allotment'") \
        .fetchone()[0] == 0
    # A held record in a later page merges as before.
    newer = _record("care_plan", {"what_matters": "The sea and the hills"},
                    person_id=stays.id, record_id=plan.id, version=2)
    newer.clocks["what_matters"] = "1790000000001-0000-server"
    assert sync.apply_pulled(_items([newer]), 7).records == 1
    assert store.get(plan.id)["what_matters"] == "The sea and the hills"
    assert store.execute("SELECT count(*) FROM search WHERE search MATCH 'hills'") \
        .fetchone()[0] == 1


def test_the_same_record_twice_in_one_page_keeps_the_later_state(store):
    """Fails before the bulk path with "UNIQUE constraint failed: records.id": the page's
    held records were read once, so the second state was inserted again."""
    sync = StoreSync(store)
    first = _record("person", {"given_name": "Robin"}, person_id=None)
    later = _record("person", {"given_name": "Robyn"}, person_id=None, record_id=first.id,
                    version=2)
    later.clocks["given_name"] = "1790000000001-0000-server"
    result = sync.apply_pulled(_items([first, later]), 2)
    assert result.records == 2
    assert store.get(first.id)["given_name"] == "Robyn"
    assert store.execute("SELECT title FROM search").fetchall() == [("Robyn",)]
