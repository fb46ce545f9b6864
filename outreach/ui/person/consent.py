"""Consent on the person's file: what they agreed to now, what that means for exports and
referrals, a change recorded in their words, and the history (who, when, what).

The answers were first given at the welcome; a change goes through
``ops.consent.set_consent`` (the person's field and a ``consent_change`` record, in one
transaction) and the whole file reloads. The header of the file shows the sharing answer
too (:func:`share_summary`), so nobody has to open this tab to know it.

Threading: UI thread only (small local reads and writes through ops).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core.rules import may_share
from outreach.ops import consent as consent_ops
from outreach.ui.person.widgets import (
    Section,
    action_button,
    line_edit,
    nice_date,
    record_list,
    scrolling,
    tr_label,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsentSection", text)


def answer_text(agreed: bool | None) -> str:
    if agreed is None:
        return _tr("Not recorded")
    return _tr("Agreed") if agreed else _tr("Not agreed")


def share_summary(person: Mapping[str, Any]) -> str:
    """The sharing answer in a few words, for the header of the file."""
    if may_share(person):
        return _tr("Agreed to share with partner services")
    return _tr("Not agreed to share: exports and referrals that name them are held back")


MEANING = ("Without agreement to share, a care plan PDF is only for them to keep, a FHIR "
           "export leaves them out, the caseload CSV leaves out their name, and a service "
           "can be suggested but their details are not passed on (no referral).")


class ConsentSection(Section):
    """Consent to keep a record and to share: now, a change, and the history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Consent"))
        inner = QWidget(self)

        now = QGroupBox(self.tr("What they agree to now"), inner)
        self.share_label = QLabel(now)
        self.share_label.setAccessibleName(self.tr("Sharing with partner services"))
        self.record_label = QLabel(now)
        self.record_label.setAccessibleName(self.tr("Keeping a record"))
        self.meaning = QLabel(self.tr(MEANING), now)
        self.meaning.setWordWrap(True)
        nl = QFormLayout(now)
        nl.addRow(self.tr("Sharing with partner services:"), self.share_label)
        nl.addRow(self.tr("Keeping a record:"), self.record_label)
        nl.addRow(self.meaning)

        change = QGroupBox(self.tr("Record a change, as they tell you"), inner)
        self.share_box = QCheckBox(self.tr("They &agree to their record being shared with "
                                           "partner services"), change)
        self.share_box.setAccessibleName(self.tr("Agrees to sharing with partner services"))
        self.record_box = QCheckBox(self.tr("They agree to us keeping a recor&d"), change)
        self.record_box.setAccessibleName(self.tr("Agrees to us keeping a record"))
        self.note = line_edit(name=self.tr("How they told us"),
                              placeholder=self.tr("For example: said so at our walk today"),
                              parent=change)
        self.save_button = action_button(self.tr("Save &new answers"),
                                         name=self.tr("Save the new consent answers"),
                                         on_click=self.save, parent=change)
        cl = QFormLayout(change)
        cl.addRow(self.share_box)
        cl.addRow(self.record_box)
        note_label = QLabel(self.tr("How they &told us"), change)
        note_label.setBuddy(self.note)
        cl.addRow(note_label, self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        cl.addRow(row)

        past = QGroupBox(self.tr("History"), inner)
        self.history = record_list([self.tr("When"), self.tr("About"), self.tr("Answer"),
                                    self.tr("Before"), self.tr("Recorded by"),
                                    self.tr("How they told us")],
                                   name=self.tr("Consent history"), wrap=True, parent=past)
        QVBoxLayout(past).addWidget(self.history)

        il = QVBoxLayout(inner)
        il.addWidget(now)
        il.addWidget(change)
        il.addWidget(past, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addWidget(self.message)

    def show_file(self, pf: Any) -> None:
        self.file = pf
        self.history.clear()
        enabled = pf is not None
        for w in (self.share_box, self.record_box, self.note, self.save_button):
            w.setEnabled(enabled)
        if pf is None:
            self.share_label.clear()
            self.record_label.clear()
            return
        person = pf.person
        self.share_label.setText(answer_text(person.get("consent_share")))
        self.record_label.setText(answer_text(person.get("consent_record")))
        self.share_box.setChecked(person.get("consent_share") is True)
        self.record_box.setChecked(person.get("consent_record") is True)
        for event in reversed(consent_ops.history(person, pf.consent_changes)):
            item = QTreeWidgetItem([
                nice_date(event.on) if event.on else "",
                tr_label(consent_ops.topic_label(event.topic)),
                answer_text(event.agreed),
                self.tr("(first recorded)") if event.at_welcome
                else answer_text(event.previous),
                event.by, event.note])
            self.history.addTopLevelItem(item)

    def forget_typing(self) -> None:
        self.note.clear()

    def save(self) -> bool:
        """Record the ticked answers that differ from the current ones; True if saved."""
        if self.file is None:
            return False
        person = self.file.person
        wanted = {"share": self.share_box.isChecked(), "record": self.record_box.isChecked()}
        changed = {t: v for t, v in wanted.items()
                   if person.get(consent_ops.FIELD_OF[t]) is not v}
        if not changed:
            self.message.show_info(self.tr("Nothing to change: these are the answers "
                                           "already recorded."))
            return False
        if self.run_op(consent_ops.set_consents, person_id=self.person_id,
                       answers=changed, note=self.note.text()) is None:
            return False
        self.note.clear()
        text = self.tr("Saved.")
        if changed.get("record") is False:
            text += " " + self.tr("They no longer agree to us keeping a record: ask your "
                                  "admin to erase it from every laptop and the server.")
        self.message.show_info(text)
        return True
