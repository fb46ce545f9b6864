"""The huddle as a record: :class:`HuddleDialog` writes one (date, who was there, notes
for the team, the people discussed with what was said, actions with an owner and a due
date); :class:`HuddleHistoryDialog` reads past huddles back. Both open from Today's
huddle box. Actions then appear in their owner's follow-ups on Today.

The people offered are the ones Today already loaded (those with open risk flags first,
then everyone being supported or waiting), so the dialog runs no query of its own to open.

Threading: UI thread only; saving is one small local transaction (ops.huddle), and reading
a past huddle reads a handful of records.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import huddle as huddle_ops
from outreach.ui.person.widgets import (
    MessageLine,
    error_text,
    iso,
    nice_date,
    scrolling,
    text_box,
    tr_label,
)

ROW_ROLE = Qt.ItemDataRole.UserRole


def _person_combo(people: Sequence[tuple[str, str]], *, name: str,
                  parent: QWidget) -> QComboBox:
    """A person chooser: type a few letters of the name to narrow it down."""
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for pid, label in people:
        box.addItem(label, pid)
    completer = box.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCurrentIndex(-1)
    box.lineEdit().setPlaceholderText(parent.tr("Type a name…"))
    return box


def _chosen(box: QComboBox) -> tuple[str, str] | None:
    """The person picked in ``box`` (id, name), or ``None`` if the text names nobody."""
    index = box.findText(box.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    if index < 0:
        return None
    return str(box.itemData(index)), box.itemText(index)


class HuddleDialog(QDialog):
    """Record today's huddle. ``people``: (person id, name) to choose from; ``owners``:
    user names offered as action owners (any name can be typed). ``saved(huddle_id)``
    after the op wrote; the dialog then closes."""

    saved = Signal(str)

    def __init__(self, store: Any, *, people: Sequence[tuple[str, str]],
                 owners: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Record the huddle"))
        me = getattr(store, "user", "") or ""
        self.held_on = QDateEdit(self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("d MMM yyyy")
        self.held_on.setAccessibleName(self.tr("Date of the huddle"))
        self.held_on.setMaximumDate(QDate.currentDate())
        self.held_on.setDate(QDate.currentDate())
        self.attendees = QLineEdit(me, self)
        self.attendees.setAccessibleName(self.tr("Who was there"))
        self.attendees.setPlaceholderText(self.tr("Names, separated by commas"))
        self.notes = text_box(name=self.tr("Notes for the team"), lines=2, parent=self,
                              placeholder=self.tr("Anything for the whole team (no "
                                                  "personal details here)"))

        talk = QGroupBox(self.tr("People discussed"), self)
        self.talk_person = _person_combo(people, name=self.tr("Person discussed"),
                                         parent=talk)
        self.talk_notes = QLineEdit(talk)
        self.talk_notes.setAccessibleName(self.tr("What the team said"))
        self.talk_notes.setPlaceholderText(self.tr("What the team said"))
        self.add_talk_button = QPushButton(self.tr("Add person"), talk)
        self.add_talk_button.clicked.connect(self.add_discussed)
        self.discussed = QListWidget(talk)
        self.discussed.setAccessibleName(self.tr("People discussed"))
        self.remove_talk_button = QPushButton(self.tr("Remove"), talk)
        self.remove_talk_button.setAccessibleName(self.tr("Remove the selected person"))
        self.remove_talk_button.clicked.connect(
            lambda: self._remove(self.discussed.currentRow(), self.discussed))
        row = QHBoxLayout()
        row.addWidget(self.talk_person, 1)
        row.addWidget(self.talk_notes, 2)
        row.addWidget(self.add_talk_button)
        tl = QVBoxLayout(talk)
        tl.addLayout(row)
        tl.addWidget(self.discussed)
        tl.addWidget(self.remove_talk_button, 0, Qt.AlignmentFlag.AlignRight)

        acts = QGroupBox(self.tr("Actions"), self)
        self.act_person = _person_combo(people, name=self.tr("Action about"), parent=acts)
        self.act_text = QLineEdit(acts)
        self.act_text.setAccessibleName(self.tr("Action"))
        self.act_text.setPlaceholderText(self.tr("What is to be done"))
        self.act_owner = QComboBox(acts)
        self.act_owner.setEditable(True)
        self.act_owner.setAccessibleName(self.tr("Who will do it"))
        for name in dict.fromkeys([me, *owners]):
            if name:
                self.act_owner.addItem(name)
        self.act_due = QDateEdit(acts)
        self.act_due.setCalendarPopup(True)
        self.act_due.setDisplayFormat("d MMM yyyy")
        self.act_due.setAccessibleName(self.tr("Due by"))
        self.act_due.setMinimumDate(QDate.currentDate())
        self.act_due.setDate(QDate.currentDate().addDays(2))
        self.add_act_button = QPushButton(self.tr("Add action"), acts)
        self.add_act_button.clicked.connect(self.add_action)
        self.actions = QTreeWidget(acts)
        self.actions.setAccessibleName(self.tr("Actions agreed"))
        self.actions.setRootIsDecorated(False)
        self.actions.setHeaderLabels([self.tr("About"), self.tr("Action"),
                                      self.tr("Who"), self.tr("Due by")])
        self.remove_act_button = QPushButton(self.tr("Remove"), acts)
        self.remove_act_button.setAccessibleName(self.tr("Remove the selected action"))
        self.remove_act_button.clicked.connect(self._remove_action)
        form = QFormLayout()
        form.addRow(self.tr("About"), self.act_person)
        form.addRow(self.tr("Action"), self.act_text)
        form.addRow(self.tr("Who will do it"), self.act_owner)
        form.addRow(self.tr("Due by"), self.act_due)
        form.addRow("", self.add_act_button)
        al = QVBoxLayout(acts)
        al.addLayout(form)
        al.addWidget(self.actions)
        al.addWidget(self.remove_act_button, 0, Qt.AlignmentFlag.AlignRight)

        inner = QWidget(self)
        top = QFormLayout()
        top.addRow(self.tr("Date"), self.held_on)
        top.addRow(self.tr("Who was there"), self.attendees)
        top.addRow(self.tr("Notes for the team"), self.notes)
        il = QVBoxLayout(inner)
        il.addLayout(top)
        il.addWidget(talk)
        il.addWidget(acts)
        self.message = MessageLine(self)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save the huddle"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for button in (self.add_talk_button, self.add_act_button, self.remove_talk_button,
                       self.remove_act_button):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.held_on.setFocus()

    # -- building the lists ---------------------------------------------------------------
    def _discussed_ids(self) -> list[str]:
        return [self.discussed.item(i).data(ROW_ROLE)[0]
                for i in range(self.discussed.count())]

    def add_discussed(self) -> None:
        """Add the chosen person (and what was said) to the people discussed."""
        chosen = _chosen(self.talk_person)
        if chosen is None:
            self.message.show_error(self.tr("Choose who was discussed from the list, "
                                            "then add them."))
            self.talk_person.setFocus()
            return
        pid, name = chosen
        said = self.talk_notes.text().strip()
        if pid in self._discussed_ids():
            self.message.show_error(self.tr("%1 is already on the list.").replace("%1", name))
            return
        item = QListWidgetItem(f"{name} — {said}" if said else name)
        item.setData(ROW_ROLE, (pid, said))
        self.discussed.addItem(item)
        self.talk_notes.clear()
        self.talk_person.setCurrentIndex(-1)
        self.message.clear_message()

    def add_action(self) -> None:
        """Add an action (about a person, with an owner and a due date)."""
        chosen = _chosen(self.act_person)
        text = self.act_text.text().strip()
        owner = self.act_owner.currentText().strip()
        if chosen is None:
            self.message.show_error(self.tr("Choose who the action is about, then add it."))
            self.act_person.setFocus()
            return
        if not text or not owner:
            self.message.show_error(self.tr("Say what is to be done and who will do it, "
                                            "then add it."))
            (self.act_text if not text else self.act_owner).setFocus()
            return
        pid, name = chosen
        due = iso(self.act_due.date())
        item = QTreeWidgetItem([name, text, owner, nice_date(due)])
        item.setData(0, ROW_ROLE, {"person_id": pid, "action": text, "owner": owner,
                                   "due_on": due})
        self.actions.addTopLevelItem(item)
        self.act_text.clear()
        self.message.clear_message()

    def _remove(self, row: int, listing: QListWidget) -> None:
        if row >= 0:
            listing.takeItem(row)

    def _remove_action(self) -> None:
        item = self.actions.currentItem()
        if item is not None:
            self.actions.takeTopLevelItem(self.actions.indexOfTopLevelItem(item))

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Write the huddle; on a problem, say what to do and stay open."""
        if not self.attendees.text().strip():
            self.message.show_error(self.tr("Say who was at the huddle, then save."))
            self.attendees.setFocus()
            return
        discussed = [{"person_id": pid, "notes": said} for pid, said in
                     (self.discussed.item(i).data(ROW_ROLE)
                      for i in range(self.discussed.count()))]
        actions = [self.actions.topLevelItem(i).data(0, ROW_ROLE)
                   for i in range(self.actions.topLevelItemCount())]
        try:
            made = huddle_ops.record_huddle(
                self.store, held_on=iso(self.held_on.date()),
                attendees=self.attendees.text(), notes=self.notes.toPlainText(),
                discussed=discussed, actions=actions)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing written
            self.message.show_error(error_text(exc))
            return
        self.saved.emit(made.id or "")
        self.accept()


