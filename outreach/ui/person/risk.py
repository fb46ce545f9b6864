"""Risk flags in front of the person.

:class:`RiskStrip` sits in the person's header. For each open flag it shows only
"Risk flag (high)", a *Show concern* button that reveals the concern until it is pressed
again or the file changes, and *Review or close…*; a *Risk flag history…* button lists
every flag of the person, open or closed, with who reviewed or closed it, when and why.
In the "someone is with me" view the whole strip is hidden.

:class:`RiskReviewDialog` reviews an open flag (what the review found, the next review
date, the level) or closes it (why); it is opened from the strip and from Today's huddle
and names the person in its title and first line. The ops record who (the store's user)
and when (today).

Threading: UI thread only; the writes are one small local update (ops.risk).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import drafts as draft_ops
from outreach.ops import risk as risk_ops
from outreach.ops.today import flag_state
from outreach.ui.drafts import DraftKeeper
from outreach.ui.person.widgets import (
    MessageLine,
    action_button,
    bind_to_person,
    choice_combo,
    error_text,
    lay_out_record_dialog,
    nice_date,
    person_name,
    qdate,
    set_combo_code,
    text_box,
    tr_label,
    who_line,
)
from outreach.ui.text import how_long

FLAG = rk.RISK_FLAG


def level_text(level: str | None) -> str:
    return tr_label(FLAG.field("level").choice_label(level)).lower()


class RiskRow(QWidget):
    """One open flag in the header: its level, the concern behind a click, review."""

    review = Signal(dict)

    def __init__(self, flag: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag = flag
        text = self.tr("Risk flag (%1)").replace("%1", level_text(flag["level"]))
        state, days = flag_state(flag, dt.date.today())
        if state == "overdue":      # plain words, no concern: safe on any tab
            text += self.tr(" · review overdue by %1").replace("%1", how_long(days))
        self.label = QLabel(text, self)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.show_button = QPushButton(self.tr("Show concern"), self)
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(self.tr("Show or hide the concern"))
        self.show_button.toggled.connect(self._reveal)
        self.review_button = action_button(self.tr("Review or close…"),
                                           name=self.tr("Review or close this risk flag"),
                                           on_click=lambda: self.review.emit(self.flag),
                                           parent=self)
        self.concern = QLabel(self)
        self.concern.setTextFormat(Qt.TextFormat.PlainText)
        self.concern.setWordWrap(True)
        self.concern.setAccessibleName(self.tr("Concern"))
        self.concern.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.show_button)
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.concern)

    def _reveal(self, on: bool) -> None:
        # The text is only in the label while it is shown.
        self.concern.setText(self.flag.get("concern", "") if on else "")
        self.concern.setVisible(on)
        self.show_button.setText(self.tr("Hide concern") if on else self.tr("Show concern"))

    def hide_concern(self) -> None:
        self.show_button.setChecked(False)


class RiskStrip(QWidget):
    """The risk part of the person's header; see the module docstring.

    ``changed()`` after a flag was reviewed or closed here (the view reloads the file).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Risk flags"))
        self.store: Any = None
        self.file: Any = None
        self.with_me = False
        self.rows: list[RiskRow] = []
        self.dialog: QDialog | None = None
        self.history_button = action_button(self.tr("Risk flag history…"),
                                            name=self.tr("Every risk flag, open or closed"),
                                            on_click=self.show_history, parent=self)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout, 1)
        layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def set_store(self, store: Any) -> None:
        self.store = store

    def show_file(self, pf: Any) -> None:
        """Show a person's open flags, every concern hidden (``None`` clears). A review
        dialog left open for someone else goes."""
        if self.dialog is not None and (pf is None or self.file is None or
                                        pf.person["id"] != self.file.person["id"]):
            self._close_dialog()
        self.file = pf
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for flag in pf.open_risks if pf is not None else []:
            row = RiskRow(flag, self)
            row.review.connect(self.review)
            self._rows_layout.addWidget(row)
            row.show()              # now, not at the next turn (the parent may be shown)
            self.rows.append(row)
        # Rows made now would come last for Tab: put them where they show, before History
        # (after the control before it: Qt ignores a widget that takes no focus here)
        before = self.history_button.previousInFocusChain()
        while before is not self.history_button and \
                before.focusPolicy() == Qt.FocusPolicy.NoFocus:
            before = before.previousInFocusChain()
        for row in self.rows:
            for button in (row.show_button, row.review_button):
                QWidget.setTabOrder(before, button)
                before = button
        if self.rows:
            QWidget.setTabOrder(before, self.history_button)
        self._update_visible()

    def set_with_me(self, on: bool) -> None:
        """In the "someone is with me" view nothing of the flags shows, not even a level."""
        self.with_me = on
        self.hide_concerns()
        if on:
            self._close_dialog()
        self._update_visible()

    def hide_concerns(self) -> None:
        for row in self.rows:
            row.hide_concern()

    def _update_visible(self) -> None:
        has_any = self.file is not None and bool(self.file.risk_flags)
        self.setVisible(has_any and not self.with_me)

    def _person(self) -> dict[str, Any]:
        return dict(self.file.person) if self.file is not None else {}

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None

    def _show_dialog(self, dialog: QDialog) -> None:
        """Beside the file, not modal: F9 and Ctrl+L still reach the main window. One at a
        time, and it goes when the file changes."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def review(self, flag: dict[str, Any]) -> None:
        """Open the review dialog for one of the shown flags."""
        if self.store is None or self.file is None or self.with_me:
            return
        self._close_dialog()
        dialog = RiskReviewDialog(self.store, flag, person=self._person(), parent=self)
        dialog.saved.connect(self.changed.emit)
        self._show_dialog(dialog)

    def show_history(self) -> None:
        """Every flag of the person, open or closed, with its reviews and closing."""
        if self.file is None or self.with_me:
            return
        self._close_dialog()
        dialog = RiskHistoryDialog(self.file.risk_flags, person=self._person(), parent=self)
        self._show_dialog(dialog)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def flag_html(flag: dict[str, Any]) -> str:
    """One flag for the history: level, concern, raised, last review, closing."""
    def line(label: str, text: str) -> str:
        return f"<p><b>{_esc(label)}</b> {_esc(text)}</p>"

    tr = tr_label
    status = tr(FLAG.field("status").choice_label(flag.get("status")))
    out = [f"<h3>{_esc(tr(FLAG.field('level').choice_label(flag.get('level'))))}"
           f" · {_esc(status)}</h3>",
           line(tr("Concern") + ":", flag.get("concern") or ""),
           line(tr("Raised on") + ":", f"{nice_date(flag.get('raised_on'))} · "
                f"{flag.get('created_by') or ''}")]
    if flag.get("reviewed_on"):
        out.append(line(tr("Last reviewed on") + ":",
                        f"{nice_date(flag['reviewed_on'])} · {flag.get('reviewed_by') or ''}"))
        out.append(line(tr("What the last review found") + ":", flag.get("review_note") or ""))
    if flag.get("status") == "open" and flag.get("review_on"):
        out.append(line(tr("Review by") + ":", nice_date(flag["review_on"])))
    if flag.get("status") == "closed":
        out.append(line(tr("Closed on") + ":", f"{nice_date(flag.get('closed_on'))} · "
                        f"{flag.get('closed_by') or ''}"))
        out.append(line(tr("Why it was closed") + ":", flag.get("close_reason") or ""))
    return "".join(out)


class RiskHistoryDialog(QDialog):
    """Read-only list of a person's risk flags, newest first, open and closed."""

    def __init__(self, flags: list[dict[str, Any]], *, person: Mapping[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Risk flags — %1").replace("%1", person_name(person)))
        self.person_line = who_line(person, parent=self)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("Risk flags, open and closed"))
        ordered = sorted(flags, key=lambda f: f.get("raised_on") or "", reverse=True)
        self.text.setHtml("<hr>".join(flag_html(f) for f in ordered)
                          or _esc(self.tr("No risk flags.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.person_line)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)


class RiskReviewDialog(QDialog):
    """Review an open flag (keep it open, next review date, level) or close it (why).

    ``saved()`` after the op wrote; the dialog then closes. Bound to one flag of one
    person (``bind_to_person``: the main window opens no other file behind it), named in
    the title and the first line. ``person`` is the person record, or at least its id and
    names.
    """

    saved = Signal()

    def __init__(self, store: Any, flag: dict[str, Any], *, person: Mapping[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.flag_id: str = flag["id"]
        self.person_id: str = flag.get("person_id") or str(person.get("id") or "")
        name = person_name(person)
        self.setWindowTitle(self.tr("Review risk flag — %1").replace("%1", name))
        bind_to_person(self, person_id=self.person_id,
                       what=self.tr("the review of %1's risk flag").replace("%1", name))
        self.person_line = who_line(person, parent=self)
        about = QLabel(self)
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setWordWrap(True)
        about.setText(flag_html(flag))
        about.setAccessibleName(self.tr("The flag"))

        self.keep_open = QRadioButton(self.tr("Keep the flag open"), self)
        self.close_flag = QRadioButton(self.tr("Close the flag"), self)
        self.keep_open.setChecked(True)
        self.level = choice_combo(rk.RISK_LEVELS, name=self.tr("Level"), parent=self)
        set_combo_code(self.level, flag.get("level"))
        self.review_on = QDateEdit(self)
        self.review_on.setCalendarPopup(True)
        self.review_on.setDisplayFormat("d MMM yyyy")
        self.review_on.setAccessibleName(self.tr("Next review by"))
        self.review_on.setMinimumDate(QDate.currentDate())
        self.review_on.setDate(qdate(flag.get("review_on")) if flag.get("review_on")
                               else QDate.currentDate().addDays(14))
        self.why = text_box(name=self.tr("What the review found, or why the flag can close"),
                            lines=4, parent=self,
                            placeholder=self.tr("What you talked about and what was decided"))
        self.keep_open.toggled.connect(self._update)
        self.message = MessageLine(self)

        form = QFormLayout()
        form.addRow(self.keep_open)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Next review by"), self.review_on)
        form.addRow(self.close_flag)
        form.addRow(self.tr("Why"), self.why)
        self.save_button = lay_out_record_dialog(
            self, [self.person_line, about, form, self.message],
            save_text=self.tr("Save review"))
        self._update()
        # what was typed is kept as a draft (outreach.ui.drafts) until the review is saved
        self.drafts = DraftKeeper(kind="risk_review", collect=self._draft_data, parent=self)
        self.drafts.bind(store, person_id=self.person_id or None)
        self._restore_draft()
        self.why.textChanged.connect(self.drafts.changed)
        self.keep_open.toggled.connect(self.drafts.changed)

    def _draft_data(self) -> dict[str, Any] | None:
        why = self.why.toPlainText()
        return {"flag_id": self.flag_id, "why": why, "close": self.close_flag.isChecked()} \
            if why.strip() else None

    def _restore_draft(self) -> None:
        try:
            found = [d for d in draft_ops.drafts(self.store, self.person_id or None,
                                                 kind="risk_review")
                     if (d.get("data") or {}).get("flag_id") == self.flag_id]
        except Exception:  # noqa: BLE001 - a broken draft must not stop a review
            return
        if found:
            data = found[-1]["data"]
            self.drafts.resume(found[-1]["id"])
            self.why.setPlainText(data.get("why") or "")
            (self.close_flag if data.get("close") else self.keep_open).setChecked(True)
            self.message.show_info(self.tr("What you typed last time is back."))

    def reject(self) -> None:
        self.drafts.save_now()          # closing keeps what was typed
        super().reject()

    def _update(self) -> None:
        keep = self.keep_open.isChecked()
        self.level.setEnabled(keep)
        self.review_on.setEnabled(keep)
        self.save_button.setText(self.tr("Save review") if keep else self.tr("Close the flag"))

    def save(self) -> None:
        """Write the review or the closing; on a problem, say what to do and stay open."""
        why = self.why.toPlainText()
        if not why.strip():
            self.message.show_error(
                self.tr("Say what the review found, or why the flag can close, then save.")
                if self.keep_open.isChecked() else
                self.tr("Say why the flag can close, then save."))
            self.why.setFocus()
            return
        try:
            if self.keep_open.isChecked():
                risk_ops.review_flag(self.store, self.flag_id, note=why,
                                     review_on=self.review_on.date().toString(
                                         Qt.DateFormat.ISODate),
                                     level=self.level.currentData())
            else:
                risk_ops.close_flag(self.store, self.flag_id, reason=why)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.message.show_error(error_text(exc))
            return
        self.drafts.discard()
        self.saved.emit()
        self.accept()
