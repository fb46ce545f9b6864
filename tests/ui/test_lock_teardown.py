"""Locking tears the workspace down at once, in the real main window: the lock screen is
shown, every page is destroyed before control returns (no event-loop turn in which a
person's details stay in the window), and the workspace is never re-styled on its way out
(taking it out of the window re-polished every widget under the app's style sheet, which
held the UI thread for several hundred ms)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer

from tests.ui.test_unlock import unlock, visible_text


class _ParentChanges(QObject):
    """Counts the ParentChange events its watched widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self.count += 1
        return False


def _unlock_with_pages_built(qtbot, window, person_id):
    unlock(qtbot, window)
    ws = window.workspace
    today = ws.pages["today"]
    qtbot.waitUntil(lambda: today.data is not None, timeout=10_000)
    people = ws.show_page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 3, timeout=10_000)
    ws.open_person(person_id)
    qtbot.waitUntil(lambda: ws.person_view.file is not None, timeout=10_000)
    ws.show_page("sync")
    ws.show_page("reports")
    return ws


def test_lock_destroys_the_workspace_at_once_without_restyling_it(qtbot, window, caseload):
    ws = _unlock_with_pages_built(qtbot, window, caseload.ids["aisha"])
    pages = [ws.pages["today"], ws.pages["people"], ws.person_view]
    watcher = _ParentChanges()
    ws.installEventFilter(watcher)
    assert "Aisha" in visible_text(window)
    store = window.session.store
    with qtbot.waitSignal(window.session.locked, timeout=5000):
        window.lock_now()
        # no event loop has run since: the lock screen shows and the workspace is gone
        assert window.screens.currentWidget() is window.unlock_page
        assert window.workspace is None and window.is_locked
        assert window.session.store is None     # nothing on screen can reach it
        assert not shiboken6.isValid(ws)
        assert not any(shiboken6.isValid(page) for page in pages)
        assert watcher.count == 0       # never taken out of the window (no re-polish)
        assert "Aisha" not in visible_text(window) and "Khan" not in visible_text(window)
    assert store.closed                 # closed off the UI thread, then `locked`
    unlock(qtbot, window)               # and the profile unlocks again as before
    qtbot.waitUntil(lambda: window.workspace.pages["today"].data is not None,
                    timeout=10_000)
    assert "Aisha" in visible_text(window)


def test_lock_now_button_locks_once_its_click_is_over(qtbot, window, caseload):
    ws = _unlock_with_pages_built(qtbot, window, caseload.ids["aisha"])
    store = window.session.store
    qtbot.mouseClick(ws.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert window.workspace is None
    qtbot.waitUntil(lambda: store.closed, timeout=5000)
    assert not shiboken6.isValid(ws)
    assert window.screens.currentWidget() is window.unlock_page
    assert "Aisha" not in visible_text(window)


def test_lock_inside_a_nested_event_loop_hides_everything_and_frees_it_later(
        qtbot, window, caseload):
    """A modal question (a nested event loop) is open when the idle lock comes: the
    workspace still leaves the window at once, and is destroyed once the loop is over."""
    ws = _unlock_with_pages_built(qtbot, window, caseload.ids["aisha"])
    loop = QEventLoop()
    seen: list[str] = []

    def lock_inside() -> None:
        window.lock_now()
        seen.append(visible_text(window))
        loop.quit()
    QTimer.singleShot(0, lock_inside)
    loop.exec()                         # stands for QMessageBox.exec() inside a page
    assert window.is_locked and seen and "Aisha" not in seen[0]
    assert not shiboken6.isValid(ws) or ws.parent() is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(ws), timeout=5000)


def test_lock_returns_before_the_store_is_closed_and_says_locked_after(qtbot, window):
    """Closing the connection (SQLCipher zeroes its page cache as it frees it) runs off
    the UI thread: the lock screen is up and the store unreachable at once, and running
    reads were interrupted; ``locked`` comes once the connection is closed."""
    unlock(qtbot, window)
    store = window.session.store
    release = threading.Event()
    real_close = store.close

    def slow_close() -> None:
        release.wait(10)
        real_close()
    store.close = slow_close
    locked: list[bool] = []
    window.session.locked.connect(lambda: locked.append(True))
    window.lock_now()
    assert window.is_locked and window.session.store is None and window.workspace is None
    assert window.screens.currentWidget() is window.unlock_page
    assert not store.closed and store._closing      # new writes are refused already
    qtbot.wait(50)
    assert not locked                   # the UI thread was free meanwhile
    release.set()
    qtbot.waitUntil(lambda: bool(locked), timeout=5000)
    assert store.closed


def test_the_store_closes_even_while_every_worker_is_busy(qtbot, window):
    """A sync waiting on the network (say) holds a worker for many seconds: closing the
    store, and with it the key, does not wait in the queue behind it."""
    from outreach.ui.background import run_in_background, thread_pool

    unlock(qtbot, window)
    store = window.session.store
    release = threading.Event()
    busy = [run_in_background(lambda state: release.wait(20), parent=None)
            for _ in range(thread_pool().maxThreadCount() + 1)]
    try:
        qtbot.waitUntil(lambda: thread_pool().activeThreadCount()
                        >= thread_pool().maxThreadCount(), timeout=5000)
        with qtbot.waitSignal(window.session.locked, timeout=5000):
            window.lock_now()
        assert store.closed
        assert all(op.is_running for op in busy)
    finally:
        release.set()
