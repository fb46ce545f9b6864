"""The conversations timeline: newest first, each with its addenda.

A saved conversation never changes; a correction or an afterthought is an addendum,
added here with "Add addendum". New conversations are recorded in the
:class:`~outreach.ui.conversation.ConversationDialog`, opened non-modally so the person's
file stays visible beside it.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import conversations as conv_ops
from outreach.ops import drafts as draft_ops
from outreach.ui.drafts import DraftKeeper
from outreach.ui.person.widgets import (
    Section,
    action_button,
    bind_to_person,
    nice_date,
    person_name,
    text_box,
    tr_label,
    who_line,
)

CONV = rk.CONVERSATION


def conversation_title(c: dict[str, Any]) -> str:
    """``31 Mar 2026 · Outdoors · Support`` for the list."""
    parts = [nice_date(c.get("occurred_at")),
             tr_label(CONV.field("setting").choice_label(c.get("setting"))),
             tr_label(CONV.field("type").choice_label(c.get("type")))]
    if c.get("addenda"):
        n = len(c["addenda"])
        parts.append(QCoreApplication.translate("Timeline", "1 addendum") if n == 1 else
                     QCoreApplication.translate("Timeline", "%1 addenda").replace("%1", str(n)))
    return " · ".join(p for p in parts if p)


def conversation_html(c: dict[str, Any]) -> str:
    """The whole conversation, read-only, with its addenda after it."""
    def para(text: str) -> str:
        return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()
                       if line.strip())

    when = c.get("occurred_at") or ""
    out = [f"<h3>{html.escape(conversation_title(c))}</h3>",
           f"<p><i>{html.escape(when[11:16])}"
           + (f" · {html.escape(c['present'])}" if c.get("present") else "") + "</i></p>",
           para(c.get("notes") or "")]
    if c.get("follow_ups") or c.get("follow_up_on"):
        out.append("<h4>" + html.escape(tr_label("Follow-ups")) + "</h4>")
        out.append(para(c.get("follow_ups") or ""))
        if c.get("follow_up_on"):
            out.append("<p>" + html.escape(tr_label("Follow up by")) + ": "
                       + html.escape(nice_date(c["follow_up_on"])) + "</p>")
    if c.get("risk_checked"):
        out.append("<p>" + html.escape(tr_label("Talked about how safe they feel")) + "</p>")
    for a in c.get("addenda") or []:
        out.append("<hr><h4>" + html.escape(tr_label("Addendum")) + " · "
                   + html.escape(nice_date(a.get("created_at"))) + "</h4>")
        out.append(para(a.get("text") or ""))
    return "".join(out)


class AddendumDialog(QDialog):
    """Ask for the text of an addendum to one conversation of one person.

    Bound when made: ``conversation_id`` and ``person_id`` never follow the file the main
    window shows afterwards (a sync may refresh it while this modal dialog is open).
    With ``store``, the text autosaves as an ``addendum`` draft (:mod:`outreach.ui.drafts`)
    that comes back the next time an addendum to the same conversation is started; the op
    that adds the addendum discards it.
    """

    def __init__(self, parent: QWidget | None = None, *,
                 person: dict[str, Any] | None = None,
                 conversation: dict[str, Any] | None = None, store: Any = None) -> None:
        super().__init__(parent)
        self.person_id = str((person or {}).get("id") or "")
        self.conversation_id = str((conversation or {}).get("id") or "")
        name = person_name(person)
        self.setWindowTitle(self.tr("Addendum for %1").replace("%1", name) if name
                            else self.tr("Add an addendum"))
        self.setAccessibleName(self.windowTitle())
        self.who = who_line(person or {}, parent=self)
        self.about = QLabel(self.tr("To the conversation of %1").replace(
            "%1", conversation_title(conversation)) if conversation else "", self)
        self.about.setWordWrap(True)
        if self.person_id:
            bind_to_person(self, person_id=self.person_id,
                           what=self.tr("the addendum for %1").replace("%1", name))
        self.text = text_box(name=self.tr("Addendum"), lines=5, parent=self,
                             placeholder=self.tr("A correction or something to add. The "
                                                 "conversation itself stays as it was."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Add addendum"))
        self.ok.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.draft_note = QLabel(self)
        self.draft_note.setWordWrap(True)
        self.draft_note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.about)
        layout.addWidget(self.text)
        layout.addWidget(self.draft_note)
        layout.addWidget(buttons)
        self.drafts = DraftKeeper(kind="addendum", collect=self._draft_data, parent=self)
        if store is not None and self.conversation_id:
            self.drafts.bind(store, person_id=self.person_id or None)
            self._restore_draft(store)
        self.text.textChanged.connect(self.drafts.changed)

    def _restore_draft(self, store: Any) -> None:
        try:
            found = [d for d in draft_ops.drafts(store, self.person_id or None, kind="addendum")
                     if (d.get("data") or {}).get("conversation_id") == self.conversation_id]
        except Exception:  # noqa: BLE001 - a broken draft must not stop an addendum
            return
        if found:
            self.drafts.resume(found[-1]["id"])
            self.text.setPlainText(found[-1]["data"].get("text") or "")
            self.draft_note.setText(self.tr("Your unsaved addendum from last time is back."))
            self.draft_note.setVisible(True)

    def _draft_data(self) -> dict[str, Any] | None:
        text = self.text.toPlainText()
        return {"conversation_id": self.conversation_id, "text": text} if text.strip() \
            else None

    def accept(self) -> None:
        self.drafts.save_now()      # kept until the addendum is in: the op discards it
        super().accept()

    def reject(self) -> None:
        self.drafts.save_now()      # closing keeps what was typed, as conversations do
        super().reject()


class TimelineSection(Section):
    """Conversations newest first; record a new one; add an addendum to one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversations"))
        self.record_button = action_button(self.tr("R&ecord a conversation…"),
                                           name=self.tr("Record a conversation"),
                                           on_click=self.record_conversation, parent=self)
        self.addendum_button = action_button(self.tr("Add &addendum…"),
                                             name=self.tr("Add an addendum to this conversation"),
                                             on_click=self.ask_addendum, parent=self)

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Conversations, newest first"))
        self.list.currentRowChanged.connect(self._show_current)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("The conversation"))
        self.detail.setOpenLinks(False)
        self.empty = QLabel(self.tr("No conversations yet: Record a "
                                    "conversation (Alt+E) adds the first."), self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.record_button)
        top.addWidget(self.addendum_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.dialog: Any = None
        self.addendum_dialog: AddendumDialog | None = None

    def show_file(self, pf: Any) -> None:
        keep = self.current_id()
        self.file = pf
        self.list.blockSignals(True)
        self.list.clear()
        convs = pf.conversations if pf is not None else []
        row = 0
        for n, c in enumerate(convs):
            item = QListWidgetItem(conversation_title(c))
            item.setData(Qt.ItemDataRole.UserRole, c["id"])
            item.setToolTip((c.get("notes") or "")[:200])
            self.list.addItem(item)
            if c["id"] == keep:
                row = n
        self.list.blockSignals(False)
        self.empty.setVisible(not convs)
        self.addendum_button.setEnabled(bool(convs))
        self.record_button.setEnabled(pf is not None)
        if convs:
            self.list.setCurrentRow(row)
            self._show_current(row)
        else:
            self.detail.clear()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _conversation(self, conversation_id: str | None) -> dict[str, Any] | None:
        for c in (self.file.conversations if self.file is not None else []):
            if c["id"] == conversation_id:
                return c
        return None

    def _show_current(self, _row: int) -> None:
        c = self._conversation(self.current_id())
        self.detail.setHtml(conversation_html(c) if c else "")

    def add_addendum(self, text: str, *, conversation_id: str | None = None,
                     draft_id: str | None = None) -> bool:
        """Add ``text`` as an addendum to ``conversation_id`` (the selected conversation
        if not given), discarding its draft; True when saved."""
        conversation_id = conversation_id or self.current_id()
        if not conversation_id or not text.strip():
            return False
        return self.run_op(lambda store: conv_ops.add_addendum(
            store, conversation_id=conversation_id, text=text.strip(),
            draft_id=draft_id)) is not None

    def ask_addendum(self) -> AddendumDialog | None:
        """Ask for an addendum to the selected conversation (window-modal). The dialog is
        bound to that conversation and person when it opens."""
        conversation = self._conversation(self.current_id())
        if conversation is None or self.file is None:
            return None
        dialog = AddendumDialog(self, person=self.file.person, conversation=conversation,
                                store=self.store)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_addendum(
            dialog.text.toPlainText(), conversation_id=dialog.conversation_id,
            draft_id=dialog.drafts.draft_id))
        self.addendum_dialog = dialog
        dialog.open()
        return dialog

    def record_conversation(self) -> None:
        """Open the conversation dialog beside the file; reload when it is saved."""
        if self.store is None or self.file is None:
            return
        from outreach.ui.conversation import open_conversation

        self.dialog = open_conversation(self.store, self.person_id, parent=self,
                                        person=self.file.person)
        self.dialog.saved.connect(lambda _id: self.changed.emit())
