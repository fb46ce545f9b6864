"""Issue 13.1: the conflicts inbox never crashes on a malformed conflict record (one an
older version stored before pulled records were checked): it shows the good ones, leaves
the bad one out and says so plainly."""

from __future__ import annotations

import json
import uuid

from outreach.ui.conflicts import ConflictsInbox

STAMP = "1790000000000-0000-server"


def _insert_conflict(store, *, person_id, data) -> str:
    cid = str(uuid.uuid4())
    with store.transaction():
        store.execute(
            "INSERT INTO records(id, kind, person_id, data, clocks, created_at, created_by, "
            "updated_at, updated_by, device_id, version, deleted) "
            "VALUES(?, 'conflict', ?, ?, ?, '2026-03-01T10:00:00+00:00', 'server', "
            "'2026-03-01T10:00:00+00:00', 'server', 'server', 1, 0)",
            (cid, person_id, json.dumps(data), json.dumps({k: STAMP for k in data})))
    return cid


def test_a_malformed_conflict_does_not_crash_the_inbox(qtbot, store):
    person = store.create("person", {"given_name": "Robin"})
    plan = store.create("care_plan", {"what_matters": "The sea"}, person_id=person["id"])
    base = {"record_id": plan["id"], "record_kind": "care_plan", "field": "what_matters",
            "status": "open"}
    _insert_conflict(store, person_id=person["id"],
                     data={**base, "versions": ["mine", "theirs"]})      # the crash
    good = _insert_conflict(store, person_id=person["id"], data={**base, "versions": [
        {"value": "The sea", "hlc": STAMP, "author": "nia", "device": "d1"},
        {"value": "Sister", "hlc": STAMP, "author": "oz", "device": "d2"}]})
    inbox = ConflictsInbox(store)
    qtbot.addWidget(inbox)
    inbox.show()
    with qtbot.waitSignal(inbox.loaded, timeout=10_000):
        inbox.refresh()
    assert inbox.list.count() == 1 and inbox.current_id() == good
    assert {inbox.left.toPlainText(), inbox.right.toPlainText()} == {"The sea", "Sister"}
    assert inbox.notice.isVisible()
    assert inbox.notice.text().startswith("1 conflict record could not be shown: its "
                                          "versions are not readable.")
    assert "tell your admin" in inbox.notice.text()
