"""Issue 13 item 12 on the Sync page, through the real widgets against a real server: a
change the server refused is listed with the server's reason; "Discard…" asks first and
keeping it changes nothing; "Edit and resend…" sends the corrected value."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outreach.ops import quarantine as quarantine_ops
from outreach.ops import sync as sync_ops
from tests.sync.test_quarantine import _spoil
from tests.ui.conftest import code_for, laptop
from tests.ui.test_sync_panel import panel_for, sync_with


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_refused_change_is_shown_kept_until_asked_and_resent(qtbot, server, tmp_path):
    store = laptop(tmp_path, "a", "sam.worker")
    sync_ops.enroll(store, server_url=server.url, code=code_for(server, "sam.worker"))
    people = [store.create("person", {"given_name": f"Person {i}"}) for i in range(3)]
    _spoil(store, people[1]["id"], "date_of_birth", "the fifth of May")
    panel = panel_for(qtbot, store)
    assert not panel.refused_box.isVisibleTo(panel)
    sync_with(qtbot, panel)
    assert "sent 2 changes" in panel.outcome_label.text()
    assert "The server refused 1 change" in panel.outcome_label.text()
    refused = panel.refused
    qtbot.waitUntil(lambda: refused.list.count() == 1, timeout=10_000)
    assert panel.refused_box.isVisibleTo(panel)
    text = refused.list.item(0).text()
    assert "Person: Person 1" in text and "A change holds invalid values." in text

    # Discard asks; "Keep it" keeps it.
    click(qtbot, refused.discard_button)
    assert refused.confirm_row.isVisibleTo(refused)
    assert "Discard this change to Person: Person 1?" in refused.confirm.text()
    click(qtbot, refused.confirm_no)
    assert not refused.confirm_row.isVisibleTo(refused)
    assert quarantine_ops.refused_count(store) == 1

    # Edit and resend: the field the server named, with its value, ready to correct.
    click(qtbot, refused.resend_button)
    assert list(refused.edits) == ["date_of_birth"]
    edit = refused.edits["date_of_birth"]
    assert edit.text() == "the fifth of May"
    edit.setText("1990-05-05")
    with qtbot.waitSignal(refused.changed, timeout=10_000):
        click(qtbot, refused.send_button)
    qtbot.waitUntil(lambda: refused.list.count() == 0, timeout=10_000)
    assert quarantine_ops.refused_count(store) == 0
    sync_with(qtbot, panel)
    assert "refused" not in panel.outcome_label.text()
    assert not panel.refused_box.isVisibleTo(panel)
    store.close()


def test_discard_happens_when_confirmed(qtbot, server, tmp_path):
    store = laptop(tmp_path, "a", "sam.worker")
    sync_ops.enroll(store, server_url=server.url, code=code_for(server, "sam.worker"))
    person = store.create("person", {"given_name": "Robin"})
    _spoil(store, person["id"], "date_of_birth", "not a date")
    panel = panel_for(qtbot, store)
    sync_with(qtbot, panel)
    refused = panel.refused
    qtbot.waitUntil(lambda: refused.list.count() == 1, timeout=10_000)
    click(qtbot, refused.discard_button)
    with qtbot.waitSignal(refused.changed, timeout=10_000):
        click(qtbot, refused.confirm_yes)
    qtbot.waitUntil(lambda: refused.list.count() == 0, timeout=10_000)
    assert quarantine_ops.refused_count(store) == 0
    store.close()


def test_the_admin_page_shows_refused_changes_per_laptop(qtbot, server, tmp_path):
    from outreach.ui.admin import COLUMNS, AdminPage
    from tests.ui.test_admin import enrolled

    admin = enrolled(server, tmp_path, "base", "ada.admin", admin=True)
    field = enrolled(server, tmp_path, "field", "sam.worker")
    person = field.create("person", {"given_name": "Robin"})
    _spoil(field, person["id"], "date_of_birth", "not a date")
    sync_ops.sync_now(field)
    sync_ops.sync_now(admin)
    page = AdminPage(admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitSignal(page.devices_loaded, timeout=20_000).wait()
    col = COLUMNS.index("Refused changes")
    refused = {page.table.item(r, 0).text(): page.table.item(r, col).text()
               for r in range(page.table.rowCount())}
    assert refused == {"ada.admin": "0", "sam.worker": "1"}
    admin.close()
    field.close()
