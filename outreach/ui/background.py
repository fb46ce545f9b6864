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
* ``at_once=True`` work (closing the store when the profile locks) runs on a second,
  small pool that is idle but for such work, so it never waits behind a sync or a report.
* Every callback (``on_done``, ``on_error``, ``on_progress``, ``on_cancelled``) runs on the
  thread that created the op (the UI thread), delivered through queued Qt signals of one
  long-lived dispatcher that lives on the UI thread.
* When ``parent`` is destroyed before the work ends, the op is cancelled and no callback
  runs, so a closed dialog is never poked after the fact. A callback that is a method of
  a Qt object whose C++ side is gone (``shiboken6.isValid``) is not called either.
* The worker never holds the last reference to anything: not to the op, not to ``fn``
  (often a widget's method or a lambda that holds a widget), its arguments, the result or
  the exception. It hands them to the op, drops its own references and only then tells
  the UI thread; the op stays in a UI-thread registry until the UI thread has taken the
  outcome. So a widget (and any Qt object) referenced by background work is always freed
  on the UI thread. A Qt object freed on a worker (a parentless page whose last Python
  reference a worker dropped) crashes the app: its destructor runs against UI-thread
  state that the UI thread is using at the same time.
* While background work runs, Python's cyclic garbage collector runs only on the UI
  thread (:func:`collect_garbage_on_ui_thread`): automatic collection can start on
  whichever thread happens to allocate, and a cycle holding a Qt object collected on a
  worker frees that object there.
* A work function that ends with an error after it was asked to stop, or because the
  profile was locked under it (:class:`outreach.store.records.ProfileLocked`), counts as
  cancelled: locking while a list loads is not a failure and logs none.
* Progress reports are coalesced (at most about every 50 ms, plus the final one), so a
  tight loop cannot flood the event queue.
* Exceptions are logged by type only (no personal data in logs); the traceback goes to
  DEBUG, and the locals of its frames are cleared before the exception is handed over.
* Workers share the GIL with the UI thread, and every Qt event that reaches Python code
  (a paint calling a Python model's ``data()``, a slot, a timer) has to take the GIL
  first. With CPython's default 5 ms switch interval a busy worker made the UI thread
  wait up to 5 ms for each of those, so hundreds of them turned a 50 ms repaint into
  several hundred. Creating the pool sets the interpreter's switch interval to
  :data:`SWITCH_INTERVAL_S` (never raising it): the cost is a little more switching in
  workers, the gain an interface that keeps up while they run.
"""

from __future__ import annotations

import gc
import itertools
import logging
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from outreach.store.records import ProfileLocked

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]

_PROGRESS_INTERVAL_S = 0.05
SWITCH_INTERVAL_S = 0.0005
GC_INTERVAL_MS = 500
GC_FULL_MIN_INTERVAL_S = 30.0
_pool: QThreadPool | None = None
_urgent_pool: QThreadPool | None = None     # for work that must not queue (see at_once)
_dispatcher: _Dispatcher | None = None
_collector: _UiThreadCollector | None = None
_running: dict[int, BackgroundOp] = {}      # UI thread only: ops whose outcome is not taken
_ids = itertools.count(1)


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


def is_alive(obj: object) -> bool:
    """False for a Qt object whose C++ side was deleted; True for anything else."""
    return not isinstance(obj, QObject) or shiboken6.isValid(obj)


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """True unless ``callback`` is a method of a Qt object that was deleted."""
    return is_alive(getattr(callback, "__self__", None))


class _Job:
    """What a worker needs, as plain Python (no Qt object): the function, its arguments,
    the cancel/progress state, and the outcome the worker leaves for the UI thread."""

    __slots__ = ("ident", "fn", "args", "kwargs", "state", "outcome")

    def __init__(self, ident: int, fn: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any], state: TaskState) -> None:
        self.ident = ident
        self.fn: Callable[..., Any] | None = fn
        self.args = args
        self.kwargs = kwargs
        self.state = state
        self.outcome: tuple[str, Any] = ("cancelled", None)


class _Dispatcher(QObject):
    """The one object workers talk to: it lives on the UI thread for as long as the
    process, so an emit from a worker never meets a deleted receiver, and it hands each
    outcome to its op (found by number in the UI-thread registry)."""

    ended = Signal(int)
    progressed = Signal(int, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.ended.connect(self._ended)
        self.progressed.connect(self._progressed)

    @Slot(int)
    def _ended(self, ident: int) -> None:
        op = _running.pop(ident, None)
        if op is not None:
            op._take_outcome()

    @Slot(int, int, int, str)
    def _progressed(self, ident: int, done: int, total: int, text: str) -> None:
        op = _running.get(ident)
        if op is not None:
            op._progress(done, total, text)


def _ui_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() != app.thread():
            raise RuntimeError("Background work is started from the UI thread only.")
        _dispatcher = _Dispatcher()
    return _dispatcher


def _emit(signal: Any, *args: Any) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the dispatcher was deleted at shutdown: nobody is listening
        log.debug("background op result dropped: receiver gone")


def _clear_frames(exc: BaseException) -> None:
    """Drop the locals of the frames in ``exc``'s traceback (and its causes'): they may
    hold widgets, and an exception lives on in the op after the worker is done."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        traceback.clear_frames(cur.__traceback__)
        cur = cur.__cause__ or cur.__context__


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job: _Job | None = job

    def run(self) -> None:  # worker thread
        job, self._job = self._job, None
        if job is None:
            return
        ident = job.ident
        try:
            assert job.fn is not None
            job.outcome = ("done", job.fn(job.state, *job.args, **job.kwargs))
        except Cancelled:
            job.outcome = ("cancelled", None)
        except BaseException as exc:
            if job.state.cancelled or isinstance(exc, ProfileLocked):
                log.debug("background op %d stopped (cancelled or locked): %s", ident,
                          type(exc).__name__)
                job.outcome = ("cancelled", None)
            else:
                log.debug("background op %d failed", ident, exc_info=True)
                job.outcome = ("error", exc)
            _clear_frames(exc)
        # every reference this thread held goes before the UI thread hears of the end:
        # the op (in _running until then) holds the job, so nothing is freed here
        del job
        _emit(_ui_dispatcher_for_worker().ended, ident)


def _ui_dispatcher_for_worker() -> _Dispatcher:
    assert _dispatcher is not None      # made on the UI thread before any work started
    return _dispatcher


class _UiThreadCollector(QObject):
    """Keeps Python's cyclic garbage collector off worker threads.

    CPython starts a collection on whichever thread allocates past the threshold. A cycle
    that holds a Qt object (a dialog and the lambda that captured it) collected on a worker
    deletes that object on the worker, which crashes. So automatic collection is off while
    any background work runs (from just before a worker starts until no pool thread is
    active), and this timer on the UI thread meanwhile collects the generations that are
    due, as the interpreter would (pyqtgraph and Anki collect on a GUI timer too). When the
    pool is idle no worker runs Python, and automatic collection is on again (so code
    without an event loop, such as the CLI's tests after a UI test, still collects).
    UI thread only.
    """

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self.threshold = gc.get_threshold()
        self._last_full = time.monotonic()
        self._owner = gc.isenabled()    # someone else switched it off: leave it off
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(GC_INTERVAL_MS)

    def hold(self) -> None:
        """Work is about to start on a worker: no automatic collection until it ends."""
        gc.disable()

    def tick(self) -> None:
        """Collect what is due while work runs; collect automatically again once idle."""
        if _running or any(pool is not None and pool.activeThreadCount() > 0
                           for pool in (_pool, _urgent_pool)):
            gc.disable()
            self.collect_due()
        elif self._owner and not gc.isenabled():
            gc.enable()

    def collect_due(self) -> None:
        """Collect the oldest generation whose count passed its threshold, if any (a full
        collection at most every :data:`GC_FULL_MIN_INTERVAL_S`: the interpreter's own
        rule for it, a quarter of the long-lived objects new, is not visible here)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                now = time.monotonic()
                if generation == 2:
                    if now - self._last_full < GC_FULL_MIN_INTERVAL_S:
                        continue
                    self._last_full = now
                gc.collect(generation)
                return


def collect_garbage_on_ui_thread() -> _UiThreadCollector | None:
    """Keep cyclic garbage collection on the UI thread while background work runs
    (idempotent; call on the UI thread with a QCoreApplication; :func:`thread_pool` does).
    Returns the collector (None without an application)."""
    global _collector
    app = QCoreApplication.instance()
    if _collector is not None and shiboken6.isValid(_collector):
        return _collector
    if app is None or QThread.currentThread() != app.thread():
        return None
    _collector = _UiThreadCollector(app)
    return _collector


def release_gradually(items: list[Any], *, chunk: int = 2000) -> None:
    """Empty a big list a slice at a time (worker threads, before returning).

    Freeing hundreds of thousands of records in one go (a list going out of scope) is a
    single step for the interpreter that holds the GIL for half a second, and the UI
    thread waits all that time. Slice by slice, the UI gets the GIL in between.
    """
    while items:
        del items[-chunk:]


def thread_pool() -> QThreadPool:
    """The pool every background op runs on (created on first use, on the UI thread)."""
    global _pool
    if _pool is None:
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        _ui_dispatcher()
        collect_garbage_on_ui_thread()
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
    return _pool


def _urgent_thread_pool() -> QThreadPool:
    """A second, usually idle pool for ``at_once`` work (UI thread)."""
    global _urgent_pool
    thread_pool()
    if _urgent_pool is None:
        _urgent_pool = QThreadPool()
        _urgent_pool.setMaxThreadCount(2)
    return _urgent_pool


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Block until all background work ends (for shutdown and tests). True when idle.

    The outcomes are then queued for the UI thread; they are delivered (or dropped, for a
    parent that is gone) the next time its event loop runs."""
    deadline = time.monotonic() + timeout_ms / 1000
    done = thread_pool().waitForDone(timeout_ms)
    if _urgent_pool is not None:
        left = max(0, int((deadline - time.monotonic()) * 1000))
        done = _urgent_pool.waitForDone(left) and done
    return done


def running_count() -> int:
    """How many ops started and have not yet handed their outcome to the UI thread."""
    return len(_running)


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
        dispatcher = _ui_dispatcher()
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
        # weak: the op must not change when a parentless widget is freed
        self._parent_ref = weakref.ref(parent) if parent is not None else None
        ident = next(_ids)
        progressed = dispatcher.progressed

        def report(done: int, total: int, text: str) -> None:     # worker thread
            _emit(progressed, ident, done, total, text)

        self.state = TaskState(on_progress=report)
        self._job: _Job | None = _Job(ident, fn, args, kwargs, self.state)
        if parent is not None:
            parent.destroyed.connect(self._parent_destroyed)

    def run_in_background(self, *, at_once: bool = False) -> BackgroundOp:
        """Start the work on the shared pool and return self.

        ``at_once``: on a thread of its own even when every pool thread is busy, instead
        of waiting in the queue (closing the store on lock must not wait behind a sync):
        it runs on a second pool that is idle but for such work."""
        if self._job is None or self.is_running:
            raise RuntimeError("A background op runs once.")
        pool = _urgent_thread_pool() if at_once else thread_pool()
        collector = collect_garbage_on_ui_thread()
        if collector is not None:
            collector.hold()                # before the worker runs any Python
        self.is_running = True
        _running[self._job.ident] = self
        pool.start(_Runnable(self._job))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (no effect unless the op is cancellable)."""
        if self.cancellable:
            self.state.cancel()

    @Slot()
    def _parent_destroyed(self) -> None:
        self._parent_gone = True
        self.state.cancel()

    def _receiver_gone(self, callback: Callable[..., Any] | None) -> bool:
        ref = self._parent_ref
        parent = ref() if ref is not None else None
        if self._parent_gone or (ref is not None and (parent is None or not is_alive(parent))):
            self._parent_gone = True
            return True
        return callback is not None and not _receiver_alive(callback)

    def _progress(self, done: int, total: int, text: str) -> None:
        if not self.is_running or self._receiver_gone(self._on_progress):
            return
        if self._on_progress is not None:
            self._on_progress(done, total, text)
        self.progressed.emit(done, total, text)

    def _take_outcome(self) -> None:
        """UI thread: the worker is done with the job; deliver what it left."""
        job, self._job = self._job, None
        if job is None:
            return
        kind, value = job.outcome
        job.outcome = ("taken", None)
        job.fn, job.args, job.kwargs = None, (), {}     # freed here, on the UI thread
        if kind == "done":
            self.result = value
            self._end(self._on_done, value)
        elif kind == "error":
            self.error = value
            log.error("background op %s failed: %s", self.label, type(value).__name__)
            self._end(self._on_error, value)
        else:
            self.was_cancelled = True
            self._end(self._on_cancelled)

    def _end(self, callback: Callable[..., None] | None, *args: Any) -> None:
        self.is_running = False
        try:
            if callback is not None and not self._receiver_gone(callback):
                callback(*args)
        finally:
            self._on_done = self._on_error = self._on_progress = self._on_cancelled = None
            if shiboken6.isValid(self):
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
    at_once: bool = False,
    **kwargs: Any,
) -> BackgroundOp:
    """Run ``fn(state, *args, **kwargs)`` on a worker thread; callbacks on the UI thread.

    ``at_once``: start now on a thread of its own even when the pool is busy (see
    :meth:`BackgroundOp.run_in_background`).

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
    return op.run_in_background(at_once=at_once)
