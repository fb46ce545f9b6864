"""The Sync page against a real server on a loopback port: enrol, Sync now with its
outcome, the conflicts inbox (two versions side by side, keep one), and a revoked laptop
that is wiped and told so plainly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from outreach.ops import careplan as careplan_ops
from outreach.ops import sync as sync_ops
from outreach.ui.sync_panel import SyncPanel
from tests.ui.conftest import add_caseload, code_for, laptop


def panel_for(qtbot, store) -> SyncPanel:
    panel = SyncPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)
    return panel


def sync_with(qtbot, panel: SyncPanel) -> None:
    with qtbot.waitSignal(panel.synced, timeout=30_000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.status_op.is_running, timeout=10_000)


def test_enrol_then_sync_now(qtbot, server, tmp_path):
    store = laptop(tmp_path, "a", "sam.worker")
    add_caseload(store)
    panel = panel_for(qtbot, store)
    # Sync now stays enabled: pressed before enrolling, it says how to enrol
    assert panel.enrol_box.isVisible() and panel.sync_button.isEnabled()
    assert panel.last_label.text() == "Never"
    waiting = panel.status.pending
    assert waiting > 0 and panel.pending_label.text() == f"{waiting} changes"
    panel.server_edit.setText(server.url)
    panel.code_edit.setText(code_for(server, "sam.worker"))
    with qtbot.waitSignal(panel.enrolled, timeout=20_000):
        qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.enrol_box.isVisible(), timeout=10_000)
    assert panel.sync_button.isEnabled() and panel.server_label.text() == server.url
    sync_with(qtbot, panel)
    assert panel.outcome_label.text().startswith(f"Done: sent {waiting:,} changes")
    qtbot.waitUntil(lambda: panel.pending_label.text() == "0 changes", timeout=10_000)
    assert panel.last_label.text() != "Never"
    store.close()


def test_conflict_inbox_keeps_the_chosen_version(qtbot, server, tmp_path):
    a, b = laptop(tmp_path, "a", "sam.worker"), laptop(tmp_path, "b", "priya.nair")
    for store, user in ((a, "sam.worker"), (b, "priya.nair")):
        sync_ops.enroll(store, server_url=server.url, code=code_for(server, user))
    ids = add_caseload(a)
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    careplan_ops.update_care_plan(a, person_id=ids["aisha"],
                                  changes={"what_matters": "My allotment, and my sister."})
    careplan_ops.update_care_plan(b, person_id=ids["aisha"],
                                  changes={"what_matters": "Seeing my sister every week."})
    sync_ops.sync_now(a)
    panel = panel_for(qtbot, b)
    sync_with(qtbot, panel)
    qtbot.waitUntil(lambda: panel.conflicts.list.count() == 1, timeout=10_000)
    inbox = panel.conflicts
    assert "Aisha Khan" in inbox.list.item(0).text()
    sides = {inbox.left.toPlainText(), inbox.right.toPlainText()}
    assert sides == {"My allotment, and my sister.", "Seeing my sister every week."}
    from tests.ui.a11y_helpers import alt_keys

    assert {k: t for k, t in alt_keys(panel).items() if len(t) > 1} == {}  # Alt+S, Alt+F
    chosen = inbox.right.toPlainText()
    with qtbot.waitSignal(inbox.resolved, timeout=10_000):
        qtbot.mouseClick(inbox.keep_right, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: inbox.list.count() == 0, timeout=10_000)
    assert inbox.none_label.isVisibleTo(inbox)
    plan = b.query("care_plan", person_id=ids["aisha"])[0]
    assert plan["what_matters"] == chosen
    a.close()
    b.close()


def test_revoked_laptop_is_wiped_and_told(qtbot, server, tmp_path):
    from sync.server import admin as server_admin

    store = laptop(tmp_path, "a", "sam.worker")
    sync_ops.enroll(store, server_url=server.url, code=code_for(server, "sam.worker"))
    add_caseload(store)
    folder = Path(store.folder)
    panel = panel_for(qtbot, store)
    server_admin.revoke(server.engine, store.device_id)
    with qtbot.waitSignal(panel.device_wiped, timeout=30_000) as wiped:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert "erased" in wiped.args[0]
    assert store.closed and not (folder / "outreach.db").exists()
    assert not (folder / "outreach.key").exists()


def test_first_run_profile_enrols_with_the_server(qtbot, server, tmp_path):
    from outreach.ops import sync_view
    from outreach.ui.main_window import MainWindow
    from tests.conftest import FAST_KDF, PASSPHRASE

    win = MainWindow(data_dir=tmp_path / "data", vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    win.show()
    page = win.profiles_page
    page.name_edit.setText("priya")
    page.user_edit.setText("priya.nair")
    page.pass_edit.setText(PASSPHRASE)
    page.repeat_edit.setText(PASSPHRASE)
    page.enrol_box.setChecked(True)
    page.server_edit.setText(server.url)
    page.code_edit.setText(code_for(server, "priya.nair"))
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=20_000)
    status = sync_view.sync_status(win.session.store)
    assert status.enrolled and status.server_url == server.url and status.user == "priya.nair"
    win.session.shutdown()


def test_cancel_stops_and_the_next_sync_carries_on(qtbot, server, tmp_path):
    from outreach.ops.demo import generate_caseload

    store = laptop(tmp_path, "a", "sam.worker")
    sync_ops.enroll(store, server_url=server.url, code=code_for(server, "sam.worker"))
    generate_caseload(store, people=120, seed=3)           # thousands of changes to send
    panel = panel_for(qtbot, store)
    before = panel.status.pending
    with qtbot.waitSignal(panel.synced, timeout=60_000):
        panel.sync_now()
        assert panel.progress.isVisible() and panel.cancel_button.isEnabled()
        panel.cancel()                                     # long before 15 batches are sent
    assert "stopped" in panel.outcome_label.text()
    qtbot.waitUntil(lambda: not panel.status_op.is_running, timeout=10_000)
    panel.refresh_status()
    qtbot.waitUntil(lambda: not panel.status_op.is_running, timeout=10_000)
    assert 0 < panel.status.pending <= before
    sync_with(qtbot, panel)
    assert panel.outcome_label.text().startswith("Done: sent")
    qtbot.waitUntil(lambda: panel.pending_label.text() == "0 changes", timeout=10_000)
    store.close()


# -- a laptop not enrolled yet, and enrolment that fails (issue 12, item 11) ------------------
NOT_ENROLLED = "This laptop is not enrolled yet."


def test_sync_now_on_a_laptop_not_enrolled_says_how_to_enrol(qtbot, tmp_path):
    store = laptop(tmp_path, "a", "sam.worker")
    panel = panel_for(qtbot, store)
    panel.activateWindow()
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    text = panel.outcome_label.text()
    assert text.startswith(NOT_ENROLLED) and "enrolment code" in text and "Enrol" in text
    assert "next time" not in text and panel.op is None          # nothing was attempted
    assert panel.enrol_box.isVisible() and panel.server_edit.hasFocus()
    assert panel.outcome_label.accessibleDescription() == text   # read out (a11y.announce)
    store.close()


def test_f5_anywhere_on_a_laptop_not_enrolled_says_how_to_enrol(qtbot, window):
    from tests.ui.test_unlock import unlock

    unlock(qtbot, window)
    ws = window.workspace
    window.activateWindow()
    today = ws.pages["today"]
    qtbot.keyClick(today, Qt.Key.Key_F5)
    panel = ws.pages["sync"]
    assert ws.stack.currentWidget() is panel
    assert panel.outcome_label.text().startswith(NOT_ENROLLED)
    qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def enrol_with(qtbot, panel: SyncPanel, url: str, code: str) -> str:
    panel.server_edit.setText(url)
    panel.code_edit.setText(code)
    qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.enrol_box.isEnabled(), timeout=20_000)
    return panel.outcome_label.text()


def test_failed_enrolment_says_why(qtbot, server, tmp_path):
    store = laptop(tmp_path, "a", "sam.worker")
    panel = panel_for(qtbot, store)
    panel.activateWindow()
    text = enrol_with(qtbot, panel, server.url, "WRONG-CODE-1234")
    assert "code is not right" in text and "next time" not in text
    assert panel.code_edit.hasFocus()
    qtbot.keyClicks(panel.code_edit, "5")                     # fixing it clears the line
    assert panel.outcome_label.text() in ("", "No sync yet.")
    url = f"https://127.0.0.1:{_closed_port()}"
    text = enrol_with(qtbot, panel, url, code_for(server, "sam.worker"))
    assert "could not reach" in text.lower() and url in text
    assert "next time" not in text and "not enrolled" in text
    assert panel.server_edit.hasFocus()
    assert panel.outcome_label.accessibleDescription() == text
    assert not sync_ops.is_enrolled(store)
    store.close()


def test_sync_now_straight_after_enrolling_syncs(qtbot, server, tmp_path):
    """The status read in the background may still say "not enrolled": Sync now syncs."""
    store = laptop(tmp_path, "a", "sam.worker")
    panel = panel_for(qtbot, store)
    panel.server_edit.setText(server.url)
    panel.code_edit.setText(code_for(server, "sam.worker"))
    with qtbot.waitSignal(panel.enrolled, timeout=20_000):
        qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    assert panel.status is not None and not panel.status.enrolled    # not read again yet
    with qtbot.waitSignal(panel.synced, timeout=30_000):
        assert panel.sync_now() is not None
    assert not panel.outcome_label.text().startswith(NOT_ENROLLED)
    qtbot.waitUntil(lambda: not panel.status_op.is_running, timeout=10_000)
    store.close()
