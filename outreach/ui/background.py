"""The one way to run work off the UI thread.

Widgets never start threads themselves. They write::

    run_in_background(
        lambda state: ops.people.caseload(store),
        parent=self,
        on_done=self._show_rows,        # called on the UI thread with the result
        on_error=self._show_error,      # called on the UI thread with the exception
        on_progress=self._progress,     # called on the UI thread: (done, total, text)
    )

and get back a :class:`BackgroundOp` that can be cancelled (``op.cancel()``) and whose
``finished`` signal tests can wait on (``qtbot.waitSignal(op.finished)``).

The work function is a plain function ``fn(state, *args, **kwargs)`` (Orange3's
``run(data, state)``): ``state`` is a :class:`TaskState` that reports progress with
``state.set_progress(done, total, text)`` and answers ``state.cancelled``; a function that
honours cancellation either returns early (``on_done`` still gets what it returned) or
raises :class:`Cancelled` (``state.raise_if_cancelled()``), which calls ``on_cancelled``
instead of ``on_error``. Because ``TaskState`` needs no event loop, tests can call work
functions directly: ``fn(TaskState())``.

Threading rules (the invariants this module keeps):

* ``fn`` runs on a worker thread of a shared :class:`QThreadPool`; it must not touch any
  widget. Ops are safe there (the Store has its own lock).
* Every callback (``on_done``, ``on_error``, ``on_progress``, ``on_cancelled``) runs on the
  thread that created the op (the UI thread), delivered through queued Qt signals.
* When ``parent`` is destroyed before the work ends, the op is cancelled and no callback
  runs, so a closed dialog is never poked after the fact.
* Progress reports are coalesced (at most about every 50 ms, plus the final one), so a
  tight loop cannot flood the event queue.
* Exceptions are logged by type only (no personal data in logs); the traceback goes to
  DEBUG.
* Workers share the GIL with the UI thread, and every Qt event that reaches Python code
  (a paint calling a Python model's ``data()``, a slot, a timer) has to take the GIL
  first. With CPython's default 5 ms switch interval a busy worker made the UI thread
  wait up to 5 ms for each of those, so hundreds of them turned a 50 ms repaint into
  several hundred. Creating the pool sets the interpreter's switch interval to
  :data:`SWITCH_INTERVAL_S` (never raising it): the cost is a little more switching in
  workers, the gain an interface that keeps up while they run.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]

_PROGRESS_INTERVAL_S = 0.05
SWITCH_INTERVAL_S = 0.0005
_pool: QThreadPool | None = None
_running: set[BackgroundOp] = set()


class Cancelled(Exception):
    """Raised by a work function (via ``state.raise_if_cancelled()``) to stop early."""


class TaskState:
    """What a work function sees: progress reporting and the cancel flag.

    Thread-safe: ``cancel()`` may be called from any thread; ``set_progress`` is called
    from the worker. Usable without Qt or an event loop (tests call ``fn(TaskState())``).
    """

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._cancel = threading.Event()
        self._on_progress = on_progress
        self._last_emit = 0.0
        self.progress: tuple[int, int, str] = (0, 0, "")

    @property
    def cancelled(self) -> bool:
        """True once someone asked this work to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop; it is up to the work function to notice."""
        self._cancel.set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`Cancelled` when cancellation was requested."""
        if self._cancel.is_set():
            raise Cancelled()

    def set_progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report ``done`` of ``total`` steps (``total == 0``: unknown) with a short text.

        The text is shown to the user: keep personal details out of it.
        """
        self.progress = (int(done), int(total), text)
        if self._on_progress is None:
            return
        now = time.monotonic()
        final = total > 0 and done >= total
        if final or now - self._last_emit >= _PROGRESS_INTERVAL_S:
            self._last_emit = now
            self._on_progress(int(done), int(total), text)


class _Relay(QObject):
    """Carries results from the worker to the UI thread (lives on the UI thread)."""

    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, op: BackgroundOp) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op

    def run(self) -> None:  # worker thread
        op = self._op
        relay = op._relay
        try:
            result = op._fn(op.state, *op._args, **op._kwargs)
        except Cancelled:
            _safe_emit(relay.cancelled)
        except BaseException as exc:
            log.debug("background op %s failed", op.label, exc_info=True)
            _safe_emit(relay.error, exc)
        else:
            _safe_emit(relay.done, result)


def _safe_emit(signal: Any, *args: Any) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the relay was deleted at shutdown: nobody is listening
        log.debug("background op result dropped: receiver gone")


def release_gradually(items: list[Any], *, chunk: int = 2000) -> None:
    """Empty a big list a slice at a time (worker threads, before returning).

    Freeing hundreds of thousands of records in one go (a list going out of scope) is a
    single step for the interpreter that holds the GIL for half a second, and the UI
    thread waits all that time. Slice by slice, the UI gets the GIL in between.
    """
    while items:
        del items[-chunk:]


def thread_pool() -> QThreadPool:
    """The pool every background op runs on (created on first use)."""
    global _pool
    if _pool is None:
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
    return _pool


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Block until all background work ends (for shutdown and tests). True when idle."""
    return thread_pool().waitForDone(timeout_ms)


