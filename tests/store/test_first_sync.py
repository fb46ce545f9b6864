"""A first sync written in bulk (issue 15 item 2): the search index is built in the
background after the records are in, search finds what is indexed meanwhile, and what
the laptop ends up with -- search index, caseload summary, report index and figures --
is what record-by-record writing gave, whatever the practitioner did in between."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from outreach.ops import people as people_ops
from outreach.ops import reports
from outreach.ops.demo import generate_caseload
from outreach.ops.sync import finish_first_sync
from outreach.store import firstsync, search_backlog
from outreach.store.profile import Profile
from outreach.store.records import index_text
from outreach.store.search import search
from outreach.store.syncstore import StoreSync
from sync.protocol import PullItem, RecordState

ROWS = ("SELECT id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
        "updated_by, device_id, version, deleted FROM records ORDER BY rid")
SUMMARY = "SELECT * FROM caseload_summary ORDER BY person_id"
SEARCH = ("SELECT r.id, s.title, s.body FROM search AS s JOIN records AS r "
          "ON r.rid = s.rowid ORDER BY r.id")
PAGE = 250


def _items(rows: list[Any]) -> list[PullItem]:
    items = []
    for seq, row in enumerate(rows, start=1):
        (id_, kind, person_id, data, clocks, created_at, created_by, updated_at,
         updated_by, device_id, version, deleted) = row
        items.append(PullItem(seq=seq, type="record", record=RecordState(
            id=id_, kind=kind, person_id=person_id, data=json.loads(data),
            clocks=json.loads(clocks), deleted=bool(deleted), created_at=created_at,
            created_by=created_by, updated_at=updated_at, updated_by=updated_by,
            device_id=device_id, version=version)))
    return items


@pytest.fixture
def source(store):
    """A laptop that wrote a small demo caseload record by record."""
    generate_caseload(store, people=12, seed=5)
    return store


@pytest.fixture
def laptop(new_store):
    return new_store("laptop", user="lee")


def _pull(laptop, rows: list[Any]) -> StoreSync:
    sync = StoreSync(laptop)
    items = _items(rows)
    for i in range(0, len(items), PAGE):
        page = items[i:i + PAGE]
        sync.apply_pulled(page, page[-1].seq)
    return sync


def _expected_index(store) -> list[tuple[str, str, str]]:
    """The search rows of every live record, worked out from the records as they are."""
    out = []
    for id_, kind, data, deleted in store.execute(
            "SELECT id, kind, data, deleted FROM records"):
        text = None if deleted else index_text(kind, json.loads(data))
        if text is not None:
            out.append((id_, *text))
    return sorted(out)


def _a_word_of(store, kind: str) -> tuple[str, str]:
    """(record id, a rare-ish word) from the text of one record of ``kind``."""
    rec = store.query(kind)[-1]
    words = [w for w in str(rec.get("notes") or rec.get("what_matters")).split()
             if w.isalpha() and len(w) > 6]
    return rec["id"], words[0]


def test_search_finds_names_at_once_and_notes_as_they_are_indexed(source, laptop):
    rows = [tuple(r) for r in source.execute(ROWS)]
    _pull(laptop, rows)
    assert firstsync.active(laptop)
    assert laptop.execute(SEARCH).fetchall() == []          # nothing indexed yet
    assert people_ops.search_progress(laptop) == 0
    person = source.query("person")[0]
    hits = search(laptop, person["given_name"])
    assert person["id"] in {h.record_id for h in hits}      # names: the caseload summary
    note_id, word = _a_word_of(source, "conversation")
    assert note_id not in {h.record_id for h in search(laptop, word)}

    search_backlog.index_some(laptop, limit=len(rows) // 3)
    done = people_ops.search_progress(laptop)
    assert done is not None and 30 <= done <= 40
    assert people_ops.search_records_and_progress(laptop, word)[1] == done

    finish_first_sync(laptop)
    assert people_ops.search_progress(laptop) is None
    assert note_id in {h.record_id for h in search(laptop, word)}
    assert laptop.execute(SEARCH).fetchall() == source.execute(SEARCH).fetchall()


def test_records_changed_or_deleted_before_their_turn_are_indexed_as_they_are(source,
                                                                             laptop):
    rows = [tuple(r) for r in source.execute(ROWS)]
    _pull(laptop, rows)
    plan = laptop.query("care_plan")[0]
    laptop.update(plan["id"], {"what_matters": "Keeping the greenhouse going"})
    flag = laptop.query("risk_flag")[0]
    laptop.delete(flag["id"])
    person = laptop.query("person")[1]
    laptop.update(person["id"], {"preferred_name": "Sunny"})
    finish_first_sync(laptop)
    assert sorted(laptop.execute(SEARCH).fetchall()) == _expected_index(laptop)
    assert plan["id"] in {h.record_id for h in search(laptop, "greenhouse")}


def test_a_record_written_during_a_first_sync_keeps_the_caseload_summary(source, laptop):
    rows = [tuple(r) for r in source.execute(ROWS)]
    half = len(rows) // 2
    sync = _pull(laptop, rows[:half])
    assert firstsync.active(laptop) and laptop.summary_by_hand
    someone = laptop.query("person")[0]["id"]
    laptop.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                   "setting": "home", "type": "support",
                                   "notes": "Talked about the allotment."},
                  person_id=someone)
    laptop.create("risk_flag", {"concern": "Eviction notice", "level": "high",
                                "status": "open", "raised_on": "2026-03-02"},
                  person_id=someone)
    items = _items(rows)
    for i in range(half, len(items), PAGE):
        page = items[i:i + PAGE]
        sync.apply_pulled(page, page[-1].seq)
    mine = laptop.execute(SUMMARY).fetchall()
    finish_first_sync(laptop)
    assert not laptop.summary_by_hand
    # The summary kept by hand is the one a full recomputation gives.
    laptop.execute("DELETE FROM caseload_summary")
    from outreach.store.migrations import recompute_summary
    with laptop.transaction() as conn:
        recompute_summary(conn, {r[0] for r in laptop.execute(
            "SELECT id FROM records WHERE kind = 'person'")})
    assert laptop.execute(SUMMARY).fetchall() == mine
    # ...and the triggers are back: a later conversation moves "last seen".
    laptop.create("conversation", {"occurred_at": "2026-06-01T10:00:00+00:00",
                                   "setting": "home", "type": "support",
                                   "notes": "A walk by the river."},
                  person_id=someone)
    assert laptop.execute("SELECT last_seen FROM caseload_summary WHERE person_id = ?",
                          (someone,)).fetchone()[0] == "2026-06-01"


def test_a_report_during_a_first_sync_gives_the_same_figures(source, laptop):
    rows = [tuple(r) for r in source.execute(ROWS)]
    _pull(laptop, rows)
    assert firstsync.active(laptop)
    start, end = dt.date(2020, 1, 1), dt.date(2030, 1, 1)
    during = reports.indicators_report(laptop, start=start, end=end)
    assert during == reports.indicators_report(source, start=start, end=end)
    finish_first_sync(laptop)
    assert reports.indicators_report(laptop, start=start, end=end) == during


def test_an_interrupted_first_sync_is_finished_after_the_profile_is_opened_again(
        source, laptop, tmp_path):
    from tests.conftest import PASSPHRASE

    rows = [tuple(r) for r in source.execute(ROWS)]
    _pull(laptop, rows[:PAGE])
    laptop.close()
    again = Profile(tmp_path / "laptop", "main").unlock(PASSPHRASE)
    try:
        assert again.summary_by_hand and firstsync.active(again)
        sync = StoreSync(again)
        items = _items(rows)
        for i in range(PAGE, len(items), PAGE):
            page = items[i:i + PAGE]
            sync.apply_pulled(page, page[-1].seq)
        finish_first_sync(again)
        assert again.execute(SUMMARY).fetchall() == source.execute(SUMMARY).fetchall()
        assert again.execute(SEARCH).fetchall() == source.execute(SEARCH).fetchall()
        triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        assert again.execute(triggers).fetchall() == source.execute(triggers).fetchall()
    finally:
        again.close()


def test_a_laptop_that_holds_records_is_never_written_in_bulk(source):
    """A later sync (records held, cursor moved) writes record by record as before."""
    rows = [tuple(r) for r in source.execute(ROWS)]
    assert not firstsync.begin(source, cursor=0)
    assert not firstsync.active(source)
    assert search_backlog.progress(source) is None
    assert rows
