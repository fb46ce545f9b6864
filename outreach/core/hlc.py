"""Hybrid logical clock stamps.

A stamp is a string ``"<millis:013d>-<counter:04d>-<device>"`` whose plain string order is
the causal order used for last-writer-wins per field: physical time first, a counter for
events within the same millisecond (or while the local clock lags a remote one), and the
device id as a tie-breaker. A laptop whose wall clock is hours behind still produces stamps
after every stamp it has seen, because :meth:`HybridClock.observe` moves it forward.

Not thread-safe on its own: the store calls it under its write lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 9999
MAX_AHEAD_MILLIS = 366 * 24 * 3600 * 1000   # a stamp further ahead than this is refused


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:04d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        try:
            millis, counter, device = text.split("-", 2)
            stamp = cls(int(millis), int(counter), device)
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"not a clock stamp: {text!r}") from exc
        if len(millis) != 13 or len(counter) != 4 or not device:
            raise ValueError(f"not a clock stamp: {text!r}")
        return stamp


class HybridClock:
    """Issues monotonically increasing stamps for one device."""

    def __init__(self, device: str, *, last: str | None = None,
                 now: Callable[[], float] = time.time) -> None:
        if not device:
            raise ValueError("device id must be a non-empty identifier")
        self.device = device
        self._now = now
        self._millis = 0
        self._counter = 0
        if last:     # our own last stamp: trusted even if the wall clock went back a lot
            stamp = Stamp.parse(last)
            self._millis, self._counter = stamp.millis, stamp.counter

    def _wall(self) -> int:
        return int(self._now() * 1000)

    def tick(self) -> str:
        """A new stamp, later than every stamp issued or observed before."""
        wall = self._wall()
        if wall > self._millis:
            self._millis, self._counter = wall, 0
        else:
            self._bump()
        return str(Stamp(self._millis, self._counter, self.device))

    def observe(self, remote: str) -> None:
        """Move forward past a stamp received from elsewhere."""
        stamp = Stamp.parse(remote)
        if stamp.millis > self._wall() + MAX_AHEAD_MILLIS:
            raise ValueError(f"clock stamp {remote!r} is more than a year ahead of this "
                             "device's clock")
        self._millis, self._counter = max((stamp.millis, stamp.counter),
                                          (self._millis, self._counter))

    def _bump(self) -> None:
        if self._counter >= MAX_COUNTER:
            self._millis += 1
            self._counter = 0
        else:
            self._counter += 1

    @property
    def last(self) -> str:
        return str(Stamp(self._millis, self._counter, self.device))
