"""The "someone is with me" view: privacy in front of the person.

When a practitioner is with someone (in a café, at their home), the screen turns towards
that person. One key (:data:`WITH_ME_KEY`) or the *Someone is with me* button in the
workspace's side bar switches the whole window to a calm view that shows no other person's
name and no risk text:

* Today shows :class:`WithMePanel` instead of its lists (which are emptied);
* People, Reports, Sync and Admin are not reachable (the workspace shows Today instead);
  the Directory (community services, no personal data) stays;
* the person view stays usable for the person already open (or just welcomed), with no
  risk flag showing; no other person's file opens. The panel opens the present person's
  file when their whole name is typed (``ops.privacy.people_named``: part of a name
  finds nobody, so no other name shows).

Only the key or the button switches back: no other click or key does. The state belongs
to the workspace (one per unlocked session); the main window keeps it across a lock, and
a profile can open in it (``ops.privacy``; the setting sits under the idle-lock minutes).

Threading: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import privacy as privacy_ops
from outreach.ops.people import PersonRow
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.text import status_text

WITH_ME_KEY = "F9"
# Pages that hold no other person's details: reachable in the "someone is with me" view.
PAGES_WITH_ME = frozenset({"today", "directory"})


class WithMePanel(QFrame):
    """The calm, neutral screen Today shows while someone is with the practitioner.

    Signal ``open_present(person_id)``: open the file of the person who is present.
    """

    open_present = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Any = None
        self.op: BackgroundOp | None = None
        self.setAccessibleName(self.tr("Someone is with me"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title = QLabel(self.tr("<h2>Someone is with me</h2>"), self)
        title.setTextFormat(Qt.TextFormat.RichText)
        self.text = QLabel(self.tr("Other people's names and all risk flags are hidden."), self)
        self.how = QLabel(self.tr("To show them again, press %1 or the “Show other people” "
                                  "button.").replace("%1", WITH_ME_KEY), self)
        self.setAccessibleDescription(f"{self.text.text()} {self.how.text()}")

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Full name of the person with me"))
        self.name_edit.setPlaceholderText(self.tr("First name and family name"))
        self.name_edit.returnPressed.connect(self.find_person)
        self.open_button = QPushButton(self.tr("Open their file"), self)
        self.open_button.clicked.connect(self.find_person)
        self.choices = QListWidget(self)
        self.choices.setAccessibleName(self.tr("People with this name"))
        self.choices.itemActivated.connect(self._chosen)
        self.choices.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.open_button)
        find = QFormLayout()
        find.addRow(self.tr("Their full name"), row)
        finder = QWidget(self)
        finder.setMaximumWidth(560)
        inner = QVBoxLayout(finder)
        inner.addLayout(find)
        inner.addWidget(self.choices)
        inner.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (title, self.text, self.how):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(finder, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setFocusProxy(self.name_edit)

    def set_store(self, store: Any) -> None:
        self.store = store

    def reset(self) -> None:
        """Forget what was typed and found."""
        self.name_edit.clear()
        self.choices.clear()
        self.choices.hide()
        self.message.clear()
        self.message.hide()

    def find_person(self) -> None:
        """Look the typed whole name up off the UI thread; one match opens their file."""
        name = self.name_edit.text()
        if self.store is None or not name.strip() or (self.op is not None
                                                      and self.op.is_running):
            return
        store = self.store
        self.op = run_in_background(self._lookup, store, name, parent=self,
                                    on_done=self._found, on_error=self._failed,
                                    label="with me: find")

    @staticmethod
    def _lookup(state: TaskState, store: Any, name: str) -> list[PersonRow]:
        return privacy_ops.people_named(store, name)

    def _failed(self, exc: BaseException) -> None:
        self._say(self.tr("Could not look the name up. Try again."))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _found(self, rows: list[PersonRow]) -> None:
        self.choices.clear()
        self.choices.hide()
        if not rows:
            self._say(self.tr("Nobody on this laptop has that full name. Check the spelling "
                              "with them, or record a New welcome."))
        elif len(rows) == 1:
            self._say("")
            self.open_present.emit(rows[0].id)
            self.reset()
        else:
            self._say(self.tr("More than one person has this name: choose them below."))
            for person in rows:
                bits = [person.name, person.pronouns, status_text(person.status),
                        self.tr("key worker %1").replace("%1", person.key_worker)
                        if person.key_worker else ""]
                item = QListWidgetItem(" · ".join(b for b in bits if b), self.choices)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.choices.show()
            self.choices.setCurrentRow(0)
            self.choices.setFocus()

    def _chosen(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id:
            self.open_present.emit(person_id)
            self.reset()
