"""The unlocked workspace: left navigation and a stack of pages.

Built fresh for each unlocked session and destroyed on lock, so no widget keeps personal
details once the store is closed. Pages take the open store; the person view is shared
by every page that opens a person (Enter on a row), and Alt+Left goes back.

Building every page at once used to hold the UI thread for about 300 ms right after
unlocking, so the workspace is built in pieces, each well under the 100 ms budget and each
in its own turn of the event loop:

1. the frame (navigation, buttons) with no store, while the key is derived in the
   background (:meth:`Workspace.__init__` with ``store=None``);
2. the Today page, still with no store (:meth:`Workspace.build_page`);
3. :meth:`Workspace.attach` hands over the unlocked store: Today starts loading;
4. once Today has shown its lists, the other pages and the person view are built one per
   turn (:meth:`Workspace.warm_up`). A page asked for earlier (Ctrl+2, a click, or
   ``workspace.pages["people"]``) is built on the spot.

``workspace.pages`` maps a key to the real page and builds it on first access, so callers
never see a placeholder.

The workspace also holds the "someone is with me" view (:mod:`outreach.ui.with_me`): F9 or
the *Someone is with me* button hides every other person's name and all risk text until
one of them is used again; :meth:`Workspace.set_with_me` applies it to Today, the person
view and navigation. A profile can open in it (the check box under the idle-lock minutes).

Threading: UI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from outreach.ui.a11y import focus_first_control
from outreach.ui.text import shortcut
from outreach.ui.with_me import PAGES_WITH_ME, WITH_ME_KEY

log = logging.getLogger(__name__)

WARM_UP_GAP_MS = 40         # pause between two pieces of warm-up, for input to get through
PERSON_VIEW = "person view"


class WorkspacePages(Mapping[str, QWidget]):
    """The workspace's pages by key; a page is built the first time it is looked up."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def __getitem__(self, key: str) -> QWidget:
        return self._workspace._build(key)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._workspace._factories))

    def __len__(self) -> int:
        return len(self._workspace._factories)

    def is_built(self, key: str) -> bool:
        """True once the page exists (looking it up with ``[]`` would build it)."""
        return key in self._workspace._built


