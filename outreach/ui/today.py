"""Today: my caseload, people waiting for a first conversation (oldest first), follow-ups
due, and the team's huddle list of open risk flags (highest level first).

Threading: UI thread; the data comes from :func:`outreach.ops.today.today` run through
:func:`outreach.ui.background.run_in_background`. Lists here are short (a caseload, a
waiting list), so plain tree widgets are enough; the 10,000-row list is on People.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import today as today_ops
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.text import choice_label, fmt_date, plural, status_text

ID_ROLE = Qt.ItemDataRole.UserRole


class _List(QTreeWidget):
    """A short, keyboard-friendly list; Enter or double-click opens the person."""

    def __init__(self, name: str, headers: list[str], *, stretch: int = 0) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.header().setStretchLastSection(False)
        for col in range(len(headers)):
            mode = QHeaderView.ResizeMode.Stretch if col == stretch else \
                QHeaderView.ResizeMode.ResizeToContents
            self.header().setSectionResizeMode(col, mode)

    def add(self, person_id: str, cells: list[str]) -> None:
        item = QTreeWidgetItem(cells)
        item.setData(0, ID_ROLE, person_id)
        for col, text in enumerate(cells):
            item.setToolTip(col, text)
        self.addTopLevelItem(item)


class TodayPage(QWidget):
    """The first screen after unlocking. Signal ``open_person(person_id)``."""

    open_person = Signal(str)
    loaded = Signal()

    def __init__(self, store: Store | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.op: BackgroundOp | None = None
        self.data: today_ops.Today | None = None

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))

        self.mine = _List(self.tr("My caseload"),
                          [self.tr("Name"), self.tr("Status"), self.tr("Last seen")])
        self.waiting = _List(self.tr("Waiting for a first conversation"),
                             [self.tr("Name"), self.tr("Days waiting"), self.tr("Key worker")])
        self.follow_ups = _List(self.tr("Follow-ups due"),
                                [self.tr("Name"), self.tr("Due"), self.tr("Follow-up")],
                                stretch=2)
        self.huddle = _List(self.tr("Today's huddle"),
                            [self.tr("Name"), self.tr("Level"), self.tr("Concern")],
                            stretch=2)
        self.mine.setFocus()
        boxes = [
            (self.tr("&My caseload"), self.mine),
            (self.tr("Wa&iting for a first conversation"), self.waiting),
            (self.tr("F&ollow-ups due"), self.follow_ups),
            (self.tr("Today's &huddle: open risk flags"), self.huddle),
        ]
        grid = QGridLayout()
        self.counts: dict[_List, QGroupBox] = {}
        for index, (title, tree) in enumerate(boxes):
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            inner.addWidget(tree)
            tree.itemActivated.connect(self._activated)
            grid.addWidget(group, index // 2, index % 2)
            self.counts[tree] = group
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(grid, 1)
        self.setFocusProxy(self.mine)
        if store is not None:
            self.refresh()

    def set_store(self, store: Store) -> None:
        """Use the store just unlocked (the page may be built before it is) and load."""
        self.store = store
        self.refresh()

    def refresh(self) -> None:
        """Reload in the background; the current lists stay until the new ones arrive."""
        if self.store is None or (self.op is not None and self.op.is_running):
            return
        self.status.setText(self.tr("Loading…"))
        user = self.store.user
        self.op = run_in_background(self._load, user, parent=self, on_done=self._show,
                                    on_error=self._failed, label="today")

    def _load(self, state: TaskState, user: str) -> today_ops.Today:
        assert self.store is not None
        return today_ops.today(self.store, user=user)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Could not load today's lists."))

    def _show(self, data: today_ops.Today) -> None:
        self.data = data
        now = dt.date.today()
        day = f"{now.strftime('%A')} {now.day} {now.strftime('%B')}"
        self.heading.setText(self.tr("<h2>Today, %1</h2>").replace("%1", day))
        self.status.setText("")
        for tree in self.counts:
            tree.clear()
        for row in data.my_caseload:
            self.mine.add(row.id, [row.name, status_text(row.status), fmt_date(row.last_seen)])
        for row in data.waiting:
            days = row.days_waiting or 0
            self.waiting.add(row.id, [row.name, plural(days, "{n} day", "{n} days"),
                                      row.key_worker or self.tr("not yet allocated")])
        for row, conv in data.follow_ups_due:
            text = (conv.get("follow_ups") or "").splitlines()
            self.follow_ups.add(row.id, [row.name, fmt_date(conv.get("follow_up_on")),
                                         text[0] if text else ""])
        for row, flag in data.huddle:
            concern = (flag.get("concern") or "").splitlines()
            level = choice_label("risk_flag", "level", flag.get("level"))
            self.huddle.add(row.id, [row.name, level, concern[0] if concern else ""])
        empty_texts: dict[_List, str] = {self.mine: self.tr("Nobody on your caseload yet: "
                                                            "start a welcome (Ctrl+N)."),
                       self.waiting: self.tr("Nobody is waiting."),
                       self.follow_ups: self.tr("No follow-ups due."),
                       self.huddle: self.tr("No open risk flags.")}
        for tree in self.counts:
            if tree.topLevelItemCount() == 0:
                item = QTreeWidgetItem([empty_texts[tree]])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)    # readable, not greyed out
                tree.addTopLevelItem(item)
            first = tree.topLevelItem(0)
            if first is not None:
                tree.setCurrentItem(first)
        self.loaded.emit()

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        person_id = item.data(0, ID_ROLE)
        if person_id:
            self.open_person.emit(person_id)

