"""Small building blocks shared by the person view, the conversation dialog and the welcome
wizard: choice boxes fed from the record declarations, free-text boxes, a calm inline
message line, error wording, and the binding of a record dialog to its person.

Binding (issue 12.5): every dialog that writes a person's record is made with that
person's record, names them in its title and in its first line (:func:`who_line`: name,
date of birth, short record id, so two people with the same name can be told apart) and
is marked with :func:`bind_to_person`. The dialog writes with its own person id, never the
one the main window shows at the time; :func:`open_record_dialog_for_other` lets the main
window refuse to open another file behind it.

Threading: everything here lives on the UI thread. Nothing here touches the store.
Colours come from the palette only (roles, never literal colours) so dark mode works.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.core.validation import ValidationError
from outreach.ui.a11y import announce

CONTEXT = "records"


def tr_label(text: str) -> str:
    """A label declared as data in ``outreach.core.records``, passed through translation."""
    return QCoreApplication.translate(CONTEXT, text)


def choice_combo(choices: Sequence[tuple[str, str]], *, name: str,
                 blank: str | None = None, parent: QWidget | None = None) -> QComboBox:
    """A combo box of (code, label) choices; the code is the item data.

    With ``blank`` set, a first item with no code (``None``) and that label is added.
    """
    box = QComboBox(parent)
    box.setAccessibleName(name)
    if blank is not None:
        box.addItem(blank, None)
    for code, label in choices:
        box.addItem(tr_label(label), code)
    return box


def set_combo_code(box: QComboBox, code: str | None) -> None:
    """Select the item whose data is ``code`` (the first item if not found)."""
    index = box.findData(code)
    box.setCurrentIndex(index if index >= 0 else 0)


def text_box(*, name: str, placeholder: str = "", lines: int = 4,
             parent: QWidget | None = None) -> QPlainTextEdit:
    """A free-text box sized in lines of the current font (scales with the display).

    Tab moves focus to the next control rather than typing a tab, so the form stays
    keyboard friendly.
    """
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * max(2, lines) + 12)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return box


def line_edit(*, name: str, placeholder: str = "", parent: QWidget | None = None) -> QLineEdit:
    """A one-line field named for screen readers, with an optional example inside it."""
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def action_button(text: str, *, name: str, on_click: Callable[[], Any],
                  parent: QWidget | None = None) -> QPushButton:
    """A push button with its own screen-reader name, connected to ``on_click``."""
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.clicked.connect(on_click)
    return button


def record_list(headers: Sequence[str], *, name: str, stretch: int | None = None,
                wrap: bool = False, parent: QWidget | None = None) -> QTreeWidget:
    """A flat list of records with column headers (no tree decoration).

    Columns fit their contents; ``stretch`` names the column that takes the spare width
    (the last one when ``None``). ``wrap`` lets long text wrap within its row.
    """
    tree = QTreeWidget(parent)
    tree.setAccessibleName(name)
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setWordWrap(wrap)
    header = tree.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return tree


def check_list(choices: Sequence[tuple[str, str]], *, name: str, columns: int = 1,
               parent: QWidget | None = None) -> tuple[QWidget, dict[str, QCheckBox]]:
    """Check boxes, one per choice, in ``columns`` columns (filled row by row); returns
    the container and the boxes by code. Tab order follows reading order."""
    holder = QWidget(parent)
    holder.setAccessibleName(name)
    layout = QGridLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    boxes: dict[str, QCheckBox] = {}
    for n, (code, label) in enumerate(choices):
        box = QCheckBox(tr_label(label), holder)
        box.setAccessibleName(tr_label(label))
        layout.addWidget(box, n // columns, n % columns)
        boxes[code] = box
    return holder, boxes


def checked_codes(boxes: dict[str, QCheckBox]) -> list[str]:
    return [code for code, box in boxes.items() if box.isChecked()]


def set_checked_codes(boxes: dict[str, QCheckBox], codes: Iterable[str]) -> None:
    wanted = set(codes or ())
    for code, box in boxes.items():
        box.setChecked(code in wanted)


class MessageLine(QLabel):
    """An inline message under a form. Errors are shown in bold rather than in a colour
    (a fixed colour would break dark mode); screen readers read every message out when
    it shows (:func:`outreach.ui.a11y.announce`). An error goes as soon as the user
    edits a field of the form it is about (the fields of the line's parent widget).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(QCoreApplication.translate("MessageLine", "Message"))
        self._error = False
        self._watched: set[int] = set()
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, error=True)
        self._watch_fields()

    def show_info(self, text: str) -> None:
        self._show(text, error=False)

    def _show(self, text: str, *, error: bool) -> None:
        self._error = error
        self.setText(text)
        font = self.font()
        font.setBold(error)
        self.setFont(font)
        self.show()
        announce(self, text)

    def clear_message(self) -> None:
        self._error = False
        self.clear()
        self.hide()
        announce(self, "")

    def _field_edited(self, *_: Any) -> None:
        if self._error:
            self.clear_message()

    def _watch_fields(self) -> None:
        """Clear the error when the user edits any field next to it (signals the user's
        own edits send, so a form filled in by the program keeps its error)."""
        host = self.parentWidget()
        if host is None:
            return
        for field in host.findChildren(QWidget):
            if id(field) in self._watched:
                continue
            signal = _edited_signal(field)
            if signal is not None:
                signal.connect(self._field_edited)
                self._watched.add(id(field))


