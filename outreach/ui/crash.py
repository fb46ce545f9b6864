"""The app's last line of defence: a trace when it crashes, calm when code fails.

:func:`install` (called by :func:`outreach.ui.app.main`) sets up three things:

* **A crash log.** ``faulthandler`` writes the Python stack of every thread into
  ``crash.log`` in the data folder (the one that holds every profile, so it does not
  depend on which profile is open, and it is written while locked) when the process dies
  of a fatal signal (segfault, bus error, abort). The file is created 0600 in a 0700
  folder and kept under :data:`MAX_LOG_BYTES` (the older half moves to ``crash.log.1``).
* **Exceptions nobody caught.** ``sys.excepthook`` (slots and Qt virtuals: PySide hands
  an exception that escapes Python code called by Qt to it), ``threading.excepthook``
  and ``sys.unraisablehook`` log the exception and append it to the crash log, then the
  app carries on.
* **A calm message.** One line at a time in a small non-modal box: what happened and
  what to do next. It opens on the next turn of the event loop, never inside the paint,
  model reset or event filter that failed (a nested event loop there is a crash of its
  own), and only one is open at a time however many errors follow.

What is written, and what never is (the decision, for docs/security.md): the exception's
type and the code locations of its traceback (file inside the app, line, function), as
``faulthandler`` writes them. Never the exception's message, its arguments, ``repr`` of
anything or any local variable: messages quote values (a name that did not validate, a
row from SQLite, a path with a person's name in it), and a crash log may be sent to
maintainers. Type and location are enough to find the bug.

Threading: :func:`install` and the message run on the UI thread; the hooks may run on
any thread (the message is handed to the UI thread through a queued signal).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from outreach import config

log = logging.getLogger(__name__)

CRASH_LOG = "crash.log"
MAX_LOG_BYTES = 512 * 1024
_PACKAGE_ROOT = config.ROOT
_state: dict[str, Any] = {}


def crash_log_path(data_dir: Path) -> Path:
    """Where the crash log of the profiles in ``data_dir`` lives."""
    return data_dir / CRASH_LOG


def _where(filename: str) -> str:
    """A file's place without the user's home or install folder: ``outreach/ui/x.py``
    inside the app, ``<lib>/PySide6/...`` for a library."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        parts = path.parts
        for marker in ("site-packages", "dist-packages"):
            if marker in parts:
                return "<lib>/" + "/".join(parts[parts.index(marker) + 1:])
        return path.name


def describe(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """``ValueError at outreach/ui/x.py:12 in f <- outreach/ui/y.py:40 in g`` (innermost
    first): the exception's type and where it happened, never its message."""
    frames = traceback.extract_tb(tb)[::-1][:12]
    where = " <- ".join(f"{_where(f.filename)}:{f.lineno} in {f.name}" for f in frames)
    name = f"{exc_type.__module__}.{exc_type.__qualname__}".removeprefix("builtins.")
    return f"{name} at {where}" if where else name


def _append(line: str) -> None:
    stream: TextIO | None = _state.get("file")
    if stream is None:
        return
    try:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        stream.write(f"{stamp} {line}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _open_log(path: Path) -> TextIO:
    """Open (create 0600) the crash log for appending, moving an oversized one aside."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(CRASH_LOG + ".1"))
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "a", encoding="utf-8", buffering=1)


class _Notifier(QObject):
    """Shows the calm message on the UI thread (queued), one box at a time."""

    failed = Signal()

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.box: QMessageBox | None = None
        self.shown = 0
        self.failed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self) -> None:
        from outreach.ui.background import is_alive

        if self.box is not None and is_alive(self.box) and self.box.isVisible():
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, config.APP_NAME, message_text(),
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setObjectName("crash-message")
        self.box = box
        self.shown += 1
        box.show()


def message_text() -> str:
    """The one line a user sees when code failed and the app carried on."""
    return QCoreApplication.translate(
        "crash", "Something went wrong, and Outreach stopped what it was doing. Your saved "
        "work is safe: carry on, and if this happens again, restart Outreach.")


def report(exc_type: type[BaseException], tb: TracebackType | None, *,
           context: str = "") -> None:
    """Log an exception nobody caught (type and place only) and show the calm message."""
    text = describe(exc_type, tb)
    if context:
        text = f"{text} ({context})"
    log.error("uncaught %s", text)
    _append(f"error: {text}")
    notifier: _Notifier | None = _state.get("notifier")
    if notifier is not None:
        try:
            notifier.failed.emit()
        except RuntimeError:        # the app is shutting down
            pass


def _excepthook(exc_type: type[BaseException], exc: BaseException | None,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
        return
    report(exc_type, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    report(args.exc_type, args.exc_traceback, context="in a background thread")


def _unraisablehook(args: Any) -> None:
    # an exception in __del__ or a finaliser: logged only, the user has nothing to do
    text = describe(args.exc_type, args.exc_traceback)
    log.warning("ignored %s", text)
    _append(f"ignored: {text}")


def install(data_dir: Path, app: QCoreApplication | None = None) -> Path:
    """Write fatal crashes' stacks to the crash log, log and calm uncaught exceptions.

    Call once on the UI thread, after the QApplication exists. Returns the log's path.
    """
    path = crash_log_path(data_dir)
    stream = _state.get("file")
    if stream is None:
        stream = _open_log(path)
        _state["file"] = stream
        _state["path"] = path
        faulthandler.enable(file=stream, all_threads=True)
    app = app or QCoreApplication.instance()
    if app is not None and _state.get("notifier") is None:
        _state["notifier"] = _Notifier(app)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    sys.unraisablehook = _unraisablehook
    _append(f"started pid {os.getpid()}")
    return path


def uninstall() -> None:
    """Undo :func:`install` (tests; the app keeps it to the end)."""
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    sys.unraisablehook = sys.__unraisablehook__
    stream = _state.pop("file", None)
    if stream is not None:
        faulthandler.disable()
        stream.close()
    notifier = _state.pop("notifier", None)
    if notifier is not None:
        notifier.deleteLater()
    _state.pop("path", None)

