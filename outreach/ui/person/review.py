"""The care-plan review step: :class:`ReviewDialog` records a review of a person's open
period of support (what it found, who, today) and sets the next review date (12 weeks on
by default, or none for open-ended support). Opened from Today's *Reviews due* and from
the person's *Referrals and support* section.

Threading: UI thread only; the write is one small local update (ops.episodes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from outreach.core.rules import DEFAULT_REVIEW_WEEKS
from outreach.ops import episodes as ep_ops
from outreach.ui.person.widgets import (
    MessageLine,
    bind_to_person,
    error_text,
    iso,
    lay_out_record_dialog,
    nice_date,
    person_name,
    text_box,
    who_line,
)


class ReviewDialog(QDialog):
    """Record a care-plan review; ``saved()`` after the op wrote, then the dialog closes.

    Bound to one person's open period of support (``episode``: the record, with its id,
    start and review date); ``person`` is the person record or at least id and names.
    """

    saved = Signal()

    def __init__(self, store: Any, episode: Mapping[str, Any], *,
                 person: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.episode_id: str = episode["id"]
        self.person_id = str(episode.get("person_id") or person.get("id") or "")
        name = person_name(person)
        self.setWindowTitle(self.tr("Care plan review — %1").replace("%1", name))
        bind_to_person(self, person_id=self.person_id,
                       what=self.tr("the care plan review for %1").replace("%1", name))
        self.person_line = who_line(person, parent=self)
        about = QLabel(self)
        about.setWordWrap(True)
        bits = [self.tr("Support started %1.").replace(
            "%1", nice_date(episode.get("started_on")))]
        if episode.get("review_on"):
            bits.append(self.tr("Review due %1.").replace("%1", nice_date(episode["review_on"])))
        if episode.get("reviewed_on"):
            bits.append(self.tr("Last reviewed %1 by %2.").replace(
                "%1", nice_date(episode["reviewed_on"])).replace(
                "%2", episode.get("reviewed_by") or ""))
        about.setText(" ".join(bits))
        about.setAccessibleName(self.tr("About this period of support"))
        self.found = text_box(name=self.tr("What the review found"), lines=5, parent=self,
                              placeholder=self.tr("How things are going, what is changing in "
                                                  "the care plan, what was agreed"))
        self.next_on = QDateEdit(self)
        self.next_on.setCalendarPopup(True)
        self.next_on.setDisplayFormat("d MMM yyyy")
        self.next_on.setAccessibleName(self.tr("Next review by"))
        self.next_on.setMinimumDate(QDate.currentDate().addDays(1))
        self.next_on.setDate(QDate.currentDate().addDays(7 * DEFAULT_REVIEW_WEEKS))
        self.open_ended = QCheckBox(self.tr("No further review planned (open-ended support)"),
                                    self)
        self.open_ended.toggled.connect(lambda on: self.next_on.setEnabled(not on))
        self.message = MessageLine(self)
        form = QFormLayout()
        form.addRow(self.tr("What the review found"), self.found)
        form.addRow(self.tr("Next review by"), self.next_on)
        form.addRow("", self.open_ended)
        self.save_button = lay_out_record_dialog(
            self, [self.person_line, about, form, self.message],
            save_text=self.tr("Save review"))
        self.found.setFocus()

    def save(self) -> None:
        """Write the review; on a problem, say what to do and stay open."""
        found = self.found.toPlainText()
        if not found.strip():
            self.message.show_error(self.tr("Say what the review found, then save."))
            self.found.setFocus()
            return
        next_on = None if self.open_ended.isChecked() else iso(self.next_on.date())
        try:
            ep_ops.record_review(self.store, episode_id=self.episode_id, note=found,
                                 next_review_on=next_on)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.message.show_error(error_text(exc))
            return
        self.saved.emit()
        self.accept()


def open_review(store: Any, episode: Mapping[str, Any], *, person: Mapping[str, Any],
                parent: QWidget, on_saved: Any) -> ReviewDialog:
    """Show a :class:`ReviewDialog` beside the window (not modal: F9 and Ctrl+L still
    reach the main window); ``on_saved()`` runs after the review is written."""
    dialog = ReviewDialog(store, episode, person=person, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.saved.connect(on_saved)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
