"""Today: my caseload, people waiting for a first conversation (oldest first), follow-ups
due, and the team's huddle list of open risk flags (highest level first).

In the "someone is with me" view (:meth:`TodayPage.set_with_me`, see
:mod:`outreach.ui.with_me`) the lists are emptied and a calm panel shows instead; data
that arrives meanwhile is dropped. A huddle row opens the review of its flag with
*Review or close the flag…*.

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
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.ops import today as today_ops
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.text import choice_label, fmt_date, plural, status_text
from outreach.ui.with_me import WithMePanel

ID_ROLE = Qt.ItemDataRole.UserRole
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1     # the huddle's rows: the flag's id


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
        # names (column 0) sized to content, never elided: the spare room goes elsewhere
        self.header().setStretchLastSection(stretch == 0)
        for col in range(len(headers)):
            mode = QHeaderView.ResizeMode.Stretch if col == stretch != 0 else \
                QHeaderView.ResizeMode.ResizeToContents
            self.header().setSectionResizeMode(col, mode)

    def add(self, person_id: str, cells: list[str], *, flag_id: str | None = None) -> None:
        item = QTreeWidgetItem(cells)
        item.setData(0, ID_ROLE, person_id)
        if flag_id:
            item.setData(0, FLAG_ROLE, flag_id)
        for col, text in enumerate(cells):
            item.setToolTip(col, text)
        self.addTopLevelItem(item)


class TodayPage(QWidget):
    """The first screen after unlocking. Signal ``open_person(person_id)``."""

    open_person = Signal(str)
    open_present = Signal(str)      # the person who is with the practitioner (with_me)
    loaded = Signal()

    def __init__(self, store: Store | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.op: BackgroundOp | None = None
        self.data: today_ops.Today | None = None
        self.with_me = False
        self.review_dialog: QWidget | None = None

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
        self.review_button = QPushButton(self.tr("Review or close the flag…"))
        self.review_button.setAccessibleName(self.tr("Review or close the selected risk flag"))
        self.review_button.clicked.connect(self.review_flag)
        self.huddle.currentItemChanged.connect(self._update_review_button)
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
            if tree is self.huddle:
                inner.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignRight)
            tree.itemActivated.connect(self._activated)
            grid.addWidget(group, index // 2, index % 2)
            self.counts[tree] = group
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        self.lists = QWidget()
        self.lists.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.with_me_panel = WithMePanel()
        self.with_me_panel.set_store(store)
        self.with_me_panel.open_present.connect(self.open_present.emit)
        self.body = QStackedWidget()
        self.body.addWidget(self.lists)
        self.body.addWidget(self.with_me_panel)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.body, 1)
        self.setFocusProxy(self.mine)
        self._update_review_button()
        if store is not None:
            self.refresh()

    def set_store(self, store: Store) -> None:
        """Use the store just unlocked (the page may be built before it is) and load."""
        self.store = store
        self.with_me_panel.set_store(store)
        self.refresh()

    def set_with_me(self, on: bool) -> None:
        """Someone is with the practitioner: empty the lists and show the calm panel
        (``on``), or show the lists again and reload them."""
        if on == self.with_me:
            return
        self.with_me = on
        self.with_me_panel.reset()
        if on:
            if self.review_dialog is not None:
                self.review_dialog.close()
            self.data = None
            for tree in self.counts:
                tree.clear()
            self.body.setCurrentWidget(self.with_me_panel)
            self.setFocusProxy(self.with_me_panel)
        else:
            self.body.setCurrentWidget(self.lists)
            self.setFocusProxy(self.mine)
            self.refresh()
        self.refresh_button.setVisible(not on)
        self._update_review_button()

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
        if self.with_me:            # someone is with the practitioner: show none of it
            self.status.setText("")
            self.loaded.emit()
            return
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
            self.huddle.add(row.id, [row.name, level, concern[0] if concern else ""],
                            flag_id=flag["id"])
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
        self._update_review_button()
        self.loaded.emit()

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        person_id = item.data(0, ID_ROLE)
        if person_id:
            self.open_person.emit(person_id)


    def _update_review_button(self, *_args: object) -> None:
        item = self.huddle.currentItem()
        self.review_button.setEnabled(not self.with_me and item is not None
                                      and bool(item.data(0, FLAG_ROLE)))

    def review_flag(self) -> None:
        """Open the review of the selected huddle flag; the lists reload once it is saved."""
        item = self.huddle.currentItem()
        if self.with_me or self.data is None or self.store is None or item is None:
            return
        flag_id = item.data(0, FLAG_ROLE)
        found = next(((row, flag) for row, flag in self.data.huddle if flag["id"] == flag_id),
                     None)
        if found is None:
            return
        from outreach.ui.person.risk import RiskReviewDialog

        row, flag = found
        if self.review_dialog is not None:
            self.review_dialog.close()
        person = {"id": row.id, "given_name": row.given_name, "family_name": row.family_name,
                  "preferred_name": row.preferred_name}
        dialog = RiskReviewDialog(self.store, flag, person=person, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.refresh)
        dialog.finished.connect(lambda _result: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.show()           # not modal: F9 and Ctrl+L still reach the main window
        dialog.raise_()
        dialog.activateWindow()
