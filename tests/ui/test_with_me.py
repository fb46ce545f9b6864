"""'Someone is with me': one key (F9) or one button hides every other person's name and
all risk text until the practitioner switches back; the person present's file stays
usable without risk text; a profile can open (and unlock) in this view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from outreach.ui.background import wait_for_all
from tests.ui.test_unlock import unlock

OTHERS = ("Aisha", "Khan", "Ben Jones", "Cara Lee", "landlord", "High")


def shown_text(root: QWidget) -> str:
    """The text a person looking at the screen could read: visible widgets only."""
    parts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(min(m.rowCount(QModelIndex()), 200)):
                for c in range(30):
                    index = m.index(r, c)
                    if not index.isValid():
                        break
                    parts.append(str(index.data() or ""))
        if w.isWindow():
            parts.append(w.windowTitle())
    return "\n".join(parts)


def _hidden(text: str) -> list[str]:
    return [word for word in OTHERS if word in text]


def _lock(window) -> None:
    """Lock once the background loads have ended (a load cut short by a lock only logs)."""
    wait_for_all(10_000)
    window.lock_now()


def _today_loaded(qtbot, window):
    today = window.workspace.pages["today"]
    qtbot.waitUntil(lambda: "Ben Jones" in shown_text(window), timeout=10_000)
    return today


def test_f9_hides_other_people_everywhere_until_pressed_again(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    today = _today_loaded(qtbot, window)
    assert _hidden(shown_text(window))              # the huddle is on the first screen
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert ws.with_me_on and ws.with_me_button.isChecked()
    assert _hidden(shown_text(window)) == []
    assert "Someone is with me" in shown_text(today)
    for key in (Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_5):   # People, Reports, Sync
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert ws.stack.currentWidget() is today
        assert _hidden(shown_text(window)) == []
    assert not ws.nav.item(1).flags() & Qt.ItemFlag.ItemIsEnabled   # People greyed out
    ws.nav.setCurrentRow(1)                         # People chosen in the sections anyway
    assert ws.stack.currentWidget() is today and _hidden(shown_text(window)) == []
    ws.show_page("people")
    assert _hidden(shown_text(window)) == []
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not ws.with_me_on
    qtbot.waitUntil(lambda: "Ben Jones" in shown_text(window), timeout=10_000)


def test_the_button_switches_it_and_other_clicks_do_not_switch_back(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    today = _today_loaded(qtbot, window)
    qtbot.mouseClick(ws.with_me_button, Qt.MouseButton.LeftButton)
    assert ws.with_me_on and _hidden(shown_text(window)) == []
    for widget in (today, ws.nav.viewport(), ws.who):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        assert ws.with_me_on and _hidden(shown_text(window)) == []
    qtbot.mouseClick(ws.with_me_button, Qt.MouseButton.LeftButton)
    assert not ws.with_me_on
    qtbot.waitUntil(lambda: "Ben Jones" in shown_text(window), timeout=10_000)


def test_the_file_of_the_person_present_stays_usable_without_risk_text(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    _today_loaded(qtbot, window)
    ws.open_person(window.session.store.query("person")[0]["id"])   # Aisha, flagged high
    view = ws.person_view
    qtbot.waitUntil(lambda: view.name_label.text() == "Aisha Khan", timeout=5000)
    assert "Risk flag (high)" in shown_text(window)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert ws.stack.currentWidget() is view and view.name_label.text() == "Aisha Khan"
    text = shown_text(window)
    assert "Risk flag" not in text and "landlord" not in text
    assert "Ben Jones" not in text and "Cara Lee" not in text
    assert view.tabs.isEnabled() and view.timeline.isEnabled()
    ws.open_person(window.session.store.query("person")[1]["id"])   # someone else: no
    assert view.name_label.text() == "Aisha Khan"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back
    assert ws.stack.currentWidget() is ws.pages["today"]
    assert _hidden(shown_text(window)) == []


def test_a_profile_can_open_in_the_with_me_view_and_locking_keeps_it(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    _today_loaded(qtbot, window)
    assert not ws.open_with_me_box.isChecked()
    qtbot.mouseClick(ws.open_with_me_box, Qt.MouseButton.LeftButton)
    assert ws.open_with_me_box.isChecked()
    _lock(window)
    unlock(qtbot, window)
    ws = window.workspace
    assert ws.with_me_on and ws.open_with_me_box.isChecked()
    today = ws.pages["today"]
    qtbot.waitUntil(lambda: today.status.text() == "", timeout=10_000)
    qtbot.wait(50)
    assert _hidden(shown_text(window)) == []
    assert all(tree.topLevelItemCount() == 0 for tree in today.counts)   # not even hidden
    # the setting off again, but the view was on when the laptop locked: it stays on
    qtbot.mouseClick(ws.open_with_me_box, Qt.MouseButton.LeftButton)
    assert not ws.open_with_me_box.isChecked()
    _lock(window)
    unlock(qtbot, window)
    ws = window.workspace
    assert ws.with_me_on and not ws.open_with_me_box.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    _lock(window)
    unlock(qtbot, window)
    assert not window.workspace.with_me_on
    qtbot.waitUntil(lambda: "Ben Jones" in shown_text(window), timeout=10_000)


def test_the_person_present_is_found_by_their_whole_name_only(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    today = _today_loaded(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    panel = today.with_me_panel
    assert panel.isVisible() and panel.name_edit.isVisible()
    qtbot.keyClicks(panel.name_edit, "Aisha")               # part of a name: nobody
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=5000)
    assert "Nobody" in panel.message.text()
    assert _hidden(shown_text(window)) == ["Aisha"]         # only what was typed
    panel.name_edit.clear()
    qtbot.keyClicks(panel.name_edit, "aisha khan")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.stack.currentWidget() is ws.person_view, timeout=5000)
    assert ws.person_view.name_label.text() == "Aisha Khan"
    text = shown_text(window)
    assert "Risk flag" not in text and "landlord" not in text and "Ben Jones" not in text
    assert ws.with_me_on


def test_f9_in_a_dialog_beside_the_file_hides_the_risk_too(qtbot, window):
    from outreach.ui.person.risk import RiskReviewDialog

    unlock(qtbot, window)
    ws = window.workspace
    _today_loaded(qtbot, window)
    ws.open_person(window.session.store.query("person")[0]["id"])
    view = ws.person_view
    qtbot.waitUntil(lambda: view.name_label.text() == "Aisha Khan", timeout=5000)
    qtbot.mouseClick(view.risk_strip.rows[0].review_button, Qt.MouseButton.LeftButton)
    dialog = view.risk_strip.dialog
    assert isinstance(dialog, RiskReviewDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_F9)
    assert ws.with_me_on and view.risk_strip.dialog is None
    assert not any(isinstance(w, RiskReviewDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    assert "landlord" not in shown_text(window) and "Risk flag" not in shown_text(window)
