"""The unlocked workspace: left navigation and a stack of pages.

Built fresh for each unlocked session and destroyed on lock, so no widget keeps personal
details once the store is closed. Pages take the open store; the person view is shared
by every page that opens a person (Enter on a row), and Alt+Left goes back.

Threading: UI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.store.records import Store
from outreach.ui.text import shortcut

log = logging.getLogger(__name__)


class LazyPage(QWidget):
    """A page built the first time it is shown, so unlocking does not pay for it."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], QWidget] | None = factory
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        if self._factory is not None:
            factory, self._factory = self._factory, None
            self.page = factory()
            self._layout.addWidget(self.page)
            self.setFocusProxy(self.page)
        super().showEvent(event)


class Workspace(QWidget):
    """Navigation plus pages. Signals: ``lock_requested()`` from the Lock now button,
    ``auto_lock_changed(minutes)`` when the user changes the idle limit."""

    lock_requested = Signal()
    auto_lock_changed = Signal(int)

    def __init__(self, store: Store, *, profile_name: str, is_admin: bool,
                 auto_lock_minutes: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.pages: dict[str, QWidget] = {}
        self.person_view: Any = None
        self._back_to: QWidget | None = None

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()

        from outreach.ui.directory import DirectoryPage
        from outreach.ui.people import PeoplePage
        from outreach.ui.reports import ReportsPage
        from outreach.ui.sync_panel import SyncPanel
        from outreach.ui.today import TodayPage

        today = TodayPage(store)
        people = PeoplePage(store)
        self._add("today", self.tr("Today"), today, "Ctrl+1")
        self._add("people", self.tr("People"), people, "Ctrl+2")
        directory = DirectoryPage()
        directory.set_store(store)
        self._add("directory", self.tr("Directory"), directory, "Ctrl+3")
        self._add("reports", self.tr("Reports"), LazyPage(lambda: ReportsPage(store)),
                  "Ctrl+4")
        self._add("sync", self.tr("Sync"), SyncPanel(store, load_now=False), "Ctrl+5")
        if is_admin:
            from outreach.ui.admin import AdminPage

            self._add("admin", self.tr("Admin"), AdminPage(store), "Ctrl+6")
        today.open_person.connect(self.open_person)
        people.open_person.connect(self.open_person)
        self.nav.currentRowChanged.connect(self._nav_changed)

        who = QLabel(self.tr("%1 · profile %2").replace("%1", store.user or "")
                     .replace("%2", profile_name))
        who.setAccessibleName(self.tr("Signed in as"))
        self.welcome_button = QPushButton(self.tr("New &welcome…"))
        self.welcome_button.setToolTip(self.tr("Record a first welcome conversation (Ctrl+N)"))
        self.welcome_button.clicked.connect(self.new_welcome)
        self.lock_button = QPushButton(self.tr("&Lock now"))
        self.lock_button.setToolTip(self.tr("Hide everything and lock (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        shortcut("Ctrl+N", self, self.new_welcome)
        shortcut("Alt+Left", self, self.go_back)

        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 60)
        self.auto_lock.setValue(max(1, min(60, auto_lock_minutes)))
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many minutes without use"))
        self.auto_lock.setToolTip(self.auto_lock.accessibleName())
        self.auto_lock.valueChanged.connect(self.auto_lock_changed.emit)
        auto_row = QHBoxLayout()
        auto_label = QLabel(self.tr("Lock when idle &for"))
        auto_label.setBuddy(self.auto_lock)
        auto_row.addWidget(auto_label)
        auto_row.addWidget(self.auto_lock)

        side = QVBoxLayout()
        side.addWidget(self.nav, 1)
        side.addWidget(self.welcome_button)
        side.addWidget(self.lock_button)
        side.addLayout(auto_row)
        side.addWidget(who)
        self.back_button = QPushButton(self.tr("← &Back"))
        self.back_button.setToolTip(self.tr("Back to the list (Alt+Left)"))
        self.back_button.clicked.connect(self.go_back)
        self.back_button.setVisible(False)
        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        main.addWidget(self.stack, 1)
        body = QHBoxLayout(self)
        body.addLayout(side)
        body.addLayout(main, 1)
        self.nav.setCurrentRow(0)

    def _add(self, key: str, title: str, page: QWidget, keys: str) -> None:
        item = QListWidgetItem(title, self.nav)
        item.setToolTip(f"{title} ({keys})")
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.pages[key] = page
        self.stack.addWidget(page)
        row = self.nav.count() - 1
        shortcut(keys, self, lambda: self.show_page(key))
        page.setProperty("nav_row", row)

    def show_page(self, key: str) -> QWidget:
        """Switch to a section ("today", "people", "directory", "reports", "sync", "admin")."""
        page = self.pages[key]
        self.nav.setCurrentRow(int(page.property("nav_row")))
        self.stack.setCurrentWidget(page)
        page.setFocus()
        return page

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.back_button.setVisible(False)
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        refresh = getattr(page, "refresh", None)
        if callable(refresh) and key in ("today", "people", "sync"):
            refresh()       # people: someone welcomed or changed since it last loaded

    # -- people --------------------------------------------------------------------------
    def open_person(self, person_id: str) -> None:
        """Show one person's file (part B's PersonView) and remember where we came from."""
        from outreach.ui.person.view import PersonView

        view = self.person_view
        if view is None:
            view = self.person_view = PersonView()
            view.set_store(self.store)
            self.stack.addWidget(view)
        current = self.stack.currentWidget()
        if current is not view:
            self._back_to = current
        view.show_person(person_id)
        self.stack.setCurrentWidget(view)
        self.back_button.setVisible(True)
        view.setFocus()

    def go_back(self) -> None:
        """Return from the person view to the page that opened it."""
        if self.stack.currentWidget() is self.person_view and self._back_to is not None:
            self.back_button.setVisible(False)
            self.stack.setCurrentWidget(self._back_to)
            self._back_to.setFocus()
            refresh = getattr(self._back_to, "refresh", None)
            if callable(refresh):
                refresh()

    def new_welcome(self) -> None:
        """Open the welcome wizard; the new person opens when it is saved."""
        from outreach.ui.welcome import WelcomeWizard

        wizard = WelcomeWizard(self.store, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.welcomed.connect(self.open_person)
        wizard.open()
