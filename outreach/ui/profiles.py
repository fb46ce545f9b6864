"""Choose or create a profile (one per person using this laptop, each with its own
passphrase and encrypted store), with live passphrase-strength feedback and optional
enrolment with the team's server. Strength is zxcvbn's estimate; below its floor the form
says why (zxcvbn's warning and suggestions) and makes nothing.

Threading: UI thread. Creating a profile runs the KDF and enrolment talks to the network,
so both run through :func:`outreach.ui.background.run_in_background`.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import profiles as profile_ops
from outreach.store.records import Store
from outreach.ui.a11y import announce
from outreach.ui.background import BackgroundOp, TaskState, run_in_background

STRENGTH_WORDS = ("Very weak", "Weak", "Fair", "Good", "Strong")   # zxcvbn's 0..4


def _create_and_enrol(state: TaskState, *, data_dir: Path, name: str, passphrase: str,
                      user: str, vault_options: dict[str, Any] | None,
                      server: str, code: str) -> tuple[Store, str | None]:
    """Worker: create the profile, then enrol it when a server was given.

    Returns the unlocked store and, when enrolment failed, a message for the user (the
    profile itself is kept: enrolment can be retried from the Sync page).
    """
    state.set_progress(0, 2, "Creating your encrypted profile…")
    store = profile_ops.create_profile(data_dir, name, passphrase, user=user,
                                       vault_options=vault_options)
    if not server:
        return store, None
    state.set_progress(1, 2, "Enrolling with the server…")
    try:
        from outreach.ops import sync as sync_ops

        sync_ops.enroll(store, server_url=server, code=code, passphrase=passphrase,
                        device_name=platform.node()[:100])
    except Exception as exc:  # noqa: BLE001 - reported to the user, profile kept
        return store, f"Your profile was made, but enrolment did not work: {exc}"
    return store, None


def _remove_stale_previews(state: TaskState) -> int:
    """Worker: delete preview folders left by an earlier run that crashed."""
    from outreach.ops.careplan_files import remove_stale_previews

    return remove_stale_previews()


class ProfilesPage(QWidget):
    """The first screen: pick a profile to unlock, or make a new one.

    Signals: ``chosen(name)`` when an existing profile is picked; ``created(name, store,
    note)`` with the unlocked store once a new profile exists (``note`` is a message to
    show, or empty).
    """

    chosen = Signal(str)
    created = Signal(str, object, str)

    def __init__(self, *, data_dir: Path, vault_options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.vault_options = vault_options
        self.op: BackgroundOp | None = None

        title = QLabel(self.tr("<h1>Outreach</h1>"))
        intro = QLabel(self.tr("Each person using this laptop has their own profile, "
                               "protected by their own passphrase."))
        intro.setWordWrap(True)

        self.existing = QGroupBox(self.tr("Open a profile"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Profiles on this laptop"))
        self.list.itemActivated.connect(lambda item: self.chosen.emit(item.text()))
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self._open_selected)
        box = QVBoxLayout(self.existing)
        box.addWidget(self.list)
        box.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignRight)

        self.form_box = QGroupBox(self.tr("Create a profile"))
        form = QFormLayout(self.form_box)
        self.name_edit = self._line(self.tr("Profile name"), "e.g. sam")
        self.user_edit = self._line(self.tr("Your name"), "")
        self.pass_edit = self._line(self.tr("Passphrase"), "", secret=True)
        self.repeat_edit = self._line(self.tr("Passphrase again"), "", secret=True)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.pass_edit.textChanged.connect(self._update_strength)
        form.addRow(self.tr("Profile &name"), self.name_edit)
        form.addRow(self.tr("&Your name"), self.user_edit)
        form.addRow(self.tr("&Passphrase"), self.pass_edit)
        form.addRow(self.tr("Passphrase a&gain"), self.repeat_edit)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.hint)

        self.enrol_box = QGroupBox(self.tr("Enrol with your team's server (optional)"))
        self.enrol_box.setCheckable(True)
        self.enrol_box.setChecked(False)
        enrol = QFormLayout(self.enrol_box)
        self.server_edit = self._line(self.tr("Server address"), "https://outreach.example.org")
        self.code_edit = self._line(self.tr("Enrolment code"), "")
        enrol.addRow(self.tr("Server &address"), self.server_edit)
        enrol.addRow(self.tr("Enrolment co&de"), self.code_edit)
        form.addRow(self.enrol_box)

        self.create_button = QPushButton(self.tr("&Create profile"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_profile)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Creating profile"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self._watching = False
        form.addRow(self.progress)
        form.addRow(self.message)
        form.addRow("", self.create_button)
        for edit in (self.name_edit, self.user_edit, self.pass_edit, self.repeat_edit):
            edit.returnPressed.connect(self.create_profile)

        columns = QHBoxLayout()
        columns.addWidget(self.existing, 1)
        columns.addWidget(self.form_box, 2)
        card = QWidget()
        card.setMinimumWidth(540)   # fits 1024×768 at 150 % (683 px) with the frame
        card.setMaximumWidth(980)
        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addLayout(columns)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._update_strength("")
        self.refresh()
        # the first screen of every start: remove care-plan previews a crash left behind
        self.cleanup_op = run_in_background(_remove_stale_previews, parent=self,
                                            on_error=lambda _: None, label="previews")

    def _line(self, name: str, placeholder: str, *, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def refresh(self) -> None:
        """Re-read the profiles on this laptop."""
        self.list.clear()
        names = profile_ops.profiles(self.data_dir)
        for name in names:
            QListWidgetItem(name, self.list)
        self.existing.setVisible(bool(names))
        if names:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.name_edit.setFocus()

    def _open_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(item.text())

    def _update_strength(self, text: str) -> None:
        score, hint = profile_ops.passphrase_strength(text)
        self.meter.setValue(score)
        self.meter.setFormat(self.tr(STRENGTH_WORDS[score]))
        self.hint.setText(self.tr(hint))

    def create_profile(self) -> None:
        """Check the form, then create (and maybe enrol) in the background."""
        if self.op is not None and self.op.is_running:
            return
        name = self.name_edit.text().strip()
        user = self.user_edit.text().strip()
        passphrase = self.pass_edit.text()
        server = self.server_edit.text().strip() if self.enrol_box.isChecked() else ""
        code = self.code_edit.text().strip()
        problem = None
        if not name:
            problem = self.tr("Please give the profile a name.")
        elif name in profile_ops.profiles(self.data_dir):
            problem = self.tr("There is already a profile with that name.")
        elif not user:
            problem = self.tr("Please enter your name, as your team knows you.")
        elif passphrase != self.repeat_edit.text():
            problem = self.tr("The two passphrases are different.")
        elif (weak := profile_ops.passphrase_problem(passphrase)) is not None:
            problem = weak
        elif self.enrol_box.isChecked() and not (server and code):
            problem = self.tr("To enrol, enter both the server address and the code.")
        if problem:
            self._say(problem)
            return
        self.message.setText("")
        self._busy(True)
        self.op = run_in_background(
            _create_and_enrol, parent=self, data_dir=self.data_dir, name=name,
            passphrase=passphrase, user=user, vault_options=self.vault_options,
            server=server, code=code, on_done=self._created, on_error=self._failed,
            on_progress=lambda d, t, text: self.message.setText(self.tr(text)),
            cancellable=False, label="create_profile")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.form_box.setEnabled(not busy)
        self.existing.setEnabled(not busy)

    def _created(self, result: tuple[Store, str | None]) -> None:
        self._busy(False)
        store, note = result
        name = self.name_edit.text().strip()
        for edit in (self.pass_edit, self.repeat_edit, self.code_edit):
            edit.clear()
        self.message.setText("")
        self.created.emit(name, store, note or "")

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._say(str(exc) or self.tr("The profile could not be created."))

    def _say(self, text: str) -> None:
        """Show a problem under the form and have screen readers read it out; it goes
        when the user edits a field of the form."""
        self.message.setText(text)
        announce(self.message, text)
        if text and not self._watching:
            self._watching = True
            for edit in self.form_box.findChildren(QLineEdit):
                edit.textEdited.connect(self._edited)
            self.enrol_box.toggled.connect(self._edited)

    def _edited(self, *_: object) -> None:
        if self.message.text() and not self.progress.isVisible():
            self.message.setText("")
            announce(self.message, "")
