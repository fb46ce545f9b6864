"""The main window: profiles → unlock → workspace, and locking.

The window's central widget is a stack of three screens: choose/create a profile, unlock a
profile, and the unlocked :class:`~outreach.ui.workspace.Workspace`. Locking (Ctrl+L, the
Lock now button, or the session's idle timer) first closes every other window of the app
(dialogs save their drafts while the store is still open), then destroys the workspace
before returning (no event-loop turn in which a widget keeps personal details, and no
re-styling of its widgets on the way out), then closes the store; the unlock screen is all that is
left on screen. The window title never shows personal details.

Threading: UI thread only; unlocking and profile creation run in the background.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from outreach.ops import profiles as profile_ops
from outreach.store.records import Store
from outreach.ui.background import wait_for_all
from outreach.ui.fit import scroll_area
from outreach.ui.profiles import ProfilesPage
from outreach.ui.session import Session
from outreach.ui.unlock import UnlockPage

log = logging.getLogger(__name__)

MINIMUM_SIZE = (600, 420)


class MainWindow(QMainWindow):
    """The application window; see the module docstring.

    ``vault_options`` is passed to new profiles (tests use a fast KDF).
    """

    def __init__(self, *, data_dir: Path, vault_options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Outreach"))
        # 1024×768 at 150% scaling leaves 683×512 logical pixels, less the frame; below
        # its pages' own minimum the workspace scrolls rather than leave the screen
        self.setMinimumSize(*MINIMUM_SIZE)
        self.data_dir = data_dir
        self.session = Session(data_dir=data_dir, parent=self)
        self.session.about_to_lock.connect(self._hide_everything)
        self.workspace: Any = None
        self._shell: Any = None     # the empty workspace built while the key is derived
        # the profile whose workspace was in the "someone is with me" view when it locked:
        # it unlocks in that view again (the person may still be there)
        self._locked_with_me: str | None = None

        self.screens = QStackedWidget()
        self.profiles_page = ProfilesPage(data_dir=data_dir, vault_options=vault_options)
        self.unlock_page = UnlockPage(data_dir=data_dir)
        self.screens.addWidget(self.profiles_page)
        self.screens.addWidget(self.unlock_page)
        self.setCentralWidget(scroll_area(self.screens, parent=self))

        self.profiles_page.chosen.connect(self.show_unlock)
        self.profiles_page.created.connect(self._created)
        self.unlock_page.unlocking.connect(self._prepare_workspace)
        self.unlock_page.unlocked.connect(self._unlocked)
        self.unlock_page.switch_profile.connect(self.show_profiles)
        self.unlock_page.wiped.connect(lambda name: self.show_profiles())

        self.lock_action = QAction(self.tr("&Lock now"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_now)
        self.addAction(self.lock_action)

        names = profile_ops.profiles(data_dir)
        if len(names) == 1:
            self.show_unlock(names[0])
        else:
            self.show_profiles()

    # -- screens -------------------------------------------------------------------------
    def show_profiles(self) -> None:
        self.profiles_page.refresh()
        self.screens.setCurrentWidget(self.profiles_page)

    def show_unlock(self, name: str, message: str = "") -> None:
        self.unlock_page.set_profile(name, message=message)
        self.screens.setCurrentWidget(self.unlock_page)
        self.unlock_page.pass_edit.setFocus()

    def _created(self, name: str, store: Store, note: str) -> None:
        self._unlocked(name, store)
        if note:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Enrolment"), note,
                              parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _prepare_workspace(self, name: str) -> None:
        """While the key is derived off the UI thread (a few hundred ms), build the empty
        workspace frame now and its Today page in the next turn of the event loop, so
        unlocking only has to hand over the store. Neither holds any personal data."""
        from outreach.ui.workspace import Workspace

        if self._shell is not None and self._shell.profile_name == name:
            return
        self._drop_shell()
        self._shell = Workspace(profile_name=name)
        self.screens.addWidget(self._shell)
        QTimer.singleShot(0, self._prepare_today)

    def _prepare_today(self) -> None:
        if self._shell is not None:
            self._shell.build_page("today")
            self._shell.ensurePolished()

    def _drop_shell(self) -> None:
        if self._shell is not None:
            shell, self._shell = self._shell, None
            self._destroy(shell)

    def _destroy(self, workspace: Any) -> None:
        """Take a workspace off the screen and destroy it before returning.

        Destroying it outright takes a few ms. Taking it out of the window first
        (``setParent(None)``) made Qt re-polish every one of its widgets under the app's
        style sheet: 200-400 ms with the pages built. That is only done inside a nested
        event loop (a modal question or file dialog opened by a page may be on the call
        stack, and must not find its widgets destroyed under it): there the workspace
        leaves the window tree at once and is destroyed once the loop is over. Lock
        requests from inside the workspace arrive queued (see :meth:`_unlocked`), so no
        workspace code is running when it is destroyed.
        """
        workspace.hide()
        self.screens.removeWidget(workspace)
        if QThread.currentThread().loopLevel() <= 1:
            shiboken6.delete(workspace)
        else:
            workspace.setParent(None)   # out of the window tree now, not at the next turn
            workspace.deleteLater()

    def _unlocked(self, name: str, store: Store) -> None:
        from outreach.ui.workspace import Workspace

        self.session.open(store, profile_name=name)
        if self._shell is not None and self._shell.profile_name != name:
            self._drop_shell()
        workspace, self._shell = self._shell, None
        if workspace is None:
            workspace = Workspace(profile_name=name)
            self.screens.addWidget(workspace)
        self.workspace = workspace
        with_me = True if self._locked_with_me == name else None   # None: the profile's choice
        self._locked_with_me = None
        workspace.attach(store, is_admin=self.session.is_admin,
                         auto_lock_minutes=round(self.session.auto_lock_minutes),
                         with_me=with_me)
        # queued: the workspace is destroyed on lock, so its own button (or the sync page
        # that learnt of a revocation) must have returned before that
        workspace.lock_requested.connect(self.lock_now, Qt.ConnectionType.QueuedConnection)
        workspace.auto_lock_changed.connect(self.session.set_auto_lock_minutes)
        workspace.device_wiped.connect(self._wiped, Qt.ConnectionType.QueuedConnection)
        self.screens.setCurrentWidget(workspace)
        workspace.pages["today"].setFocus()

    # -- locking -------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return not self.session.is_unlocked

    def lock_now(self) -> None:
        """Hide every personal detail and drop the key (Ctrl+L)."""
        if self.session.is_unlocked:
            self.session.lock()

    def _hide_everything(self) -> None:
        """Runs while the store is still open: close other windows, drop the workspace."""
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()
        self._show_locked()
        if self.workspace is not None:
            workspace, self.workspace = self.workspace, None
            if workspace.with_me_on:
                self._locked_with_me = self.session.profile_name
            workspace.stop_warm_up()
            self._destroy(workspace)

    def _show_locked(self) -> None:
        name = self.session.profile_name or ""
        if name:
            self.show_unlock(name)
        else:
            self.show_profiles()

    def _wiped(self, message: str) -> None:
        """The server revoked this laptop: the profile is already erased; say so plainly."""
        self.session.lock()
        self.show_profiles()
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("This laptop was revoked"),
                          message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.shutdown()
        wait_for_all(5000)
        super().closeEvent(event)
