"""The Sync page: Sync now (in the background, with progress and Cancel), the last sync's
time and outcome, how many local changes wait to be sent, enrolment when this laptop is
not enrolled yet, the changes the server refused (``refused.py``: fix and resend, or
discard), and the conflicts inbox.

When the server says this laptop was revoked, the sync engine has already destroyed the
local key and data; the panel emits ``device_wiped(message)`` and the main window locks
and tells the user plainly.

Threading: UI thread; every op runs through :func:`outreach.ui.background.run_in_background`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import sync as sync_ops
from outreach.ops import sync_view
from outreach.store.records import Store
from outreach.ui.a11y import announce
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.conflicts import ConflictsInbox
from outreach.ui.refused import RefusedChanges
from outreach.ui.text import fmt_datetime, plural

log = logging.getLogger(__name__)

REVOKED_MESSAGE = ("Your organisation has revoked this laptop, so Outreach has erased its "
                   "records from it, as planned for a lost or retired laptop. Anything that "
                   "was synced is safe on the server. Please speak to your admin.")
PHASES = {"push": "Sending changes", "pull": "Receiving changes", "report": "Finishing",
          "index": "Building the search index"}
USABLE = "usable"   # the progress text that says the first screens' records are in
NOT_ENROLLED_MESSAGE = ("This laptop is not enrolled yet. Ask your admin for an enrolment "
                        "code, then enter it with the server address under “Enrol this "
                        "laptop with your team's server” on this page and press Enrol.")


def _sync(state: TaskState, store: Store) -> Any:
    """Worker: one sync, reporting progress and polling the cancel flag."""
    def progress(phase: str, done: int, total: int) -> None:
        if phase == "usable":     # done == total: never held back by the progress throttle
            state.set_progress(done, done, USABLE)
            return
        state.set_progress(done, total, PHASES.get(phase, phase))

    return sync_ops.sync_now(store, progress=progress, cancelled=lambda: state.cancelled)


class SyncPanel(QWidget):
    """See the module docstring. Signals: ``device_wiped(message)``, ``synced()`` after
    every finished attempt, ``status_loaded()`` after the status was read,
    ``records_usable()`` during a first sync once people, care plans, risk flags,
    referrals and episodes are stored (the rest still arriving): Today, People and a
    person's file can be shown."""

    device_wiped = Signal(str)
    records_usable = Signal()
    enrolled = Signal()
    synced = Signal()
    status_loaded = Signal()

    def __init__(self, store: Store, *, parent: QWidget | None = None,
                 load_now: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.op: BackgroundOp | None = None
        self.status_op: BackgroundOp | None = None
        self.status: Any = None

        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setToolTip(self.tr("Send and receive changes (F5)"))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.setVisible(False)
        self.server_label = QLabel()
        self.last_label = QLabel()
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAccessibleName(self.tr("Outcome"))
        self.pending_label = QLabel()
        self.pending_label.setAccessibleName(self.tr("Changes waiting to be sent"))

        top = QHBoxLayout()
        top.addWidget(self.sync_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress, 1)
        top.addStretch(0)
        facts = QFormLayout()
        facts.addRow(self.tr("Server:"), self.server_label)
        facts.addRow(self.tr("Last sync:"), self.last_label)
        facts.addRow(self.tr("Outcome:"), self.outcome_label)
        facts.addRow(self.tr("Waiting to send:"), self.pending_label)

        self.enrol_box = QGroupBox(self.tr("Enrol this laptop with your team's server"))
        enrol = QFormLayout(self.enrol_box)
        self.server_edit = QLineEdit()
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.server_edit.setPlaceholderText("https://outreach.example.org")
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("Enrolment code"))
        self.enrol_button = QPushButton(self.tr("&Enrol"))
        self.enrol_button.clicked.connect(self.enrol)
        self.code_edit.returnPressed.connect(self.enrol)
        self._enrol_error = False
        self.server_edit.textEdited.connect(self._field_edited)
        self.code_edit.textEdited.connect(self._field_edited)
        enrol.addRow(self.tr("Server &address"), self.server_edit)
        enrol.addRow(self.tr("Enrolment c&ode"), self.code_edit)
        enrol.addRow("", self.enrol_button)
        self.enrol_box.setVisible(False)

        self.conflicts = ConflictsInbox(store)
        self.conflicts.loaded.connect(self._conflicts_loaded)
        self.conflicts.resolved.connect(lambda _id: self.refresh_status())
        self.conflicts_box = QGroupBox(self.tr("Conflicts to resolve"))
        inner = QVBoxLayout(self.conflicts_box)
        inner.addWidget(self.conflicts)

        self.refused = RefusedChanges(store)
        self.refused.loaded.connect(self._refused_loaded)
        self.refused.changed.connect(self.refresh_status)
        self.refused_box = QGroupBox(self.tr("Changes the server refused"))
        QVBoxLayout(self.refused_box).addWidget(self.refused)
        self.refused_box.setVisible(False)

        heading = QLabel(self.tr("<h2>Sync</h2>"))
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addLayout(top)
        outer.addLayout(facts)
        outer.addWidget(self.enrol_box)
        outer.addWidget(self.refused_box)
        outer.addWidget(self.conflicts_box, 1)
        self.conflicts_box.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Expanding)
        self.setFocusProxy(self.sync_button)
        if load_now:        # the workspace loads it when the page is first shown instead
            self.refresh()

    # -- status --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the status and the conflicts (both in the background)."""
        self.refresh_status()
        self.conflicts.refresh()
        self.refused.refresh()

    def refresh_status(self) -> None:
        if self.status_op is not None and self.status_op.is_running:
            return
        self.status_op = run_in_background(lambda state: sync_view.sync_status(self.store),
                                           parent=self, on_done=self._show_status,
                                           on_error=self._status_failed, label="sync_status")

    def _show_status(self, status: Any) -> None:
        self.status = status
        enrolled = bool(status.enrolled)
        self.enrol_box.setVisible(not enrolled)
        self.sync_button.setEnabled(not self.busy)     # not enrolled: it says how to enrol
        self.server_label.setText(status.server_url or self.tr("Not enrolled yet"))
        self.last_label.setText(fmt_datetime(status.last_sync_at) if status.last_sync_at
                                else self.tr("Never"))
        if not self.busy:
            fallback = self.tr("Synced.") if status.last_sync_at else self.tr("No sync yet.")
            self.outcome_label.setText(status.last_outcome or fallback)
        self.pending_label.setText(plural(status.pending, "{n} change", "{n} changes"))
        self.status_loaded.emit()

    def _status_failed(self, exc: BaseException) -> None:
        self.outcome_label.setText(self.tr("Could not read the sync status."))

    def _refused_loaded(self) -> None:
        n = len(self.refused.items)
        self.refused_box.setVisible(n > 0)
        self.refused_box.setTitle(self.tr("Changes the server refused") + f" ({n})")

    def _conflicts_loaded(self) -> None:
        n = len(self.conflicts.conflicts)
        title = self.tr("Conflicts to resolve") + (f" ({n})" if n else "")
        self.conflicts_box.setTitle(title)

    # -- sync ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.is_running

    def sync_now(self) -> BackgroundOp | None:
        """Start a sync in the background (ignored while one runs). On a laptop that is
        not enrolled, say so and how to enrol instead, and put the focus on the form."""
        if self.busy or not self.sync_button.isEnabled():
            return None
        # the status read in the background may predate an enrolment just made: when it
        # says "not enrolled", one small read makes sure
        enrolled = (self.status is not None and self.status.enrolled) or \
            sync_ops.is_enrolled(self.store)
        if not enrolled:
            self.enrol_box.setVisible(True)
            self._say(self.tr(NOT_ENROLLED_MESSAGE))
            (self.code_edit if self.server_edit.text() else self.server_edit).setFocus()
            return None
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.progress.setFormat(self.tr("Connecting…"))
        self.outcome_label.setText(self.tr("Syncing…"))
        self.op = run_in_background(_sync, self.store, parent=self, on_done=self._done,
                                    on_error=self._failed, on_progress=self._progress,
                                    on_cancelled=self._cancelled, label="sync")
        return self.op

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.cancel_button.setEnabled(False)
            self.outcome_label.setText(self.tr("Stopping…"))

    def _progress(self, done: int, total: int, text: str) -> None:
        if text == USABLE:
            self._say(self.tr("Your team's people are here: Today, People and their files "
                              "can be used now. Their conversations and the rest are still "
                              "arriving; keep Outreach open until sync says it is done."))
            self.records_usable.emit()
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{self.tr(text)}: {done:,} / {total:,}")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr(text))

    def _finish(self, outcome: str, *, remember: bool = True) -> None:
        self.cancel_button.setEnabled(False)
        self.sync_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.setVisible(False)
        self._say(outcome)
        if remember:
            store = self.store
            run_in_background(lambda state: sync_view.record_outcome(store, outcome),
                              parent=self, on_done=lambda _r: self.refresh_status(),
                              label="record_outcome")

    def _done(self, result: Any) -> None:
        self._finish(sync_view.describe(result))
        self.synced.emit()
        self.conflicts.refresh()
        self.refused.refresh()

    def _cancelled(self) -> None:
        self._finish(self.tr("Sync was stopped. It carries on from where it stopped next "
                             "time."))
        self.synced.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, sync_ops.ProfileWiped):
            message = str(exc) or self.tr(REVOKED_MESSAGE)
            self._finish(message, remember=False)
            self.device_wiped.emit(message)
            return
        if isinstance(exc, sync_ops.SyncFailed) and exc.code == "cancelled":
            self._cancelled()
            return
        if isinstance(exc, sync_ops.SyncFailed) and exc.code == "not_enrolled":
            self._finish(self.tr(NOT_ENROLLED_MESSAGE), remember=False)
            self.enrol_box.setVisible(True)
            self.synced.emit()
            return
        if not isinstance(exc, sync_ops.SyncFailed):
            log.error("sync failed unexpectedly: %s", type(exc).__name__)
        self._finish(str(exc) or self.tr("Sync did not work. Your changes are kept and "
                                         "will be sent next time."))
        self.synced.emit()

    def _say(self, text: str) -> None:
        """Show ``text`` as the outcome and have screen readers read it out."""
        self.outcome_label.setText(text)
        announce(self.outcome_label, text)

    def _field_edited(self) -> None:
        """The user is fixing the enrolment form: the error about it goes."""
        if self._enrol_error:
            self._enrol_error = False
            self.outcome_label.setText("")
            announce(self.outcome_label, "")

    # -- enrolment -----------------------------------------------------------------------
    def enrol(self) -> None:
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not (server and code):
            self._enrol_error = True
            self._say(self.tr("Enter both the server address and the code."))
            (self.code_edit if server else self.server_edit).setFocus()
            return
        if self.busy:
            return
        self.enrol_box.setEnabled(False)
        self.outcome_label.setText(self.tr("Enrolling…"))
        self.op = run_in_background(
            lambda state: sync_ops.enroll(self.store, server_url=server, code=code),
            parent=self, on_done=self._enrolled, on_error=self._enrol_failed,
            cancellable=False, label="enroll")

    def _enrolled(self, _result: Any) -> None:
        self.enrol_box.setEnabled(True)
        self.code_edit.clear()
        self._enrol_error = False
        self._say(self.tr("Enrolled. You can sync now."))
        self.refresh_status()
        self.enrolled.emit()

    def _enrol_failed(self, exc: BaseException) -> None:
        """Say why, from the op's error (a wrong or used code, an address that cannot be
        reached, a server that cannot prove who it is), and focus the field to fix."""
        self.enrol_box.setEnabled(True)
        code = getattr(exc, "code", "")
        self._enrol_error = True
        self._say(str(exc) or self.tr("Enrolment did not work. Check the address and the "
                                      "code, then try again."))
        (self.code_edit if code.startswith("code") else self.server_edit).setFocus()


__all__ = ["SyncPanel", "REVOKED_MESSAGE"]
