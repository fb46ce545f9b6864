"""A UI-thread stall monitor: how long did the event loop go without running?

:class:`Watchdog` ticks a precise :class:`QTimer` on the UI thread (every 10 ms by
default) and measures the gap between ticks. While the UI thread is busy in one piece of
work (building widgets, a slow query, a long Python loop) the timer cannot run, so the gap
is an upper bound on the longest time the user could not interact, accurate to about one
interval. Gaps of at least ``threshold_ms`` are *stalls*: they are kept in
:attr:`Watchdog.stalls` and emitted through :attr:`Watchdog.stalled`.

Each gap is charged to the current *phase*, a short label the caller sets with
:meth:`Watchdog.set_phase` (the benchmark names its steps; the app names nothing). Setting
a phase closes the gap so far under the old label first: the phase changes on the UI
thread, so everything before that point belongs to the old phase.

With ``sample_stacks=True`` a small helper thread looks at the heartbeat every
``interval_ms`` and, once the UI thread has been silent for ``threshold_ms``, records
where it is (file, line and function names only; never values). That is what tells you
*which* code stalled; it costs one wake-up per interval on a plain Python thread.

In the app, ``OUTREACH_WATCHDOG=1`` turns it on (:func:`install_from_env`) and every
stall over 100 ms is logged with its duration and the UI code it was in. Logs carry no
personal data: only durations, phase labels and code locations.

Threading: create, start, stop and read it on the UI thread. The optional sampler thread
only reads the heartbeat and ``sys._current_frames()``; it never touches Qt.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)

ENV_VAR = "OUTREACH_WATCHDOG"
DEFAULT_THRESHOLD_MS = 100.0
_STACK_DEPTH = 12


@dataclass(frozen=True)
class Stall:
    """One gap of at least the threshold: its length, the phase it is charged to, when it
    ended (``time.perf_counter()`` seconds), the CPU time the UI thread itself used in
    it (``cpu_ms``; the rest it waited: for the GIL, a lock, or a CPU shared with other
    processes) and, when sampled, the UI thread's stack as ``file:line function``
    strings, innermost last."""

    ms: float
    phase: str
    ended_at: float
    where: tuple[str, ...] = ()
    cpu_ms: float = 0.0

    def describe(self) -> str:
        """A one-line summary for logs (no personal data)."""
        where = f" in {self.where[-1]}" if self.where else ""
        phase = f" during {self.phase}" if self.phase else ""
        return (f"UI thread blocked for {self.ms:.0f} ms ({self.cpu_ms:.0f} ms of its own "
                f"CPU){phase}{where}")


class Watchdog(QObject):
    """Measures gaps between UI-thread timer ticks; see the module docstring.

    Signal ``stalled(Stall)`` (UI thread) for every gap of at least ``threshold_ms``.
    Invariants: :attr:`longest_ms` is the largest gap seen since :meth:`start` or
    :meth:`reset`; :attr:`longest_by_phase` holds the largest per phase label and
    :attr:`longest_cpu_by_phase` the most UI-thread CPU time spent within one gap.
    On a machine shared with other busy processes a gap can be long while the UI thread
    was not running at all; the CPU figure tells the two apart.
    """

    stalled = Signal(object)

    def __init__(self, *, interval_ms: int = 10, threshold_ms: float = DEFAULT_THRESHOLD_MS,
                 sample_stacks: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if interval_ms <= 0 or threshold_ms <= 0:
            raise ValueError("The watchdog needs a positive interval and threshold.")
        self.interval_ms = interval_ms
        self.threshold_ms = float(threshold_ms)
        self.sample_stacks = sample_stacks
        self.phase = ""
        self.longest_ms = 0.0
        self.longest_by_phase: dict[str, float] = {}
        self.longest_cpu_by_phase: dict[str, float] = {}
        self.stalls: list[Stall] = []
        self._last = 0.0                 # perf_counter of the last tick (heartbeat)
        self._last_cpu = 0.0             # the UI thread's thread_time() then
        self._sample: tuple[float, tuple[str, ...]] | None = None   # (heartbeat, stack)
        self._ui_thread = threading.get_ident()
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    # -- control -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start measuring from now (idempotent)."""
        if self._timer.isActive():
            return
        self._ui_thread = threading.get_ident()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()
        if self.sample_stacks and self._sampler is None:
            self._stop.clear()
            self._sampler = threading.Thread(target=self._sample_loop, name="ui-watchdog",
                                             daemon=True)
            self._sampler.start()

    def stop(self) -> None:
        """Stop measuring; the gap up to now is counted first."""
        if self._timer.isActive():
            self._close_gap(time.perf_counter())
            self._timer.stop()
        self._stop.set()
        if self._sampler is not None:
            self._sampler.join(timeout=1.0)
            self._sampler = None

    def reset(self) -> None:
        """Forget every figure (keeps running if it was)."""
        self.longest_ms = 0.0
        self.longest_by_phase = {}
        self.longest_cpu_by_phase = {}
        self.stalls = []
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._sample = None

    def set_phase(self, label: str) -> None:
        """Charge gaps from now on to ``label``; the gap so far goes to the old phase."""
        if self._timer.isActive():
            self._close_gap(time.perf_counter())
        self.phase = label

    def check(self) -> None:
        """Count the gap up to now (for callers that are about to read the figures)."""
        if self._timer.isActive():
            self._close_gap(time.perf_counter())

    # -- measuring -----------------------------------------------------------------------
    def _tick(self) -> None:
        self._close_gap(time.perf_counter())

    def _close_gap(self, now: float) -> None:
        gap_ms = (now - self._last) * 1000.0
        heartbeat, self._last = self._last, now
        cpu = time.thread_time()         # always called on the UI thread
        cpu_ms = (cpu - self._last_cpu) * 1000.0
        self._last_cpu = cpu
        if cpu_ms > self.longest_cpu_by_phase.get(self.phase, 0.0):
            self.longest_cpu_by_phase[self.phase] = cpu_ms
        if gap_ms > self.longest_ms:
            self.longest_ms = gap_ms
        if gap_ms > self.longest_by_phase.get(self.phase, 0.0):
            self.longest_by_phase[self.phase] = gap_ms
        if gap_ms < self.threshold_ms:
            return
        sample, self._sample = self._sample, None
        where = sample[1] if sample is not None and sample[0] == heartbeat else ()
        stall = Stall(ms=gap_ms, phase=self.phase, ended_at=now, where=where, cpu_ms=cpu_ms)
        self.stalls.append(stall)
        self.stalled.emit(stall)

    def _sample_loop(self) -> None:
        """Helper thread: once per interval, sample the UI thread's stack if it is stuck."""
        pause = self.interval_ms / 1000.0
        threshold = self.threshold_ms / 1000.0
        while not self._stop.wait(pause):
            heartbeat = self._last
            if time.perf_counter() - heartbeat < threshold * 0.6:
                continue
            current = self._sample
            if current is not None and current[0] == heartbeat:
                continue                  # this stall was sampled already
            frame = sys._current_frames().get(self._ui_thread)
            if frame is not None and self._last == heartbeat:
                self._sample = (heartbeat, _stack(frame))


