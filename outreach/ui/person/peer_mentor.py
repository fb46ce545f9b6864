"""Who supports the person: their key worker and, alongside, a peer mentor (issue 14
item 3). Shown in the "Referrals and support" tab; the peer mentor is chosen from the
team's peer mentors (as last synced) or typed, and saved through
:func:`outreach.ops.team.set_peer_mentor`.

Threading: UI thread only (one small local write).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QWidget

from outreach.ops import team as team_ops


class PeerMentorBox(QGroupBox):
    """Key worker (read only) and peer mentor (choose, save) of the shown person."""

    def __init__(self, section: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Who supports them"), parent)
        self.section = section
        self.key_worker = QLabel(self)
        self.key_worker.setAccessibleName(self.tr("Key worker"))
        self.peer_mentor = QComboBox(self)
        self.peer_mentor.setEditable(True)
        self.peer_mentor.setAccessibleName(self.tr("Peer mentor"))
        edit = self.peer_mentor.lineEdit()
        if edit is not None:
            edit.setAccessibleName(self.tr("Peer mentor"))
        self.peer_mentor.setToolTip(self.tr("Choose one of the team's peer mentors, or "
                                            "leave it empty for none."))
        self.save_button = QPushButton(self.tr("Save peer mentor"), self)
        self.save_button.setAccessibleName(self.tr("Save peer mentor"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("Key worker"), self.key_worker)
        form.addRow(self.tr("Peer mentor"), self.peer_mentor)
        form.addRow("", self.save_button)

    def show_file(self, pf: Any) -> None:
        person = pf.person if pf is not None else {}
        self.key_worker.setText(person.get("key_worker") or self.tr("Not yet allocated"))
        self.peer_mentor.clear()
        self.peer_mentor.addItem("", None)
        store = self.section.store
        for name in team_ops.peer_mentors(store) if store is not None else []:
            self.peer_mentor.addItem(name, name)
        current = person.get("peer_mentor") or ""
        if current and self.peer_mentor.findData(current) < 0:
            self.peer_mentor.addItem(current, current)
        self.peer_mentor.setEditText(current)
        self.setEnabled(pf is not None)

    def save(self) -> None:
        name = self.peer_mentor.currentText().strip()
        if self.section.run_op(lambda store: team_ops.set_peer_mentor(
                store, person_id=self.section.person_id, peer_mentor=name)) is not None:
            self.section.message.show_info(
                self.tr("%1 is their peer mentor now.").replace("%1", name) if name
                else self.tr("They have no peer mentor now."))
