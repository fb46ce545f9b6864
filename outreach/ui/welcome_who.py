"""The welcome's "who and when" rows (issue 14 items 1-3), on its last page: when the
person first asked for help (a walk-in's self-referral is received that day), or, when
they have a referral waiting for a decision, a line saying the welcome accepts it; and who
welcomed them (the team's members with their roles, this laptop's user first chosen).

Threading: UI thread only; reads the team list (:mod:`outreach.ops.team`) once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel

from outreach.core import records as rk
from outreach.ops import team as team_ops
from outreach.store.records import Store
from outreach.ui.person.widgets import nice_date, set_combo_code


def _tr(text: str) -> str:
    return QCoreApplication.translate("WelcomeWizard", text)


class WhoAndWhen:
    """Adds the rows to ``form``; ``label`` makes a buddy label (the wizard's)."""

    def __init__(self, store: Store, form: QFormLayout, *, label: Any) -> None:
        self.form = form
        self.first_asked = QDateEdit(QDate.currentDate())
        self.first_asked.setCalendarPopup(True)
        self.first_asked.setDisplayFormat("d MMM yyyy")
        self.first_asked.setMaximumDate(QDate.currentDate())
        self.first_asked.setAccessibleName(_tr("When they first asked for help"))
        form.addRow(label(_tr("When did they first &ask for help? (a phone call, a message, "
                              "a visit)"), self.first_asked), self.first_asked)
        self.referral_note = QLabel()
        self.referral_note.setWordWrap(True)
        form.addRow(self.referral_note)
        form.setRowVisible(self.referral_note, False)
        self.welcomed_by = QComboBox()
        self.welcomed_by.setAccessibleName(_tr("Who welcomed them"))
        for member in team_ops.members(store):
            text = member.user if member.role is None else f"{member.user} ({member.role_label})"
            self.welcomed_by.addItem(text, member.user)
        set_combo_code(self.welcomed_by, store.user)
        form.addRow(label(_tr("&Who welcomed them?"), self.welcomed_by), self.welcomed_by)

    def show_pending(self, referral: dict[str, Any]) -> None:
        """The person's referral waits for a decision: say the welcome accepts it (its
        received day stands), instead of asking when they first asked for help."""
        source = rk.REFERRAL.field("source").choice_label(referral.get("source"))
        self.referral_note.setText(_tr(
            "Saving this welcome accepts their referral (%1, received %2): they have been "
            "waiting since then.").replace("%1", source).replace(
            "%2", nice_date(referral.get("received_on"))))
        self.form.setRowVisible(self.referral_note, True)
        self.form.setRowVisible(self.first_asked, False)
