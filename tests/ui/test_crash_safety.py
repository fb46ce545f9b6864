"""It must never crash (issue 12 item 1): the causes of the intermittent segfaults, each
made deterministic, and the app's last line of defence (a crash log and a calm message).

* Background work: the worker never drops the last reference to anything it was handed,
  so a page (and any Qt object) is freed on the UI thread, not on a worker; cyclic
  garbage made while workers run is collected on the UI thread too.
* Locking while a list loads is not a failure: nothing is logged as an error.
* A parentless page freed with a child's deferred delete still queued (and no lambda on
  a ``destroyed`` signal anywhere in the app, the pattern that caused it).
* The app (run for real in a subprocess, with planted failures): an uncaught exception
  is logged by type and place only and shows one calm message; a fatal crash leaves
  every thread's stack in a private crash log.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from outreach.ops import people as people_ops
from outreach.ops import today as today_ops
from outreach.ui import background
from outreach.ui.background import run_in_background, wait_for_all
from outreach.ui.crash import crash_log_path, message_text
from outreach.ui.directory import DirectoryPage
from tests.ui.test_unlock import unlock

ROOT = Path(__file__).resolve().parents[2]
BAD_CSV = "name,category,area\nGood Service,Food,Northside\n,walking_group,Eastside\n"


def _outcomes_taken(qtbot: Any) -> None:
    """Wait until every op's outcome reached the UI thread (delivered or dropped)."""
    assert wait_for_all(10_000)
    qtbot.waitUntil(lambda: background.running_count() == 0, timeout=10_000)


# -- background work frees nothing on a worker -------------------------------------------
def test_the_worker_never_frees_what_it_was_handed(qtbot) -> None:
    """The crash order: the UI thread takes the result and lets go of the op before the
    worker has returned. Then the worker's references were the last ones, and the work
    function, the op and the page the function belonged to were freed on the worker."""
    freed_on: list[str] = []
    ui_done = threading.Event()

    def hold_at_return(frame: Any, event: str, arg: Any) -> None:   # worker thread
        if (event == "return" and frame.f_code.co_name == "run"
                and frame.f_code.co_filename.endswith("background.py")):
            sys.setprofile(None)
            ui_done.wait(5)     # the UI thread goes first, as on a loaded machine

    class Work:
        """A page's method, say: holds a parentless widget."""

        def __init__(self) -> None:
            self.page = QWidget()

        def __call__(self, state: background.TaskState) -> int:
            sys.setprofile(hold_at_return)
            return 42

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    op = run_in_background(Work(), parent=None)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert op.result == 42
    del op
    ui_done.set()
    assert wait_for_all(5000)
    qtbot.wait(1)
    assert freed_on == [threading.main_thread().name]


def test_a_result_for_a_page_deleted_while_the_worker_ran_is_dropped(qtbot) -> None:
    gate = threading.Event()
    shown: list[Any] = []

    class Page(QWidget):
        def load(self, state: background.TaskState) -> str:
            gate.wait(5)
            return "rows"

        def show_rows(self, rows: str) -> None:
            shown.append(rows)

    page = Page()
    op = run_in_background(page.load, parent=page, on_done=page.show_rows)
    finished: list[bool] = []
    op.finished.connect(lambda: finished.append(True))
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del page
    gate.set()
    _outcomes_taken(qtbot)
    assert shown == [] and finished == [True] and op.state.cancelled


def test_cyclic_garbage_made_on_a_worker_is_collected_on_the_ui_thread(qtbot) -> None:
    """A cycle that holds a Qt object (a dialog and the lambda that captured it) must not
    be collected on a worker: CPython collects on whichever thread allocates."""
    finalised_on: list[str] = []

    class Finaliser:
        def __del__(self) -> None:
            finalised_on.append(threading.current_thread().name)

    def work(state: background.TaskState) -> int:
        cycle: dict[str, Any] = {"finaliser": Finaliser()}
        cycle["self"] = cycle
        del cycle
        junk = [[n] for n in range(50_000)]     # enough allocations for many collections
        return len(junk)

    op = run_in_background(work, parent=None)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    kept = [[n] for n in range(5000)]           # the UI thread allocates on: due now
    qtbot.waitUntil(lambda: bool(finalised_on), timeout=10_000)
    assert finalised_on == [threading.main_thread().name] and len(kept) == 5000


