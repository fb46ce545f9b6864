"""Services the person is connected with, and linking a new one from the directory."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ui.fit import fit_to_screen
from outreach.ui.person.widgets import (
    Section,
    action_button,
    bind_to_person,
    nice_date,
    person_name,
    record_list,
    tr_label,
    who_line,
)


class LinkServiceDialog(QDialog):
    """The directory, with "Link" acting for one person. Stays open to link several.

    Bound to ``person`` when made: it names them (title and first line) and links only
    them, whatever file the main window shows meanwhile.
    """

    def __init__(self, store: Any, person: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from outreach.ui.directory import DirectoryPage

        self.person_id = str(person["id"])
        name = person_name(person)
        self.setWindowTitle(self.tr("Link %1 to a service").replace("%1", name))
        self.setAccessibleName(self.windowTitle())
        bind_to_person(self, person_id=self.person_id,
                       what=self.tr("linking %1 to services").replace("%1", name))
        self.who = who_line(person, parent=self)
        self.page = DirectoryPage(self)
        self.page.set_store(store)
        self.page.set_person(self.person_id, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        fit_to_screen(self, width=line * 56, height=line * 30)


class ServicesSection(Section):
    """The person's links to community services."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Services"))
        self.tree = record_list([self.tr("Service"), self.tr("Kind"), self.tr("Status"),
                                 self.tr("Linked on"), self.tr("Contact")],
                                name=self.tr("Services they are linked with"), stretch=0,
                                parent=self)
        self.empty = QLabel(self.tr("Not linked with any service yet: "
                                    "Link a service (Alt+K) finds one in the directory."),
                            self)
        self.link_button = action_button(self.tr("Lin&k a service…"),
                                         name=self.tr("Link a service from the directory"),
                                         on_click=self.open_directory, parent=self)
        top = QHBoxLayout()
        top.addWidget(self.link_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        QWidget.setTabOrder(self.link_button, self.tree)    # Tab in reading order
        self.dialog: LinkServiceDialog | None = None

    def show_file(self, pf: Any) -> None:
        self.file = pf
        self.tree.clear()
        links = pf.service_links if pf is not None else []
        status_field = rk.SERVICE_LINK.field("status")
        category_field = rk.SERVICE.field("category")
        for link in links:
            s = link.get("service") or {}
            contact = ", ".join(str(s[k]) for k in ("phone", "website") if s.get(k))
            item = QTreeWidgetItem([
                s.get("name") or self.tr("(service no longer listed)"),
                tr_label(category_field.choice_label(s.get("category"))) if s else "",
                tr_label(status_field.choice_label(link.get("status"))),
                nice_date(link.get("linked_on")), contact])
            item.setData(0, Qt.ItemDataRole.UserRole, link["id"])
            if s.get("description"):
                item.setToolTip(0, s["description"])
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not links)
        self.link_button.setEnabled(pf is not None)

    def open_directory(self) -> LinkServiceDialog | None:
        """Show the directory for this person (non-modal); each link refreshes the file."""
        if self.store is None or self.file is None:
            return None
        self.dialog = LinkServiceDialog(self.store, self.file.person, self)
        self.dialog.page.linked.connect(lambda _id: self.changed.emit())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog
