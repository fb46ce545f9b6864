"""The conflicts inbox: two versions of the same free text, side by side; a person keeps
one, or merges them by editing, and the choice is saved through
:func:`outreach.ops.sync.resolve_conflict`.

Conflicts arrive when two people edited the same free-text field while offline; nothing
was overwritten, both versions wait here. Threading: UI thread; loading and saving run in
the background.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, run_in_background
from outreach.ui.text import fmt_datetime, plural, tr_label


def _field_label(kind: str, field: str) -> str:
    from outreach.core import records as rk

    spec = rk.KINDS.get(kind)
    if spec is not None:
        for f in spec.fields:
            if f.name == field:
                return tr_label(f.label)
        return f"{tr_label(spec.label)}: {field}"
    return field


def _version_heading(version: dict[str, Any]) -> str:
    """"Written by Sam Worker · 21 Nov 2026, 14:05" (the time comes from the clock stamp)."""
    who = version.get("author") or QCoreApplication.translate("ConflictsInbox", "someone")
    text = QCoreApplication.translate("ConflictsInbox", "Written by %1").replace("%1", str(who))
    try:
        millis = int(str(version.get("hlc", "")).split("-", 1)[0])
        when = dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
        text += " · " + fmt_datetime(when.isoformat())
    except (ValueError, OverflowError, OSError):
        pass
    return text


class ConflictsInbox(QWidget):
    """Open conflicts on the left; the chosen one side by side on the right.

    Signals: ``resolved(conflict_id)`` after a choice was saved; ``loaded()`` after the
    list was (re)read.
    """

    resolved = Signal(str)
    loaded = Signal()

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.conflicts: list[dict[str, Any]] = []
        self.op: BackgroundOp | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflicts to resolve"))
        self.list.currentRowChanged.connect(self._show)
        self.summary = QLabel()
        self.left_head = QLabel()
        self.right_head = QLabel()
        self.left = self._version_box(self.tr("First version"))
        self.right = self._version_box(self.tr("Second version"))
        self.merged = QPlainTextEdit()
        self.merged.setAccessibleName(self.tr("Merged text"))
        self.merged.setPlaceholderText(self.tr("Or write a merged version here…"))
        self.keep_left = QPushButton(self.tr("Keep the fi&rst"))
        self.keep_right = QPushButton(self.tr("Keep the seco&nd"))
        self.keep_merged = QPushButton(self.tr("Save &merged text"))
        self.keep_left.clicked.connect(lambda: self._resolve(self.left.toPlainText()))
        self.keep_right.clicked.connect(lambda: self._resolve(self.right.toPlainText()))
        self.keep_merged.clicked.connect(lambda: self._resolve(self.merged.toPlainText()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

        detail = QWidget()
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.summary, 0, 0, 1, 2)
        grid.addWidget(self.left_head, 1, 0)
        grid.addWidget(self.right_head, 1, 1)
        grid.addWidget(self.left, 2, 0)
        grid.addWidget(self.right, 2, 1)
        grid.addWidget(self.keep_left, 3, 0)
        grid.addWidget(self.keep_right, 3, 1)
        grid.addWidget(QLabel(self.tr("Merged version:")), 4, 0, 1, 2)
        grid.addWidget(self.merged, 5, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.keep_merged)
        grid.addLayout(buttons, 6, 0, 1, 2)
        self.detail = detail

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.list)
        self.split.addWidget(detail)
        self.split.setStretchFactor(1, 3)
        self.split.setChildrenCollapsible(False)
        self.none_label = QLabel(self.tr("Nothing to resolve: no two edits have clashed."))
        self.none_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notice = QLabel()      # malformed conflict records, set aside
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("Conflicts that could not be shown"))
        self.notice.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.none_label)
        layout.addWidget(self.split, 1)
        self.detail.setEnabled(False)

    def _version_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(True)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        return box

    def refresh(self) -> None:
        """Re-read the open conflicts in the background."""
        from outreach.ops import sync_view as sync_ops

        if self.op is not None and self.op.is_running:
            return
        self.op = run_in_background(lambda state: sync_ops.conflicts_inbox(self.store),
                                    parent=self, on_done=self._loaded,
                                    on_error=self._error, label="conflicts")

    def _loaded(self, inbox: tuple[list[dict[str, Any]], list[str]]) -> None:
        conflicts, problems = inbox
        self.notice.setVisible(bool(problems))
        if problems:
            self.notice.setText(
                plural(len(problems), "{n} conflict record could not be shown",
                       "{n} conflict records could not be shown")
                + self.tr(": %1. Nothing was changed; please tell your admin.")
                .replace("%1", problems[0]))
        self.conflicts = list(conflicts)
        self.list.clear()
        for conflict in self.conflicts:
            who = conflict.get("person_name") or ""
            what = _field_label(conflict.get("record_kind", ""), conflict.get("field", ""))
            item = QListWidgetItem(f"{who} — {what}" if who else what)
            item.setData(Qt.ItemDataRole.UserRole, conflict["id"])
            self.list.addItem(item)
        self.split.setVisible(bool(self.conflicts))
        self.none_label.setVisible(not self.conflicts)
        if self.conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)
        self.loaded.emit()

    def _show(self, row: int) -> None:
        if row < 0 or row >= len(self.conflicts):
            self.detail.setEnabled(False)
            for box in (self.left, self.right, self.merged):
                box.clear()
            self.left_head.clear()
            self.right_head.clear()
            self.summary.setText(self.tr("Nothing to resolve: no two edits clashed."))
            return
        conflict = self.conflicts[row]
        versions = list(conflict.get("versions") or [])[:2]
        while len(versions) < 2:
            versions.append({"value": ""})
        self.summary.setText(self.tr(
            "Two people changed this text while apart. Keep one, or write a merged "
            "version. Nothing has been lost."))
        self.left_head.setText(_version_heading(versions[0]))
        self.right_head.setText(_version_heading(versions[1]))
        self.left.setPlainText(str(versions[0].get("value") or ""))
        self.right.setPlainText(str(versions[1].get("value") or ""))
        self.merged.setPlainText(str(versions[0].get("value") or "") + "\n\n"
                                 + str(versions[1].get("value") or ""))
        self.detail.setEnabled(True)
        self.message.clear()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _resolve(self, text: str) -> None:
        from outreach.ops import sync_view as sync_ops

        conflict_id = self.current_id()
        if conflict_id is None or (self.op is not None and self.op.is_running):
            return
        self.detail.setEnabled(False)
        self.op = run_in_background(
            lambda state: sync_ops.resolve_conflict(self.store, conflict_id=conflict_id,
                                                    text=text),
            parent=self, on_done=lambda _c: self._resolved(conflict_id), on_error=self._error,
            label="resolve_conflict")

    def _resolved(self, conflict_id: str) -> None:
        self.resolved.emit(conflict_id)
        self.op = None
        self.refresh()

    def _error(self, exc: BaseException) -> None:
        self.detail.setEnabled(bool(self.conflicts))
        self.message.setText(str(exc) or self.tr("That did not work. Please try again."))

    def count_text(self) -> str:
        return plural(len(self.conflicts), "{n} conflict to resolve", "{n} conflicts to resolve")
