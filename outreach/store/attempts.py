"""Unlock attempts: one at a time across processes, counted outside the key file.

Two small files sit beside ``outreach.key``:

* ``outreach.lock`` — an empty file every unlock, re-key and wipe holds an exclusive OS
  lock on (``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows) from
  reading the counter to writing it back. Eight processes guessing at once therefore
  take turns, and each meets the back-off the previous guess set.
* ``outreach.attempts`` — the failure counter: ``generation`` (every attempt, good or
  bad, adds one), ``failures`` (since the last success) and ``last_failure``, sealed
  with HMAC-SHA256 under ``counter_key``, a random key written once into the key file
  at creation. The key file is therefore never rewritten just to count a failure (each
  rewrite would leave another copy of the wrapped key in free disk blocks).

What this stops and what it does not (see docs/security.md, "Keys and the laptop"):
an edited, truncated or deleted counter fails its check and counts as
:data:`TAMPERED_FAILURES` failures (the longest wait; with a wipe policy, one more wrong
passphrase wipes). Replacing the counter with an older genuine copy cannot be seen
before the passphrase is right; after it, the generation the encrypted database
remembers from the last unlock shows it (``Profile.unlock``). Someone who
can read the key file can forge a valid counter, and can in any case copy the files and
guess offline: against them only Argon2id and the passphrase's strength help.

Threading: functions here block on the OS lock; call them off the UI thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from outreach.store.files import atomic_write

LOCK_FILE = "outreach.lock"
COUNTER_FILE = "outreach.attempts"
TAMPERED_FAILURES = 7          # delay_after(7) is the longest wait


class NoProfileHere(Exception):
    """The profile folder is gone (wiped while we waited for the lock)."""


@contextlib.contextmanager
def profile_lock(folder: Path) -> Iterator[None]:
    """Hold the profile's exclusive lock (blocks until the other holder lets go)."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        raise NoProfileHere() from None
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    if sys.platform == "win32":         # pragma: no cover - Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)   # retries for 10 s, then raises
                return
            except OSError:
                continue
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":         # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass
class Counter:
    """The failure counter of one profile, as read (or repaired) from its file."""

    generation: int = 0
    failures: int = 0
    last_failure: float = 0.0
    tampered: bool = False

    def _mac(self, key: bytes) -> str:
        msg = f"outreach attempts v1|{self.generation}|{self.failures}|{self.last_failure!r}"
        return hmac.new(key, msg.encode("ascii"), hashlib.sha256).hexdigest()

    @classmethod
    def load(cls, folder: Path, key: bytes) -> Counter:
        """Read and check the counter; a missing or altered one comes back ``tampered``."""
        try:
            doc = json.loads((folder / COUNTER_FILE).read_text("utf-8"))
            counter = cls(generation=int(doc["generation"]), failures=int(doc["failures"]),
                          last_failure=float(doc["last_failure"]))
            good = hmac.compare_digest(counter._mac(key), str(doc["mac"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(tampered=True)
        if not good:
            return cls(generation=counter.generation, tampered=True)
        return counter

    def save(self, folder: Path, key: bytes) -> None:
        doc = {"generation": self.generation, "failures": self.failures,
               "last_failure": self.last_failure, "mac": self._mac(key)}
        atomic_write(folder / COUNTER_FILE, json.dumps(doc).encode("utf-8"))

    def record(self, *, failed: bool, now: float | None = None) -> None:
        """Count one attempt (the caller saves)."""
        self.generation += 1
        if failed:
            self.failures += 1
            self.last_failure = time.time() if now is None else now
        else:
            self.failures, self.last_failure = 0, 0.0
        self.tampered = False

    def treat_as_tampered(self, *, wipe_after: int, now: float) -> None:
        """Count an altered counter as many failures, starting the longest wait now."""
        failures = TAMPERED_FAILURES
        if wipe_after:
            failures = max(1, min(failures, wipe_after - 1))
        self.generation += 1
        self.failures, self.last_failure = max(self.failures, failures), now
