"""The "someone is with me" view: privacy in front of the person.

When a practitioner is with someone (in a café, at their home), the screen turns towards
that person. One key (:data:`WITH_ME_KEY`) or the *Someone is with me* button in the
workspace's side bar switches the whole window to a calm view that shows no other person's
name and no risk text:

* Today shows :class:`WithMePanel` instead of its lists (which are emptied);
* People, Reports, Sync and Admin are not reachable (the workspace shows Today instead);
  the Directory (community services, no personal data) stays;
* the person view stays usable for the person already open (or just welcomed), with no
  risk flag showing; no other person's file opens.

Only the key or the button switches back: no other click or key does. The state belongs
to the workspace (one per unlocked session); the main window keeps it across a lock, and
a profile can open in it (``ops.privacy``; the setting sits under the idle-lock minutes).

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

WITH_ME_KEY = "F9"
# Pages that hold no other person's details: reachable in the "someone is with me" view.
PAGES_WITH_ME = frozenset({"today", "directory"})


class WithMePanel(QFrame):
    """The calm, neutral screen Today shows while someone is with the practitioner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Someone is with me"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title = QLabel(self.tr("<h2>Someone is with me</h2>"), self)
        title.setTextFormat(Qt.TextFormat.RichText)
        self.text = QLabel(self.tr("Other people's names and all risk flags are hidden."), self)
        self.how = QLabel(self.tr("To show them again, press %1 or the “Show other people” "
                                  "button.").replace("%1", WITH_ME_KEY), self)
        self.setAccessibleDescription(f"{self.text.text()} {self.how.text()}")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (title, self.text, self.how):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
