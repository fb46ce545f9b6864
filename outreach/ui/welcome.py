"""The welcome conversation, for peer mentors: a calm, step-by-step wizard.

The steps follow the conversation as it happens beside the person: consent first, then
how they'd like to be called, what matters to them, how to stay in touch, first goals,
who they'd like to be matched with, and the notes and where you met. Finishing calls
``ops.conversations.welcome`` once (all or nothing) and emits ``welcomed(person_id)``.
The last page also asks when the person first asked for help (their self-referral is
received that day) or says that the welcome accepts their waiting referral, and who
welcomed them (:mod:`outreach.ui.welcome_who`); the matching page offers a peer mentor
from the team's peer mentors.

Drafts: everything entered autosaves (within a second, :mod:`outreach.ui.drafts`) into
the encrypted store as a ``welcome`` draft, with the page reached. Esc, Cancel or closing
the window asks first when anything was entered: "Keep as draft", "Discard" or "Go back".
A lock saves the draft silently and closes the wizard. New welcome (Ctrl+N, through
:func:`outreach.ui.welcome_resume.start_welcome`) offers to resume an unfinished welcome,
pages filled in, after a lock, a restart or a crash. Saving the welcome discards its
draft in the same transaction.

Threading: the welcome op is a handful of small local writes and runs on the UI thread
when Finish is pressed; draft writes are single small writes on the UI thread too.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from outreach.core import records as rk
from outreach.core.validation import ValidationError, contact_errors
from outreach.ops import conversations as conv_ops
from outreach.ops import people as people_ops
from outreach.ops import team as team_ops
from outreach.store.records import Store
from outreach.ui.drafts import DraftKeeper
from outreach.ui.fit import fit_wizard
from outreach.ui.person.widgets import (
    MessageLine,
    check_list,
    checked_codes,
    choice_combo,
    error_text,
    iso,
    qdate,
    scrolling,
    set_checked_codes,
    set_combo_code,
    text_box,
)
from outreach.ui.welcome_who import WhoAndWhen

log = logging.getLogger(__name__)

DRAFT_KIND = "welcome"
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
        self._pending: dict[str, Any] | None = None     # a referral the welcome accepts
        self.person_id: str | None = None
        self.setWindowTitle(self.tr("Welcome conversation"))
        self.setAccessibleName(self.tr("Welcome conversation"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save welcome"))
        self._finished = False
        self.leave_box: QMessageBox | None = None   # "Leave the welcome?" while it is asked
        self._keep: Any = None
        self._discard: Any = None
        self._build()
        if person_id:
            self._prefill(person_id)
        self._blank = self._form()
        self.drafts = DraftKeeper(kind=DRAFT_KIND, collect=self._draft_data, parent=self)
        self.drafts.bind(store, person_id=person_id)
        self.drafts.failed.connect(self.message.show_error)
        self._connect_changes()
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
        self.peer_mentor = QComboBox()
        self.peer_mentor.setAccessibleName(self.tr("Peer mentor"))
        self.peer_mentor.addItem(self.tr("No peer mentor yet"), None)
        for name in team_ops.peer_mentors(self._store):
            self.peer_mentor.addItem(name, name)
        form.addRow(_label(self.tr("Pee&r mentor, alongside their key worker (optional)"),
                           self.peer_mentor), self.peer_mentor)
        form.setRowVisible(self.peer_mentor, self.peer_mentor.count() > 1)
        self.addPage(page)

        page, form = _page(self.tr("Notes and where we met"),
                                    self.tr("A few words about the conversation."))
        self.setting = choice_combo(rk.SETTINGS, name=self.tr("Where we met"))
        self.notes = text_box(name=self.tr("Notes"), lines=6)
        form.addRow(_label(self.tr("Where did you &meet?"), self.setting), self.setting)
        self.who = WhoAndWhen(self._store, form, label=_label)     # issue 14 items 1-3
        self.first_asked = self.who.first_asked
        self.referral_note = self.who.referral_note
        self.welcomed_by = self.who.welcomed_by
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
        person = people_ops.person_details(self._store, person_id)
        self.given_name.setText(person.get("given_name") or "")
        self.family_name.setText(person.get("family_name") or "")
        self.preferred_name.setText(person.get("preferred_name") or "")
        self.pronouns.setEditText(person.get("pronouns") or "")
        self.phone.setText(person.get("phone") or "")
        self.email.setText(person.get("email") or "")
        mentor = person.get("peer_mentor")
        if mentor and self.peer_mentor.findData(mentor) < 0:
            self.peer_mentor.addItem(mentor, mentor)
        set_combo_code(self.peer_mentor, mentor)
        self._pending = conv_ops.pending_referral(self._store, person_id)
        if self._pending is not None:
            self.who.show_pending(self._pending)

    # -- drafts -----------------------------------------------------------------------------
    def _edits(self) -> list[QLineEdit | QPlainTextEdit]:
        return [self.given_name, self.family_name, self.preferred_name, self.phone,
                self.email, *self.goal_texts, self.what_matters, self.contact_notes,
                self.match_preference, self.notes]

    def _connect_changes(self) -> None:
        for edit in self._edits():
            edit.textChanged.connect(self.drafts.changed)
        for check in (self.consent_record, self.consent_share, *self.contact_boxes.values()):
            check.toggled.connect(self.drafts.changed)
        for box in (*self.goal_areas, self.setting, self.peer_mentor, self.welcomed_by):
            box.currentIndexChanged.connect(self.drafts.changed)
        self.first_asked.dateChanged.connect(self.drafts.changed)
        self.pronouns.editTextChanged.connect(self.drafts.changed)
        self.currentIdChanged.connect(self.drafts.changed)

    def _form(self) -> dict[str, Any]:
        """Everything entered, as typed (what a draft holds)."""
        return {
            "consent_record": self.consent_record.isChecked(),
            "consent_share": self.consent_share.isChecked(),
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "preferred_name": self.preferred_name.text(),
            "pronouns": self.pronouns.currentText(),
            "what_matters": self.what_matters.toPlainText(),
            "contact_methods": checked_codes(self.contact_boxes),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "contact_notes": self.contact_notes.toPlainText(),
            "goals": [{"text": t.text(), "life_area": a.currentData()}
                      for t, a in zip(self.goal_texts, self.goal_areas, strict=True)],
            "match_preference": self.match_preference.toPlainText(),
            "setting": self.setting.currentData(),
            "notes": self.notes.toPlainText(),
            "first_asked_on": iso(self.first_asked.date()),
            "peer_mentor": self.peer_mentor.currentData(),
            "welcomed_by": self.welcomed_by.currentData(),
        }

    def has_entries(self) -> bool:
        """True when anything was entered (beyond what was filled in for an existing person)."""
        return self._form() != self._blank

    def _draft_data(self) -> dict[str, Any] | None:
        if self._finished or not self.has_entries():
            return None
        return {"page": self.currentId(), "form": self._form()}

    def resume(self, draft: dict[str, Any]) -> None:
        """Fill the pages in from a saved draft and go on to the page it had reached."""
        form = (draft.get("data") or {}).get("form") or {}
        self.drafts.resume(draft["id"])
        self.consent_record.setChecked(bool(form.get("consent_record")))
        self.consent_share.setChecked(bool(form.get("consent_share")))
        for name in ("given_name", "family_name", "preferred_name", "phone", "email"):
            getattr(self, name).setText(form.get(name) or "")
        self.pronouns.setEditText(form.get("pronouns") or "")
        for name in ("what_matters", "contact_notes", "match_preference", "notes"):
            getattr(self, name).setPlainText(form.get(name) or "")
        set_checked_codes(self.contact_boxes, form.get("contact_methods") or [])
        for goal, text, area in zip(form.get("goals") or [], self.goal_texts,
                                    self.goal_areas, strict=False):
            text.setText(goal.get("text") or "")
            set_combo_code(area, goal.get("life_area"))
        set_combo_code(self.setting, form.get("setting"))
        if form.get("first_asked_on"):
            self.first_asked.setDate(qdate(form["first_asked_on"]))
        if form.get("peer_mentor"):
            set_combo_code(self.peer_mentor, form["peer_mentor"])
        if form.get("welcomed_by"):
            set_combo_code(self.welcomed_by, form["welcomed_by"])
        self.drafts.stop()                  # nothing new to write yet
        page = int((draft.get("data") or {}).get("page") or 0)
        self.restart()
        while self.currentId() < page and self.currentPage().isComplete():
            self.next()
        self.drafts.stop()

    # -- closing without saving -------------------------------------------------------------
    def reject(self) -> None:
        """Esc, Cancel or closing: ask before anything entered is thrown away ("Keep as
        draft", "Discard", "Go back"); a lock keeps the draft without asking. The question
        is window-modal and answered asynchronously (no nested event loop)."""
        if self._finished or self.drafts.closing or not self.has_entries():
            self._close_keeping()
            return
        if self.leave_box is not None:
            return                          # already asking
        self.drafts.save_now()              # kept whatever the answer turns out to be
        box = self.leave_box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Leave the welcome?"),
            self.tr("This welcome has not been saved. Keep it as a draft to finish later, "
                    "or discard what you entered?"), parent=self)
        box.setAccessibleName(self.tr("Leave the welcome?"))
        self._keep = box.addButton(self.tr("&Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
        self._discard = box.addButton(self.tr("&Discard"),
                                      QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("&Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._left)
        box.open()

    def _left(self, *_: Any) -> None:
        box, self.leave_box = self.leave_box, None
        clicked = box.clickedButton() if box is not None else None
        if self.drafts.closing or clicked is self._keep:    # locked while asking: keep it
            self._close_keeping()
        elif clicked is self._discard:
            self.drafts.discard()
            self._finished = True
            super().reject()

    def _close_keeping(self) -> None:
        if not self._finished:
            self.drafts.save_now()
        self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._finished:
            event.accept()
            return
        self.reject()
        if not self._finished:
            event.ignore()              # "Go back": the wizard stays open
            return
        event.accept()

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
        if self.peer_mentor.currentData():
            person["peer_mentor"] = self.peer_mentor.currentData()
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
            "first_asked_on": None if self._pending else iso(self.first_asked.date()),
            "welcomed_by": self.welcomed_by.currentData(),
        }

    def accept(self) -> None:
        """Save the welcome; on error stay open on the last page and say what is wrong."""
        self.message.clear_message()
        self.drafts.stop()                  # the op discards the draft with the save
        try:
            changes = conv_ops.welcome(self._store, **self.values(),
                                       draft_id=self.drafts.draft_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was written
            log.error("could not save a welcome: %s", type(exc).__name__)
            self.message.show_error(self.tr("Not saved. %1").replace("%1", error_text(exc)))
            self.drafts.changed()           # keep what was entered in the draft
            return
        self.person_id = changes.id
        self._finished = True
        super().accept()
        self.welcomed.emit(changes.id or "")

