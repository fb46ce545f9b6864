"""People: the whole caseload in one table with an instant filter, and full-text search
across notes and care plans with snippets.

The table is a real item model (:class:`PeopleModel`) behind a filter proxy
(:class:`PeopleFilter`); filtering 10,000 rows is one list comprehension over pre-folded
text plus a row lookup per row, well inside the 100 ms budget. Full-text search runs in the
background, debounced while typing. Keyboard: type to filter, Down moves into the list,
Enter opens a person, Ctrl+Enter (or the "Notes and care plans" switch) searches notes,
Escape clears.

Threading: UI thread; ops run through :func:`outreach.ui.background.run_in_background`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from outreach.core.records import RISK_LEVELS
from outreach.ops import people as people_ops
from outreach.ops.people import PersonRow
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.columns import fit_columns
from outreach.ui.search_results import SearchResults
from outreach.ui.text import (
    STATUS_WORDS,
    choice_label,
    fmt_date,
    plural,
    shortcut,
    status_text,
)

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Name", "Pronouns", "Key worker", "Status", "Days waiting", "Risk", "Last seen",
           "Follow up by")


class PeopleModel(QAbstractTableModel):
    """Rows of :class:`PersonRow`; read-only. ``ID_ROLE`` gives the person id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PersonRow] = []
        self.folded: list[str] = []
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.generation = 0        # bumped whenever the rows or their order change

    def set_rows(self, rows: list[PersonRow]) -> None:
        """Replace every row (kept in the current sort order)."""
        ordered, folded = prepare_rows(rows, self.sort_column, self.sort_order)
        self.set_prepared(ordered, folded)

    def set_prepared(self, rows: list[PersonRow], folded: list[str]) -> None:
        """Replace every row with rows already in the current sort order and their folded
        text (from :func:`prepare_rows`, which a worker thread can run)."""
        self.beginResetModel()
        self.generation += 1
        self.rows = rows
        self.folded = folded
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python in one go (a proxy sort would call ``data()`` ~200,000 times)."""
        self.sort_column, self.sort_order = column, order
        self.set_rows(self.rows)

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: PersonRow, col: int) -> str:
        if col == 0:
            return row.name
        if col == 1:
            return row.pronouns or ""
        if col == 2:
            return row.key_worker or ""
        if col == 3:
            return status_text(row.status)
        if col == 4:
            return str(row.days_waiting) if row.days_waiting is not None else ""
        if col == 5:
            return choice_label("risk_flag", "level", row.risk_level)
        if col == 6:
            return fmt_date(row.last_seen)
        return fmt_date(row.follow_up_on)


def _sort_key(col: int) -> Any:
    if col == 4:
        return lambda r: r.days_waiting if r.days_waiting is not None else -1
    if col == 5:
        return lambda r: {"high": 3, "medium": 2, "low": 1}.get(r.risk_level or "", 0)
    if col in (6, 7):
        attr = "last_seen" if col == 6 else "follow_up_on"
        return lambda r: getattr(r, attr) or ""
    return lambda r: (PeopleModel._text(r, col).casefold(), r.name.casefold())


def prepare_rows(rows: list[PersonRow], column: int, order: Qt.SortOrder
                 ) -> tuple[list[PersonRow], list[str]]:
    """The rows sorted by ``column`` and the text the filter matches, folded once.

    Pure Python with no widgets, so the caseload load runs it on its worker thread:
    sorting and folding 10,000 rows takes 50–150 ms, too long for the UI thread.
    """
    ordered = sorted(rows, key=_sort_key(column),
                     reverse=order == Qt.SortOrder.DescendingOrder)
    folded = [" ".join(filter(None, (r.name, r.preferred_name, r.given_name,
                                     r.family_name, r.key_worker))).casefold()
              for r in ordered]
    return ordered, folded


class PeopleFilter(QSortFilterProxyModel):
    """Filters by words in names and key worker, and by status; all words must match.

    Sorting is handed to :class:`PeopleModel` (the proxy itself keeps source order), and
    the words are matched against text folded once per load, so a keystroke costs one
    list comprehension plus one cheap ``filterAcceptsRow`` per row.

    Invariant: the accept list is only ever read for the rows it was built from. It is
    tagged with the model's ``generation``; when the model resets (a reload, a sort), Qt
    asks ``filterAcceptsRow`` about the *new* rows from inside ``endResetModel``, before
    the page can call :meth:`set_filter` again, so the list is rebuilt there for the
    current words. (Reading the old list for the new rows was the People-list crash of
    issue 12.1: an ``IndexError`` inside a Qt virtual when the caseload grew.)
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accept: list[bool] | None = None
        self._generation = -1
        self._people: PeopleModel | None = None   # the source, without a lookup per row
        self.text = ""
        self.status = ""

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 (Qt's name)
        """Only a :class:`PeopleModel` (its rows, folded text and generation are read)."""
        assert isinstance(model, PeopleModel)
        self._people = model
        self._accept, self._generation = None, -1
        super().setSourceModel(model)

    def _model(self) -> PeopleModel:
        assert self._people is not None, "set a PeopleModel as the source first"
        return self._people

    def set_filter(self, *, text: str, status: str = "") -> None:
        """Show the rows whose folded text holds every word of ``text`` (and ``status``)."""
        model = self._model()
        if (self._generation == model.generation and text == self.text
                and status == self.status):
            return      # these words over these rows are matched already (in the reset)
        previous = self._accept if self._generation == model.generation else None
        narrowing = (previous is not None and status == self.status and
                     bool(text.casefold().split()) and
                     text.casefold().startswith(self.text.casefold()))
        self.beginFilterChange()
        self.text, self.status = text, status
        self._accept = self._matches(model, within=previous if narrowing else None)
        self._generation = model.generation
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _matches(self, model: PeopleModel, *, within: list[bool] | None = None
                 ) -> list[bool] | None:
        """Which of the model's current rows the words and status accept (``None``: all).
        ``within``: the accept list of a shorter prefix of the same text over the same
        rows (typing more only narrows, so only the rows still shown are tested)."""
        words = self.text.casefold().split()
        if not words and not self.status:
            return None
        folded, rows = model.folded, model.rows
        keep = {i for i, ok in enumerate(within) if ok} if within is not None \
            else set(range(len(folded)))
        for word in words:
            keep = {i for i in keep if word in folded[i]}
        if self.status:
            keep = {i for i in keep if rows[i].status == self.status}
        accept = [False] * len(folded)
        for i in keep:
            accept[i] = True
        return accept

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model().sort(column, order)     # a reset: the filter follows the new rows

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self._people
        if model is not None and self._generation != model.generation:
            self._accept = self._matches(model)     # new rows: match them now
            self._generation = model.generation
        accept = self._accept
        return accept is None or accept[source_row]


class PeoplePage(QWidget):
    """The caseload table with filter and search. Signal ``open_person(person_id)``."""

    open_person = Signal(str)
    loaded = Signal()
    searched = Signal()

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.load_op: BackgroundOp | None = None
        self._reload_due = False
        self.search_op: BackgroundOp | None = None
        self._pending_search = ""

        self.model = PeopleModel(self)
        self.proxy = PeopleFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Find a person"))
        self.search_edit.setPlaceholderText(
            self.tr("Type a name to filter; Ctrl+Enter searches notes and care plans"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.installEventFilter(self)
        self.status_box = QComboBox()
        self.status_box.setAccessibleName(self.tr("Show people"))
        for code, label in (("", "Everyone"), ("waiting", "Waiting"),
                            ("active", "Being supported"), ("ended", "Support ended"),
                            ("declined", "Referral declined")):
            self.status_box.addItem(self.tr(label), code)
        self.status_box.currentIndexChanged.connect(self._apply_filter)
        self.notes_switch = QCheckBox(self.tr("Search &notes and care plans"))
        self.notes_switch.toggled.connect(self._mode_changed)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of people shown"))
        self.empty = QLabel(self.tr("No one yet: start a welcome (Ctrl+N)."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("People"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self.size_columns()         # again for each load: names first, never elided
        self.table.activated.connect(self._open_index)

        self.results = SearchResults()
        self.results.open_person.connect(self.open_person.emit)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.results)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._run_search)
        shortcut("Ctrl+Return", self.search_edit, lambda: self.notes_switch.setChecked(True))

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.status_box)
        bar.addWidget(self.notes_switch)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.count)
        outer.addWidget(self.empty)
        outer.addWidget(self.stack, 1)
        self.setFocusProxy(self.search_edit)
        self.refresh()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the caseload in the background (the filter is kept)."""
        if self.load_op is not None and self.load_op.is_running:
            self._reload_due = True     # that load may predate a write: load again after it
            return
        self._reload_due = False
        self.count.setText(self.tr("Loading…"))
        store, column, order = self.store, self.model.sort_column, self.model.sort_order

        def load(state: TaskState) -> tuple[int, Qt.SortOrder, list[PersonRow], list[str]]:
            rows = prepare_rows(people_ops.caseload(store), column, order)
            people_ops.prepare_search(store)        # so the first search is quick too
            return (column, order, *rows)

        self.load_op = run_in_background(load, parent=self, on_done=self._loaded,
                                         on_error=self._load_failed, label="caseload")

    def _loaded(self, result: tuple[int, Qt.SortOrder, list[PersonRow], list[str]]
                | list[PersonRow]) -> None:
        """Show loaded rows: ``(column, order, rows, folded)`` from :func:`prepare_rows`
        on the worker, or plain rows (sorted and folded here)."""
        if self._reload_due:
            self.load_op = None
            self.refresh()
            return
        if isinstance(result, tuple):
            column, order, rows, folded = result
            if (column, order) == (self.model.sort_column, self.model.sort_order):
                self.model.set_prepared(rows, folded)
            else:                       # the user sorted by another column meanwhile
                self.model.set_rows(rows)
        else:
            self.model.set_rows(result)
        self.size_columns()
        self._apply_filter()
        self.loaded.emit()

    def size_columns(self) -> None:
        """Size every column to its header and the widest text it can show for the
        loaded rows (a few ms at 10,000 rows; see :mod:`outreach.ui.columns`)."""
        fit_columns(self.table, column_texts(self.model.rows))

    def _load_failed(self, exc: BaseException) -> None:
        self.count.setText(self.tr("Could not load the caseload."))

    # -- filtering -----------------------------------------------------------------------
    def _text_changed(self, text: str) -> None:
        if self.notes_switch.isChecked():
            self._debounce.start()
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(text=self.search_edit.text(),
                              status=self.status_box.currentData() or "")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(self.tr("Showing %1 of %2 people").replace("%1", f"{shown:,}")
                           .replace("%2", f"{total:,}"))
        self.empty.setVisible(total == 0)
        if shown:
            self.table.selectRow(0)

    def _mode_changed(self, notes: bool) -> None:
        self.stack.setCurrentWidget(self.results if notes else self.table)
        self.status_box.setEnabled(not notes)
        if notes:
            self._run_search()
        else:
            self._apply_filter()
        self.search_edit.setFocus()

    # -- full-text search ------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search_edit.text().strip()
        if self.search_op is not None and self.search_op.is_running:
            self._pending_search = text
            return
        if not text:
            self.results.show_hits([], text)
            self.count.setText(self.tr("Type words to search notes and care plans."))
            return
        self._pending_search = ""
        self.search_op = run_in_background(
            lambda state: people_ops.search_records_and_progress(self.store, text),
            parent=self, on_done=lambda found: self._show_hits(*found, text=text),
            on_error=self._search_failed, label="search")

    def _show_hits(self, hits: list[Any], indexing: int | None = None, *, text: str) -> None:
        """Show the hits; ``indexing``: how far the search index is built after a first
        sync (per cent), or None when complete."""
        if self.notes_switch.isChecked():
            names = {r.id: r.name for r in self.model.rows}
            self.results.show_hits(hits, text, names=names)
            found = plural(len(hits), "{n} match in notes and care plans",
                           "{n} matches in notes and care plans")
            if indexing is not None:
                found += " " + self.tr(
                    "Search is still indexing: %1 %. Every name can be found; notes and "
                    "care plans are found once indexed, so try again in a few minutes."
                ).replace("%1", str(indexing))
            self.count.setText(found)
        self.searched.emit()
        if self._pending_search and self._pending_search != text:
            self._run_search()

    def _search_failed(self, exc: BaseException) -> None:
        self.count.setText(self.tr("The search did not work. Please try other words."))

    # -- keyboard ------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Focus the find box with its text selected (the workspace's Ctrl+F)."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            view = self.results.view if self.notes_switch.isChecked() else self.table
            if key == Qt.Key.Key_Down:
                view.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    not mods & Qt.KeyboardModifier.ControlModifier:
                if self.notes_switch.isChecked():
                    self.results.open_current()
                else:
                    self._open_index(self.table.currentIndex())
                return True
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            person_id = self.proxy.data(index, ID_ROLE)
            if person_id:
                self.open_person.emit(person_id)

    def selected_person(self) -> str | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, ID_ROLE) if index.isValid() else None


def column_texts(rows: list[PersonRow]) -> list[set[str]]:
    """For each column of the People table, the texts it can show for ``rows``: every
    name, the distinct pronouns, key workers and days, and the widest label the other
    columns can ever show (so widths do not jump as people are added). C-speed set
    building: ~10 ms at 10,000 rows."""
    def values(attr: str) -> set[Any]:
        return set(map(attrgetter(attr), rows)) - {None, ""}

    dates = {fmt_date(f"2026-{month:02d}-28") for month in range(1, 13)}
    return [values("name"), values("pronouns"), values("key_worker"),
            {status_text(code) for code in STATUS_WORDS},
            {str(days) for days in values("days_waiting")},
            {choice_label("risk_flag", "level", code) for code, _ in RISK_LEVELS},
            dates, dates]