def huddle_html(rec: huddle_ops.HuddleRecord) -> str:
    """One huddle, read back: date, who was there, notes, people discussed, actions."""
    def esc(text: Any) -> str:
        return html.escape(str(text or ""), quote=False)

    tr = tr_label
    h = rec.huddle
    out = [f"<h3>{esc(tr('Huddle'))}, {esc(nice_date(h.get('held_on')))}</h3>",
           f"<p><b>{esc(tr('Who was there'))}:</b> {esc(h.get('attendees'))}</p>"]
    if h.get("notes"):
        out.append(f"<p><b>{esc(tr('Notes for the team'))}:</b> {esc(h['notes'])}</p>")
    out.append(f"<h4>{esc(tr('People discussed'))}</h4>")
    out.append("<ul>" + "".join(
        f"<li>{esc(name)}{': ' + esc(d['notes']) if d.get('notes') else ''}</li>"
        for name, d in rec.discussed) + "</ul>" if rec.discussed
        else f"<p>{esc(tr('Nobody was recorded as discussed.'))}</p>")
    out.append(f"<h4>{esc(tr('Actions'))}</h4>")
    status = rk.HUDDLE_ACTION.field("status")
    out.append("<ul>" + "".join(
        f"<li>{esc(name)}: {esc(a.get('action'))} — {esc(a.get('owner'))}, "
        f"{esc(tr('due'))} {esc(nice_date(a.get('due_on')))} "
        f"({esc(tr(status.choice_label(a.get('status'))))}"
        f"{', ' + esc(nice_date(a.get('done_on'))) if a.get('done_on') else ''})</li>"
        for name, a in rec.actions) + "</ul>" if rec.actions
        else f"<p>{esc(tr('No actions.'))}</p>")
    return "".join(out)


class HuddleHistoryDialog(QDialog):
    """Past huddles, newest first; the one selected is shown beside the list."""

    def __init__(self, store: Any, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Past huddles"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Past huddles"))
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("The huddle"))
        for h in huddle_ops.huddles(store):
            item = QListWidgetItem(f"{nice_date(h['held_on'])} · {h.get('attendees') or ''}")
            item.setData(ROW_ROLE, h["id"])
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._show)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("No huddles recorded yet: use Record the "
                                           "huddle… on Today."))

    def _show(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            self.text.clear()
            return
        try:
            rec = huddle_ops.read_huddle(self.store, item.data(ROW_ROLE))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.text.setPlainText(error_text(exc))
            return
        self.text.setHtml(huddle_html(rec))
