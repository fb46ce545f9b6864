"""A new laptop's first sync through the real client and server (issue 15 item 2): written
in bulk, it ends with exactly what the laptop that wrote the records holds -- records,
caseload summary, search index, report index and triggers -- and with nothing left to do.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from outreach.ops import people as people_ops
from outreach.ops import reports
from outreach.ops import sync as sync_ops
from outreach.ops.demo import generate_caseload
from outreach.store import firstsync
from outreach.store.search import search
from tests.sync.conftest import snapshot

SUMMARY = "SELECT * FROM caseload_summary ORDER BY person_id"
SEARCH = ("SELECT r.id, s.title, s.body FROM search AS s JOIN records AS r "
          "ON r.rid = s.rowid ORDER BY r.id")
SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE type != 'table' ORDER BY name"


def test_a_first_sync_ends_with_what_the_writer_holds(laptops):
    # (an admin: the demo caseload includes the service directory, which only admins write)
    a = laptops.new("a", username="alice", team="North", admin=True)
    generate_caseload(a, people=8, seed=3)
    sync_ops.sync_now(a)
    phases: list[str] = []
    b = laptops.new("b", username="bob", team="North")
    result = sync_ops.sync_now(b, progress=lambda phase, done, total: phases.append(phase))
    assert result.pulled == len(snapshot(a))
    assert "index" in phases                  # the search backlog, after the pull
    assert snapshot(b) == snapshot(a)
    assert b.execute(SUMMARY).fetchall() == a.execute(SUMMARY).fetchall()
    assert b.execute(SEARCH).fetchall() == a.execute(SEARCH).fetchall()
    assert b.execute(SCHEMA).fetchall() == a.execute(SCHEMA).fetchall()
    assert not firstsync.active(b) and not b.summary_by_hand
    assert people_ops.search_progress(b) is None
    start, end = dt.date(2020, 1, 1), dt.date(2030, 1, 1)
    assert reports.indicators_report(b, start=start, end=end) == \
        reports.indicators_report(a, start=start, end=end)

    # Later syncs are routine: a new conversation on A reaches B, indexed at once.
    person = a.query("person")[0]
    a.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                              "setting": "home", "type": "support",
                              "notes": "We planted runner beans at the allotment."},
             person_id=person["id"])
    sync_ops.sync_now(a)
    assert sync_ops.sync_now(b).pulled == 1
    assert "beans" in " ".join(h.snippet for h in search(b, "runner beans"))
    assert b.execute(SUMMARY).fetchall() == a.execute(SUMMARY).fetchall()
