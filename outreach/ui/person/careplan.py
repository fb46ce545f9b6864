"""The care plan section: one living document, in the person's own words.

Every section of the ``care_plan`` record kind is shown, in the order it is declared:
free-text sections as text boxes, "Basic needs first" as check boxes. Only the sections
that were changed are sent to ``ops.careplan.update_care_plan`` (so a concurrent edit of
another section on another laptop is never overwritten). The Save button is enabled only
while there are unsaved changes.

Drafts: unsaved changes autosave (within a second, :mod:`outreach.ui.drafts`) into the
encrypted store as a ``care_plan`` draft bound to the person they were typed for, and
every lock writes them first. When that person's plan is shown again (after unlocking, a
restart or a crash) the draft is put back into the editor and marked "Unsaved changes
restored from a draft": it is never saved as the care plan without the Save button.
Discard throws it away (after asking). Saving the plan discards the draft in the same
transaction.

Threading: UI thread only; each draft write is one small local transaction.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import careplan
from outreach.ops import drafts as draft_ops
from outreach.ui.drafts import DraftKeeper
from outreach.ui.person.widgets import (
    Section,
    check_list,
    checked_codes,
    scrolling,
    set_checked_codes,
    text_box,
    tr_label,
)

log = logging.getLogger(__name__)
DRAFT_KIND = "care_plan"

PLACEHOLDERS = {
    "what_matters": "What matters most to them, in their words",
    "story": "Their story so far, as they tell it",
    "needs": "What they need, in their words",
    "strengths": "What they are good at, what keeps them going",
    "goals": "What they would like to work towards",
    "people_and_resources": "People, places and services that help",
    "if_things_get_hard": "What helps, who to call, what not to do",
}


def _norm(value: Any) -> Any:
    """A section's value for comparison: text stripped, choices as a set, blank as None."""
    if isinstance(value, list):
        return frozenset(value) or None
    if isinstance(value, str):
        return value.strip() or None
    return value or None


class CarePlanSection(Section):
    """Edit the care plan; ``changed`` after a successful save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Care plan"))
        self._loading = False
        self.draft_restored = False     # the editor holds a draft from an earlier session
        self._stale: list[str] = []     # sections changed since that draft was made
        self.drafts = DraftKeeper(kind=DRAFT_KIND, collect=self._draft_data, parent=self)
        self.drafts.failed.connect(self.message.show_error)
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
        self.revert_button = QPushButton(self.tr("&Discard changes"), self)
        self.revert_button.setAccessibleName(self.tr("Discard unsaved changes"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self.ask_discard)
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
    def set_store(self, store: Any) -> None:
        if store is not self.store:
            self.drafts.save_now()          # words typed against the old store stay there
        super().set_store(store)

    def show_file(self, pf: Any) -> None:
        """Show ``pf``'s care plan (``None`` clears), with that person's draft if any.

        Unsaved words typed for the person shown before are written to their draft first,
        so they stay bound to that person.
        """
        self.drafts.save_now()
        self.file = pf
        plan = (pf.care_plan if pf is not None else None) or {}
        draft = None
        self._loading = True
        try:
            for name, box in self.texts.items():
                box.setPlainText(plan.get(name) or "")
            set_checked_codes(self.needs, plan.get("basic_needs") or [])
            draft = self._bind_draft()
            if draft is not None:
                self._load_draft(draft.get("data") or {})
        finally:
            self._loading = False
        self.draft_restored = draft is not None and not self.drafts.written_here \
            and bool(self.pending_changes())
        self._set_dirty(bool(pf is not None and self.pending_changes()))

    def _bind_draft(self) -> dict[str, Any] | None:
        """Bind the keeper to the shown person; their newest care plan draft, if any."""
        if self.drafts.store is not self.store or \
                self.drafts.person_id != (self.person_id or None):
            self.drafts.bind(self.store, person_id=self.person_id or None)
        if self.file is None or self.store is None:
            return None
        try:
            draft = draft_ops.latest_draft(self.store, kind=DRAFT_KIND,
                                           person_id=self.person_id)
        except Exception as exc:  # noqa: BLE001 - a broken draft must not hide the plan
            log.warning("could not read a care plan draft: %s", type(exc).__name__)
            return None
        if draft is not None:
            self.drafts.resume(draft["id"])
        return draft

    def _load_draft(self, data: dict[str, Any]) -> None:
        """Put a draft's sections back; note those changed meanwhile (for example by a
        colleague's edit arriving with a sync) so the person checks them before saving."""
        plan = (self.file.care_plan if self.file is not None else None) or {}
        base = data.get("base") or {}
        self._stale = [tr_label(rk.CARE_PLAN.field(name).label) for name in base
                       if name in rk.CARE_PLAN.by_name
                       and _norm(base[name]) != _norm(plan.get(name))]
        for name, text in (data.get("texts") or {}).items():
            if name in self.texts:
                self.texts[name].setPlainText(text or "")
        if "basic_needs" in data:
            set_checked_codes(self.needs, data.get("basic_needs") or [])

    def _draft_data(self) -> dict[str, Any] | None:
        """The changed sections for a draft, each with the saved value it was typed over
        (``base``); ``None`` when nothing differs from the saved plan. Only changed
        sections are kept, so restoring a draft never brings back an old copy of a
        section someone else has changed since."""
        changes = self.pending_changes()
        if self.file is None or not changes:
            return None
        plan = self.file.care_plan or {}
        data: dict[str, Any] = {
            "texts": {name: self.texts[name].toPlainText() for name in changes
                      if name in self.texts},
            "base": {name: plan.get(name) for name in changes}}
        if "basic_needs" in changes:
            data["basic_needs"] = checked_codes(self.needs)
        return data

    def _edited(self, *_: Any) -> None:
        if not self._loading:
            self._set_dirty(bool(self.pending_changes()))
            self.drafts.changed()

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        restored = self.tr("Unsaved changes restored from a draft — Save or Discard.")
        if self.draft_restored and self._stale:
            restored += " " + self.tr("Changed by someone else since the draft was made, "
                                      "check before saving: %1.").replace(
                "%1", ", ".join(self._stale))
        if dirty:
            self.message.show_info(restored if self.draft_restored
                                   else self.tr("Unsaved changes"))
        elif self.message.text() == self.tr("Unsaved changes") or \
                self.message.text().startswith(self.tr("Unsaved changes restored")):
            self.message.clear_message()
        if not dirty:
            self.draft_restored = False
            self._stale = []

    def ask_discard(self) -> None:
        """Throw the unsaved changes (and their draft) away, after asking."""
        answer = QMessageBox.question(
            self, self.tr("Discard changes"),
            self.tr("Throw away the changes to the care plan that have not been saved? "
                    "This cannot be undone."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()

    def discard_changes(self) -> None:
        """Show the saved plan again and delete the draft."""
        self.drafts.discard()
        self.draft_restored = False
        self.show_file(self.file)

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
        draft_id = self.drafts.draft_id
        self.drafts.stop()          # the op discards the draft with the save

        def update(store: Any) -> Any:
            return careplan.update_care_plan(store, person_id=self.person_id,
                                             changes=changes, draft_id=draft_id)

        if self.run_op(update) is not None:
            self.draft_restored = False
            self.message.show_info(self.tr("Care plan saved."))
        else:
            self.drafts.changed()   # not saved: keep the words in the draft

    def has_unsaved_changes(self) -> bool:
        return bool(self.pending_changes())
