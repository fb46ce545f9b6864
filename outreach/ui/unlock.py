"""The unlock screen: a passphrase box for one profile.

The KDF takes a few hundred milliseconds by design, so unlocking runs through
:func:`outreach.ui.background.run_in_background` and the UI stays responsive. A wrong
passphrase says so plainly; the vault's growing wait between attempts is shown as a
countdown with the Unlock button disabled until it ends.

Threading: UI thread; the worker only calls :func:`outreach.ops.profiles.unlock_profile`.
"""

from __future__ import annotations

import importlib
import logging
import math
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import profiles as profile_ops
from outreach.store.records import Store
from outreach.store.secret import wipe
from outreach.store.vault import TooSoon, Wiped, WrongPassphrase
from outreach.ui.a11y import announce
from outreach.ui.background import BackgroundOp, TaskState, run_in_background

log = logging.getLogger(__name__)

# While the passphrase is typed, the modules the workspace needs are imported a few at a
# time (pure-Python ones on a worker, Qt ones on the UI thread one per timer tick, each
# well under 100 ms), so unlocking does not pay for them. See preload().
PRELOAD_WORKER = ("outreach.ops.sync", "outreach.ops.today", "outreach.ops.people",
                  "outreach.ops.reports", "outreach.core.indicators")
PRELOAD_UI = ("outreach.ui.workspace", "outreach.ui.today", "outreach.ui.people",
              "outreach.ui.directory", "outreach.ui.sync_panel", "outreach.ui.person.view",
              "outreach.ui.reports")


def _unlock(state: TaskState, data_dir: Path, name: str, passphrase: str) -> Store:
    """Worker: derive the key, open the profile's database, and finish any recovery-key
    wrapping that enrolment left for the next unlock (failures there are only logged)."""
    store = profile_ops.unlock_profile(data_dir, name, passphrase)
    try:
        from outreach.ops import sync as sync_ops

        sync_ops.apply_pending_recovery(store, passphrase)
    except Exception as exc:  # noqa: BLE001 - unlocking must not fail because of it
        log.warning("recovery key not applied: %s", type(exc).__name__)
    return store


