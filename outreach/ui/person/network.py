"""Family and network on the person's file: the people who matter to them (carer, family,
friend, ...), how to reach them, and whether the person agrees to us contacting them.

Choosing someone in the list puts their details in the form below to change; "Add" adds
what the form holds as someone new. Writes go through ``ops.network``.

Threading: UI thread only (small local reads and writes through ops).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import network as net_ops
from outreach.ui.person.widgets import (
    Section,
    action_button,
    choice_combo,
    line_edit,
    record_list,
    scrolling,
    set_combo_code,
    tr_label,
)


class NetworkSection(Section):
    """The people who matter to the person: list, add, change, remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Family and network"))
        inner = QWidget(self)
        self.tree = record_list([self.tr("Name"), self.tr("Who they are"), self.tr("Phone"),
                                 self.tr("Email"), self.tr("May we contact them?")],
                                name=self.tr("People who matter to them"), parent=inner)
        self.tree.currentItemChanged.connect(self._chosen)
        self.empty = QLabel(self.tr("No one recorded yet: ask who matters to them, then add "
                                    "them below."), inner)
        self.empty.setWordWrap(True)

        form_box = QGroupBox(self.tr("Someone who matters to them"), inner)
        self.name = line_edit(name=self.tr("Name"), parent=form_box)
        self.relationship = choice_combo(rk.NETWORK_RELATIONSHIPS,
                                         name=self.tr("Who they are to them"),
                                         blank=self.tr("Choose…"), parent=form_box)
        self.phone = line_edit(name=self.tr("Phone"), parent=form_box)
        self.email = line_edit(name=self.tr("Email"), parent=form_box)
        self.address = line_edit(name=self.tr("Address"), parent=form_box)
        self.may_contact = QCheckBox(self.tr("They &agree to us contacting this person"),
                                     form_box)
        self.may_contact.setAccessibleName(self.tr("Agrees to us contacting this person"))
        self.notes = line_edit(name=self.tr("Notes, in their words"),
                               placeholder=self.tr("For example: my sister, best in the evenings"),
                               parent=form_box)
        self.add_button = action_button(self.tr("A&dd"),
                                        name=self.tr("Add someone to their network"),
                                        on_click=self.add, parent=form_box)
        self.save_button = action_button(self.tr("Save chang&es"),
                                         name=self.tr("Save changes to the chosen person"),
                                         on_click=self.save, parent=form_box)
        self.remove_button = action_button(self.tr("Remove from the l&ist"),
                                           name=self.tr("Remove the chosen person"),
                                           on_click=self.remove, parent=form_box)
        form = QFormLayout(form_box)
        name_label = QLabel(self.tr("&Name"), form_box)
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        who_label = QLabel(self.tr("Who they are to &them"), form_box)
        who_label.setBuddy(self.relationship)
        form.addRow(who_label, self.relationship)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.may_contact)
        form.addRow(self.tr("Notes"), self.notes)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        form.addRow(row)

        il = QVBoxLayout(inner)
        il.addWidget(self.empty)
        il.addWidget(self.tree, 1)
        il.addWidget(form_box)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # -- showing -----------------------------------------------------------------------
    def show_file(self, pf: Any) -> None:
        self.file = pf
        chosen = self.chosen_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        rel = rk.NETWORK_CONTACT.field("relationship")
        for c in (pf.network if pf is not None else []):
            item = QTreeWidgetItem([
                c.get("name") or "", tr_label(rel.choice_label(c.get("relationship"))),
                c.get("phone") or "", c.get("email") or "",
                self.tr("Yes") if net_ops.may_contact(c) else self.tr("No")])
            item.setData(0, Qt.ItemDataRole.UserRole, c["id"])
            if c.get("notes"):
                item.setToolTip(0, c["notes"])
            self.tree.addTopLevelItem(item)
            if c["id"] == chosen:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self.empty.setVisible(pf is not None and not pf.network)
        if chosen is not None and self.chosen_id() is None:
            self.clear_form()           # the one being changed was removed meanwhile
        self._update_buttons()

    def chosen_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _chosen(self, *_: Any) -> None:
        cid = self.chosen_id()
        contact = next((c for c in (self.file.network if self.file else [])
                        if c["id"] == cid), None)
        if contact is None:
            self.clear_form()
        else:
            self.name.setText(contact.get("name") or "")
            set_combo_code(self.relationship, contact.get("relationship"))
            self.phone.setText(contact.get("phone") or "")
            self.email.setText(contact.get("email") or "")
            self.address.setText(contact.get("address") or "")
            self.may_contact.setChecked(net_ops.may_contact(contact))
            self.notes.setText(contact.get("notes") or "")
        self._update_buttons()

    def clear_form(self) -> None:
        for w in (self.name, self.phone, self.email, self.address, self.notes):
            w.clear()
        self.relationship.setCurrentIndex(0)
        self.may_contact.setChecked(False)

    def forget_typing(self) -> None:
        self.tree.setCurrentIndex(QModelIndex())    # clears the form through _chosen
        self.clear_form()
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown = self.file is not None
        chosen = self.chosen_id() is not None
        self.add_button.setEnabled(shown)
        self.save_button.setEnabled(shown and chosen)
        self.remove_button.setEnabled(shown and chosen)

    # -- writing -----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "relationship": self.relationship.currentData(),
                "phone": self.phone.text(), "email": self.email.text(),
                "address": self.address.text(), "may_contact": self.may_contact.isChecked(),
                "notes": self.notes.text()}

    def add(self) -> str | None:
        """Add the form's person to the network; the new record's id, or None."""
        if self.file is None:
            return None
        changes = self.run_op(net_ops.add_contact, person_id=self.person_id,
                              values=self.values())
        if changes is None:
            return None                 # the form keeps what was typed, with the reason
        self.forget_typing()
        self.message.show_info(self.tr("Added."))
        return changes.id

    def save(self) -> bool:
        cid = self.chosen_id()
        if cid is None or self.run_op(net_ops.update_contact, cid, self.values()) is None:
            return False
        self.message.show_info(self.tr("Saved."))
        return True

    def remove(self) -> bool:
        cid = self.chosen_id()
        if cid is None:
            return False
        self.tree.setCurrentIndex(QModelIndex())
        if self.run_op(net_ops.remove_contact, cid) is None:
            return False
        self.message.show_info(self.tr("Removed from their network."))
        return True