class BackgroundOp(QObject):
    """One piece of work running off the UI thread; see the module docstring.

    Signals (all on the UI thread): ``progressed(done, total, text)``, and ``finished()``
    exactly once when the work ends whichever way (done, error or cancelled), after the
    matching callback ran.
    """

    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        parent: QObject | None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: ProgressCallback | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
        label: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__()  # not parented: it must outlive a deleted parent safely
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self.cancellable = cancellable
        self.label = label or getattr(fn, "__name__", "op")
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.is_running = False
        self._parent_gone = False
        self._relay = _Relay()
        self._relay.done.connect(self._done)
        self._relay.error.connect(self._failed)
        self._relay.cancelled.connect(self._cancelled)
        self._relay.progress.connect(self._progress)
        self.state = TaskState(on_progress=self._relay.progress.emit)
        if parent is not None:
            parent.destroyed.connect(self._parent_destroyed)

    def run_in_background(self) -> BackgroundOp:
        """Start the work on the shared pool and return self."""
        self.is_running = True
        _running.add(self)
        thread_pool().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (no effect unless the op is cancellable)."""
        if self.cancellable:
            self.state.cancel()

    @Slot()
    def _parent_destroyed(self) -> None:
        self._parent_gone = True
        self.state.cancel()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self._parent_gone or not self.is_running:
            return
        if self._on_progress is not None:
            self._on_progress(done, total, text)
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.result = result
        self._end(self._on_done, result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        log.error("background op %s failed: %s", self.label, type(exc).__name__)
        self._end(self._on_error, exc)

    @Slot()
    def _cancelled(self) -> None:
        self.was_cancelled = True
        self._end(self._on_cancelled)

    def _end(self, callback: Callable[..., None] | None, *args: Any) -> None:
        self.is_running = False
        try:
            if callback is not None and not self._parent_gone:
                callback(*args)
        finally:
            _running.discard(self)
            self.finished.emit()


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    parent: QObject | None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressCallback | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    label: str = "",
    **kwargs: Any,
) -> BackgroundOp:
    """Run ``fn(state, *args, **kwargs)`` on a worker thread; callbacks on the UI thread.

    Returns the started :class:`BackgroundOp`. ``parent`` (usually the calling widget)
    bounds the op's life: once it is destroyed no callback runs. See the module docstring
    for the full threading contract.
    """
    op = BackgroundOp(
        fn,
        *args,
        parent=parent,
        on_done=on_done,
        on_error=on_error,
        on_progress=on_progress,
        on_cancelled=on_cancelled,
        cancellable=cancellable,
        label=label,
        **kwargs,
    )
    return op.run_in_background()
