"""The directory of community services: offline, searchable, importable, linkable.

:class:`DirectoryPage` lists every service on the laptop in an item model; typing in the
search box filters the list in memory (every word must match the name, kind, area or
description), so it works offline and instantly. "Import from CSV…" reads a file chosen
by the user in the background; if any row is wrong nothing is imported and every problem
is listed by row, column and message. With a person set (``set_person``), "Link to …"
links them to the selected service.

Threading: the CSV import runs through ``outreach.ui.background.run_in_background``, and
so does the first load of the workspace's page (:meth:`DirectoryPage.load_in_background`);
reloading after an import and linking are small local reads/writes on the UI thread.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import directory as dir_ops
from outreach.ops.consent import NotAgreedToShare
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, is_alive, run_in_background
from outreach.ui.columns import fit_columns
from outreach.ui.fit import fit_to_screen
from outreach.ui.person.widgets import MessageLine, error_text, tr_label

log = logging.getLogger(__name__)

SERVICE = rk.SERVICE
COLUMNS = ("name", "category", "area", "phone")
ServiceRole = Qt.ItemDataRole.UserRole + 1


def category_label(code: str | None) -> str:
    return tr_label(SERVICE.field("category").choice_label(code))


class ServicesModel(QAbstractTableModel):
    """Services as rows; the whole record is available under ``ServiceRole``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.services: list[dict[str, Any]] = []

    def set_services(self, services: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.services = list(services)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self.services)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_label(SERVICE.field(COLUMNS[section]).label)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        service = self.services[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "category":
                return category_label(service.get("category"))
            return service.get(column) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return service.get("description") or None
        if role == ServiceRole:
            return service
        return None


class ServiceFilter(QSortFilterProxyModel):
    """Keeps rows whose name, kind, area or description contain every typed word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):          # Qt 6.9 and later
            self.beginFilterChange()
            self.words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = text.casefold().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int,  # noqa: N802 - Qt API
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        service = model.data(model.index(row, 0, parent), ServiceRole) or {}
        hay = " ".join([str(service.get(k) or "") for k in ("name", "area", "description")]
                       + [category_label(service.get("category"))]).casefold()
        return all(w in hay for w in self.words)


def service_html(s: dict[str, Any]) -> str:
    """A service's details for the side panel."""
    rows = [f"<h3>{html.escape(s.get('name') or '')}</h3>",
            f"<p><i>{html.escape(category_label(s.get('category')))}</i></p>"]
    if s.get("description"):
        rows.append(f"<p>{html.escape(s['description'])}</p>")
    for key in ("area", "address", "phone", "email", "website", "opening_times"):
        if s.get(key):
            rows.append(f"<p><b>{html.escape(tr_label(SERVICE.field(key).label))}:</b> "
                        f"{html.escape(str(s[key]))}</p>")
    return "".join(rows)


class ImportErrorsDialog(QDialog):
    """Every problem in a CSV file, by row and column; says that nothing was imported."""

    def __init__(self, errors: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nothing was imported"))
        intro = QLabel(self.tr("Nothing was imported, because %1 problem(s) were found. "
                               "Fix these rows in the file and import it again.")
                       .replace("%1", str(len(errors))), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(errors), 3, self)
        self.table.setAccessibleName(self.tr("Problems found in the file"))
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"),
                                              self.tr("Problem")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for n, e in enumerate(errors):
            for col, value in enumerate((str(e.row), e.field, e.message)):
                self.table.setItem(n, col, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        fit_to_screen(self, width=line * 44, height=line * 24)


class DirectoryPage(QWidget):
    """Searchable list of community services; import from CSV; link the current person.

    Signals: ``linked(str)`` with the new service link id; ``imported(int)`` with the
    number of services added.
    """

    linked = Signal(str)
    imported = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self.person_id: str | None = None
        self.import_op: BackgroundOp | None = None
        self.load_op: BackgroundOp | None = None
        self._errors_dialog: ImportErrorsDialog | None = None
        self.setAccessibleName(self.tr("Directory of community services"))

        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Search services"))
        self.search.setPlaceholderText(self.tr("Search by name, kind, area…"))
        self.search.setClearButtonEnabled(True)
        self.model = ServicesModel(self)
        self.proxy = ServiceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Services"))
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setVisible(False)
        # names first and never elided (sized in reload(); the list scrolls sideways)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setTabKeyNavigation(False)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("About the service"))
        self.detail.setOpenExternalLinks(False)

        self.import_button = QPushButton(self.tr("&Import from CSV…"), self)
        self.import_button.setAccessibleName(self.tr("Import services from a CSV file"))
        self.import_button.clicked.connect(self.choose_csv)
        # A referral passes the person's details on: only for someone who agreed to share
        # (the op checks; issue 14 item 7). Unticked, the link is a suggestion.
        self.refer_box = QCheckBox(self.tr("&Refer them (pass on their details)"), self)
        self.refer_box.setAccessibleName(
            self.tr("Refer the person, passing their details on to the service"))
        self.refer_box.setVisible(False)
        self.link_button = QPushButton(self.tr("&Link to this person"), self)
        self.link_button.setAccessibleName(self.tr("Link the person to this service"))
        self.link_button.clicked.connect(self.link_current)
        self.link_button.setVisible(False)
        self.message = MessageLine(self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.import_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.refer_box, 0, Qt.AlignmentFlag.AlignRight)   # narrow screens
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.search, self.import_button)     # Tab in reading order
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self._store = store
        self.reload()

    def set_person(self, person_id: str | None, name: str = "") -> None:
        """The person "Link" acts for (``None``: browsing only, no link button)."""
        self.person_id = person_id
        self.link_button.setVisible(person_id is not None)
        self.refer_box.setVisible(person_id is not None)
        self.refer_box.setChecked(False)
        self.link_button.setText(self.tr("&Link %1 to this service").replace("%1", name)
                                 if name else self.tr("&Link to this person"))
        self._update_buttons()

    def load_in_background(self, store: Store) -> None:
        """Take ``store`` and read its services on a worker; the list fills when they
        are in. (The workspace builds this page while other pages load: read on the UI
        thread, the list waited 200-600 ms for the store behind them.)"""
        self._store = store
        self.load_op = run_in_background(lambda state: dir_ops.services(store), parent=self,
                                         on_done=self._show_services, label="directory")

    def reload(self) -> None:
        self._show_services(dir_ops.services(self._store) if self._store else [])

    def _show_services(self, services: list[dict[str, Any]]) -> None:
        self.model.set_services(services)
        fit_columns(self.view, [{str(self.model.data(self.model.index(row, col)))
                                 for row in range(self.model.rowCount())}
                                for col in range(len(COLUMNS))])
        self._show_current()

    def current_service(self) -> dict[str, Any] | None:
        index = self.view.currentIndex()
        return index.data(ServiceRole) if index.isValid() else None

    def select_service(self, service_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if (index.data(ServiceRole) or {}).get("id") == service_id:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _show_current(self, *_: Any) -> None:
        service = self.current_service()
        self.detail.setHtml(service_html(service) if service else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.link_button.setEnabled(self.person_id is not None
                                    and self.current_service() is not None)
        self.refer_box.setEnabled(self.person_id is not None)
        self.import_button.setEnabled(self._store is not None and self.import_op is None)

    # -- linking ------------------------------------------------------------------------------
    def link_current(self) -> str | None:
        """Link the person to the selected service; the new link's id, or None."""
        service = self.current_service()
        if self._store is None or self.person_id is None or service is None:
            return None
        self.message.clear_message()
        refer = self.refer_box.isChecked()
        try:
            changes = dir_ops.link_service(self._store, person_id=self.person_id,
                                           service_id=service["id"],
                                           status="referred" if refer else "suggested")
        except NotAgreedToShare:
            self.message.show_error(self.tr(
                "They have not agreed to their details being shared with partner services, "
                "so nothing was passed on. Untick Refer to suggest the service instead, or "
                "check with them and record their answer on the Consent tab of their file."))
            return None
        except Exception as exc:  # noqa: BLE001 - shown to the user
            log.error("could not link a service: %s", type(exc).__name__)
            self.message.show_error(error_text(exc))
            return None
        self.message.show_info((self.tr("Referred to %1.") if refer else
                                self.tr("Linked to %1.")).replace("%1", service["name"]))
        self.linked.emit(changes.id or "")
        return changes.id

    # -- importing ----------------------------------------------------------------------------
    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import services from CSV"), str(Path.home()),
            self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_csv(path)

    def import_csv(self, path: str | Path) -> BackgroundOp | None:
        """Import a CSV file in the background; errors open :class:`ImportErrorsDialog`."""
        if self._store is None or self.import_op is not None:
            return None
        store = self._store
        self.message.show_info(self.tr("Importing…"))
        self.import_op = run_in_background(
            lambda state: dir_ops.import_services_csv(store, path),
            parent=self, on_done=self._imported, on_error=self._import_failed,
            label="import services")
        self.import_op.finished.connect(self._import_finished)
        self._update_buttons()
        return self.import_op

    @property
    def errors_dialog(self) -> ImportErrorsDialog | None:
        """The import-errors dialog while it is open (None once it closed)."""
        dialog = self._errors_dialog
        if dialog is not None and not is_alive(dialog):
            self._errors_dialog = dialog = None
        return dialog

    def _import_finished(self) -> None:
        self.import_op = None
        self._update_buttons()

    def _imported(self, result: Any) -> None:
        if result.errors:
            self.message.show_error(self.tr("Nothing was imported: %1 problem(s) in the "
                                            "file.").replace("%1", str(len(result.errors))))
            # no lambda on the dialog's destroyed signal: one that holds this page can
            # free a parentless page from inside its own child's destructor (a crash);
            # errors_dialog asks Qt whether the dialog is still there instead
            self._errors_dialog = ImportErrorsDialog(result.errors, self)
            self._errors_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._errors_dialog.open()
            return
        self.reload()
        self.message.show_info(self.tr("%1 service(s) added.").replace("%1",
                                                                       str(result.added)))
        self.imported.emit(result.added)

    def _import_failed(self, exc: BaseException) -> None:
        self.message.show_error(self.tr("The file could not be imported: %1")
                                .replace("%1", error_text(exc)))
