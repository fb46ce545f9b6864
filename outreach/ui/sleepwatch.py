"""Lock when the laptop goes to sleep (the lid closing) or the desktop locks the screen.

Qt reports the application going to the background (``applicationStateChanged``), which
the session uses on every platform (``ApplicationSuspended`` locks; inactive saves drafts).
On Linux a desktop app is not suspended when the lid closes, so this watcher also listens
on D-Bus, where systemd-logind and the desktop announce it:

* ``org.freedesktop.login1.Manager.PrepareForSleep(true)`` on the system bus (suspend or
  hibernate, whatever asked for it: the lid, the power button, a menu);
* ``org.freedesktop.login1.Session.Lock`` for this login session (``loginctl lock-session``,
  many desktops' lock screens);
* ``ActiveChanged(true)`` of ``org.freedesktop.ScreenSaver`` / ``org.gnome.ScreenSaver``
  on the session bus (the screen locking or blanking).

Each of them calls ``on_sleep`` (the session's lock, which saves every open draft first).
Without D-Bus (Windows, macOS, a test machine) nothing is connected and nothing fails.

Threading: UI thread only; Qt delivers D-Bus signals through the event loop.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"


def session_path(session_id: str) -> str:
    """logind's object path for a session id (systemd's bus path escaping)."""
    out = []
    for n, ch in enumerate(session_id):
        if ch.isascii() and (ch.isalpha() or (ch.isdigit() and n > 0)):
            out.append(ch)
        else:
            out.append(f"_{ord(ch):02x}")
    return "/org/freedesktop/login1/session/" + ("".join(out) or "_")


class SleepWatch(QObject):
    """Calls ``on_sleep`` when the system is about to sleep or the screen locks."""

    def __init__(self, on_sleep: Callable[[], None], *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_sleep = on_sleep
        self.connected: list[str] = []      # which announcements are being listened to

    def start(self, *, system: Any = None, session: Any = None) -> None:
        """Connect to the buses (once; cheap when there is no bus). ``system`` and
        ``session`` default to the real system and session buses (tests pass a private
        bus)."""
        if self.connected:
            return
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:                 # a Qt build without D-Bus
            return
        system = system if system is not None else QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect(LOGIN1, "/org/freedesktop/login1", f"{LOGIN1}.Manager",
                              "PrepareForSleep", self, SLOT("prepare_for_sleep(bool)")):
                self.connected.append("PrepareForSleep")
            session_id = os.environ.get("XDG_SESSION_ID")
            if session_id and system.connect(LOGIN1, session_path(session_id),
                                             f"{LOGIN1}.Session", "Lock", self,
                                             SLOT("session_locked()")):
                self.connected.append("Lock")
        session = session if session is not None else QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                  ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
                if session.connect(service, path, service, "ActiveChanged", self,
                                   SLOT("screen_saver(bool)")):
                    self.connected.append(service)
        log.debug("sleep watch: %s", ", ".join(self.connected) or "no D-Bus")

    @Slot(bool)
    def prepare_for_sleep(self, starting: bool) -> None:
        if starting:
            self._on_sleep()

    @Slot()
    def session_locked(self) -> None:
        self._on_sleep()

    @Slot(bool)
    def screen_saver(self, active: bool) -> None:
        if active:
            self._on_sleep()
