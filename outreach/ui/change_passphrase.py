"""Change passphrase and re-key, from the unlock screen (the profile is not open here, so
nothing in this app writes to the database while it is copied under the new key).

Strength feedback comes from zxcvbn, and a passphrase below the floor is refused with
its reasons. Re-keying copies the whole database, so it runs through
:func:`outreach.ui.background.run_in_background` with a progress bar; it can be cancelled
until the new copy replaces the old one.

Threading: UI thread; the worker only calls
:func:`outreach.ops.profiles.change_passphrase_and_rekey`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import profiles as profile_ops
from outreach.store.secret import wipe
from outreach.ui.background import BackgroundOp, TaskState, run_in_background

STRENGTH_WORDS = ("Very weak", "Weak", "Fair", "Good", "Strong")   # zxcvbn's 0..4


def _rekey(state: TaskState, *, data_dir: Path, name: str, old: str, new: str) -> None:
    """Worker: check the old passphrase, then re-key with progress (cancellable)."""
    profile_ops.change_passphrase_and_rekey(
        data_dir, name, old, new, progress=state.set_progress,
        cancelled=lambda: state.cancelled)


class ChangePassphraseDialog(QDialog):
    """Current passphrase, new one twice, a strength meter, and progress while re-keying."""

    def __init__(self, *, data_dir: Path, profile_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self.data_dir = data_dir
        self.profile_name = profile_name
        self.op: BackgroundOp | None = None
        self._secrets: list[str] = []
        intro = QLabel(self.tr("Your data will be re-encrypted under a new key, so an old "
                               "copy of this laptop's key file no longer opens it. This "
                               "can take a minute for a large caseload."))
        intro.setWordWrap(True)
        self.old_edit = self._secret_line(self.tr("Current passphrase"))
        self.new_edit = self._secret_line(self.tr("New passphrase"))
        self.repeat_edit = self._secret_line(self.tr("New passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.new_edit.textChanged.connect(self._update_strength)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Re-encrypting"))
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        form = QFormLayout()
        form.addRow(self.tr("&Current passphrase"), self.old_edit)
        form.addRow(self.tr("&New passphrase"), self.new_edit)
        form.addRow(self.tr("New passphrase &again"), self.repeat_edit)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = QPushButton(self.tr("C&hange and re-encrypt"))
        self.change_button.setDefault(True)
        self.buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.change_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self._update_strength("")

    def _secret_line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def _update_strength(self, text: str) -> None:
        score, hint = profile_ops.passphrase_strength(text)
        self.meter.setValue(score)
        self.meter.setFormat(self.tr(STRENGTH_WORDS[score]))
        self.hint.setText(self.tr(hint))

    def start(self) -> None:
        """Check the form, then re-key in the background."""
        if self.op is not None and self.op.is_running:
            return
        old, new = self.old_edit.text(), self.new_edit.text()
        problem = None
        if not old:
            problem = self.tr("Please enter your current passphrase.")
        elif new != self.repeat_edit.text():
            problem = self.tr("The two new passphrases are different.")
        elif new == old:
            problem = self.tr("Please choose a passphrase different from the current one.")
        else:
            problem = profile_ops.passphrase_problem(new)
        if problem:
            self.message.setText(problem)
            return
        self._secrets = [old, new]
        self._busy(True)
        self.message.setText(self.tr("Re-encrypting your data…"))
        self.op = run_in_background(
            _rekey, parent=self, data_dir=self.data_dir, name=self.profile_name, old=old,
            new=new, on_done=self._done, on_error=self._failed,
            on_cancelled=self._cancelled, on_progress=self._progress, label="rekey")

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.old_edit, self.new_edit, self.repeat_edit, self.change_button):
            w.setEnabled(not busy)

    def _forget(self) -> None:
        for secret in self._secrets:
            wipe(secret)
        self._secrets = []

    def _done(self, _result: object) -> None:
        self._forget()
        self._busy(False)
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self.message.setText(self.tr("Your passphrase was changed and your data "
                                     "re-encrypted. Unlock with the new passphrase."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._forget()
        self._busy(False)
        self.message.setText(str(exc) or self.tr("The passphrase could not be changed."))

    def _cancelled(self) -> None:
        self._forget()
        self._busy(False)
        self.message.setText(self.tr("Cancelled: nothing was changed."))

    def _cancel(self) -> None:
        if self.op is not None and self.op.is_running:
            self.op.cancel()                 # the copy stops; the old key stays in use
            return
        self.reject()
