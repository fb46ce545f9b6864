"""The welcome conversation, for peer mentors: a calm, step-by-step wizard.

The steps follow the conversation as it happens beside the person: consent first, then
how they'd like to be called, what matters to them, how to stay in touch, first goals,
who they'd like to be matched with, and the notes and where you met. Finishing calls
``ops.conversations.welcome`` once (all or nothing) and emits ``welcomed(person_id)``.

Threading: the welcome op is a handful of small local writes and runs on the UI thread
when Finish is pressed; nothing else here touches the store.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from outreach.core import records as rk
from outreach.core.validation import ValidationError, contact_errors
from outreach.ops import conversations as conv_ops
from outreach.store.records import Store
from outreach.ui.fit import fit_wizard
from outreach.ui.person.widgets import (
    MessageLine,
    check_list,
    checked_codes,
    choice_combo,
    error_text,
    scrolling,
    text_box,
)

log = logging.getLogger(__name__)

GOAL_ROWS = 3
PRONOUN_SUGGESTIONS = ("", "she/her", "he/him", "they/them")


def _label(text: str, buddy: QWidget) -> QLabel:
    lab = QLabel(text)
    lab.setBuddy(buddy)
    lab.setWordWrap(True)
    return lab


class _TextRequiredPage(QWizardPage):
    """A page that is complete only when its required text boxes hold some words."""

    def __init__(self) -> None:
        super().__init__()
        self.required: list[Any] = []
        self.check: Any = None          # a callable: False keeps the wizard on this page

    def require(self, box: Any) -> None:
        self.required.append(box)
        box.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        def text(box: Any) -> str:
            return box.toPlainText() if hasattr(box, "toPlainText") else box.text()
        return all(text(b).strip() for b in self.required) and super().isComplete()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.check()) if self.check is not None else super().validatePage()


def _page(title: str, subtitle: str) -> tuple[_TextRequiredPage, QFormLayout]:
    """A wizard page whose form scrolls when the screen is small."""
    page = _TextRequiredPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    inner = QWidget()
    form = QFormLayout(inner)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scrolling(inner, parent=page))
    return page, form


class WelcomeWizard(QWizard):
    """Record a first welcome conversation; emits ``welcomed(person_id)`` on success.

    ``person_id`` (optional) welcomes someone already on the laptop (for example a
    referral waiting for a first conversation) instead of adding a new person.
    """

    welcomed = Signal(str)

    def __init__(self, store: Store, *, parent: QWidget | None = None,
                 person_id: str | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._person_id = person_id
        self.person_id: str | None = None
        self.setWindowTitle(self.tr("Welcome conversation"))
        self.setAccessibleName(self.tr("Welcome conversation"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save welcome"))
        self._build()
        if person_id:
            self._prefill(person_id)
        line = self.fontMetrics().lineSpacing()
        fit_wizard(self, width=line * 44, height=line * 36)  # pages scroll on small screens

    # -- pages ------------------------------------------------------------------------------
    def _build(self) -> None:
        page, form = _page(self.tr("Before we start"),
                           self.tr("Ask, in your own words, whether they are happy for us to "
                                   "keep a record and to share it when it helps them."))
        self.consent_record = QCheckBox(self.tr("I am happy for you to keep a &record of "
                                                "our conversations"))
        self.consent_record.setAccessibleName(self.tr("Consent to keep a record"))
        self.consent_share = QCheckBox(self.tr("I am happy for you to &share it with "
                                               "services that can help me"))
        self.consent_share.setAccessibleName(self.tr("Consent to share with partner services"))
        note = QLabel(self.tr("Without consent to keep a record, nothing is saved: you can "
                              "still offer a welcome and support."))
        note.setWordWrap(True)
        form.addRow(self.consent_record)
        form.addRow(self.consent_share)
        form.addRow(note)
        page.registerField("consent_record*", self.consent_record)
        self.addPage(page)

        page, form = _page(self.tr("About you"),
                                    self.tr("Names and how they would like to be called."))
        self.given_name = QLineEdit()
        self.given_name.setAccessibleName(self.tr("First name"))
        self.family_name = QLineEdit()
        self.family_name.setAccessibleName(self.tr("Last name"))
        self.preferred_name = QLineEdit()
        self.preferred_name.setAccessibleName(self.tr("What they would like to be called"))
        self.pronouns = QComboBox()
        self.pronouns.setEditable(True)
        self.pronouns.addItems(list(PRONOUN_SUGGESTIONS))
        self.pronouns.setAccessibleName(self.tr("Pronouns"))
        pronoun_edit = self.pronouns.lineEdit()
        if pronoun_edit is not None:
            pronoun_edit.setAccessibleName(self.tr("Pronouns"))
        form.addRow(_label(self.tr("&First name"), self.given_name), self.given_name)
        form.addRow(_label(self.tr("&Last name (optional)"), self.family_name),
                    self.family_name)
        form.addRow(_label(self.tr("What would you like to be &called?"),
                           self.preferred_name), self.preferred_name)
        form.addRow(_label(self.tr("&Pronouns"), self.pronouns), self.pronouns)
        page.require(self.given_name)
        self.addPage(page)

        page, form = _page(self.tr("What matters to you"),
                                    self.tr("In their own words: this starts their care "
                                            "plan."))
        self.what_matters = text_box(name=self.tr("What matters to you"), lines=8)
        form.addRow(_label(self.tr("&What matters to you?"), self.what_matters))
        form.addRow(self.what_matters)
        page.require(self.what_matters)
        self.addPage(page)

        page, form = _page(self.tr("Staying in touch"),
                           self.tr("How they would like to be contacted, and when."))
        holder, self.contact_boxes = check_list(rk.CONTACT_METHODS,
                                                name=self.tr("How to contact them"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Phone"))
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("Email"))
        self.contact_notes = text_box(name=self.tr("Contact preferences, in their words"),
                                      lines=3,
                                      placeholder=self.tr("For example: texts after 10am, "
                                                          "not at work"))
        form.addRow(self.tr("How would you like us to contact you?"), holder)
        form.addRow(_label(self.tr("P&hone"), self.phone), self.phone)
        form.addRow(_label(self.tr("&Email"), self.email), self.email)
        form.addRow(_label(self.tr("Anything else about &contact?"), self.contact_notes),
                    self.contact_notes)
        self.contact_message = MessageLine()
        form.addRow(self.contact_message)
        page.check = self._check_contact
        self.addPage(page)

        page, form = _page(self.tr("First goals"),
                           self.tr("One or two things they would like to work towards, in "
                                   "their words. You can add more later."))
        self.goal_texts: list[QLineEdit] = []
        self.goal_areas: list[QComboBox] = []
        for n in range(1, GOAL_ROWS + 1):
            text = QLineEdit()
            text.setAccessibleName(self.tr("Goal %1").replace("%1", str(n)))
            area = choice_combo(rk.LIFE_AREAS, name=self.tr("Life area of goal %1")
                                .replace("%1", str(n)))
            form.addRow(_label(self.tr("Goal &%1").replace("%1", str(n)), text), text)
            form.addRow(self.tr("Life area"), area)
            self.goal_texts.append(text)
            self.goal_areas.append(area)
        self.addPage(page)

        page, form = _page(self.tr("Who would you like to be matched with?"),
                           self.tr("A peer mentor or worker: someone with shared "
                                   "experience, interests, language, gender, ..."))
        self.match_preference = text_box(name=self.tr("Who they would like to be matched "
                                                      "with"), lines=6)
        form.addRow(self.match_preference)
        self.addPage(page)

        page, form = _page(self.tr("Notes and where we met"),
                                    self.tr("A few words about the conversation."))
        self.setting = choice_combo(rk.SETTINGS, name=self.tr("Where we met"))
        self.notes = text_box(name=self.tr("Notes"), lines=6)
        form.addRow(_label(self.tr("Where did you &meet?"), self.setting), self.setting)
        form.addRow(_label(self.tr("&Notes"), self.notes), self.notes)
        self.message = MessageLine()
        form.addRow(self.message)
        page.require(self.notes)
        self.addPage(page)

    def _check_contact(self) -> bool:
        """The phone number and email address must be ones we could use (syntax only);
        the person's own words about contact belong in the box below them."""
        errors = contact_errors("person", {"phone": self.phone.text().strip(),
                                           "email": self.email.text().strip()})
        if not errors:
            self.contact_message.clear_message()
            return True
        self.contact_message.show_error(self.tr("Please check: %1").replace(
            "%1", error_text(ValidationError(errors))))
        first = errors[0].field
        (self.phone if first == rk.PERSON.field("phone").label else self.email).setFocus()
        return False

    def _prefill(self, person_id: str) -> None:
        person = self._store.get(person_id) or {}
        self.given_name.setText(person.get("given_name") or "")
        self.family_name.setText(person.get("family_name") or "")
        self.preferred_name.setText(person.get("preferred_name") or "")
        self.pronouns.setEditText(person.get("pronouns") or "")
        self.phone.setText(person.get("phone") or "")
        self.email.setText(person.get("email") or "")

    # -- finishing --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The arguments for ``ops.conversations.welcome`` from what was entered."""
        person: dict[str, Any] = {
            "given_name": self.given_name.text().strip(),
            "family_name": self.family_name.text().strip(),
            "preferred_name": self.preferred_name.text().strip(),
            "pronouns": self.pronouns.currentText().strip(),
            "phone": self.phone.text().strip(),
            "email": self.email.text().strip(),
        }
        if self._person_id:
            person["id"] = self._person_id
        goals = [{"description": t.text().strip(), "life_area": a.currentData()}
                 for t, a in zip(self.goal_texts, self.goal_areas, strict=True) if t.text().strip()]
        return {
            "person": person,
            "consent_record": self.consent_record.isChecked(),
            "consent_share": self.consent_share.isChecked(),
            "what_matters": self.what_matters.toPlainText().strip(),
            "contact_methods": checked_codes(self.contact_boxes),
            "contact_notes": self.contact_notes.toPlainText().strip(),
            "goals": goals,
            "match_preference": self.match_preference.toPlainText().strip(),
            "notes": self.notes.toPlainText().strip(),
            "setting": self.setting.currentData(),
        }

    def accept(self) -> None:
        """Save the welcome; on error stay open on the last page and say what is wrong."""
        self.message.clear_message()
        try:
            changes = conv_ops.welcome(self._store, **self.values())
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was written
            log.error("could not save a welcome: %s", type(exc).__name__)
            self.message.show_error(self.tr("Not saved. %1").replace("%1", error_text(exc)))
            return
        self.person_id = changes.id
        super().accept()
        self.welcomed.emit(changes.id or "")