def _import_modules(state: TaskState, names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


class UnlockPage(QWidget):
    """Passphrase entry for one profile.

    Signals: ``unlocking(name)`` when the key derivation starts (the window builds the
    empty workspace meanwhile); ``unlocked(name, store)`` with the open store;
    ``switch_profile()`` when the user wants another profile; ``wiped(name)`` when the
    vault erased the profile.
    """

    unlocking = Signal(str)
    unlocked = Signal(str, object)
    switch_profile = Signal()
    wiped = Signal(str)

    def __init__(self, *, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.profile_name = ""
        self.op: BackgroundOp | None = None
        self._passphrase: str | None = None
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(200)
        self._deadline = 0.0
        self._reason = ""
        self._countdown.timeout.connect(self._tick)

        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        note = QLabel(self.tr("Outreach is locked. Enter your passphrase to carry on."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName(self.tr("Passphrase"))
        self.pass_edit.setPlaceholderText(self.tr("Passphrase"))
        self.pass_edit.returnPressed.connect(self.try_unlock)
        self.pass_edit.textEdited.connect(self._typing)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton(self.tr("&Switch profile"))
        self.switch_button.clicked.connect(self.switch_profile.emit)
        self.change_button = QPushButton(self.tr("&Change passphrase…"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.change_dialog: QWidget | None = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Unlocking"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("Message"))

        card = QWidget()
        card.setFixedWidth(480)
        box = QVBoxLayout(card)
        box.addWidget(self.title)
        box.addWidget(note)
        box.addSpacing(12)
        box.addWidget(self.pass_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setFocusProxy(self.pass_edit)
        self._preload_ui = list(PRELOAD_UI)
        self.preload_op: BackgroundOp | None = None
        QTimer.singleShot(250, self.preload)

    def preload(self) -> None:
        """Import what unlocking will need while the user types (safe to call again)."""
        if self.preload_op is None:
            self.preload_op = run_in_background(_import_modules, PRELOAD_WORKER, parent=self,
                                                on_done=lambda _: self._preload_step(),
                                                on_error=lambda _: None, label="preload")

    @property
    def preloaded(self) -> bool:
        return self.preload_op is not None and not self.preload_op.is_running and \
            not self._preload_ui

    def _preload_step(self) -> None:
        if self._preload_ui:
            importlib.import_module(self._preload_ui.pop(0))
            QTimer.singleShot(10, self._preload_step)

    def set_profile(self, name: str, *, message: str = "") -> None:
        """Show the screen for ``name`` with an empty passphrase box."""
        self.profile_name = name
        self.title.setText(self.tr("<h2>Unlock %1</h2>").replace("%1", _escape(name)))
        self.pass_edit.clear()
        self.message.setText(message)
        self.pass_edit.setFocus()

    def change_passphrase(self) -> None:
        """Open the change-passphrase-and-re-key dialog for this profile (non-modal)."""
        if self.op is not None and self.op.is_running:
            return
        from outreach.ui.change_passphrase import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(data_dir=self.data_dir,
                                        profile_name=self.profile_name, parent=self)
        dialog.accepted.connect(lambda: self._say(
            self.tr("Passphrase changed and data re-encrypted. Unlock with the new one.")))
        self.change_dialog = dialog
        dialog.open()

    def _say(self, text: str) -> None:
        """Show ``text`` under the passphrase box and have screen readers read it out."""
        self.message.setText(text)
        announce(self.message, text)

    def _typing(self, _text: str) -> None:
        """A new passphrase is being typed: the last error goes (not the countdown)."""
        if self._wait_left == 0 and self.message.text():
            self._say("")

    def try_unlock(self) -> None:
        """Start unlocking in the background (ignored while busy or waiting)."""
        if (self.op is not None and self.op.is_running) or self._wait_left > 0:
            return
        passphrase = self.pass_edit.text()
        if not passphrase:
            self._say(self.tr("Please enter your passphrase."))
            return
        self._busy(True)
        self.message.setText("")
        self._passphrase = passphrase
        self.op = run_in_background(_unlock, self.data_dir, self.profile_name, passphrase,
                                    parent=self, on_done=self._done, on_error=self._failed,
                                    cancellable=False, label="unlock")
        self.unlocking.emit(self.profile_name)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.pass_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy and self._wait_left == 0)
        self.switch_button.setEnabled(not busy)
        self.change_button.setEnabled(not busy)

    def _forget_passphrase(self) -> None:
        """Overwrite the passphrase text this page handed to the worker (see
        ``outreach.store.secret``; Qt's own copy in the line edit is cleared on success)."""
        passphrase, self._passphrase = self._passphrase, None
        if passphrase is not None:
            wipe(passphrase)

    def _done(self, store: Store) -> None:
        self._busy(False)
        self._forget_passphrase()
        self.pass_edit.clear()
        self.unlocked.emit(self.profile_name, store)

    def _failed(self, exc: BaseException) -> None:
        self._forget_passphrase()
        self._busy(False)
        self.pass_edit.selectAll()
        self.pass_edit.setFocus()
        if isinstance(exc, Wiped):
            self._say(str(exc))
            self.wiped.emit(self.profile_name)
            return
        if isinstance(exc, WrongPassphrase):
            self._start_wait(exc.wait_seconds, self.tr("That passphrase is not right."))
        elif isinstance(exc, TooSoon):
            self._start_wait(exc.wait_seconds, self.tr("Too many wrong passphrases."))
        else:
            self._say(str(exc) or self.tr("The profile could not be opened."))

    def _start_wait(self, seconds: float, reason: str) -> None:
        self._reason = reason
        self._deadline = time.monotonic() + max(0.0, seconds) + 0.05
        self._tick()
        announce(self.message, self.message.text())     # once, not at every tick
        if self._wait_left:
            self._countdown.start()

    def _tick(self) -> None:
        left = self._deadline - time.monotonic()
        self._wait_left = math.ceil(left) if left > 0 else 0
        if self._wait_left == 0:
            self._countdown.stop()
        self.unlock_button.setEnabled(self._wait_left == 0 and not self.progress.isVisible())
        self._show_wait()

    def _show_wait(self) -> None:
        if self._wait_left:
            unit = self.tr("second") if self._wait_left == 1 else self.tr("seconds")
            self.message.setText(self.tr("%1 You can try again in %2 %3.")
                                 .replace("%1", self._reason)
                                 .replace("%2", str(self._wait_left)).replace("%3", unit))
        else:
            self.message.setText(self.tr("%1 Please try again.").replace("%1", self._reason))

    @property
    def waiting_seconds(self) -> int:
        """Seconds left before another attempt is allowed (0: now)."""
        return self._wait_left


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
