"""Resident memory of this process, sampled on a thread while a scripted session runs.

Linux only (``/proc/self/statm``); elsewhere every figure is 0. The sampler reads the
resident set every ``interval_s`` and keeps the largest per phase label, which the session
sets as it goes (the same labels as the UI watchdog's).

Threading: :meth:`RssSampler.set_phase` may be called from any thread; the sampler thread
only reads ``/proc`` and writes its own dictionary under a lock.
"""

from __future__ import annotations

import os
import resource
import threading

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mib() -> float:
    """The resident set of this process now, in MiB (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def peak_rss_mib() -> float:
    """The largest resident set this process has had since it started, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """Samples the resident set every ``interval_s``; :attr:`peak_by_phase` holds the
    largest sample per phase label."""

    def __init__(self, *, interval_s: float = 0.02) -> None:
        self.interval_s = interval_s
        self.phase = ""
        self.peak_by_phase: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def set_phase(self, label: str) -> None:
        self._sample()
        with self._lock:
            self.phase = label
        self._sample()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._sample()

    def _sample(self) -> None:
        now = rss_mib()
        with self._lock:
            if now > self.peak_by_phase.get(self.phase, 0.0):
                self.peak_by_phase[self.phase] = now
