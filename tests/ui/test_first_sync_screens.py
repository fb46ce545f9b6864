"""A new laptop's first sync through the real window: once the people and what their
files need first are stored, the Sync page says so, People (already open) fills in by
itself and a person's file opens, while conversations are still arriving."""

from __future__ import annotations

import threading
from typing import Any

from outreach.ops import conversations as conv_ops
from outreach.ops import sync as sync_ops
from sync.client import HttpClient
from tests.ui.conftest import add_caseload, code_for, days_ago, laptop


def test_people_and_a_file_are_usable_before_the_first_sync_ends(qtbot, server, tmp_path,
                                                                  monkeypatch):
    from outreach.ui.main_window import MainWindow
    from tests.ui.test_unlock import unlock

    seed = laptop(tmp_path, "seed", "priya.nair")
    sync_ops.enroll(seed, server_url=server.url, code=code_for(server, "priya.nair"))
    ids = add_caseload(seed)
    for i in range(12):
        conv_ops.record_conversation(seed, person_id=ids["ben"], values={
            "occurred_at": f"{days_ago(2)}T09:{i:02d}:00+00:00", "setting": "phone",
            "type": "support", "notes": f"Checked in by phone ({i})."})
    sync_ops.sync_now(seed)
    seed.close()
    new = laptop(tmp_path, "new", "sam.worker")
    sync_ops.enroll(new, server_url=server.url, code=code_for(server, "sam.worker"))
    new.close()

    # small snapshot pages; the page after the first screens' records waits for the test
    gate, usable_seen = threading.Event(), threading.Event()
    real = HttpClient.snapshot

    def snapshot(self: HttpClient, **kw: Any) -> Any:
        if usable_seen.is_set():
            gate.wait(30)
        page = real(self, **{**kw, "limit": 4})
        if page.first_done and page.more:
            usable_seen.set()
        return page

    monkeypatch.setattr(HttpClient, "snapshot", snapshot)
    win = MainWindow(data_dir=tmp_path / "new")
    qtbot.addWidget(win)
    win.show()
    try:
        unlock(qtbot, win)
        ws = win.workspace
        people = ws.show_page("people")
        qtbot.waitUntil(lambda: people.load_op is None or not people.load_op.is_running,
                        timeout=10_000)
        assert people.model.rowCount() == 0
        panel = ws.pages["sync"]
        with qtbot.waitSignal(panel.records_usable, timeout=30_000):
            panel.sync_now()
        assert panel.busy and not gate.is_set()
        assert panel.outcome_label.text().startswith("Your team's people are here")
        # People refreshes by itself; the file opens, with conversations still to come
        qtbot.waitUntil(lambda: people.model.rowCount() == 3, timeout=10_000)
        ws.open_person(ids["aisha"])
        assert ws.person_view.name_label.text().startswith("Aisha")
        assert panel.busy
        with qtbot.waitSignal(panel.synced, timeout=30_000):
            gate.set()
        assert panel.outcome_label.text().startswith("Done")
    finally:
        gate.set()
        win.session.shutdown()
        from outreach.ui.background import wait_for_all
        wait_for_all(5000)
