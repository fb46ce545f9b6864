"""First run, unlock, auto-lock and Lock now, driving the real main window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QWidget

from outreach.ops import profiles as profile_ops
from outreach.ui.main_window import MainWindow
from outreach.ui.today import TodayPage
from tests.conftest import FAST_KDF, PASSPHRASE


def visible_text(root: QWidget) -> str:
    """Every piece of text the window's widgets hold (labels, fields, list items)."""
    parts: list[str] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel):
            parts.append(w.text())
        elif isinstance(w, QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(min(m.rowCount(QModelIndex()), 200)):
                for c in range(30):
                    index = m.index(r, c)
                    if not index.isValid():
                        break
                    parts.append(str(index.data() or ""))
    return "\n".join(parts)


def unlock(qtbot, win: MainWindow, passphrase: str = PASSPHRASE) -> None:
    win.unlock_page.pass_edit.setText(passphrase)
    qtbot.keyClick(win.unlock_page.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=10_000)


def test_first_run_creates_profile_with_strength_feedback(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    win = MainWindow(data_dir=data_dir, vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    win.show()
    page = win.profiles_page
    assert win.screens.currentWidget() is page and not page.existing.isVisible()
    qtbot.keyClicks(page.name_edit, "sam")
    qtbot.keyClicks(page.user_edit, "sam.worker")
    qtbot.keyClicks(page.pass_edit, "abc")
    assert page.meter.value() == 0 and "short" in page.hint.text()
    page.pass_edit.clear()
    qtbot.keyClicks(page.pass_edit, PASSPHRASE)
    assert page.meter.value() >= 3
    qtbot.keyClicks(page.repeat_edit, "something else entirely")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "different" in page.message.text()
    page.repeat_edit.setText(PASSPHRASE)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=10_000)
    assert profile_ops.profiles(data_dir) == ["sam"]
    assert win.session.user == "sam.worker"
    win.session.shutdown()


def test_wrong_then_right_passphrase(qtbot, window):
    page = window.unlock_page
    assert window.screens.currentWidget() is page and page.profile_name == "test"
    page.pass_edit.setText("not the passphrase")
    qtbot.keyClick(page.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in page.message.text(), timeout=10_000)
    assert window.workspace is None and window.is_locked
    assert page.waiting_seconds >= 1 and not page.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: page.waiting_seconds == 0, timeout=10_000)   # the vault's back-off
    assert page.unlock_button.isEnabled()
    unlock(qtbot, window)
    today = window.workspace.pages["today"]
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.data is not None, timeout=10_000)
    assert "Aisha Khan" in visible_text(window)


def test_auto_lock_hides_everything_and_closes_the_store(qtbot, window):
    unlock(qtbot, window)
    today = window.workspace.pages["today"]
    qtbot.waitUntil(lambda: today.data is not None, timeout=10_000)
    store = window.session.store
    assert window.session.auto_lock_minutes == 5           # the default
    with qtbot.waitSignal(window.session.locked, timeout=10_000):
        window.session.set_auto_lock_minutes(0.001)        # 60 ms of idleness
    assert store.closed and window.session.store is None
    assert window.workspace is None
    assert window.screens.currentWidget() is window.unlock_page
    assert "Aisha" not in visible_text(window) and "Khan" not in visible_text(window)


def test_ctrl_l_locks_now(qtbot, window):
    unlock(qtbot, window)
    store = window.session.store
    window.activateWindow()
    with qtbot.waitSignal(window.session.locked, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert store.closed and window.is_locked
    assert "Aisha" not in visible_text(window)


def test_auto_lock_setting_is_kept_per_profile(qtbot, window):
    unlock(qtbot, window)
    assert window.workspace.auto_lock.value() == 5
    window.workspace.auto_lock.setValue(7)
    assert window.session.auto_lock_minutes == 7
    assert window.session.idle_interval_ms == 7 * 60_000
    window.lock_now()
    unlock(qtbot, window)
    assert window.workspace.auto_lock.value() == 7 and window.session.auto_lock_minutes == 7
