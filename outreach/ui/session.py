"""The unlocked session: the open Store, who is using it, and the auto-lock timer.

One :class:`Session` per main window. ``open(store)`` starts it; ``lock()`` closes the
store (dropping the SQLCipher key with the connection), forgets it, and emits ``locked`` so
every view hides personal details. The idle timer restarts on any keyboard, mouse, wheel or
touch input in any of the application's windows and locks when it fires. Input is watched
with an event filter on each top-level window (``QWindow``: every real input event reaches
it before any widget), installed when a window first gets the focus; not with an
application-wide filter, which would run Python for every event of every widget (thousands
while a screen is built) and, while a background thread holds the GIL, make the UI thread
wait for the GIL on each one. The idle limit is the profile's ``auto_lock_minutes``
setting (store meta; default :attr:`outreach.config.Settings.auto_lock_minutes`, 5 minutes).

Every way of locking goes through :meth:`Session.lock`: Ctrl+L (in any window), Lock now,
the idle timer, the window closing, the desktop session ending (``commitDataRequest``),
and the laptop going to sleep: the application state turning ``ApplicationSuspended``,
or, on Linux, logind's ``PrepareForSleep`` and the login session's ``Lock`` signals and
the screen saver starting (see :mod:`outreach.ui.sleepwatch`). ``lock()`` first writes
every open draft (:func:`outreach.ui.drafts.save_open_drafts`), then emits
``about_to_lock`` while the store is still open (the window destroys every view there),
then refuses new writes, interrupts running reads and closes the store on a worker thread
(freeing SQLCipher's zeroed page cache took 100-400 ms), and emits ``locked`` once it is
closed. When the app merely goes
to the background (``ApplicationInactive``: another application's window in front), open
drafts are written at once and nothing locks.

Thirty seconds before it locks (:attr:`Session.warn_ahead_ms`), a calm notice appears at
the top of the window in use (:class:`LockNotice`: not modal, read out by screen readers):
"Locking in 30 seconds — move the mouse or press a key to stay". Any input dismisses it
and starts the idle time again.

Threading: UI thread only. Background ops that were handed the store may still be running
when the session locks; the store's lock makes ``close()`` wait for the statement in
flight, and the op then fails cleanly (its callbacks are the caller's business).
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QWindow
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from outreach.config import Settings
from outreach.store.records import Store
from outreach.ui.a11y import announce
from outreach.ui.background import BackgroundOp, run_in_background
from outreach.ui.drafts import save_open_drafts
from outreach.ui.sleepwatch import SleepWatch

log = logging.getLogger(__name__)

AUTO_LOCK_META = "auto_lock_minutes"
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.InputMethod,
}


def _is_lock_key(event: QEvent) -> bool:
    key = getattr(event, "key", None)
    mods = getattr(event, "modifiers", None)
    if key is None or mods is None:
        return False
    wanted = Qt.KeyboardModifier.ControlModifier
    relevant = mods() & (wanted | Qt.KeyboardModifier.AltModifier
                         | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)
    return bool(key() == Qt.Key.Key_L and relevant == wanted)


class LockNotice(QLabel):
    """The auto-lock's warning: a banner across the top of a window, not a dialog (it
    takes no focus and blocks nothing). Its seconds count down while it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_notice")
        self.setAccessibleName(QCoreApplication.translate("Session", "Auto-lock warning"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAutoFillBackground(True)
        self.setForegroundRole(QPalette.ColorRole.HighlightedText)
        self.setBackgroundRole(QPalette.ColorRole.Highlight)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContentsMargins(12, 8, 12, 8)
        self._home = parent             # back here when dismissed: a dialog may go away
        self._left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.hide()

    def warn(self, seconds: int, window: QWidget | None) -> None:
        """Show the warning on ``window`` (the one in use) and read it out once."""
        if window is not None and self.parentWidget() is not window:
            self.setParent(window)
        self._left = max(1, seconds)
        self._show_text()
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(0, 0, host.width(), self.heightForWidth(host.width())
                             if self.hasHeightForWidth() else self.sizeHint().height())
        self.show()
        self.raise_()
        self._tick.start()
        announce(self, self.text())

    def dismiss(self) -> None:
        self._tick.stop()
        if self.isVisible():
            self.hide()
            announce(self, "")
        if self.parentWidget() is not self._home:
            self.setParent(self._home)

    def _count_down(self) -> None:
        self._left = max(1, self._left - 1)
        self._show_text()

    def _show_text(self) -> None:
        self.setText(QCoreApplication.translate(
            "Session", "Locking in %1 seconds — move the mouse or press a key to stay.")
            .replace("%1", str(self._left)))


class Session(QObject):
    """Holds the unlocked :class:`Store` and locks it after idle; see the module docstring.

    Signals: ``unlocked()`` after :meth:`open`; ``about_to_lock()`` while the store is still
    open (dialogs save their drafts and views drop personal data), then ``locked()`` once
    the store is closed.
    Invariant: ``store`` is ``None`` exactly when the session is locked.
    """

    locked = Signal()
    about_to_lock = Signal()
    unlocked = Signal()
    warn_ahead_ms = 30_000          # the notice comes this long before the lock

    def __init__(self, *, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.profile_name: str | None = None
        self.store: Store | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._idle)
        self._warn_timer = QTimer(self)
        self._warn_timer.setSingleShot(True)
        self._warn_timer.timeout.connect(self._warn)
        self._notice: LockNotice | None = None
        self.closing_op: BackgroundOp | None = None     # the last lock's store closing
        self._watching = False
        self.sleep_watch = SleepWatch(self.system_sleeping, parent=self)

    # -- state ---------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self.store is not None

    @property
    def user(self) -> str:
        return self.store.user if self.store is not None else ""

    @property
    def is_admin(self) -> bool:
        """True when this laptop enrolled for a user with the admin role."""
        if self.store is None:
            return False
        from outreach.ops.sync_view import is_admin

        return is_admin(self.store)

    def require_store(self) -> Store:
        """The open store; raises when locked (a view asked for data it may not show)."""
        if self.store is None:
            raise RuntimeError("The session is locked.")
        return self.store

    # -- auto-lock -----------------------------------------------------------------------
    @property
    def auto_lock_minutes(self) -> float:
        default = Settings.auto_lock_minutes
        if self.store is None:
            return default
        raw = self.store.meta(AUTO_LOCK_META)
        try:
            value = float(raw) if raw else default
        except ValueError:
            value = default
        return value if value > 0 else default

    def set_auto_lock_minutes(self, minutes: float) -> None:
        """Change this profile's idle limit (kept in the encrypted store) and restart."""
        if minutes <= 0:
            raise ValueError("Auto-lock needs a positive number of minutes.")
        self.require_store().set_meta(AUTO_LOCK_META, f"{minutes:g}")
        self._restart_timer()

    @property
    def idle_interval_ms(self) -> int:
        return max(1, int(self.auto_lock_minutes * 60_000))

    @property
    def warning_in_ms(self) -> int:
        """How long after the last input the lock notice shows (none under 1 s ahead)."""
        return max(0, self.idle_interval_ms - self.warn_ahead_ms)

    @property
    def lock_notice(self) -> LockNotice:
        """The warning banner (made on first use, on the main window)."""
        if self._notice is None or not shiboken6.isValid(self._notice):
            owner = self.parent()
            self._notice = LockNotice(owner if isinstance(owner, QWidget) else None)
        return self._notice

    def _restart_timer(self) -> None:
        if self.store is not None:
            self._arm()

    def _arm(self) -> None:
        """Input just now: the idle time starts again, and any warning goes."""
        self._timer.start(self.idle_interval_ms)
        if self.warning_in_ms > 0:
            self._warn_timer.start(self.warning_in_ms)
        if self._notice is not None:
            self._notice.dismiss()

    def _warn(self) -> None:
        if self.store is None:
            return
        left = self._timer.remainingTime()
        window = QApplication.activeWindow()
        owner = self.parent()
        if not isinstance(window, QWidget):
            window = owner if isinstance(owner, QWidget) else None
        self.lock_notice.warn(round(max(left, 0) / 1000), window)

    def poke(self) -> None:
        """Count as user activity (restarts the idle timer)."""
        if self.store is not None and self._timer.isActive():
            self._arm()

    def _watch_window(self, window: QWindow | None) -> None:
        """Watch one top-level window's input (installing twice is harmless in Qt)."""
        if window is None:
            return
        window.installEventFilter(self)
        self.poke()                     # a window taking the focus is activity too

    def _watch_all_windows(self) -> None:
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        if not self._watching:
            app.focusWindowChanged.connect(self._watch_window)
            app.applicationStateChanged.connect(self._app_state)
            app.commitDataRequest.connect(self._session_ending)
            self._watching = True
            self.sleep_watch.start()
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)
        owner = self.parent()
        if owner is not None:       # the main window itself: key events sent straight to
            owner.installEventFilter(self)  # it, not through its QWindow, count too

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.store is not None and event.type() in _ACTIVITY:
            if event.type() == QEvent.Type.KeyPress and _is_lock_key(event):
                self.lock()                 # Ctrl+L works in every window, dialogs too
                return True
            self._arm()
        return False

    def _idle(self) -> None:
        if self.store is not None:
            log.info("auto-lock after idle")
            self.lock()

    # -- the laptop sleeping, the app going to the background ------------------------------
    def _app_state(self, state: Qt.ApplicationState) -> None:
        if self.store is None:
            return
        if state == Qt.ApplicationState.ApplicationSuspended:
            log.info("lock: the system suspended the app")
            self.lock()
        elif state != Qt.ApplicationState.ApplicationActive:
            save_open_drafts(self.store)    # in the background: keep every word now

    def _session_ending(self, *_: object) -> None:
        if self.store is not None:
            log.info("lock: the desktop session is ending")
            self.lock()

    def system_sleeping(self) -> None:
        """The laptop is about to sleep or the screen is being locked: lock now."""
        if self.store is not None:
            log.info("lock: the system is going to sleep or locking the screen")
            self.lock()

    # -- open / lock ---------------------------------------------------------------------
    def open(self, store: Store, *, profile_name: str) -> None:
        """Start the session with a store that was just unlocked."""
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        self.profile_name = profile_name
        self._watch_all_windows()
        self._restart_timer()
        self.unlocked.emit()

    def lock(self) -> None:
        """Close the store, drop it and tell every view to hide personal details."""
        self._timer.stop()
        self._warn_timer.stop()
        if self._notice is not None:
            self._notice.dismiss()
        if self.store is None:
            return                          # already locked
        try:
            save_open_drafts(self.store, closing=True)
        except Exception:
            log.warning("saving drafts while locking failed", exc_info=True)
        try:
            self.about_to_lock.emit()
        except Exception:
            log.warning("a view failed while locking", exc_info=True)
        store, self.store = self.store, None
        if store is None:
            self.locked.emit()
            return
        # Reads are interrupted and new writes refused now; the connection itself (and
        # with it the key) is closed on a worker of its own (never queued behind a sync
        # or a report), because freeing the page cache, which
        # SQLCipher zeroes, held the UI thread for 100-400 ms. Nothing on screen can reach
        # the store any more: the views were destroyed in about_to_lock.
        store.begin_close()
        self.closing_op = run_in_background(
            _close_store, store, parent=self, cancellable=False, label="lock", at_once=True,
            on_done=lambda _: self._closed(), on_error=self._close_failed)

    def _closed(self) -> None:
        if self.store is None:          # not unlocked again meanwhile
            self.locked.emit()

    def _close_failed(self, exc: BaseException) -> None:
        log.warning("closing the store on lock failed: %s", type(exc).__name__)
        self._closed()

    def shutdown(self) -> None:
        """Lock and stop watching input (the window is closing)."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._watching:
            app.focusWindowChanged.disconnect(self._watch_window)
            app.applicationStateChanged.disconnect(self._app_state)
            app.commitDataRequest.disconnect(self._session_ending)
            self._watching = False
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)
        parent = self.parent()
        if parent is not None:
            parent.removeEventFilter(self)
        if self.store is not None:
            self.lock()


def _close_store(state: object, store: Store) -> None:
    """Worker thread: close the store of a session that was just locked."""
    store.close()
