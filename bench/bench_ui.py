"""Desktop budgets on the 10,000-person benchmark profile: start to the unlock screen
(< 1.5 s), unlock to the first screen painted with its data (< 1 s), and the UI thread
never blocked for more than 100 ms during a scripted session (unlock → Today → People →
filter → full-text search → open a person → record a conversation → Reports → Sync →
lock), measured by :class:`outreach.ui.watchdog.Watchdog`.

The scripted session saves one conversation per run in the cached profile (conversations
are append-only), so the cache grows by a few conversations per benchmark run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Result, median
from bench.dataset import CACHE, PASSPHRASE, ensure_dataset
from bench.memory import RssSampler, rss_mib

SESSIONS = 3
STEPS = ("unlock to Today painted", "People list shown", "type a filter",
         "full-text search", "open a person", "record a conversation", "open Reports",
         "open the sync panel", "lock")
SEARCH_TEXT = "benefits letter"

CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from outreach.ui.app import install_translations, make_app
app = make_app(["outreach"])
install_translations(app)
from outreach.ui.main_window import MainWindow
w = MainWindow(data_dir=__import__("pathlib").Path(sys.argv[1]))
w.resize(1280, 760)
w.show_unlock(sys.argv[2])
w.show()
def done():
    w.unlock_page.grab()        # force a full paint of the unlock screen
    print(time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def bench_start(people: int) -> Result:
    profile = ensure_dataset(people=people)
    res = Result("ui", params={"people": people, "sessions": SESSIONS})
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times = []
    for _ in range(5):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, str(CACHE), profile.name], env=env,
                             capture_output=True, text=True, check=True, timeout=60)
        shown = float(out.stdout.strip().splitlines()[-1])
        times.append((shown - start) * 1000)
    res.add("start to unlock screen painted, median", median(times), "ms", budget=1500,
            note="new Python process each time, offscreen")
    res.add("start to unlock screen painted, max", max(times), "ms")
    if os.environ.get("BENCH_UI_IN_PROCESS"):
        _sessions(res, profile.name)
    else:
        _sessions_in_child(res, profile.name, env)
    return res


SESSIONS_CHILD = r"""
import json, sys
from bench.bench_ui import _sessions
from bench.common import Result
res = Result("ui")
_sessions(res, sys.argv[1])
print("ROWS " + json.dumps([[r.name, r.value, r.unit, r.budget, r.note] for r in res.rows]),
      flush=True)
import os
os._exit(0)     # the figures are out; Qt's teardown at exit is not what is measured
"""


def _sessions_in_child(res: Result, profile_name: str, env: dict[str, str]) -> None:
    """The scripted sessions in a new process, as the app runs: its resident memory is
    then the app's alone, not what earlier benchmarks in this process left behind."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {**env, "PYTHONPATH": os.pathsep.join(
        p for p in (root, env.get("PYTHONPATH", "")) if p)}
    out = subprocess.run([sys.executable, "-c", SESSIONS_CHILD, profile_name], env=env,
                         stdout=subprocess.PIPE, text=True, check=False, timeout=1800)
    line = next((x for x in out.stdout.splitlines() if x.startswith("ROWS ")), None)
    if line is None:
        raise RuntimeError(f"the scripted sessions ended with code {out.returncode}")
    for name, value, unit, budget, note in json.loads(line[5:]):
        res.add(name, value, unit, budget=budget, note=note)


