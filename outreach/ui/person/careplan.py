"""The care plan section: one living document, in the person's own words.

Every section of the ``care_plan`` record kind is shown, in the order it is declared:
free-text sections as text boxes, "Basic needs first" as check boxes. Only the sections
that were changed are sent to ``ops.careplan.update_care_plan`` (so a concurrent edit of
another section on another laptop is never overwritten). The Save button is enabled only
while there are unsaved changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import careplan
from outreach.ui.person.widgets import (
    Section,
    check_list,
    checked_codes,
    scrolling,
    set_checked_codes,
    text_box,
    tr_label,
)

PLACEHOLDERS = {
    "what_matters": "What matters most to them, in their words",
    "story": "Their story so far, as they tell it",
    "needs": "What they need, in their words",
    "strengths": "What they are good at, what keeps them going",
    "goals": "What they would like to work towards",
    "people_and_resources": "People, places and services that help",
    "if_things_get_hard": "What helps, who to call, what not to do",
}


class CarePlanSection(Section):
    """Edit the care plan; ``changed`` after a successful save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Care plan"))
        self._loading = False
        inner = QWidget(self)
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.texts: dict[str, QPlainTextEdit] = {}
        self.needs: dict[str, QCheckBox] = {}
        for f in rk.CARE_PLAN.fields:
            label = QLabel(tr_label(f.label), inner)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            if f.type is rk.FieldType.MULTI:
                holder, self.needs = check_list(f.choices, name=tr_label(f.label),
                                                parent=inner, columns=3)
                for check in self.needs.values():
                    check.toggled.connect(self._edited)
                form.addRow(label, holder)
            else:
                box = text_box(name=tr_label(f.label), lines=3, parent=inner,
                               placeholder=self.tr(PLACEHOLDERS.get(f.name, "")))
                box.textChanged.connect(self._edited)
                label.setBuddy(box)
                self.texts[f.name] = box
                form.addRow(label, box)

        self.save_button = QPushButton(self.tr("S&ave care plan"), self)
        self.save_button.setAccessibleName(self.tr("Save care plan"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Undo changes"), self)
        self.revert_button.setAccessibleName(self.tr("Undo unsaved changes"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(lambda: self.show_file(self.file))
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addLayout(buttons)

    # -- showing ----------------------------------------------------------------------------
    def show_file(self, pf: Any) -> None:
        self.file = pf
        plan = (pf.care_plan if pf is not None else None) or {}
        self._loading = True
        try:
            for name, box in self.texts.items():
                box.setPlainText(plan.get(name) or "")
            set_checked_codes(self.needs, plan.get("basic_needs") or [])
        finally:
            self._loading = False
        self._set_dirty(False)

    def _edited(self, *_: Any) -> None:
        if not self._loading:
            self._set_dirty(bool(self.pending_changes()))

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.message.show_info(self.tr("Unsaved changes"))
        elif self.message.text() == self.tr("Unsaved changes"):
            self.message.clear_message()

    # -- saving -----------------------------------------------------------------------------
    def pending_changes(self) -> dict[str, Any]:
        """The sections that differ from the saved plan (``None`` clears a section)."""
        plan = (self.file.care_plan if self.file is not None else None) or {}
        out: dict[str, Any] = {}
        for name, box in self.texts.items():
            text = box.toPlainText().strip()
            if text != (plan.get(name) or "").strip():
                out[name] = text or None
        needs = checked_codes(self.needs)
        if set(needs) != set(plan.get("basic_needs") or []):
            out["basic_needs"] = needs or None
        return out

    def save(self) -> None:
        """Send the changed sections to the care plan op."""
        if self.file is None:
            return
        changes = self.pending_changes()
        if not changes:
            return
        if self.run_op(lambda store: careplan.update_care_plan(
                store, person_id=self.person_id, changes=changes)) is not None:
            self.message.show_info(self.tr("Care plan saved."))

    def has_unsaved_changes(self) -> bool:
        return bool(self.pending_changes())
