"""Changes the server refused (issue 13 item 12), on the Sync page: each with what it
was about and the server's reason, and two ways out: **Edit and resend** (correct the
values the server named, then they go with the next sync) and **Discard** (asks first;
the record goes back to the server's version at the next sync).

Everything else keeps syncing meanwhile: a refused change never blocks the others.
Threading: UI thread; loading and saving run through :func:`run_in_background`.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import quarantine as quarantine_ops
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, run_in_background
from outreach.ui.text import tr_label


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _from_text(text: str, original: Any) -> Any:
    """The typed text back as a value of the original's type (JSON for lists, numbers)."""
    if isinstance(original, str) or original is None:
        return text.strip() or None
    return json.loads(text) if text.strip() else None


class RefusedChanges(QWidget):
    """See the module docstring. Signals: ``loaded()`` after the list was read,
    ``changed()`` after a change was resent or discarded."""

    loaded = Signal()
    changed = Signal()

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[quarantine_ops.RefusedChange] = []
        self.op: BackgroundOp | None = None
        self.edits: dict[str, QLineEdit] = {}

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Changes the server refused"))
        self.list.currentRowChanged.connect(lambda _row: self._close_panels())
        self.resend_button = QPushButton(self.tr("Edi&t and resend…"))
        self.resend_button.clicked.connect(self.start_edit)
        self.discard_button = QPushButton(self.tr("&Discard…"))
        self.discard_button.clicked.connect(self.ask_discard)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

        self.confirm = QLabel()
        self.confirm.setWordWrap(True)
        self.confirm_yes = QPushButton(self.tr("Yes, discard it"))
        self.confirm_no = QPushButton(self.tr("Keep it"))
        self.confirm_yes.clicked.connect(self.discard_selected)
        self.confirm_no.clicked.connect(self._close_panels)
        self.confirm_row = QWidget()
        row = QHBoxLayout(self.confirm_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.confirm, 1)
        row.addWidget(self.confirm_no)
        row.addWidget(self.confirm_yes)

        self.editor = QWidget()
        self.form = QFormLayout(self.editor)
        self.send_button = QPushButton(self.tr("Save and send again"))
        self.send_button.clicked.connect(self.resend_selected)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._close_panels)

        buttons = QHBoxLayout()
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.list, 1)
        outer.addLayout(buttons)
        outer.addWidget(self.confirm_row)
        outer.addWidget(self.editor)
        outer.addWidget(self.message)
        self._close_panels()

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.op is not None and self.op.is_running:
            return
        store = self.store
        self.op = run_in_background(lambda state: quarantine_ops.refused_changes(store),
                                    parent=self, on_done=self._show, on_error=self._error,
                                    label="refused_changes")

    def _show(self, items: list[quarantine_ops.RefusedChange]) -> None:
        self.items = list(items)
        self.list.clear()
        for item in self.items:
            self.list.addItem(self.tr("%1 — the server said: %2")
                              .replace("%1", item.what).replace("%2", item.reason))
        if self.items:
            self.list.setCurrentRow(0)
        self._close_panels()
        self.loaded.emit()

    def _error(self, exc: BaseException) -> None:
        self.message.setText(str(exc) or self.tr("That did not work; please try again."))

    def selected(self) -> quarantine_ops.RefusedChange | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _close_panels(self) -> None:
        self.confirm_row.setVisible(False)
        self.editor.setVisible(False)
        has = self.selected() is not None
        self.resend_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    # -- discard --------------------------------------------------------------------------
    def ask_discard(self) -> None:
        item = self.selected()
        if item is None:
            return
        self._close_panels()
        self.confirm.setText(self.tr("Discard this change to %1? It will not be sent, and "
                                     "the record goes back to the server's version at the "
                                     "next sync.").replace("%1", item.what))
        self.confirm_row.setVisible(True)
        self.confirm_no.setFocus()

    def discard_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        store, cid = self.store, item.change_id
        self._close_panels()
        self.op = run_in_background(lambda state: quarantine_ops.discard(store, cid),
                                    parent=self, on_done=self._done, on_error=self._error,
                                    label="discard_refused")

    # -- edit and resend ------------------------------------------------------------------
    def start_edit(self) -> None:
        item = self.selected()
        if item is None:
            return
        self._close_panels()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        labels = {name: tr_label(label) for name, label in item.labels.items()}
        for name in item.to_fix or list(item.fields):
            edit = QLineEdit(_as_text(item.fields.get(name)))
            edit.setAccessibleName(labels.get(name, name))
            self.edits[name] = edit
            self.form.addRow(labels.get(name, name), edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.send_button)
        self.form.addRow(row)
        self.editor.setVisible(True)
        if self.edits:
            next(iter(self.edits.values())).setFocus()

    def resend_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            fixes = {name: _from_text(edit.text(), item.fields.get(name))
                     for name, edit in self.edits.items()}
        except ValueError:
            self.message.setText(self.tr("One of the values is not in a form Outreach "
                                         "understands; please check it."))
            return
        fixes = {k: v for k, v in fixes.items() if v != item.fields.get(k)}
        store, cid = self.store, item.change_id
        self.op = run_in_background(lambda state: quarantine_ops.resend(store, cid, fixes),
                                    parent=self, on_done=self._done, on_error=self._error,
                                    label="resend_refused")

    def _done(self, _result: Any) -> None:
        self.message.setText("")
        self.changed.emit()
        self.refresh()


__all__ = ["RefusedChanges"]
