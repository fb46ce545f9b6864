"""Today: my caseload, people waiting for a first conversation (oldest first), follow-ups
due (with the huddle actions I own: *Mark done*), care-plan reviews due or overdue (*Record
the review…*), and the team's huddle list of open risk flags: flags past their review date
first, each saying plainly how late it is, with a line above the lists when any is
overdue. *Record the huddle…* and *Past huddles…* write and read huddle records
(:mod:`outreach.ui.huddle`).

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

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
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
from outreach.ui.text import choice_label, fmt_date, how_long, plural, status_text
from outreach.ui.with_me import WithMePanel

ID_ROLE = Qt.ItemDataRole.UserRole
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1     # the huddle's rows: the flag's id
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2   # follow-up rows that are huddle actions
EPISODE_ROLE = Qt.ItemDataRole.UserRole + 3  # review rows: the episode's id


def flag_review_text(flag: dict, on: dt.date) -> str:
    """How an open flag's review stands, plainly: ``OVERDUE by 5 months`` first."""
    state, days = today_ops.flag_state(flag, on)
    if state == "overdue":
        return _tr("OVERDUE by %1").replace("%1", how_long(days))
    if state == "no_date":
        return _tr("No review date: set one")
    return _tr("Review due today") if days == 0 else \
        _tr("Review by %1").replace("%1", fmt_date(flag.get("review_on")))


