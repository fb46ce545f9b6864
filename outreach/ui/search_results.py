"""Full-text search results: one row per hit, the person's name and what matched, with the
matched words in bold inside a short snippet.

A real item model (QStandardItemModel) in a list view with a small rich-text delegate; no
widget per row. Threading: UI thread only.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from outreach.store.search import MARK_END, MARK_START, SearchHit

PERSON_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """Escape a snippet and turn the search's match marks into bold."""
    text = html.escape(snippet.replace("\n", " "))
    return text.replace(html.escape(MARK_START), "<b>").replace(html.escape(MARK_END), "</b>")


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's ``HTML_ROLE`` text with palette colours (light and dark)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                  ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + 4, opt.rect.top() + 2)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # type: ignore[no-untyped-def]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.rect.width() <= 0 and opt.widget is not None:
            opt.rect.setWidth(opt.widget.width())
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 4)


class SearchResults(QWidget):
    """The hit list. Signal ``open_person(person_id)`` on Enter or double-click."""

    open_person = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(HtmlDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_hits(self, hits: Sequence[SearchHit], text: str, *,
                  names: Mapping[str, str] | None = None) -> None:
        """Replace the list with ``hits`` (``names``: person id to display name)."""
        self.model.clear()
        names = names or {}
        for hit in hits:
            who = names.get(hit.person_id or "", "") or (hit.title if hit.kind == "person"
                                                         else "")
            what = self.tr("name") if hit.kind == "person" else hit.title.lower()
            head = f"<b>{html.escape(who)}</b> — {html.escape(what)}" if who else \
                f"<b>{html.escape(hit.title)}</b>"
            body = "" if hit.kind == "person" else f"<br>{snippet_html(hit.snippet)}"
            item = QStandardItem()
            item.setData(head + body, HTML_ROLE)
            item.setData(f"{who} {hit.title}: {hit.plain_snippet()}",
                         Qt.ItemDataRole.AccessibleTextRole)
            item.setData(hit.person_id, PERSON_ROLE)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def rows(self) -> list[str]:
        """The plain text of each row (tests and accessibility)."""
        return [self.model.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
                for i in range(self.model.rowCount())]

    def open_current(self) -> None:
        self._activated(self.view.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(PERSON_ROLE):
            self.open_person.emit(index.data(PERSON_ROLE))