# -- driving the real event loop -------------------------------------------------------
def _wait_until(cond: Callable[[], bool], what: str, *, timeout_s: float = 30.0) -> None:
    """Run the event loop (as the app does) until ``cond()`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if cond():
        return
    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if cond() or time.perf_counter() > deadline
                         else None)
    poll.start()
    loop.exec()
    poll.stop()
    if not cond():
        raise RuntimeError(f"{what}: not done within {timeout_s:.0f} s")


def _pause(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds (a person's pause between keys)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _type(widget: Any, text: str, *, gap_ms: int = 60) -> None:
    """Type like a person: one key at a time, the event loop running in between."""
    from PySide6.QtTest import QTest

    for ch in text:
        QTest.keyClicks(widget, ch)
        _pause(gap_ms)


def _session(profile_name: str, *, wait_for_report: bool, memory: RssSampler | None = None
             ) -> tuple[float, dict[str, float], list[Any], dict[str, float]]:
    """One scripted session; returns (unlock-to-Today ms, longest gap per step, stalls,
    the most UI-thread CPU time within one gap per step).
    ``memory``, if given, samples the resident set per step meanwhile.

    Only with ``wait_for_report`` does the Reports step wait for the figures (they take
    10-20 s to work out at 10,000 people); otherwise it looks for a second and moves on.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from outreach.ui.main_window import MainWindow
    from outreach.ui.watchdog import Watchdog

    window = MainWindow(data_dir=Path(CACHE))
    window.resize(1280, 760)
    window.show()
    window.show_unlock(profile_name)
    # a person takes seconds to type a passphrase; the app imports what unlocking needs
    # meanwhile (UnlockPage.preload), so wait for that as typing would
    window.unlock_page.preload()
    _wait_until(lambda: window.unlock_page.preloaded, "preload")
    _pause(100)
    dog = Watchdog(sample_stacks=True)
    memory = memory or RssSampler()
    memory.set_phase("unlock screen")
    memory.start()

    def set_phase(label: str) -> None:
        dog.set_phase(label)
        memory.set_phase(label)
    dog.start()
    try:
        # 1. unlock → Today painted with its lists
        set_phase(STEPS[0])
        window.unlock_page.pass_edit.setText(PASSPHRASE)
        loaded: list[bool] = []
        start = time.perf_counter()
        window.unlock_page.try_unlock()

        def today_ready() -> bool:
            ws = window.workspace
            if ws is None:
                return False
            today = ws.pages["today"]
            if not loaded and getattr(today, "data", None) is not None:
                loaded.append(True)
            return bool(loaded)
        _wait_until(today_ready, "Today loaded")
        ws = window.workspace
        ws.pages["today"].grab()
        unlock_ms = (time.perf_counter() - start) * 1000
        _pause(300)                         # whatever else unlocking started, settles

        # 2. People list shown
        set_phase(STEPS[1])
        people = ws.show_page("people")
        _wait_until(lambda: people.model.rowCount() > 0 and not people.load_op.is_running,
                    "People loaded")
        people.grab()
        _pause(100)

        # 3. type a filter (the first three letters of someone's family name)
        set_phase(STEPS[2])
        family = next(r.family_name for r in people.model.rows[len(people.model.rows) // 3:]
                      if r.family_name)
        prefix = family[:3].casefold()
        people.search_edit.setFocus()
        _type(people.search_edit, prefix)
        _wait_until(lambda: 0 < people.proxy.rowCount() < people.model.rowCount(), "filter")
        people.grab()
        _pause(100)

        # 4. full-text search over every note
        set_phase(STEPS[3])
        people.search_edit.clear()
        people.notes_switch.setChecked(True)
        searched: list[bool] = []
        people.searched.connect(lambda: searched.append(True))
        _type(people.search_edit, SEARCH_TEXT)
        searched.clear()                    # only the search of the whole text counts
        _wait_until(lambda: bool(searched) and not people._debounce.isActive()
                    and not people.search_op.is_running, "search", timeout_s=30)
        people.grab()
        _pause(100)

        # 5. open a person from the filtered list
        set_phase(STEPS[4])
        people.notes_switch.setChecked(False)
        people.search_edit.setText(prefix)
        QTest.keyClick(people.search_edit, Qt.Key.Key_Return)
        _wait_until(lambda: ws.person_view is not None and ws.person_view.file is not None,
                    "person opened")
        view = ws.person_view
        view.grab()
        _pause(100)

        # 6. open the conversation dialog and save a conversation
        set_phase(STEPS[5])
        view.tabs.setCurrentWidget(view.timeline)
        changed: list[bool] = []
        view.changed.connect(lambda: changed.append(True))
        view.timeline.record_button.click()
        dialog = view.timeline.dialog
        _wait_until(dialog.isVisible, "conversation dialog shown")
        _pause(100)
        dialog.notes.setFocus()
        QTest.keyClicks(dialog.notes, "Benchmark visit: talked about the allotment.")
        _pause(50)
        dialog.save_button.click()
        _wait_until(lambda: bool(changed), "conversation saved")
        view.grab()
        _pause(100)

        # 7. open Reports and wait for its figures
        set_phase(STEPS[6])
        reports = ws.show_page("reports")
        if wait_for_report:     # a few seconds of work in the background at 10,000 people
            _wait_until(lambda: reports.report is not None, "report shown", timeout_s=90)
            reports.grab()
            _pause(100)
        else:
            reports.grab()
            _pause(1000)        # the report is still being worked out meanwhile

        # 8. open the sync panel
        set_phase(STEPS[7])
        sync = ws.show_page("sync")
        _wait_until(lambda: sync.status is not None, "sync status")
        sync.grab()
        _pause(100)

        # 9. lock
        set_phase(STEPS[8])
        window.lock_now()
        _wait_until(lambda: window.workspace is None and window.is_locked, "locked")
        _pause(200)
        dog.stop()
    finally:
        dog.stop()
        memory.stop()
        window.close()
        window.deleteLater()
        _pause(50)
    steps = {step: dog.longest_by_phase.get(step, 0.0) for step in STEPS}
    cpu = {step: dog.longest_cpu_by_phase.get(step, 0.0) for step in STEPS}
    return unlock_ms, steps, list(dog.stalls), cpu


def _sessions(res: Result, profile_name: str) -> None:
    from PySide6.QtWidgets import QApplication

    from outreach.ui.app import make_app

    QApplication.instance() or make_app(["outreach"])
    unlocks: list[float] = []
    per_step: dict[str, list[float]] = {step: [] for step in STEPS}
    cpu_per_step: dict[str, list[float]] = {step: [] for step in STEPS}
    stalls: list[Any] = []
    from outreach.ui.background import wait_for_all

    memory = RssSampler()
    for n in range(SESSIONS):
        unlock_ms, steps, found, cpu = _session(profile_name, wait_for_report=n == 0,
                                                memory=memory)
        wait_for_all(120_000)   # work a session left running ends before the next starts
        QApplication.processEvents()
        unlocks.append(unlock_ms)
        for step, ms in steps.items():
            per_step[step].append(ms)
            cpu_per_step[step].append(cpu[step])
        stalls.extend(found)
    res.add("unlock to Today painted with its lists, median", median(unlocks), "ms",
            budget=1000, note=f"KDF and loading run off the UI thread; max {max(unlocks):.0f} ms")
    worst = max(max(v) for v in per_step.values())
    load = os.getloadavg()[0]
    res.add(f"longest UI-thread stall in {SESSIONS} scripted sessions", worst, "ms",
            budget=100, note="Watchdog: longest gap between 10 ms timer ticks; "
                             f"load average {load:.1f}")
    worst_cpu = max(max(v) for v in cpu_per_step.values())
    res.add("most UI-thread CPU time within one gap", worst_cpu, "ms",
            note="the UI thread's own work; the rest of a gap it waited (GIL, store "
                 "lock, or a CPU shared with other processes)")
    for step in STEPS:
        values = per_step[step]
        res.add(f"  stall during: {step}, median", median(values), "ms",
                note=f"worst {max(values):.0f} ms; UI-thread CPU in one gap: median "
                     f"{median(cpu_per_step[step]):.0f} ms, worst "
                     f"{max(cpu_per_step[step]):.0f} ms")
    res.add("peak resident memory through the scripted sessions",
            max(memory.peak_by_phase.values()), "MiB", budget=400,
            note=f"the app's process, sampled every 20 ms; {rss_mib():.0f} MiB after the "
                 "last lock")
    for phase in ("unlock screen", *STEPS):
        if phase in memory.peak_by_phase:
            res.add(f"  resident memory during: {phase}, peak", memory.peak_by_phase[phase],
                    "MiB")
    if os.environ.get("BENCH_UI_STACKS"):
        for stall in stalls:
            print(f"  stall {stall.ms:.0f} ms ({stall.cpu_ms:.0f} ms CPU) in {stall.phase}:",
                  file=sys.stderr)
            for line in stall.where:
                print(f"      {line}", file=sys.stderr)