def _stack(frame: object) -> tuple[str, ...]:
    """``file:line function`` for the innermost frames, outermost first (code only)."""
    lines: list[str] = []
    f = frame
    while f is not None and len(lines) < _STACK_DEPTH:
        code = f.f_code  # type: ignore[attr-defined]
        lines.append(f"{_short(code.co_filename)}:{f.f_lineno} {code.co_name}")  # type: ignore[attr-defined]
        f = f.f_back  # type: ignore[attr-defined]
    return tuple(reversed(lines))


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("outreach", "sync", "bench", "PySide6", "site-packages"):
        if anchor in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(anchor):])
    return Path(filename).name


def log_stall(stall: Stall) -> None:
    """Log one stall at WARNING with its duration and the code it was in."""
    log.warning("%s", stall.describe())
    if stall.where:
        log.info("UI thread stack at the stall: %s", " <- ".join(reversed(stall.where)))


def install_from_env(parent: QObject, *, environ: dict[str, str] | None = None
                     ) -> Watchdog | None:
    """When ``OUTREACH_WATCHDOG=1``, start a watchdog that logs every stall over 100 ms.

    Returns the running watchdog (owned by ``parent``), or ``None`` when it is off.
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR, "").strip() not in ("1", "true", "yes", "on"):
        return None
    dog = Watchdog(threshold_ms=DEFAULT_THRESHOLD_MS, sample_stacks=True, parent=parent)
    dog.stalled.connect(log_stall)
    dog.start()
    log.info("UI watchdog on: logging UI-thread stalls over %.0f ms", dog.threshold_ms)
    return dog