def _edited_signal(field: QWidget) -> Any:
    """The signal a field sends when the user changes it (``None``: not a field)."""
    if isinstance(field, QLineEdit):
        return field.textEdited
    if isinstance(field, QPlainTextEdit | QTextEdit) and not field.isReadOnly():
        return field.textChanged
    if isinstance(field, QComboBox):
        return field.activated
    if isinstance(field, QCheckBox | QRadioButton):
        return field.clicked
    if isinstance(field, QDateTimeEdit):
        return field.dateTimeChanged
    if isinstance(field, QSpinBox):
        return field.valueChanged
    return None


def error_text(exc: BaseException) -> str:
    """Words for a practitioner from an error raised by an op."""
    if isinstance(exc, ValidationError):
        lines = [f"{e.field}: {e.message}" for e in exc.errors]
        return "\n".join(lines) or str(exc)
    if isinstance(exc, KeyError):
        return QCoreApplication.translate("errors", "That record could not be found. "
                                                    "It may have been removed.")
    return str(exc) or exc.__class__.__name__


def scrolling(inner: QWidget, *, parent: QWidget | None = None) -> QScrollArea:
    """Wrap a form in a frameless scroll area so it fits 1366×768 at 150% scaling.

    The area itself takes no focus: Tab goes straight to the fields (each scrolled into
    view as it gets the focus), never to an invisible stop round the whole form."""
    area = QScrollArea(parent)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


def chip(text: str, *, parent: QWidget | None = None, strong: bool = False) -> QLabel:
    """A small rounded label ("chip") drawn with palette roles only."""
    label = QLabel(text, parent)
    label.setAccessibleName(text)
    label.setAutoFillBackground(True)
    label.setForegroundRole(QPalette.ColorRole.HighlightedText if strong
                            else QPalette.ColorRole.WindowText)
    label.setBackgroundRole(QPalette.ColorRole.Highlight if strong
                            else QPalette.ColorRole.AlternateBase)
    label.setContentsMargins(8, 2, 8, 2)
    return label


def qdate(value: str | None) -> QDate:
    """A ``YYYY-MM-DD`` string as a QDate (today if empty or unreadable)."""
    if value:
        parsed = QDate.fromString(value[:10], Qt.DateFormat.ISODate)
        if parsed.isValid():
            return parsed
    return QDate.currentDate()


def iso_datetime(value: QDateTime) -> str:
    """A QDateTime as ISO 8601 with the local offset (what a DATETIME field wants)."""
    stamp = dt.datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()
    return stamp.isoformat(timespec="seconds")


def qdatetime(value: str | None) -> QDateTime:
    """An ISO 8601 date-time as a QDateTime (now if empty or unreadable)."""
    if value:
        try:
            return QDateTime.fromSecsSinceEpoch(int(dt.datetime.fromisoformat(value)
                                                    .timestamp()))
        except ValueError:
            pass
    return QDateTime.currentDateTime()


def iso(date: QDate) -> str:
    return date.toString(Qt.DateFormat.ISODate)


def nice_date(value: str | None) -> str:
    """``2026-03-31`` → ``31 Mar 2026`` (UK order); the input if unreadable."""
    if not value:
        return ""
    try:
        parsed = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{parsed.day} {parsed.strftime('%b %Y')}"