def test_no_lambda_on_a_destroyed_signal_in_the_app() -> None:
    """A lambda connected to a child's ``destroyed`` that holds its owner frees a
    parentless owner from inside the child's destructor (the directory page crash).
    Check that a dialog is gone with ``background.is_alive`` instead."""
    offenders = [f"{path.relative_to(ROOT)}:{n}"
                 for path in sorted((ROOT / "outreach").rglob("*.py"))
                 for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if "destroyed.connect(lambda" in line.replace(" ", "")]
    assert offenders == []


# -- locking while a list loads --------------------------------------------------------------
@pytest.mark.parametrize("which", ["today", "people"])
def test_locking_while_a_list_loads_logs_no_failure(qtbot, window, monkeypatch, caplog,
                                                     which: str) -> None:
    entered, gate = threading.Event(), threading.Event()
    module, name = (today_ops, "today") if which == "today" else (people_ops, "caseload")
    real = getattr(module, name)

    def slow(*args: Any, **kwargs: Any) -> Any:        # worker thread
        entered.set()
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    caplog.set_level(logging.DEBUG, logger="outreach")
    unlock(qtbot, window)
    if which == "people":
        window.workspace.show_page("people")
    assert entered.wait(10)
    window.lock_now()                       # the store closes under the running load
    gate.set()
    _outcomes_taken(qtbot)
    assert window.is_locked
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]


# -- a parentless page freed with a child's delete queued --------------------------------
def test_a_directory_page_freed_while_its_errors_dialog_delete_is_queued(
        qtbot, store, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    page = DirectoryPage()
    page.set_store(store)
    page.show()
    op = page.import_csv(path)
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=20_000):
        pass
    assert wait_for_all(5000)
    dialog = page.errors_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()                          # WA_DeleteOnClose: its delete is queued
    gone: list[bool] = []
    page.destroyed.connect(lambda: gone.append(True))
    del dialog, op, page                    # the page is Python's: freed here
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(1)
    assert gone == [True]


# -- the app's crash log and calm message (the real app module, in a subprocess) ---------
APP_SCRIPT = r'''
import json, sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication(sys.argv[:1])
mode = sys.argv[2]

def planted_failing_slot():
    raise ValueError("Aisha Khan, 1 Pond Street")      # a message with personal data

def planted_failing_thread():
    raise KeyError("Ben Jones")

def planted_crash():
    import faulthandler
    faulthandler._sigsegv()

def look():
    look.tries += 1
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "crash-message"
             and w.isVisible()]
    if (boxes and look.thread_done.is_set()) or look.tries > 400:
        print(json.dumps({"messages": [b.text() for b in boxes],
                          "still_running": True}))
        app.quit()
    else:
        QTimer.singleShot(50, look)

look.tries = 0
look.thread_done = threading.Event()

def start_thread():
    def run():
        try:
            planted_failing_thread()
        finally:
            look.thread_done.set()
    threading.Thread(target=run, name="planted").start()

if mode == "error":
    QTimer.singleShot(0, planted_failing_slot)
    QTimer.singleShot(0, planted_failing_slot)          # a second error: still one box
    QTimer.singleShot(0, start_thread)
    QTimer.singleShot(0, look)
else:
    QTimer.singleShot(0, planted_crash)

from outreach.ui import app as outreach_app
sys.exit(outreach_app.main(["outreach", "--data-dir", sys.argv[1]]))
'''


def _run_app(tmp_path, mode: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    script = tmp_path / "planted.py"
    script.write_text(APP_SCRIPT, encoding="utf-8")
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(script), str(data_dir), mode], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    return done, crash_log_path(data_dir)


def test_an_uncaught_error_is_logged_without_its_message_and_the_app_carries_on(
        tmp_path) -> None:
    done, log_path = _run_app(tmp_path, "error")
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["messages"] == [message_text()]       # one calm box for three errors
    text = log_path.read_text(encoding="utf-8")
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert text.count("error: ValueError at ") == 2
    assert "in planted_failing_slot" in text
    assert "error: KeyError at " in text and "in planted_failing_thread" in text
    assert "background thread" in text
    for secret in ("Aisha", "Pond Street", "Ben Jones"):
        assert secret not in text and secret not in done.stderr and secret not in done.stdout


def test_a_fatal_crash_leaves_the_stacks_in_the_crash_log(tmp_path) -> None:
    done, log_path = _run_app(tmp_path, "crash")
    assert done.returncode != 0
    text = log_path.read_text(encoding="utf-8")
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert "Fatal Python error: Segmentation fault" in text
    assert "in planted_crash" in text