def review_due_text(episode: dict, on: dt.date) -> str:
    late = today_ops.days_late(episode.get("review_on"), on) or 0
    if late > 0:
        return _tr("Overdue by %1").replace("%1", how_long(late))
    return _tr("Due today") if late == 0 else \
        _tr("Due in %1").replace("%1", plural(-late, "{n} day", "{n} days"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


class _Banner(QLabel):
    """A word-wrapped line that does not make the page height-for-width: a page that is
    would be laid out by the window's scroll area at its preferred height (taller than a
    1366×768 screen) instead of fitting. It asks for the height its text needs at its
    current width, and asks again when that changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._need = 0

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def _needed(self) -> int:
        return super().heightForWidth(max(self.width(), 300))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(120, self._needed())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._needed())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        need = self._needed()
        if need != self._need:
            self._need = need
            self.updateGeometry()


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

    def add(self, person_id: str, cells: list[str], *, flag_id: str | None = None,
            role: Qt.ItemDataRole | None = None, value: str | None = None,
            strong: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(cells)
        item.setData(0, ID_ROLE, person_id)
        if flag_id:
            item.setData(0, FLAG_ROLE, flag_id)
        if role is not None:
            item.setData(0, role, value)
        for col, text in enumerate(cells):
            item.setToolTip(col, text)
            if strong:
                font = item.font(col)
                font.setBold(True)
                item.setFont(col, font)
        self.addTopLevelItem(item)
        return item


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
                            [self.tr("Name"), self.tr("Level"), self.tr("Review"),
                             self.tr("Concern")], stretch=3)
        self.reviews = _List(self.tr("Care plan reviews due"),
                             [self.tr("Name"), self.tr("Review by"), self.tr("When")],
                             stretch=2)
        self.overdue_line = _Banner(self)
        self.overdue_line.setAccessibleName(self.tr("Overdue risk flag reviews"))
        self.overdue_line.setAutoFillBackground(True)
        self.overdue_line.setForegroundRole(QPalette.ColorRole.HighlightedText)
        self.overdue_line.setBackgroundRole(QPalette.ColorRole.Highlight)
        self.overdue_line.setContentsMargins(8, 4, 8, 4)
        font = self.overdue_line.font()
        font.setBold(True)
        self.overdue_line.setFont(font)
        self.overdue_line.hide()
        self.record_review_button = QPushButton(self.tr("Record the review…"))
        self.record_review_button.setAccessibleName(
            self.tr("Record the care plan review of the selected person"))
        self.record_review_button.clicked.connect(self.record_review)
        self.reviews.currentItemChanged.connect(self._update_review_button)
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setAccessibleName(self.tr("Mark the selected huddle action done"))
        self.done_button.clicked.connect(self.mark_done)
        self.follow_ups.currentItemChanged.connect(self._update_review_button)
        self.huddle_button = QPushButton(self.tr("Record the huddle…"))
        self.huddle_button.setAccessibleName(
            self.tr("Record the huddle: who was there, people discussed, actions"))
        self.huddle_button.clicked.connect(self.record_huddle)
        self.past_button = QPushButton(self.tr("Past huddles…"))
        self.past_button.setAccessibleName(self.tr("Read past huddles"))
        self.past_button.clicked.connect(self.show_past_huddles)
        self.review_button = QPushButton(self.tr("Review or close the flag…"))
        self.review_button.setAccessibleName(self.tr("Review or close the selected risk flag"))
        self.review_button.clicked.connect(self.review_flag)
        self.huddle.currentItemChanged.connect(self._update_review_button)
        self.mine.setFocus()
        boxes = [
            (self.tr("&My caseload"), self.mine),
            (self.tr("Wa&iting for a first conversation"), self.waiting),
            (self.tr("F&ollow-ups due"), self.follow_ups),
            (self.tr("Care plan re&views due"), self.reviews),
            (self.tr("Today's &huddle: open risk flags, overdue reviews first"), self.huddle),
        ]
        buttons = {self.huddle: [self.huddle_button, self.past_button, self.review_button],
                   self.reviews: [self.record_review_button],
                   self.follow_ups: [self.done_button]}
        grid = QGridLayout()
        self.counts: dict[_List, QGroupBox] = {}
        for index, (title, tree) in enumerate(boxes):
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            inner.addWidget(tree)
            if tree in buttons:
                row = QHBoxLayout()
                row.addStretch(1)
                for button in buttons[tree]:
                    row.addWidget(button)
                inner.addLayout(row)
            tree.itemActivated.connect(self._activated)
            if tree is self.huddle:
                grid.addWidget(group, 2, 0, 1, 2)
            else:
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
        outer.addWidget(self.overdue_line)
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
            self.overdue_line.hide()
            self.overdue_line.clear()
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
        due: list[tuple[str, str, list[str], str | None]] = []
        for row, conv in data.follow_ups_due:
            text = (conv.get("follow_ups") or "").splitlines()
            due.append((conv.get("follow_up_on") or "", row.id,
                        [row.name, fmt_date(conv.get("follow_up_on")),
                         text[0] if text else ""], None))
        for row, action in data.actions:
            due.append((action.get("due_on") or "", row.id,
                        [row.name, fmt_date(action.get("due_on")),
                         self.tr("Huddle action: %1").replace("%1", action.get("action") or "")],
                        action["id"]))
        for _when, pid, cells, action_id in sorted(due, key=lambda d: d[0]):
            self.follow_ups.add(pid, cells, role=ACTION_ROLE, value=action_id)
        for row, episode in data.reviews_due:
            late = (today_ops.days_late(episode.get("review_on"), data.on) or 0) > 0
            self.reviews.add(row.id, [row.name, fmt_date(episode.get("review_on")),
                                      review_due_text(episode, data.on)],
                             role=EPISODE_ROLE, value=episode["id"], strong=late)
        for row, flag in data.huddle:
            concern = (flag.get("concern") or "").splitlines()
            level = choice_label("risk_flag", "level", flag.get("level"))
            overdue = today_ops.flag_state(flag, data.on)[0] == "overdue"
            self.huddle.add(row.id, [row.name, level, flag_review_text(flag, data.on),
                                     concern[0] if concern else ""],
                            flag_id=flag["id"], strong=overdue)
        self._show_overdue(data)
        empty_texts: dict[_List, str] = {self.mine: self.tr("Nobody on your caseload yet: "
                                                            "start a welcome (Ctrl+N)."),
                       self.waiting: self.tr("Nobody is waiting."),
                       self.follow_ups: self.tr("No follow-ups due."),
                       self.reviews: self.tr("No care plan reviews due in the next "
                                             "two weeks."),
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


    def _show_overdue(self, data: today_ops.Today) -> None:
        """The plain line above the lists when any open flag is past its review date."""
        overdue = data.flags_overdue
        if not overdue:
            self.overdue_line.hide()
            self.overdue_line.clear()
            return
        _row, worst = overdue[0]
        days = today_ops.flag_state(worst, data.on)[1]
        level = choice_label("risk_flag", "level", worst.get("level")).lower()
        text = plural(len(overdue), "{n} risk flag is past its review date",
                      "{n} risk flags are past their review date")
        text += self.tr(" (the first: a %1 flag, overdue by %2). They are first in the "
                        "huddle list: review them at today's huddle.").replace(
            "%1", level).replace("%2", how_long(days))
        self.overdue_line.setText(text)
        self.overdue_line.setAccessibleDescription(text)
        self.overdue_line.show()

    def _update_review_button(self, *_args: object) -> None:
        item = self.huddle.currentItem()
        self.review_button.setEnabled(not self.with_me and item is not None
                                      and bool(item.data(0, FLAG_ROLE)))
        item = self.reviews.currentItem()
        self.record_review_button.setEnabled(not self.with_me and item is not None
                                             and bool(item.data(0, EPISODE_ROLE)))
        item = self.follow_ups.currentItem()
        self.done_button.setEnabled(not self.with_me and item is not None
                                    and bool(item.data(0, ACTION_ROLE)))
        for button in (self.huddle_button, self.past_button):
            button.setEnabled(not self.with_me and self.store is not None)

    def _keep(self, dialog: QWidget) -> None:
        """Show a dialog beside the window, one at a time (not modal: F9 and Ctrl+L still
        reach the main window); it goes with the "someone is with me" view."""
        if self.review_dialog is not None:
            self.review_dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def record_review(self) -> None:
        """Open the care-plan review of the selected person; the lists reload once saved."""
        item = self.reviews.currentItem()
        if self.with_me or self.data is None or self.store is None or item is None:
            return
        episode_id = item.data(0, EPISODE_ROLE)
        found = next(((row, ep) for row, ep in self.data.reviews_due
                      if ep["id"] == episode_id), None)
        if found is None:
            return
        from outreach.ui.person.review import ReviewDialog

        row, episode = found
        dialog = ReviewDialog(self.store, episode, person=_person_of(row), parent=self)
        dialog.saved.connect(self.refresh)
        self._keep(dialog)

    def mark_done(self) -> None:
        """Mark the selected huddle action done and reload."""
        item = self.follow_ups.currentItem()
        action_id = item.data(0, ACTION_ROLE) if item is not None else None
        if self.with_me or self.store is None or not action_id:
            return
        from outreach.ops import huddle as huddle_ops

        try:
            huddle_ops.complete_action(self.store, action_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            from outreach.ui.person.widgets import error_text

            self.status.setText(error_text(exc))
            return
        self.status.setText(self.tr("Action marked done."))
        self.refresh()

    def record_huddle(self) -> None:
        """Open the huddle record: people with open flags are offered first."""
        if self.with_me or self.store is None:
            return
        from outreach.ui.huddle import HuddleDialog

        rows = self.data.team_people if self.data is not None else []
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.name] = counts.get(r.name, 0) + 1
        people = [(r.id, r.name if counts[r.name] == 1 else f"{r.name} · {r.id[:8]}")
                  for r in rows]
        owners = self.data.key_workers if self.data is not None else []
        dialog = HuddleDialog(self.store, people=people, owners=owners, parent=self)
        dialog.saved.connect(lambda _hid: self.refresh())
        self._keep(dialog)

    def show_past_huddles(self) -> None:
        if self.with_me or self.store is None:
            return
        from outreach.ui.huddle import HuddleHistoryDialog

        self._keep(HuddleHistoryDialog(self.store, parent=self))

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
        dialog = RiskReviewDialog(self.store, flag, person=_person_of(row), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.refresh)
        dialog.finished.connect(lambda _result: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.show()           # not modal: F9 and Ctrl+L still reach the main window
        dialog.raise_()
        dialog.activateWindow()


def _person_of(row: today_ops.PersonRow) -> dict[str, str]:
    """The names a record dialog needs, from a caseload row."""
    return {"id": row.id, "given_name": row.given_name, "family_name": row.family_name,
            "preferred_name": row.preferred_name}