class Workspace(QWidget):
    """Navigation plus pages; see the module docstring.

    Signals: ``lock_requested()`` from the Lock now button, ``auto_lock_changed(minutes)``
    when the user changes the idle limit, ``device_wiped(message)`` from the sync page
    when the server revoked this laptop, ``warmed_up()`` once every page is built.
    Invariant: ``store`` is ``None`` only before :meth:`attach`.
    """

    lock_requested = Signal()
    auto_lock_changed = Signal(int)
    device_wiped = Signal(str)
    warmed_up = Signal()

    def __init__(self, store: Store | None = None, *, profile_name: str, is_admin: bool = False,
                 auto_lock_minutes: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.profile_name = profile_name
        self.pages = WorkspacePages(self)
        self.person_view: Any = None
        self._back_to: QWidget | None = None
        self._factories: dict[str, Callable[[Store | None], QWidget]] = {}
        self._built: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}
        self._rows: dict[str, int] = {}
        self._warming = False
        self.with_me_on = False
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_UP_GAP_MS)
        self._warm_timer.timeout.connect(self._warm_step)

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        self._register("today", self.tr("Today"), "Ctrl+1", _today)
        self._register("people", self.tr("People"), "Ctrl+2", _people)
        self._register("directory", self.tr("Directory"), "Ctrl+3", _directory)
        self._register("reports", self.tr("Reports"), "Ctrl+4", _reports)
        self._register("sync", self.tr("Sync"), "Ctrl+5", _sync)
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.who = QLabel()
        self.who.setAccessibleName(self.tr("Signed in as"))
        self.welcome_button = QPushButton(self.tr("New &welcome…"))
        self.welcome_button.setToolTip(self.tr("Record a first welcome conversation (Ctrl+N)"))
        self.welcome_button.clicked.connect(self.new_welcome)
        self.lock_button = QPushButton(self.tr("&Lock now"))
        self.lock_button.setToolTip(self.tr("Hide everything and lock (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        shortcut("Ctrl+N", self, self.new_welcome)
        shortcut("Alt+Left", self, self.go_back)
        # Window-wide (the whole workspace, whatever has the focus, a text box too): the
        # pages themselves hold no Ctrl+F or F5, which would make the keys ambiguous.
        shortcut("Ctrl+F", self, self.find_person)
        shortcut("F5", self, self.sync_now)
        self.with_me_button = QPushButton()
        self.with_me_button.setObjectName("withMe")
        self.with_me_button.setCheckable(True)
        self.with_me_button.setToolTip(
            self.tr("Hide other people's names and all risk flags (%1); press again to "
                    "show them").replace("%1", WITH_ME_KEY))
        self.with_me_button.clicked.connect(self.set_with_me)
        # in every window of the app (a dialog open beside the file too), like Ctrl+L
        shortcut(WITH_ME_KEY, self, self.toggle_with_me).setContext(
            Qt.ShortcutContext.ApplicationShortcut)
        self.set_with_me(False)         # the button's words; nothing to hide yet

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
        self.open_with_me_box = QCheckBox(self.tr("Open in the “someone is\nwith me” view"))
        self.open_with_me_box.setAccessibleName(self.tr("Open in the “someone is with me” view"))
        self.open_with_me_box.setToolTip(self.tr(
            "After unlocking, start with other people's names and risk flags hidden"))
        self.open_with_me_box.setEnabled(False)
        self.open_with_me_box.toggled.connect(self._open_with_me_changed)

        side = QVBoxLayout()
        side.addWidget(self.nav, 1)
        side.addWidget(self.with_me_button)
        side.addWidget(self.welcome_button)
        side.addWidget(self.lock_button)
        side.addLayout(auto_row)
        side.addWidget(self.open_with_me_box)
        side.addWidget(self.who)
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
        if store is not None:
            self.attach(store, is_admin=is_admin, auto_lock_minutes=auto_lock_minutes)

    # -- the store -----------------------------------------------------------------------
    def attach(self, store: Store, *, is_admin: bool, auto_lock_minutes: int,
               with_me: bool | None = None) -> None:
        """Hand over the unlocked store (once): Today starts loading; the other pages are
        built one per turn after Today shows its lists (see :meth:`warm_up`).

        ``with_me``: start in the "someone is with me" view (``None``: as the profile's
        setting says)."""
        if self.store is not None:
            raise RuntimeError("This workspace already has a store.")
        from outreach.ops import privacy as privacy_ops

        self.store = store
        opens_with_me = privacy_ops.opens_with_me(store)
        self.open_with_me_box.blockSignals(True)
        self.open_with_me_box.setChecked(opens_with_me)
        self.open_with_me_box.blockSignals(False)
        self.open_with_me_box.setEnabled(True)
        if is_admin:
            self._register("admin", self.tr("Admin"), "Ctrl+6", _admin)
        self.set_with_me(opens_with_me if with_me is None else with_me)
        self.who.setText(self.tr("%1 · profile %2").replace("%1", store.user or "")
                         .replace("%2", self.profile_name))
        self.auto_lock.blockSignals(True)
        self.auto_lock.setValue(max(1, min(60, auto_lock_minutes)))
        self.auto_lock.blockSignals(False)
        today = self._build("today")
        set_store = getattr(today, "set_store", None)
        if callable(set_store):
            set_store(store)
        today.loaded.connect(self.warm_up)  # type: ignore[attr-defined]

    # -- pages ---------------------------------------------------------------------------
    def _register(self, key: str, title: str, keys: str,
                  factory: Callable[[Store | None], QWidget]) -> None:
        item = QListWidgetItem(title, self.nav)
        item.setToolTip(f"{title} ({keys})")
        item.setData(Qt.ItemDataRole.UserRole, key)
        self._factories[key] = factory
        self._rows[key] = self.nav.count() - 1
        slot = QWidget()                 # stands in the stack until the page is built
        self._slots[key] = slot
        self.stack.addWidget(slot)
        shortcut(keys, self, lambda: self.show_page(key))

    def build_page(self, key: str) -> QWidget:
        """Build one page now if it is not built yet (the unlock screen builds Today while
        the key is derived); returns it."""
        return self._build(key)

    def _build(self, key: str) -> QWidget:
        page = self._built.get(key)
        if page is not None:
            return page
        if key not in self._factories:
            raise KeyError(key)
        if key != "today" and self.store is None:
            raise RuntimeError("Only the Today page can be built before the store is open.")
        page = self._factories[key](self.store)
        self._built[key] = page
        page.setProperty("nav_row", self._rows[key])
        slot = self._slots.pop(key)
        was_current = self.stack.currentWidget() is slot
        self.stack.insertWidget(self.stack.indexOf(slot), page)
        if was_current:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(slot)
        slot.deleteLater()
        if key == "today":
            page.set_with_me(self.with_me_on)  # type: ignore[attr-defined]
            page.open_present.connect(  # type: ignore[attr-defined]
                lambda person_id: self.open_person(person_id, present=True))
        if hasattr(page, "open_person"):
            page.open_person.connect(self.open_person)
        if hasattr(page, "device_wiped"):
            page.device_wiped.connect(self.device_wiped.emit)
        if hasattr(page, "records_usable"):     # the Sync page: records arrived
            page.records_usable.connect(self._records_arrived)
            page.synced.connect(self._records_arrived)
        return page

    def _records_arrived(self) -> None:
        """A sync stored records (a first sync's people, or a sync's end): Today and
        People, where built, load again in the background."""
        for key in ("today", "people"):
            refresh = getattr(self._built.get(key), "refresh", None)
            if callable(refresh):
                refresh()

    def warm_up(self) -> None:
        """Build the pages not built yet, one per event-loop turn (idempotent)."""
        if self.store is None or self._warming:
            return
        self._warming = True
        self._warm_timer.start()

    def stop_warm_up(self) -> None:
        """Build nothing more in the background (the workspace is about to go)."""
        self._warm_timer.stop()
        self._warming = True

    def _warm_step(self) -> None:
        if self.store is None or self.store.closed:
            return                      # locked meanwhile: this workspace is going away
        pending = [key for key in self._factories if key not in self._built]
        more = True
        if pending:
            self._build(pending[0])
        elif self.person_view is None:
            self._ensure_person_view(complete=False)
        else:
            more = self.person_view.build_next_section()
        if more:
            self._warm_timer.start()
        else:
            log.debug("workspace warmed up")
            self.warmed_up.emit()

    def show_page(self, key: str) -> QWidget:
        """Switch to a section ("today", "people", "directory", "reports", "sync", "admin").

        While someone is with the practitioner, a section with other people's details
        shows Today's calm panel instead (and that page is returned)."""
        if self.with_me_on and key not in PAGES_WITH_ME:
            key = "today"
        page = self._build(key)
        self.nav.setCurrentRow(self._rows[key])
        self.stack.setCurrentWidget(page)
        focus_first_control(page)
        return page

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.back_button.setVisible(False)
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        if self.with_me_on and key not in PAGES_WITH_ME:
            self.nav.setCurrentRow(self._rows["today"])     # not reachable: Today's panel
            if self.store is not None:
                self.stack.setCurrentWidget(self._build("today"))
            return
        if self.store is None:
            return                      # pages are built and shown once the store is in
        page = self._build(key)
        self.stack.setCurrentWidget(page)
        refresh = getattr(page, "refresh", None)
        if callable(refresh) and key in ("today", "people", "sync") and self.store is not None:
            refresh()       # people: someone welcomed or changed since it last loaded

    # -- people --------------------------------------------------------------------------
    def _ensure_person_view(self, *, complete: bool = True) -> Any:
        """The shared person view, built now if needed (``complete=False``: its sections
        are left for the warm-up to build one per turn)."""
        from outreach.ui.person.view import PersonView

        if self.person_view is None:
            view = self.person_view = PersonView(build_sections=complete)
            view.set_store(self.store)
            view.set_with_me(self.with_me_on)
            self.stack.addWidget(view)
        elif complete:
            self.person_view.build_sections()
        return self.person_view

    def open_person(self, person_id: str, *, present: bool = False) -> None:
        """Show one person's file (part B's PersonView) and remember where we came from.

        While a dialog that writes another person's record is open (a conversation, a
        questionnaire, ...), their file is not replaced: the dialog is brought to the
        front with "Finish or close … first" (issue 12.5).

        While someone is with the practitioner only their file opens: the one already
        shown, or (``present=True``) the person just welcomed or found by their name.
        """
        if self.with_me_on and not present and (
                self.person_view is None or person_id != self.person_view.person_id):
            log.info("someone is with me: another person's file was not opened")
            return
        if self._blocked_by_record_dialog(person_id):
            return
        view = self._ensure_person_view()
        current = self.stack.currentWidget()
        if current is not view:
            self._back_to = current
        view.show_person(person_id)
        self.stack.setCurrentWidget(view)
        self.back_button.setVisible(True)
        focus_first_control(view)

    def _blocked_by_record_dialog(self, person_id: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from outreach.ui.person.widgets import bound_what, open_record_dialog_for_other

        dialog = open_record_dialog_for_other(person_id)
        if dialog is None:
            return False
        dialog.showNormal()
        dialog.raise_()
        dialog.activateWindow()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Finish this first"),
                          self.tr("Finish or close %1 first.").replace("%1", bound_what(dialog)),
                          QMessageBox.StandardButton.Ok, dialog)
        box.setInformativeText(self.tr("Another person's file opens once it is saved, kept "
                                       "as a draft or closed, so nothing is written to the "
                                       "wrong person."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return True

    def go_back(self) -> None:
        """Return from the person view to the page that opened it (Today's calm panel
        while someone is with the practitioner)."""
        if self.with_me_on and self.stack.currentWidget() is self.person_view:
            self.back_button.setVisible(False)
            self.show_page("today")
            return
        if self.stack.currentWidget() is self.person_view and self._back_to is not None:
            self.back_button.setVisible(False)
            self.stack.setCurrentWidget(self._back_to)
            focus_first_control(self._back_to)
            refresh = getattr(self._back_to, "refresh", None)
            if callable(refresh):
                refresh()

    def find_person(self) -> None:
        """Ctrl+F from anywhere: People, with the find box focused and its text selected."""
        if self.store is None:
            return
        page = self.show_page("people")
        focus_search = getattr(page, "focus_search", None)
        if callable(focus_search):
            focus_search()

    def sync_now(self) -> None:
        """F5 from anywhere: the Sync page, syncing (or saying how to enrol first)."""
        if self.store is None:
            return
        page = self.show_page("sync")
        sync = getattr(page, "sync_now", None)
        if callable(sync):
            sync()

    def new_welcome(self) -> None:
        """Open the welcome wizard (offering to resume an unfinished one first); the new
        person opens when it is saved."""
        if self.store is None:
            return
        from outreach.ui.welcome_resume import start_welcome

        wizard = start_welcome(self.store, parent=self)
        if wizard is not None:
            wizard.welcomed.connect(
                lambda person_id: self.open_person(person_id, present=True))

    # -- someone is with me --------------------------------------------------------------
    def toggle_with_me(self) -> None:
        """F9: switch the "someone is with me" view on or off."""
        self.set_with_me(not self.with_me_on)

    def set_with_me(self, on: bool) -> None:
        """Hide (``on``) or show again every other person's name and all risk text.

        Today shows a calm panel, sections with other people's details are not reachable,
        and the person view stays on the person shown, without risk flags.
        """
        on = bool(on)
        if on != self.with_me_on:
            log.info("someone is with me: %s", "on" if on else "off")
        self.with_me_on = on
        self.with_me_button.setChecked(on)
        self.with_me_button.setText(
            (self.tr("Show other people (%1)") if on else self.tr("Someone is with me (%1)"))
            .replace("%1", WITH_ME_KEY))
        self.with_me_button.setAccessibleName(
            self.tr("Someone is with me: other people are hidden. Show them again") if on
            else self.tr("Someone is with me: hide other people"))
        for key, row in self._rows.items():     # sections not reachable: greyed out
            item = self.nav.item(row)
            if item is not None:
                flags = item.flags()
                reachable = not on or key in PAGES_WITH_ME
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if reachable
                              else flags & ~Qt.ItemFlag.ItemIsEnabled)
        if "today" in self._built:
            self._built["today"].set_with_me(on)  # type: ignore[attr-defined]
        if self.person_view is not None:
            self.person_view.set_with_me(on)
        if on:
            current = self.stack.currentWidget()
            if current is self.person_view and current is not None:
                self._back_to = None        # Back leads to Today's panel, not a list
            elif self.store is not None:
                shown = next((k for k, w in self._built.items() if w is current), None)
                if shown not in PAGES_WITH_ME:
                    self.show_page("today")
        current = self.stack.currentWidget()
        if current is not None and current is self._built.get("today") and \
                self.isVisible():
            current.setFocus()      # the panel's name box, or the lists again

    def _open_with_me_changed(self, on: bool) -> None:
        if self.store is None:
            return
        from outreach.ops import privacy as privacy_ops

        privacy_ops.set_opens_with_me(self.store, on)


# -- page factories (imports deferred: the unlock screen preloads these modules) --------
def _today(store: Store | None) -> QWidget:
    from outreach.ui.today import TodayPage

    return TodayPage(store)


def _people(store: Store | None) -> QWidget:
    from outreach.ui.people import PeoplePage

    assert store is not None
    return PeoplePage(store)


def _directory(store: Store | None) -> QWidget:
    from outreach.ui.directory import DirectoryPage

    page = DirectoryPage()
    if store is not None:
        page.load_in_background(store)
    return page


def _reports(store: Store | None) -> QWidget:
    from outreach.ui.reports import ReportsPage

    return ReportsPage(store)


def _sync(store: Store | None) -> QWidget:
    from outreach.ui.sync_panel import SyncPanel

    assert store is not None
    return SyncPanel(store, load_now=False)


def _admin(store: Store | None) -> QWidget:
    from outreach.ui.admin import AdminPage

    assert store is not None
    return AdminPage(store)