# -- binding a record dialog to its person -----------------------------------------------------
BOUND_PERSON = "bound_person_id"      # dynamic property on a bound dialog: the person's id
BOUND_WHAT = "bound_what"             # ... and what it is, "the conversation with Aisha Khan"


def person_name(person: Mapping[str, Any] | None) -> str:
    """The name a person is called by on screen (preferred name first)."""
    return rk.title_of({**person, "kind": "person"}) if person else ""


def who_text(person: Mapping[str, Any]) -> str:
    """``Aisha Khan · born 3 Apr 1990 · record 1a2b3c4d``: enough to tell two people with
    the same name apart (the short id is the start of the person's record id)."""
    tr = QCoreApplication.translate
    bits = [person_name(person) or tr("Binding", "(no name)")]
    if person.get("date_of_birth"):
        bits.append(tr("Binding", "born %1").replace("%1", nice_date(person["date_of_birth"])))
    if person.get("id"):
        bits.append(tr("Binding", "record %1").replace("%1", str(person["id"])[:8]))
    return " · ".join(bits)


def who_line(person: Mapping[str, Any], *, parent: QWidget | None = None) -> QLabel:
    """The first line of a record dialog: whose record this is, in bold."""
    label = QLabel(who_text(person), parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(QCoreApplication.translate("Binding", "Whose record"))
    label.setAccessibleDescription(label.text())
    return label


def bind_to_person(dialog: QWidget, *, person_id: str, what: str) -> None:
    """Mark ``dialog`` as writing ``person_id``'s record; ``what`` names it in a sentence
    ("the conversation with Aisha Khan") for the main window's "finish … first"."""
    dialog.setProperty(BOUND_PERSON, person_id)
    dialog.setProperty(BOUND_WHAT, what)


def open_record_dialog_for_other(person_id: str | None) -> QWidget | None:
    """A visible record dialog bound to someone other than ``person_id``, if any."""
    for widget in QApplication.topLevelWidgets():
        bound = widget.property(BOUND_PERSON)
        if bound and bound != person_id and widget.isVisible():
            return widget
    return None


def bound_what(dialog: QWidget) -> str:
    return str(dialog.property(BOUND_WHAT) or "")


class Section(QWidget):
    """A part of the person view: shows a :class:`PersonFile`, edits through ops.

    Subclasses implement ``show_file(pf)`` (``None`` clears) and call :meth:`run_op` for
    every write: it runs the op on the UI thread (small local writes), shows a clear error
    in the section's message line if it fails, and emits ``changed`` when it succeeds so
    the person view reloads everything.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Any = None
        self.file: Any = None
        self.message = MessageLine(self)

    def set_store(self, store: Any) -> None:
        self.store = store

    @property
    def person_id(self) -> str:
        """The shown person's id ("" when none is shown; actions are disabled then)."""
        return str(self.file.person["id"]) if self.file is not None else ""

    def show_file(self, pf: Any) -> None:  # pragma: no cover - overridden
        self.file = pf

    def present(self, pf: Any) -> None:
        """Show ``pf``; when it is another person's file, first forget what was said and
        typed about the previous person (their messages, half-typed inputs). A refresh of
        the same person's file keeps the message ("Saved.")."""
        new_id = str(pf.person["id"]) if pf is not None else ""
        if new_id != self.person_id:
            self.message.clear_message()
            self.forget_typing()
        self.show_file(pf)

    def forget_typing(self) -> None:
        """Clear inputs typed for the previous person (override where a section has some)."""

    def run_op(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call an op; on failure say why and return ``None``; on success emit ``changed``."""
        self.message.clear_message()
        if self.store is None:
            return None
        try:
            result = fn(self.store, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing half-written
            logging.getLogger(__name__).error("op %s failed: %s",
                                              getattr(fn, "__name__", "op"),
                                              type(exc).__name__)
            self.message.show_error(error_text(exc))
            return None
        self.changed.emit()
        return result


def lay_out_record_dialog(dialog: QDialog, parts: Sequence[QWidget | QLayout], *,
                          save_text: str) -> QPushButton:
    """Stack ``parts`` (the person line first) above Save and Cancel; returns Save.

    Save accepts through the dialog's own ``save()`` (which validates and closes), Cancel
    rejects. UI thread only."""
    buttons = QDialogButtonBox(dialog)
    save = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.save)  # type: ignore[attr-defined]
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(buttons)
    return save
