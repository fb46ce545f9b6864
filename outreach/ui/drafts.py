"""Autosaving drafts for every form that takes free text: one helper, one mechanism.

A :class:`DraftKeeper` belongs to one form (the conversation dialog, the care plan, the
welcome wizard, an addendum). The form calls :meth:`DraftKeeper.changed` on every edit;
the keeper writes the form's state (its ``collect()`` callable) through ``ops.drafts``:

* after a short pause in typing (``quiet_ms``, 400 ms), and
* at the latest ``max_wait_ms`` (1 s) after the first unsaved change, even if typing never
  pauses: a timer that restarted on every key press would save nothing while someone
  types steadily, and a SIGKILL would lose all of it.

So a crash loses at most the last second of typing. ``collect()`` returning ``None`` means
"nothing worth keeping" (the form is back to what was saved): the draft is discarded.

Locking: every live keeper is known to this module. :func:`save_open_drafts` writes every
unsaved draft of a store now; the session calls it (``closing=True``) before the store is
closed, for every way of locking (Ctrl+L, Lock now, idle, the laptop suspending or
sleeping, the window closing), and with ``closing=False`` when the app goes to the
background. A keeper whose store is closing stops writing, and :attr:`DraftKeeper.closing`
tells its form to close without asking questions.

Threading: UI thread only. Each write is one small local transaction (a few ms).
"""

from __future__ import annotations

import logging
import time
import uuid
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from outreach.ops import drafts as draft_ops
from outreach.store.records import Store

log = logging.getLogger(__name__)

QUIET_MS = 400          # save this long after the last key press...
MAX_WAIT_MS = 1000      # ...but never later than this after the first unsaved change

_KEEPERS: weakref.WeakSet[DraftKeeper] = weakref.WeakSet()


class DraftKeeper(QObject):
    """Keeps one form's draft in the encrypted store; see the module docstring.

    Signals: ``saved()`` each time the draft reaches the store (tests wait on it);
    ``failed(str)`` with a plain message when it could not be written (the form shows it;
    the words stay on screen and the next change tries again).
    """

    saved = Signal()
    failed = Signal(str)

    def __init__(self, *, kind: str, collect: Callable[[], dict[str, Any] | None],
                 parent: QObject, quiet_ms: int = QUIET_MS,
                 max_wait_ms: int = MAX_WAIT_MS) -> None:
        super().__init__(parent)
        self.kind = kind
        self.store: Store | None = None
        self.person_id: str | None = None
        self.draft_id = str(uuid.uuid4())
        self.closing = False
        # a form's bound method, held weakly: no reference cycle keeps a deleted form's
        # Python wrapper alive
        self._collect: Callable[[], Callable[[], dict[str, Any] | None] | None] = (
            weakref.WeakMethod(collect) if hasattr(collect, "__self__")  # type: ignore[arg-type]
            else (lambda: collect))
        self._quiet_ms = min(quiet_ms, max_wait_ms)
        self._max_wait_ms = max_wait_ms
        self._dirty = False
        self._since = 0.0
        self._written = False           # this keeper wrote the draft now in the store
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)
        _KEEPERS.add(self)

    # -- binding ---------------------------------------------------------------------------
    def bind(self, store: Store | None, *, person_id: str | None,
             draft_id: str | None = None) -> None:
        """Keep drafts for ``person_id`` in ``store`` from now on (a new draft unless
        ``draft_id`` names an existing one being resumed). Call :meth:`save_now` first if
        the previous binding may hold unsaved words."""
        self._timer.stop()
        self.store = store
        self.person_id = person_id
        self.draft_id = draft_id or str(uuid.uuid4())
        self._dirty = False
        self._written = False

    def resume(self, draft_id: str) -> None:
        """Carry on writing an existing draft (one found in the store for this form)."""
        if draft_id != self.draft_id:
            self.draft_id = draft_id
            self._written = False

    @property
    def dirty(self) -> bool:
        """True while there are changes not yet in the store."""
        return self._dirty

    @property
    def written_here(self) -> bool:
        """True once this keeper has written its current draft (so a form can tell its
        own draft from one left over from an earlier session)."""
        return self._written

    # -- autosave --------------------------------------------------------------------------
    def changed(self) -> None:
        """The form changed: save after a pause, and within ``max_wait_ms`` at the latest."""
        if self.closing or self.store is None:
            return
        now = time.monotonic()
        if not self._dirty:
            self._dirty = True
            self._since = now
        left = self._max_wait_ms - (now - self._since) * 1000
        self._timer.start(max(0, int(min(self._quiet_ms, left))))

    def save_now(self) -> bool:
        """Write the draft now if anything changed; True when the store was written."""
        self._timer.stop()
        store = self.store
        if not self._dirty or store is None or store.closed:
            return False
        collect = self._collect()
        if collect is None:
            return False
        try:
            data = collect()
            if data is None:
                draft_ops.discard_draft(store, self.draft_id)
            else:
                draft_ops.save_draft(store, draft_id=self.draft_id, kind=self.kind,
                                     person_id=self.person_id, data=data)
        except Exception as exc:  # noqa: BLE001 - the words stay on screen; say so
            log.error("could not save a %s draft: %s", self.kind, type(exc).__name__)
            self.failed.emit(self.tr("The draft could not be saved: %1")
                             .replace("%1", str(exc) or type(exc).__name__))
            return False
        self._dirty = False
        self._written = data is not None
        self.saved.emit()
        return True

    def stop(self) -> None:
        """Forget pending changes without writing them (the form saved its record, whose
        op discarded the draft in the same transaction)."""
        self._timer.stop()
        self._dirty = False

    def discard(self) -> None:
        """Throw the draft away, in the store too."""
        self.stop()
        self._written = False
        if self.store is not None and not self.store.closed:
            try:
                draft_ops.discard_draft(self.store, self.draft_id)
            except Exception as exc:  # noqa: BLE001
                log.error("could not discard a %s draft: %s", self.kind, type(exc).__name__)


def save_open_drafts(store: Store | None, *, closing: bool = False) -> int:
    """Write every unsaved draft kept in ``store`` now; returns how many were written.

    ``closing=True`` (the store is about to close): keepers stop writing afterwards and
    report :attr:`DraftKeeper.closing`, so their forms close quietly.
    """
    if store is None:
        return 0
    written = 0
    for keeper in list(_KEEPERS):
        if not shiboken6.isValid(keeper) or keeper.store is not store:
            continue
        try:
            written += keeper.save_now()
        except Exception:  # noqa: BLE001 - one form's failure must not stop the others
            log.warning("a draft could not be saved before locking", exc_info=False)
        if closing:
            keeper.closing = True
    return written
