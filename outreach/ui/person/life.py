"""Life and feedback: the exit questionnaire, life outcomes checks (community involvement,
work or study) and job starts, recorded for one person (issue 14 item 11).

Loneliness is a questionnaire (UCLA-3) on the Measures tab; goals achieved are set on the
Goals tab. What is recorded here is counted by the Reports view, the same way on the
server. Threading: every write is a small local op on the UI thread (``Section.run_op``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import outcomes as outcome_ops
from outreach.ui.person.widgets import (
    Section,
    choice_combo,
    iso,
    line_edit,
    nice_date,
    record_list,
    scrolling,
    set_combo_code,
    tr_label,
)


def _date_edit(name: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def summary(rec: dict[str, Any]) -> tuple[str, str]:
    """What a life record is and what it says, in plain words (for the list)."""
    kind = rk.kind(rec["kind"])

    def label(name: str) -> str:
        return tr_label(kind.field(name).choice_label(rec.get(name))) if rec.get(name) else ""

    if rec["kind"] == "exit_feedback":
        parts = [f"{tr_label(kind.field(q).label)}: {label(q)}"
                 for q in ("listened", "joined_up", "use_again")]
    elif rec["kind"] == "life_check":
        parts = [p for p in (label("community") and
                             f"{tr_label(kind.field('community').label)}: {label('community')}",
                             label("work")) if p]
    else:
        hours = rec.get("hours_per_week")
        parts = [p for p in (rec.get("job_title") or "",
                             f"{hours} hours a week" if hours is not None else "",
                             "IPS" if rec.get("ips") else "") if p]
    return tr_label(kind.label), " · ".join(parts)


class LifeSection(Section):
    """Record and list the exit questionnaire, life outcomes checks and job starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Life and feedback"))
        self.tree = record_list([self.tr("Date"), self.tr("What"), self.tr("Details")],
                                name=self.tr("Life outcomes and feedback recorded"), stretch=2,
                                parent=self)
        self.empty = QLabel(self.tr("Nothing recorded here yet."), self)

        forms = QWidget(self)
        fl = QVBoxLayout(forms)
        fl.addWidget(self._feedback_box(forms))
        fl.addWidget(self._check_box(forms))
        fl.addWidget(self._job_box(forms))
        fl.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(scrolling(forms, parent=self), 2)
        layout.addWidget(self.message)

    # -- the three forms -------------------------------------------------------------
    def _feedback_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Exit questionnaire (when support ends)"), parent)
        answers = rk.FEEDBACK_ANSWERS
        self.feedback_on = _date_edit(self.tr("Exit questionnaire completed on"), box)
        self.listened = choice_combo(answers, name=self.tr("I felt listened to"), parent=box)
        self.joined_up = choice_combo(answers, name=self.tr("My support felt joined up"),
                                      parent=box)
        self.use_again = choice_combo(answers, name=self.tr("I would use this service again"),
                                      parent=box)
        self.comments = line_edit(name=self.tr("Anything else, in their words"),
                                  placeholder=self.tr("Anything else, in their words"),
                                  parent=box)
        self.feedback_button = QPushButton(self.tr("Save &questionnaire"), box)
        self.feedback_button.clicked.connect(self.save_feedback)
        form = QFormLayout(box)
        form.addRow(self.tr("Completed on"), self.feedback_on)
        form.addRow(self.tr("I felt listened to"), self.listened)
        form.addRow(self.tr("My support felt joined up"), self.joined_up)
        form.addRow(self.tr("I would use this service again"), self.use_again)
        form.addRow(self.comments)
        form.addRow(self.feedback_button)
        return box

    def _check_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Life outcomes check: community, work and study"), parent)
        self.checked_on = _date_edit(self.tr("Life outcomes checked on"), box)
        self.community = choice_combo(rk.COMMUNITY_INVOLVEMENT,
                                      name=self.tr("Takes part in community groups or "
                                                   "activities"),
                                      blank=self.tr("Not asked"), parent=box)
        self.work = choice_combo(rk.WORK_STATUSES, name=self.tr("Work or study"),
                                 blank=self.tr("Not asked"), parent=box)
        self.check_button = QPushButton(self.tr("Save chec&k"), box)
        self.check_button.clicked.connect(self.save_check)
        form = QFormLayout(box)
        form.addRow(self.tr("Checked on"), self.checked_on)
        form.addRow(self.tr("Community groups or activities"), self.community)
        form.addRow(self.tr("Work or study"), self.work)
        form.addRow(self.check_button)
        return box

    def _job_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Job start"), parent)
        self.job_on = _date_edit(self.tr("Job started on"), box)
        self.job_title = line_edit(name=self.tr("Job"),
                                   placeholder=self.tr("The job, if they want it noted"),
                                   parent=box)
        self.hours = QSpinBox(box)
        self.hours.setRange(0, 80)
        self.hours.setSpecialValueText(self.tr("Not noted"))
        self.hours.setAccessibleName(self.tr("Hours a week"))
        self.ips = QCheckBox(self.tr("Found with employment support (IPS)"), box)
        self.job_button = QPushButton(self.tr("Save &job start"), box)
        self.job_button.clicked.connect(self.save_job)
        form = QFormLayout(box)
        form.addRow(self.tr("Started on"), self.job_on)
        form.addRow(self.tr("Job"), self.job_title)
        row = QHBoxLayout()
        row.addWidget(self.hours)
        row.addWidget(self.ips, 1)
        form.addRow(self.tr("Hours a week"), row)
        form.addRow(self.job_button)
        return box

    # -- showing and saving ------------------------------------------------------------
    def show_file(self, pf: Any) -> None:
        self.file = pf
        self.tree.clear()
        recs = pf.life if pf is not None else []
        for rec in recs:
            what, details = summary(rec)
            item = QTreeWidgetItem([nice_date(rec.get(outcome_ops.KINDS[rec["kind"]])), what,
                                    details])
            item.setData(0, Qt.ItemDataRole.UserRole, rec["id"])
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not recs)
        for button in (self.feedback_button, self.check_button, self.job_button):
            button.setEnabled(pf is not None)

    def forget_typing(self) -> None:
        self.comments.clear()
        self.job_title.clear()
        self.hours.setValue(0)
        self.ips.setChecked(False)
        for box in (self.listened, self.joined_up, self.use_again, self.community, self.work):
            set_combo_code(box, None)

    def save_feedback(self) -> None:
        values = {"listened": self.listened.currentData(),
                  "joined_up": self.joined_up.currentData(),
                  "use_again": self.use_again.currentData(),
                  "completed_on": iso(self.feedback_on.date()),
                  "comments": self.comments.text().strip() or None}
        if self.run_op(lambda store: outcome_ops.record_exit_feedback(
                store, person_id=self.person_id, **values)) is not None:
            self.comments.clear()
            self.message.show_info(self.tr("Exit questionnaire saved."))

    def save_check(self) -> None:
        community, work = self.community.currentData(), self.work.currentData()
        if self.run_op(lambda store: outcome_ops.record_life_check(
                store, person_id=self.person_id, community=community, work=work,
                checked_on=iso(self.checked_on.date()))) is not None:
            self.message.show_info(self.tr("Check saved."))

    def save_job(self) -> None:
        hours = self.hours.value() or None
        title = self.job_title.text().strip() or None
        ips = self.ips.isChecked()
        if self.run_op(lambda store: outcome_ops.record_job_start(
                store, person_id=self.person_id, started_on=iso(self.job_on.date()),
                job_title=title, hours_per_week=hours, ips=ips)) is not None:
            self.job_title.clear()
            self.message.show_info(self.tr("Job start saved."))
