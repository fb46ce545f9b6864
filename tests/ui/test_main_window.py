"""The unlocked workspace in the real main window: keyboard navigation, opening a person
and going back, the welcome wizard, locking with a dialog open, and a revoked laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QWidget,
)

from outreach.ops import profiles as profile_ops
from outreach.ops import sync as sync_ops
from outreach.ui.main_window import MainWindow
from tests.ui.conftest import code_for
from tests.ui.test_unlock import unlock, visible_text


def test_keyboard_navigation_and_opening_a_person(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = ws.pages["people"]
    assert ws.stack.currentWidget() is people
    qtbot.waitUntil(lambda: people.model.rowCount() == 3, timeout=10_000)
    people.search_edit.setFocus()
    qtbot.keyClicks(people.search_edit, "aisha")
    qtbot.keyClick(people.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.stack.currentWidget() is ws.person_view, timeout=10_000)
    qtbot.waitUntil(lambda: "Aisha Khan" in ws.person_view.name_label.text(), timeout=10_000)
    assert ws.back_button.isVisible()
    qtbot.keyClick(ws.person_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert ws.stack.currentWidget() is people and not ws.back_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert ws.stack.currentWidget() is ws.pages["today"]


def test_controls_have_accessible_names_and_take_focus(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    inputs = (QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QProgressBar)
    missing = []
    for key in ("today", "people", "sync"):
        for w in ws.pages[key].findChildren(QWidget):
            if w.window() is not window or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue                        # popups and Qt's own unfocusable parts
            if isinstance(w, inputs) and not isinstance(w, QHeaderView) \
                    and not w.accessibleName():
                missing.append(f"{key}: {type(w).__name__}")
            if isinstance(w, QAbstractButton) and not (w.text() or w.accessibleName()):
                missing.append(f"{key}: button {w.objectName()}")
    assert missing == []
    assert ws.nav.accessibleName() and ws.nav.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_ctrl_l_in_an_open_welcome_wizard_locks_and_closes_it(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    ws.activateWindow()
    qtbot.keyClick(ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(w.isVisible() and w.windowTitle() == "Welcome conversation"
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    wizard = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w.windowTitle() == "Welcome conversation")
    wizard.activateWindow()
    # through the wizard's window, as real key presses arrive (the session watches each
    # window's input rather than every event of every widget)
    qtbot.keyClick(wizard.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not any(w.isVisible() and w is not window for w in QApplication.topLevelWidgets())
    assert window.is_locked and "Aisha" not in visible_text(window)


def test_revoked_laptop_is_told_plainly_and_wiped(qtbot, server, caseload):
    sync_ops.enroll(caseload.store, server_url=server.url,
                    code=code_for(server, "sam.worker"))
    device_id = caseload.store.device_id
    caseload.store.close()
    win = MainWindow(data_dir=caseload.data_dir)
    qtbot.addWidget(win)
    win.show()
    unlock(qtbot, win)
    panel = win.workspace.show_page("sync")
    qtbot.waitUntil(lambda: panel.sync_button.isEnabled(), timeout=10_000)
    from sync.server import admin as server_admin
    server_admin.revoke(server.engine, device_id)
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.screens.currentWidget() is win.profiles_page, timeout=30_000)
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "erased" in boxes[0].text()
    assert profile_ops.profiles(caseload.data_dir) == []
    assert win.is_locked and "Aisha" not in visible_text(win)
    for box in boxes:
        box.close()
    win.session.shutdown()
