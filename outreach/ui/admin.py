"""Admin at base: the team's enrolled laptops (last sync, changes waiting, changes the
server refused and the laptop keeps for its user to fix), revoking a lost
laptop, and issuing a one-time enrolment code shown as text and as a QR code.

Everything goes through the server's admin API (:mod:`outreach.ops.sync` admin ops); the
page is only built for a user whose enrolment carries the admin role, and the server
checks the role again on every call.

The QR code is drawn black on white whatever the palette: scanners need that contrast.
Threading: UI thread; every call runs through :func:`run_in_background`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import qrcode
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import sync as sync_ops
from outreach.ops import sync_view
from outreach.ops import team as team_ops
from outreach.store.records import Store
from outreach.ui.a11y import announce
from outreach.ui.background import BackgroundOp, run_in_background
from outreach.ui.text import fmt_datetime

COLUMNS = ("Person", "Laptop", "Enrolled", "Last sync", "Changes waiting", "State",
           "Refused changes")


def enrol_payload(server_url: str, code: str) -> str:
    """What the QR code holds: the server address and the one-time code."""
    return "outreach://enrol?" + urlencode({"server": server_url, "code": code})


def qr_image(text: str, *, scale: int = 6, border: int = 4) -> QImage:
    """A QR code for ``text`` as a black-on-white image, ``scale`` pixels per module."""
    code = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    image = QImage(size, size, QImage.Format.Format_RGB32)
    black, white = QColor(0, 0, 0).rgb(), QColor(255, 255, 255).rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            image.setPixel(x, y, black if dark else white)
    return image.scaled(size * scale, size * scale, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.FastTransformation)


class AdminPage(QWidget):
    """See the module docstring. Signals: ``devices_loaded()``, ``revoked(device_id)``,
    ``code_issued(code)``."""

    devices_loaded = Signal()
    revoked = Signal(str)
    code_issued = Signal(str)
    role_set = Signal(str)

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.devices: list[Any] = []
        self.op: BackgroundOp | None = None
        self.code_op: BackgroundOp | None = None
        self.role_op: BackgroundOp | None = None
        self._pending_revoke: Any = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("Enrolled laptops"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.revoke_button = QPushButton(self.tr("Re&voke laptop…"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.confirm = QLabel()
        self.confirm.setWordWrap(True)
        self.confirm_yes = QPushButton(self.tr("&Yes, revoke it"))
        self.confirm_no = QPushButton(self.tr("&Keep it"))
        self.confirm_yes.clicked.connect(self.revoke_selected)
        self.confirm_no.clicked.connect(lambda: self._show_confirm(False))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

        devices = QGroupBox(self.tr("The team's laptops"))
        box = QVBoxLayout(devices)
        box.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revoke_button)
        box.addLayout(buttons)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.confirm, 1)
        confirm_row.addWidget(self.confirm_no)
        confirm_row.addWidget(self.confirm_yes)
        box.addLayout(confirm_row)
        box.addWidget(self.message)
        self._show_confirm(False)

        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("User name for the new laptop"))
        self.user_edit.setPlaceholderText(self.tr("e.g. priya.nair"))
        self.user_edit.returnPressed.connect(self.issue_code)
        self.user_edit.textEdited.connect(self._user_edited)
        self.issue_button = QPushButton(self.tr("&Issue enrolment code"))
        self.issue_button.clicked.connect(self.issue_code)
        self.code_label = QLabel()
        self.code_label.setAccessibleName(self.tr("Enrolment code"))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        self.code_label.setFont(font)
        self.expiry_label = QLabel()
        self.qr_label = QLabel()
        self.qr_label.setAccessibleName(self.tr("Enrolment QR code"))
        self.qr_label.setMinimumSize(180, 180)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        enrol = QGroupBox(self.tr("Enrol a laptop"))
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.user_edit)
        form.addRow("", self.issue_button)
        form.addRow(self.tr("Code"), self.code_label)
        form.addRow("", self.expiry_label)
        enrol_layout = QHBoxLayout(enrol)
        enrol_layout.addLayout(form, 1)
        enrol_layout.addWidget(self.qr_label)

        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(self.tr("<h2>Admin</h2>")))
        outer.addWidget(devices, 1)
        outer.addWidget(enrol)
        outer.addWidget(self._roles_box())
        self.setFocusProxy(self.table)
        self.refresh()

    # -- devices -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.op is not None and self.op.is_running:
            return
        self.message.setText(self.tr("Asking the server…"))
        self.op = run_in_background(lambda state: sync_ops.admin_devices(self.store),
                                    parent=self, on_done=self._show_devices,
                                    on_error=self._error, label="admin_devices")

    def _show_devices(self, devices: list[Any]) -> None:
        self.devices = list(devices)
        self.table.setRowCount(len(self.devices))
        for row, d in enumerate(self.devices):
            state = self.tr("Revoked") if d.revoked else self.tr("Active")
            pending = "" if d.pending_changes is None else f"{d.pending_changes:,}"
            # refused by the server, kept on the laptop for its user to fix or discard
            refused = "" if d.quarantined_changes is None else f"{d.quarantined_changes:,}"
            cells = (d.user, d.name or d.device_id[:8], fmt_datetime(d.enrolled_at),
                     fmt_datetime(d.last_sync_at) if d.last_sync_at else self.tr("Never"),
                     pending, state, refused)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.device_id)
                self.table.setItem(row, col, item)
        if self.devices:
            self.table.selectRow(0)
        self.message.setText("")
        self.devices_loaded.emit()

    def selected_device(self) -> Any:
        row = self.table.currentRow()
        return self.devices[row] if 0 <= row < len(self.devices) else None

    def select_device(self, device_id: str) -> None:
        for row, d in enumerate(self.devices):
            if d.device_id == device_id:
                self.table.selectRow(row)

    def ask_revoke(self) -> None:
        """Ask to confirm, inline (no modal dialog): revoking erases that laptop's data."""
        device = self.selected_device()
        if device is None or device.revoked:
            self._say(self.tr("Choose an active laptop first."))
            return
        if device.device_id == self.store.device_id:
            self._say(self.tr("This is the laptop you are using; revoke it from "
                                         "another one."))
            return
        self._pending_revoke = device
        self.confirm.setText(self.tr(
            "Revoke %1's laptop? At its next contact it erases its Outreach data; anything "
            "it has not synced is lost.").replace("%1", device.user))
        self._show_confirm(True)
        self.confirm_no.setFocus()

    def _show_confirm(self, show: bool) -> None:
        for w in (self.confirm, self.confirm_yes, self.confirm_no):
            w.setVisible(show)
        if not show:
            self._pending_revoke = None

    def revoke_selected(self) -> None:
        device = self._pending_revoke
        self._show_confirm(False)
        if device is None:
            return
        device_id = device.device_id
        self.message.setText(self.tr("Revoking…"))
        run_in_background(lambda state: sync_ops.admin_revoke(self.store, device_id),
                          parent=self, on_done=lambda _r: self._revoked(device_id),
                          on_error=self._error, label="admin_revoke")

    def _revoked(self, device_id: str) -> None:
        self.revoked.emit(device_id)
        self.op = None
        self.refresh()

    # -- roles ---------------------------------------------------------------------------
    def _roles_box(self) -> QGroupBox:
        """Give a user of the team a role (built in or the team's own, added on the server
        with ``outreach-server admin add-role``)."""
        self.role_user = QComboBox()
        self.role_user.setEditable(True)
        self.role_user.setAccessibleName(self.tr("User to give a role"))
        self.role_choice = QComboBox()
        self.role_choice.setAccessibleName(self.tr("Role"))
        self.set_role_button = QPushButton(self.tr("Set ro&le"))
        self.set_role_button.clicked.connect(self.set_role)
        self.roles_label = QLabel()
        self.roles_label.setWordWrap(True)
        self.roles_label.setAccessibleName(self.tr("The team's roles"))
        box = QGroupBox(self.tr("Roles in the team"))
        form = QFormLayout(box)
        form.addRow(self.tr("U&ser"), self.role_user)
        form.addRow(self.tr("R&ole"), self.role_choice)
        form.addRow("", self.set_role_button)
        form.addRow(self.roles_label)
        self._show_roles()
        return box

    def _show_roles(self) -> None:
        typed = self.role_user.currentText()
        self.role_user.clear()
        members = team_ops.members(self.store)
        for m in members:
            self.role_user.addItem(m.user, m.user)
        self.role_user.setEditText(typed)
        code = self.role_choice.currentData()
        self.role_choice.clear()
        for c, label in team_ops.role_choices(self.store):
            self.role_choice.addItem(self.tr(label), c)
        if code is not None:
            self.role_choice.setCurrentIndex(max(0, self.role_choice.findData(code)))
        self.roles_label.setText("; ".join(f"{m.user}: {m.role_label}" for m in members))

    def set_role(self) -> None:
        username = self.role_user.currentText().strip()
        role = self.role_choice.currentData()
        if not username:
            self._say(self.tr("Choose or type the user to give a role."))
            self.role_user.setFocus()
            return
        if self.role_op is not None and self.role_op.is_running:
            return
        self.set_role_button.setEnabled(False)
        self.role_op = run_in_background(
            lambda state: team_ops.admin_set_role(self.store, username=username, role=role),
            parent=self, on_done=lambda _: self._role_done(username),
            on_error=self._role_error, label="admin_set_role")

    def _role_done(self, username: str) -> None:
        self.set_role_button.setEnabled(True)
        self._show_roles()
        self._say(self.tr("%1 is now %2. Their laptop learns it at its next sync.")
                  .replace("%1", username).replace("%2", self.role_choice.currentText()))
        self.role_set.emit(username)

    def _role_error(self, exc: BaseException) -> None:
        self.set_role_button.setEnabled(True)
        self._error(exc)

    # -- enrolment codes -----------------------------------------------------------------
    def issue_code(self) -> None:
        username = self.user_edit.text().strip()
        if not username:
            self._say(self.tr("Enter the user name the laptop is for."))
            self.user_edit.setFocus()
            return
        if self.code_op is not None and self.code_op.is_running:
            return
        self.issue_button.setEnabled(False)
        self.code_op = run_in_background(
            lambda state: (*sync_ops.admin_enroll_code(self.store, username),
                           sync_view.sync_status(self.store).server_url), parent=self,
            on_done=self._show_code, on_error=self._code_error, label="admin_enroll_code")

    def _show_code(self, result: tuple[str, str, str]) -> None:
        code, expires_at, server = result
        self.issue_button.setEnabled(True)
        self.code_label.setText(code)
        self.expiry_label.setText(self.tr("Use it once, before %1.")
                                  .replace("%1", fmt_datetime(expires_at)))
        self.qr_image = qr_image(enrol_payload(server, code))
        self.qr_label.setPixmap(QPixmap.fromImage(self.qr_image))
        self.code_issued.emit(code)

    def _code_error(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        self._error(exc)

    def _error(self, exc: BaseException) -> None:
        self._say(str(exc) or self.tr("The server did not answer. Please try again."))

    def _user_edited(self, _text: str) -> None:
        """The user name is being typed: the problem about it goes."""
        if self.message.text() == self.tr("Enter the user name the laptop is for."):
            self._say("")

    def _say(self, text: str) -> None:
        """Show a problem and have screen readers read it out."""
        self.message.setText(text)
        announce(self.message, text)
