"""One person's file: a calm header and their record in sections.

:class:`PersonView` shows who the person is (preferred name, pronouns, key worker, where
their support stands, open risk flags by level only with the concern behind a click)
and, in tabs, their care plan, the conversations timeline, goals, wellbeing measures,
referrals and periods of support, the community services they are linked with, their
life outcomes and exit feedback, the people who matter to them (family and network)
and their consent to share, with its history.

Data flow: ``show_person(id)`` reads ``ops.people.person_file`` and hands the same
:class:`~outreach.ops.people.PersonFile` to every section. A section that changes
something calls an op, then emits its ``changed`` signal; the view reloads the file and
re-emits ``changed`` so the host (main window) can refresh lists.

Threading: reading one person's file is a handful of indexed queries (inside the 100 ms
"open a person" budget) and runs on the UI thread; slow work (PDF export) goes through
``outreach.ui.background``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import people
from outreach.ops.people import STATUS_LABELS, PersonFile
from outreach.store.records import Store
from outreach.ui.person.careplan import CarePlanSection
from outreach.ui.person.consent import ConsentSection, share_summary
from outreach.ui.person.episodes import EpisodesSection
from outreach.ui.person.goals import GoalsSection
from outreach.ui.person.life import LifeSection
from outreach.ui.person.links import ServicesSection
from outreach.ui.person.measures import MeasuresSection
from outreach.ui.person.network import NetworkSection
from outreach.ui.person.risk import RiskStrip
from outreach.ui.person.timeline import TimelineSection
from outreach.ui.person.widgets import MessageLine, error_text, nice_date

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonView", text)


def support_status(pf: PersonFile) -> str:
    """Where support stands, in plain words (for the header)."""
    episode = pf.current_episode
    if episode:
        text = _tr("Being supported since %1").replace(
            "%1", nice_date(episode.get("started_on")))
        if episode.get("review_on"):
            text += _tr(", review by %1").replace("%1", nice_date(episode["review_on"]))
        return text
    if pf.referrals and pf.referrals[-1].get("status") == "declined":   # the latest one
        return STATUS_LABELS["declined"]          # the same words as the caseload's
    if pf.episodes:
        return STATUS_LABELS["ended"]
    if any(r.get("status") == "pending" for r in pf.referrals):
        return _tr("Referral waiting for a decision")
    if any(r.get("status") == "accepted" for r in pf.referrals):
        return STATUS_LABELS["waiting"]
    return STATUS_LABELS["no_referral"]


class PersonView(QWidget):
    """A person's file. ``set_store`` first, then ``show_person``; ``changed`` after edits."""

    changed = Signal()
    # the sections (tabs), built by build_next_section()
    careplan: CarePlanSection
    timeline: TimelineSection
    goals: GoalsSection
    measures: MeasuresSection
    episodes: EpisodesSection
    services: ServicesSection
    life: LifeSection
    consent: ConsentSection
    network: NetworkSection

    def __init__(self, parent: QWidget | None = None, *, build_sections: bool = True) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self.person_id: str | None = None
        self.file: PersonFile | None = None
        self.setAccessibleName(self.tr("Person"))

        self.name_label = QLabel(self)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setAccessibleName(self.tr("Name"))
        self.details_label = QLabel(self)
        self.details_label.setWordWrap(True)
        self.details_label.setAccessibleName(self.tr("Pronouns, key worker and support"))
        # Consent to share, always in view (issue 14 item 7): the gates below read it
        self.consent_label = QLabel(self)
        self.consent_label.setWordWrap(True)
        self.consent_label.setAccessibleName(self.tr("Consent to share"))
        # made in reading order, which Tab follows: the buttons level with the name, then
        # the risk flags under it
        self.preview_button = QPushButton(self.tr("Pre&view care plan"), self)
        self.preview_button.setAccessibleName(self.tr("Preview the care plan as it prints"))
        self.preview_button.clicked.connect(self._preview_pdf)
        self.pdf_button = QPushButton(self.tr("Care plan as &PDF…"), self)
        self.pdf_button.setAccessibleName(self.tr("Save the care plan as a PDF"))
        self.pdf_button.clicked.connect(self._export_pdf)
        # The record for another service's system (issue 14 item 13): consent checked first
        self.fhir_button = QPushButton(self.tr("E&xport as FHIR…"), self)
        self.fhir_button.setAccessibleName(
            self.tr("Save the record as FHIR for another service's system"))
        self.fhir_button.clicked.connect(self._export_fhir)
        self.fhir_op: Any = None
        # Open risk flags: the level only; the concern behind a click (outreach.ui.person.risk)
        self.risk_strip = self.chips = RiskStrip(self)
        self.risk_strip.changed.connect(self.reload)
        self.pdf_op: Any = None
        self.preview: Any = None

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.details_label)
        names.addWidget(self.consent_label)
        names.addWidget(self.chips)
        header.addLayout(names, 1)
        header.addWidget(self.preview_button)
        header.addWidget(self.pdf_button)
        header.addWidget(self.fhir_button)

        self.message = MessageLine(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Sections of the record"))
        self.sections: tuple[Any, ...] = ()
        self._pending = [("careplan", CarePlanSection, self.tr("&Care plan")),
                         ("timeline", TimelineSection, self.tr("C&onversations")),
                         ("goals", GoalsSection, self.tr("&Goals")),
                         ("measures", MeasuresSection, self.tr("&Measures")),
                         ("episodes", EpisodesSection, self.tr("&Referrals and support")),
                         ("services", ServicesSection, self.tr("&Services")),
                         ("life", LifeSection, self.tr("Life o&utcomes and feedback")),
                         ("network", NetworkSection, self.tr("Famil&y and network")),
                         ("consent", ConsentSection, self.tr("Consent to s&hare"))]

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self._set_enabled(False)
        if build_sections:
            self.build_sections()

    # -- building ------------------------------------------------------------------------
    def build_next_section(self) -> bool:
        """Build one more section (tab); True while some are still to build.

        Building all of them at once holds the UI thread for 100–200 ms, so the workspace
        builds them one per event-loop turn while nobody is looking at a person yet.
        """
        if self._pending:
            attr, kind, title = self._pending.pop(0)
            section = kind(self)
            setattr(self, attr, section)
            self.sections = (*self.sections, section)
            self.tabs.addTab(section, title)
            section.changed.connect(self.reload)
            if self._store is not None:
                section.set_store(self._store)
        return bool(self._pending)

    def build_sections(self) -> None:
        """Build every section not built yet."""
        while self.build_next_section():
            pass

    def set_store(self, store: Store | None) -> None:
        """Use this unlocked store (``None`` when the profile locks: the view clears)."""
        self._store = store
        self.risk_strip.set_store(store)
        for section in self.sections:
            section.set_store(store)
        if store is None:
            self.clear()

    def clear(self) -> None:
        """Show nothing (for example after locking)."""
        self.person_id = None
        self.file = None
        self.name_label.clear()
        self.details_label.clear()
        self.consent_label.clear()
        self.risk_strip.show_file(None)
        for section in self.sections:
            section.present(None)
        self._set_enabled(False)

    def show_person(self, person_id: str) -> None:
        """Load and show one person's file.

        Unsaved care plan edits for the person shown before are saved first, so moving
        to someone else never drops their words; a draft restored from an earlier session
        (not yet looked at) stays a draft rather than being saved behind their back.
        """
        if self.file is not None and self.careplan.has_unsaved_changes() \
                and not self.careplan.draft_restored:
            self.careplan.save()
        self.build_sections()
        self.person_id = person_id
        self.reload(emit=False)

    def reload(self, emit: bool = True) -> None:
        """Read the person's file again and refresh every section."""
        if self._store is None or self.person_id is None:
            return
        self.message.clear_message()
        try:
            pf = people.person_file(self._store, self.person_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            log.error("could not open a person: %s", type(exc).__name__)
            self.clear()
            self.message.show_error(error_text(exc))
            return
        self.file = pf
        self._show_header(pf)
        for section in self.sections:
            section.present(pf)
        self._set_enabled(True)
        if emit:
            self.changed.emit()

    def _show_header(self, pf: PersonFile) -> None:
        p = pf.person
        self.name_label.setText(rk.title_of(p))
        bits = []
        if p.get("pronouns"):
            bits.append(p["pronouns"])
        if p.get("key_worker"):
            bits.append(self.tr("Key worker: %1").replace("%1", p["key_worker"]))
        if p.get("peer_mentor"):
            bits.append(self.tr("Peer mentor: %1").replace("%1", p["peer_mentor"]))
        bits.append(support_status(pf))
        self.details_label.setText(" · ".join(bits))
        self.consent_label.setText(share_summary(p))
        self.risk_strip.show_file(pf)

    def set_with_me(self, on: bool) -> None:
        """The "someone is with me" view: no risk flag shows (the rest stays usable)."""
        self.risk_strip.set_with_me(on)

    def _set_enabled(self, enabled: bool) -> None:
        self.tabs.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)
        self.preview_button.setEnabled(enabled)
        self.fhir_button.setEnabled(enabled)

    def _export_pdf(self) -> None:
        if self._store is None or self.person_id is None:
            return
        from outreach.ui.pdf import export_care_plan

        self.pdf_op = export_care_plan(self._store, self.person_id, parent=self,
                                       on_started=lambda op: setattr(self, "pdf_op", op))

    def _export_fhir(self) -> None:
        if self._store is None or self.file is None:
            return
        from outreach.ui.person.fhir_export import export_fhir

        self.fhir_op = export_fhir(self._store, self.file.person, parent=self)

    def _preview_pdf(self) -> None:
        if self._store is None or self.person_id is None:
            return
        from outreach.ui.pdf import preview_care_plan

        self.pdf_op = preview_care_plan(self._store, self.person_id, parent=self,
                                        on_shown=lambda d: setattr(self, "preview", d))
