"""Goals in the person's own words, with their progress over time.

Each goal shows its life area, status and every rating so far ("2 → 4 → 7"). A goal is
rated 0–10 (0 = not at all, 10 = reached) with an optional note; ratings are append-only,
so the history is never rewritten. New goals are added at the bottom.

A goal or a rating note half-typed is kept as a ``goal`` draft for the person it was typed
for (:mod:`outreach.ui.drafts`: within a second, and on every lock) and comes back the next
time their file is shown; moving to another person's file puts it away, not on them.

Threading: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import drafts as draft_ops
from outreach.ops import goals as goal_ops
from outreach.ui.drafts import DraftKeeper
from outreach.ui.person.widgets import (
    Section,
    action_button,
    choice_combo,
    line_edit,
    nice_date,
    set_combo_code,
    tr_label,
)

GOAL = rk.GOAL


def progress_text(ratings: list[dict[str, Any]]) -> str:
    """``2 → 4 → 7`` (oldest first), or an empty string before the first rating."""
    return " → ".join(str(r["score"]) for r in ratings)


class GoalsSection(Section):
    """List, rate and add goals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Goals"))
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Goals and progress"))
        self.tree.setHeaderLabels([self.tr("Goal"), self.tr("Life area"), self.tr("Status"),
                                   self.tr("Progress (0–10)"), self.tr("Last rated")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._selected)

        rate = QGroupBox(self.tr("Rate the selected goal"), self)
        self.score = QSpinBox(rate)
        self.score.setRange(0, 10)
        self.score.setAccessibleName(self.tr("How close to the goal, 0 to 10"))
        self.score.setToolTip(self.tr("0 = not at all, 10 = reached"))
        self.rating_note = line_edit(name=self.tr("Note about this rating"),
                                     placeholder=self.tr("A few words, if they like"),
                                     parent=rate)
        self.rate_button = action_button(self.tr("Save rat&ing"), name=self.tr("Save rating"),
                                         on_click=self.rate_selected, parent=rate)
        self.status = choice_combo(GOAL.field("status").choices, name=self.tr("Goal status"),
                                   parent=rate)
        self.status_button = action_button(self.tr("Set s&tatus"),
                                           name=self.tr("Set goal status"),
                                           on_click=self.set_status, parent=rate)
        score_label = QLabel(self.tr("How close &now? (0 = not at all, 10 = reached)"), rate)
        score_label.setBuddy(self.score)
        score_label.setWordWrap(True)
        rl = QVBoxLayout(rate)
        row = QHBoxLayout()
        row.addWidget(score_label, 1)
        row.addWidget(self.score)
        rl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.rating_note, 1)
        row.addWidget(self.rate_button)
        rl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.status_button)
        rl.addLayout(row)
        self.rate_box = rate

        add = QGroupBox(self.tr("Add a goal"), self)
        self.new_goal = line_edit(name=self.tr("New goal, in their words"),
                                  placeholder=self.tr("The goal, in their words"), parent=add)
        self.new_area: QComboBox = choice_combo(GOAL.field("life_area").choices,
                                                name=self.tr("Life area of the new goal"),
                                                parent=add)
        set_combo_code(self.new_area, "wellbeing")
        self.add_button = action_button(self.tr("A&dd goal"), name=self.tr("Add goal"),
                                        on_click=self.add_goal, parent=add)
        self.new_goal.returnPressed.connect(self.add_goal)
        al = QHBoxLayout(add)
        al.addWidget(self.new_goal, 2)
        al.addWidget(self.new_area, 1)
        al.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(rate)
        layout.addWidget(add)
        layout.addWidget(self.message)
        self._loading = False
        self.drafts = DraftKeeper(kind="goal", collect=self._draft_data, parent=self)
        self.drafts.failed.connect(self.message.show_error)
        self.new_goal.textChanged.connect(self._typed)
        self.rating_note.textChanged.connect(self._typed)
        self.new_area.currentIndexChanged.connect(self._typed)
        self._selected(None, None)

    # -- drafts ------------------------------------------------------------------------------
    def _typed(self, *_: Any) -> None:
        if not self._loading:
            self.drafts.changed()

    def _draft_data(self) -> dict[str, Any] | None:
        goal, note = self.new_goal.text(), self.rating_note.text()
        if not (goal.strip() or note.strip()):
            return None
        return {"new_goal": goal, "life_area": self.new_area.currentData(),
                "rating_note": note, "goal_id": self.current_id()}

    def _bind_draft(self) -> None:
        """Keep drafts for the person now shown; bring back the one left for them."""
        if self.drafts.store is self.store and self.drafts.person_id == self.person_id:
            return
        self.drafts.save_now()
        self.drafts.bind(self.store, person_id=self.person_id)
        if self.store is None or self.file is None or self.new_goal.text() \
                or self.rating_note.text():
            return
        try:
            draft = draft_ops.latest_draft(self.store, kind="goal", person_id=self.person_id)
        except Exception:  # noqa: BLE001 - a broken draft must not hide the goals
            return
        if draft is None:
            return
        data = draft.get("data") or {}
        self.drafts.resume(draft["id"])
        self._loading = True
        try:
            self.new_goal.setText(data.get("new_goal") or "")
            set_combo_code(self.new_area, data.get("life_area") or "wellbeing")
            self.rating_note.setText(data.get("rating_note") or "")
            for n in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(n)
                if item.data(0, Qt.ItemDataRole.UserRole) == data.get("goal_id"):
                    self.tree.setCurrentItem(item)
        finally:
            self._loading = False
        self.message.show_info(self.tr("What you had started typing here is back."))

    def show_file(self, pf: Any) -> None:
        keep = self.current_id()
        self.file = pf
        self.tree.clear()
        for g in (pf.goals if pf is not None else []):
            ratings = g.get("ratings") or []
            item = QTreeWidgetItem([
                g["description"],
                tr_label(GOAL.field("life_area").choice_label(g.get("life_area"))),
                tr_label(GOAL.field("status").choice_label(g.get("status"))),
                progress_text(ratings) or self.tr("not rated yet"),
                nice_date(ratings[-1]["rated_on"]) if ratings else "",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, g["id"])
            item.setToolTip(0, g["description"])
            self.tree.addTopLevelItem(item)
            if g["id"] == keep:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._selected(self.tree.currentItem(), None)
        self._bind_draft()

    def forget_typing(self) -> None:
        """Another person's file: a goal or note half-typed for the previous person goes
        off screen (kept as that person's draft)."""
        self.drafts.save_now()
        self._loading = True
        try:
            self.new_goal.clear()
            self.rating_note.clear()
        finally:
            self._loading = False
        self.drafts.bind(None, person_id=None)

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _goal(self, goal_id: str | None) -> dict[str, Any] | None:
        for g in (self.file.goals if self.file is not None else []):
            if g["id"] == goal_id:
                return g
        return None

    def _selected(self, current: Any, _previous: Any) -> None:
        goal = self._goal(self.current_id()) if current is not None else None
        self.rate_box.setEnabled(goal is not None)
        if goal is not None:
            ratings = goal.get("ratings") or []
            self.score.setValue(ratings[-1]["score"] if ratings else 0)
            set_combo_code(self.status, goal.get("status"))

    def rate_selected(self) -> None:
        goal_id = self.current_id()
        if goal_id is None:
            return
        score, note = self.score.value(), self.rating_note.text().strip() or None
        if self.run_op(lambda store: goal_ops.rate_goal(store, goal_id=goal_id, score=score,
                                                        note=note)) is not None:
            self.rating_note.clear()
            self.drafts.save_now()          # nothing left to keep: the draft goes
            self.message.show_info(self.tr("Rating saved."))

    def set_status(self) -> None:
        goal_id = self.current_id()
        if goal_id is None:
            return
        status = self.status.currentData()
        self.run_op(lambda store: goal_ops.update_goal(store, goal_id, {"status": status}))

    def add_goal(self) -> None:
        text = self.new_goal.text().strip()
        if not text:
            self.message.show_error(self.tr("Write the goal first, in their words."))
            self.new_goal.setFocus()
            return
        area = self.new_area.currentData()
        if self.run_op(lambda store: goal_ops.add_goal(
                store, person_id=self.person_id, description=text,
                life_area=area)) is not None:
            self.new_goal.clear()
            self.drafts.save_now()          # nothing left to keep: the draft goes
            self.message.show_info(self.tr("Goal added."))
