"""Killing a child process at a point it reports on its standard output, for the tests
that prove nothing acknowledged is lost when the app is killed (SIGKILL) mid-work."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable


def kill_at_line(proc: subprocess.Popen[bytes], reached: Callable[[bytes], bool]) -> str:
    """Read ``proc``'s output a line at a time and SIGKILL it as soon as ``reached(line)``
    says so (or when its output ends). Returns what it wrote to standard error, for the
    failure messages. ``proc`` needs ``stdout`` and ``stderr`` piped."""
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if reached(line):
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=10)
    return proc.stderr.read().decode(errors="replace") if proc.stderr else ""
