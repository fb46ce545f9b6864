"""Record a conversation quickly, with drafts that survive anything.

:class:`ConversationDialog` asks where, what kind, who was there, the notes in the person's
own words, follow-ups with a date, and the risk check. Ticking "a concern to share with the
team" raises a risk flag (ops/risk) in the same transaction as the conversation.

Drafts: the shared :class:`outreach.ui.drafts.DraftKeeper` writes the form to the
encrypted store's ``drafts`` table (``ops.drafts``) after a short pause in typing and at
most a second after the first unsaved change, even while typing never pauses; every lock
writes it first. Closing the dialog without saving (Escape, the close
button, "Keep as draft") writes the draft at once. Opening the dialog again for the same
person restores the newest conversation draft, so killing the app loses at most the last
second of typing. Saving the conversation discards the draft in the same transaction.

Binding (issue 12.5): the dialog is made for one person, names them in its title and its
first line, and writes only that person's record, whatever the main window shows
meanwhile; the main window will not open another file while it is open.

Dates (issue 12.7): a conversation dated in the future (beyond a few minutes of clock
skew) is refused with a clear message; one dated more than a year ago is saved only after
the practitioner confirms the date.

Threading: draft writes and the save are single small writes to the local store and run
on the UI thread (well under the 100 ms budget); nothing here does network or file I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.core.validation import ValidationError, when_errors, when_warnings
from outreach.ops import conversations as conv_ops
from outreach.ops import drafts as draft_ops
from outreach.ops import people as people_ops
from outreach.ops import risk as risk_ops
from outreach.store.records import Store
from outreach.ui.drafts import DraftKeeper
from outreach.ui.fit import fit_to_screen
from outreach.ui.person.widgets import (
    MessageLine,
    bind_to_person,
    choice_combo,
    error_text,
    iso,
    iso_datetime,
    person_name,
    qdate,
    qdatetime,
    scrolling,
    set_combo_code,
    text_box,
    who_line,
)

log = logging.getLogger(__name__)

DRAFT_KIND = "conversation"
AUTOSAVE_MS = 1000


class ConversationDialog(QDialog):
    """Record one conversation with a person; drafts autosave as you type.

    Signals: ``saved(str)`` with the new conversation id after a successful save.
    ``draft_saved()`` each time the draft reaches the store (tests wait on it).
    """

    saved = Signal(str)
    draft_saved = Signal()

    def __init__(self, store: Store, person_id: str, *, parent: QWidget | None = None,
                 autosave_ms: int = AUTOSAVE_MS, kind: str = "support",
                 person: Mapping[str, Any] | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._person_id = person_id
        self._closed = False
        self._loading = False
        self._confirmed_when: str | None = None   # a long-past date the user confirmed
        self.confirm_box: QMessageBox | None = None
        self.restored = False
        self.person = dict(person) if person is not None else self._read_person()
        self.person_name = person_name(self.person)
        title = self.tr("Conversation with %1").replace("%1", self.person_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        bind_to_person(self, person_id=person_id,
                       what=self.tr("the conversation with %1").replace("%1",
                                                                        self.person_name))

        self._drafts = DraftKeeper(kind=DRAFT_KIND, collect=self.form_data, parent=self,
                                   max_wait_ms=autosave_ms)
        self._drafts.bind(store, person_id=person_id)

        self._build(kind)
        self._drafts.saved.connect(self._draft_written)
        self._drafts.failed.connect(self.draft_note.show_error)
        self._restore_draft()
        self._connect_changes()

    @property
    def person_id(self) -> str:
        """The person this dialog writes for (fixed when it is made)."""
        return self._person_id

    def _read_person(self) -> dict[str, Any]:
        try:
            return dict(people_ops.person_file(self._store, self._person_id).person)
        except Exception:  # noqa: BLE001 - the id still binds the dialog; say so plainly
            log.warning("could not read the person for a conversation", exc_info=False)
            return {"id": self._person_id}

    # -- building --------------------------------------------------------------------
    def _build(self, kind: str) -> None:
        form_host = QWidget(self)
        form = QFormLayout(form_host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.when = QDateTimeEdit(QDateTime.currentDateTime(), form_host)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy HH:mm")
        self.when.setAccessibleName(self.tr("When"))
        self._row(form, self.tr("&When"), self.when)

        self.setting = choice_combo(rk.SETTINGS, name=self.tr("Where"), parent=form_host)
        self._row(form, self.tr("Whe&re"), self.setting)

        self.kind = choice_combo(rk.CONVERSATION_KINDS, name=self.tr("Kind of conversation"),
                                 parent=form_host)
        set_combo_code(self.kind, kind)
        self._row(form, self.tr("&Kind"), self.kind)

        self.present = QLineEdit(form_host)
        self.present.setAccessibleName(self.tr("Who was there"))
        self.present.setPlaceholderText(self.tr("For example: the person and their sister"))
        self._row(form, self.tr("Who was &there"), self.present)

        self.notes = text_box(name=self.tr("Notes, in the person's words"), lines=6,
                              placeholder=self.tr("What was talked about, in their words"),
                              parent=form_host)
        self._row(form, self.tr("&Notes"), self.notes)

        self.follow_ups = text_box(name=self.tr("Follow-ups"), lines=2,
                                   placeholder=self.tr("What you or they will do next"),
                                   parent=form_host)
        self._row(form, self.tr("&Follow-ups"), self.follow_ups)

        follow_row = QWidget(form_host)
        fl = QHBoxLayout(follow_row)
        fl.setContentsMargins(0, 0, 0, 0)
        self.follow_up_set = QCheckBox(self.tr("Follow up &by"), follow_row)
        self.follow_up_set.setAccessibleName(self.tr("Set a follow-up date"))
        self.follow_up_on = QDateEdit(qdate(None).addDays(7), follow_row)
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_on.setDisplayFormat("d MMM yyyy")
        self.follow_up_on.setAccessibleName(self.tr("Follow-up date"))
        self.follow_up_on.setEnabled(False)
        self.follow_up_set.toggled.connect(self.follow_up_on.setEnabled)
        fl.addWidget(self.follow_up_set)
        fl.addWidget(self.follow_up_on, 1)
        form.addRow("", follow_row)

        self.risk_checked = QCheckBox(self.tr("We talked about how safe they feel"), form_host)
        self.risk_checked.setAccessibleName(self.tr("Talked about how safe they feel"))
        form.addRow(self.tr("Risk check"), self.risk_checked)

        self.concern = QCheckBox(self.tr("There is a &concern to share with the team"),
                                 form_host)
        self.concern.setAccessibleName(self.tr("A concern to share with the team"))
        form.addRow("", self.concern)

        self.concern_box = QWidget(form_host)
        cf = QFormLayout(self.concern_box)
        cf.setContentsMargins(0, 0, 0, 0)
        self.concern_level = choice_combo(rk.RISK_LEVELS, name=self.tr("Level of concern"),
                                          parent=self.concern_box)
        set_combo_code(self.concern_level, "medium")
        cf.addRow(self.tr("&Level"), self.concern_level)
        self.concern_text = text_box(name=self.tr("The concern"), lines=2,
                                     placeholder=self.tr("What the team should know"),
                                     parent=self.concern_box)
        cf.addRow(self.tr("Conc&ern"), self.concern_text)
        # every flag has a review-by date; the huddle lists overdue ones first
        self.concern_review_on = QDateEdit(
            qdate(None).addDays(risk_ops.FLAG_REVIEW_DAYS), self.concern_box)
        self.concern_review_on.setCalendarPopup(True)
        self.concern_review_on.setDisplayFormat("d MMM yyyy")
        self.concern_review_on.setMinimumDate(qdate(None))
        self.concern_review_on.setAccessibleName(self.tr("Review the concern by"))
        cf.addRow(self.tr("Review by"), self.concern_review_on)
        self.concern_box.setVisible(False)
        self.concern.toggled.connect(self.concern_box.setVisible)
        form.addRow("", self.concern_box)

        self.message = MessageLine(self)
        self.draft_note = MessageLine(self)
        self.draft_note.setAccessibleName(self.tr("Draft status"))

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("&Save conversation"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save conversation"))
        self.save_button.setAutoDefault(False)
        self.keep_button = buttons.addButton(self.tr("Keep as &draft"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setAccessibleName(self.tr("Keep as draft and close"))
        self.discard_button = QPushButton(self.tr("D&iscard draft"), self)
        self.discard_button.setAccessibleName(self.tr("Discard draft"))
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.save_button.clicked.connect(self.save)
        self.keep_button.clicked.connect(self.reject)
        self.discard_button.clicked.connect(self._ask_discard)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        self.who = who_line(self.person, parent=self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.who)
        outer.addWidget(scrolling(form_host, parent=self), 1)
        outer.addWidget(self.message)
        outer.addWidget(self.draft_note)
        outer.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        fit_to_screen(self, width=line * 36, height=line * 40)  # scrolls if the screen is smaller

    @staticmethod
    def _row(form: QFormLayout, label: str, field: QWidget) -> None:  # label with a buddy
        lab = QLabel(label)
        lab.setBuddy(field)
        form.addRow(lab, field)

    def _connect_changes(self) -> None:
        for edit in (self.notes, self.follow_ups, self.concern_text):
            edit.textChanged.connect(self._changed)
        self.present.textChanged.connect(self._changed)
        for box in (self.setting, self.kind, self.concern_level):
            box.currentIndexChanged.connect(self._changed)
        for check in (self.follow_up_set, self.risk_checked, self.concern):
            check.toggled.connect(self._changed)
        self.when.dateTimeChanged.connect(self._changed)
        self.follow_up_on.dateChanged.connect(self._changed)
        self.concern_review_on.dateChanged.connect(self._changed)

    # -- the form as data ----------------------------------------------------------------
    def form_data(self) -> dict[str, Any]:
        """Everything typed, as a JSON-friendly dict (what a draft holds)."""
        return {
            "occurred_at": iso_datetime(self.when.dateTime()),
            "setting": self.setting.currentData(),
            "type": self.kind.currentData(),
            "present": self.present.text(),
            "notes": self.notes.toPlainText(),
            "follow_ups": self.follow_ups.toPlainText(),
            "follow_up_set": self.follow_up_set.isChecked(),
            "follow_up_on": iso(self.follow_up_on.date()),
            "risk_checked": self.risk_checked.isChecked(),
            "concern": self.concern.isChecked(),
            "concern_level": self.concern_level.currentData(),
            "concern_text": self.concern_text.toPlainText(),
            "concern_review_on": iso(self.concern_review_on.date()),
        }

    def _load(self, data: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.when.setDateTime(qdatetime(data.get("occurred_at")))
            set_combo_code(self.setting, data.get("setting"))
            set_combo_code(self.kind, data.get("type"))
            self.present.setText(data.get("present") or "")
            self.notes.setPlainText(data.get("notes") or "")
            self.follow_ups.setPlainText(data.get("follow_ups") or "")
            self.follow_up_set.setChecked(bool(data.get("follow_up_set")))
            self.follow_up_on.setDate(qdate(data.get("follow_up_on")))
            self.risk_checked.setChecked(bool(data.get("risk_checked")))
            self.concern.setChecked(bool(data.get("concern")))
            set_combo_code(self.concern_level, data.get("concern_level") or "medium")
            self.concern_text.setPlainText(data.get("concern_text") or "")
            if data.get("concern_review_on"):
                self.concern_review_on.setDate(qdate(data["concern_review_on"]))
        finally:
            self._loading = False

    def record_values(self) -> dict[str, Any]:
        """The conversation record's fields from the form (blank fields left out)."""
        data = self.form_data()
        values: dict[str, Any] = {
            "occurred_at": data["occurred_at"],
            "setting": data["setting"],
            "type": data["type"],
            "notes": data["notes"].strip(),
            "risk_checked": data["risk_checked"],
        }
        if data["present"].strip():
            values["present"] = data["present"].strip()
        if data["follow_ups"].strip():
            values["follow_ups"] = data["follow_ups"].strip()
        if data["follow_up_set"]:
            values["follow_up_on"] = data["follow_up_on"]
        return values

    # -- drafts ---------------------------------------------------------------------------
    @property
    def draft_id(self) -> str:
        return self._drafts.draft_id

    def _restore_draft(self) -> None:
        try:
            newest = draft_ops.latest_draft(self._store, kind=DRAFT_KIND,
                                            person_id=self._person_id)
        except Exception:  # noqa: BLE001 - a broken draft must not stop recording
            log.warning("could not read conversation drafts", exc_info=False)
            return
        if newest is None:
            return
        self._drafts.resume(newest["id"])
        self._load(newest.get("data") or {})
        self.restored = True
        self.draft_note.show_info(self.tr("Your unsaved notes from last time are back."))

    def _changed(self, *_: Any) -> None:
        if self._loading or self._closed:
            return
        self._drafts.changed()

    def save_draft_now(self) -> bool:
        """Write the draft to the store now if anything changed; True when written."""
        return self._drafts.save_now()

    def _draft_written(self) -> None:
        self.draft_note.show_info(self.tr("Draft saved at %1").replace(
            "%1", QDateTime.currentDateTime().toString("HH:mm")))
        self.draft_saved.emit()

    def _ask_discard(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Discard draft"),
            self.tr("Throw away what you have typed? This cannot be undone."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()

    def discard(self) -> None:
        """Throw the draft away and close without saving."""
        self._closed = True
        self._drafts.discard()
        super().reject()

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Save the conversation (and a risk flag if a concern was ticked) atomically."""
        self.message.clear_message()
        values = self.record_values()
        if not values["notes"]:
            self.message.show_error(self.tr("Please write some notes before saving."))
            self.notes.setFocus()
            return
        concern = self.concern.isChecked()
        concern_text = self.concern_text.toPlainText().strip()
        if concern and not concern_text:
            self.message.show_error(self.tr("Please say what the concern is, so the team "
                                            "can talk about it at the huddle."))
            self.concern_text.setFocus()
            return
        if not self._date_is_right(values):
            return
        self._drafts.stop()         # the op discards the draft with the save
        try:
            if not values.get("episode_id"):
                # The op would look the open episode up itself with a query that scans
                # every episode of the caseload (0.2–0.4 s at 10,000 people); the
                # person's own file finds the same one (the last open) through the
                # person index in a few milliseconds.
                episode = people_ops.person_file(self._store, self._person_id).current_episode
                if episode is not None:
                    values["episode_id"] = episode["id"]
            with self._store.transaction():
                changes = conv_ops.record_conversation(
                    self._store, person_id=self._person_id, values=values,
                    draft_id=self.draft_id)
                if concern:
                    risk_ops.raise_flag(self._store, person_id=self._person_id,
                                        level=self.concern_level.currentData(),
                                        concern=concern_text,
                                        review_on=iso(self.concern_review_on.date()))
        except Exception as exc:  # noqa: BLE001 - shown to the user; the draft stays
            log.error("could not save a conversation: %s", type(exc).__name__)
            self.message.show_error(self.tr("Not saved. %1").replace("%1", error_text(exc)))
            self._drafts.changed()
            self.save_draft_now()
            return
        self._closed = True
        conversation_id = changes.id or next(iter(changes.records.get("conversation", [])),
                                             "")
        self.saved.emit(conversation_id)
        self.accept()

    def _date_is_right(self, values: dict[str, Any]) -> bool:
        """Refuse a date in the future; ask about one more than a year ago (the answer
        comes back through :meth:`_long_past_answered`, which saves again)."""
        errors = when_errors("conversation", values)
        if errors:
            self.message.show_error(self.tr("Not saved. %1").replace(
                "%1", error_text(ValidationError(errors))))
            self.when.setFocus()
            return False
        warnings = when_warnings("conversation", values)
        if not warnings or self._confirmed_when == values["occurred_at"]:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Check the date"),
                          self.tr("%1 %2").replace("%1", warnings[0].field)
                          .replace("%2", warnings[0].message),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setInformativeText(self.tr("Save it with this date, or go back and change it."))
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("&Save with this date"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Change the date"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, when=values["occurred_at"]:
                             self._long_past_answered(box.clickedButton() is yes, when))
        self.confirm_box = box
        box.open()
        return False

    def _long_past_answered(self, confirmed: bool, when: str) -> None:
        self.confirm_box = None
        if confirmed:
            self._confirmed_when = when
            self.save()
        else:
            self.when.setFocus()

    # -- closing keeps the draft ------------------------------------------------------------
    def reject(self) -> None:
        self._close_keep()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._close_keep()
        super().closeEvent(event)

    def _close_keep(self) -> None:
        if not self._closed:
            self.save_draft_now()
            self._closed = True

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        # Enter in a single-line field must not save the conversation by accident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not isinstance(self.focusWidget(), QPushButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)


def open_conversation(store: Store, person_id: str, *, parent: QWidget | None,
                      kind: str = "support", person: Mapping[str, Any] | None = None
                      ) -> ConversationDialog:
    """Show a non-modal conversation dialog (the person stays visible beside it)."""
    dialog = ConversationDialog(store, person_id, parent=parent, kind=kind, person=person)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

