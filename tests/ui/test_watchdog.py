"""The UI-thread watchdog: a deliberate block of the UI thread is reported with its length,
its phase and the code it was in; a quiet event loop reports nothing; the app turns it on
with OUTREACH_WATCHDOG=1 and logs stalls without personal data."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QTimer

from outreach.ui.watchdog import Stall, Watchdog, install_from_env


def _deliberately_slow(ms: int) -> None:
    time.sleep(ms / 1000)          # holds the UI thread, as a slow slot would


def test_a_200_ms_block_is_reported_and_a_quiet_loop_is_not(qtbot, qapp):
    dog = Watchdog(threshold_ms=100)
    seen: list[Stall] = []
    dog.stalled.connect(seen.append)
    dog.start()
    try:
        dog.set_phase("quiet")
        qtbot.wait(300)
        dog.set_phase("busy")
        QTimer.singleShot(20, lambda: _deliberately_slow(200))
        qtbot.wait(300)
        dog.set_phase("after")
        qtbot.wait(100)
    finally:
        dog.stop()
    assert [s.phase for s in dog.stalls] == ["busy"]
    assert seen == dog.stalls
    assert dog.stalls[0].ms >= 200
    assert dog.longest_by_phase["busy"] >= 200 and dog.longest_ms >= 200
    assert dog.longest_by_phase["quiet"] < 100 and dog.longest_by_phase["after"] < 100


def test_sampled_stack_names_the_code_that_blocked(qtbot, qapp):
    dog = Watchdog(threshold_ms=100, sample_stacks=True)
    dog.start()
    try:
        QTimer.singleShot(20, lambda: _deliberately_slow(300))
        qtbot.wait(450)
    finally:
        dog.stop()
    assert len(dog.stalls) == 1
    stall = dog.stalls[0]
    assert any("_deliberately_slow" in line for line in stall.where)
    assert "_deliberately_slow" in stall.describe()


def test_a_block_before_a_phase_change_is_charged_to_the_old_phase(qtbot, qapp):
    dog = Watchdog(threshold_ms=100)
    dog.start()
    try:
        dog.set_phase("step one")
        _deliberately_slow(150)            # no event loop turn before the next phase
        dog.set_phase("step two")
        qtbot.wait(50)
    finally:
        dog.stop()
    assert [s.phase for s in dog.stalls] == ["step one"]
    assert dog.longest_by_phase["step two"] < 100


def test_environment_switch_logs_stalls(qtbot, qapp, caplog):
    assert install_from_env(qapp, environ={}) is None
    dog = install_from_env(qapp, environ={"OUTREACH_WATCHDOG": "1"})
    assert dog is not None and dog.running
    try:
        with caplog.at_level(logging.WARNING, logger="outreach.ui.watchdog"):
            QTimer.singleShot(20, lambda: _deliberately_slow(200))
            qtbot.wait(300)
    finally:
        dog.stop()
        dog.deleteLater()
    messages = [r.getMessage() for r in caplog.records if r.name == "outreach.ui.watchdog"]
    assert any(m.startswith("UI thread blocked for") for m in messages)


def _spin_cpu(ms: int) -> None:
    end = time.thread_time() + ms / 1000
    while time.thread_time() < end:     # this thread's own CPU time, however loaded
        pass


def test_a_stall_says_how_much_of_it_the_ui_thread_was_working(qtbot, qapp):
    """Waiting (for the GIL, a lock, a shared CPU) and working are told apart."""
    dog = Watchdog(threshold_ms=100)
    dog.start()
    try:
        dog.set_phase("waiting")
        QTimer.singleShot(20, lambda: _deliberately_slow(200))
        qtbot.wait(300)
        dog.set_phase("working")
        QTimer.singleShot(20, lambda: _spin_cpu(200))
        qtbot.wait(300)
    finally:
        dog.stop()
    waiting, working = ([s for s in dog.stalls if s.phase == p] for p in ("waiting", "working"))
    assert waiting[0].ms >= 200 and waiting[0].cpu_ms < 100
    assert working[0].ms >= 200 and working[0].cpu_ms >= 200
    assert dog.longest_cpu_by_phase["working"] >= 200
    assert dog.longest_cpu_by_phase["waiting"] < 100
    assert "ms of its own CPU" in working[0].describe()
