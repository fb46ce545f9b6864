"""The background helper: results, errors, progress and cancel arrive on the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from outreach.ui.background import Cancelled, TaskState, run_in_background, wait_for_all


def test_result_arrives_on_ui_thread(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: dict = {}
    worker_thread: list = []

    def work(state: TaskState, a: int, *, b: int) -> int:
        worker_thread.append(threading.current_thread())
        return a + b

    def done(result: int) -> None:
        seen["result"] = result
        seen["ui_thread"] = QThread.currentThread() is widget.thread()

    op = run_in_background(work, 2, b=3, parent=widget, on_done=done)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert seen == {"result": 5, "ui_thread": True}
    assert worker_thread[0] is not threading.main_thread()
    assert op.result == 5 and not op.is_running


def test_error_goes_to_on_error(qtbot):
    errors: list[BaseException] = []

    def work(state: TaskState) -> None:
        raise ValueError("bad input")

    op = run_in_background(work, parent=None, on_done=lambda r: pytest.fail("no result"),
                           on_error=errors.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert isinstance(errors[0], ValueError) and isinstance(op.error, ValueError)


def test_progress_and_cancel(qtbot):
    started = threading.Event()
    progress: list[tuple[int, int, str]] = []
    cancelled: list[bool] = []

    def work(state: TaskState) -> None:
        state.set_progress(1, 10, "first step")
        started.set()
        while True:
            state.raise_if_cancelled()
            threading.Event().wait(0.005)

    op = run_in_background(work, parent=None, on_progress=lambda *p: progress.append(p),
                           on_cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    op.cancel()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert cancelled == [True] and op.was_cancelled
    assert progress[0] == (1, 10, "first step")


def test_no_callback_after_parent_destroyed(qtbot):
    release = threading.Event()
    called: list = []
    widget = QWidget()

    def work(state: TaskState) -> bool:
        release.wait(5)
        return state.cancelled

    op = run_in_background(work, parent=widget, on_done=called.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: op.state.cancelled, timeout=5000)
    release.set()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert called == [] and op.result is True
    assert wait_for_all(5000)


def test_task_state_without_event_loop():
    state = TaskState()
    state.set_progress(3, 4, "nearly")
    assert state.progress == (3, 4, "nearly") and not state.cancelled
    state.cancel()
    with pytest.raises(Cancelled):
        state.raise_if_cancelled()
