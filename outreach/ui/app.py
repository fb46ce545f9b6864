"""``outreach``: start the desktop application.

Sets up the QApplication (Fusion style with the system's light or dark palette, made
readable by :func:`outreach.ui.a11y.accessible_palette`, the stylesheet from
``resources/style``, translations from ``resources/translations``), finds
the data folder (``--data-dir``, then ``OUTREACH_DATA_DIR``, then the platform's user
data folder; see :func:`outreach.config.data_dir`) and shows the main window.

Translations: the source strings are UK English. ``resources/translations/outreach_*.ts``
are Qt Linguist files; refresh and compile them with::

    pyside6-lupdate outreach/ui/*.py outreach/ui/person/*.py \
        -ts resources/translations/outreach_cy.ts
    pyside6-lrelease resources/translations/outreach_cy.ts   # writes outreach_cy.qm

and the app loads ``outreach_<locale>.qm`` for the system locale when it is there.

Crashes: :mod:`outreach.ui.crash` writes a fatal crash's stacks to ``crash.log`` in the
data folder (0600, code locations only) and turns an uncaught exception into a log line
(type and place, never its message) and one calm message; the app carries on.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from outreach import config
from outreach.ui.a11y import accessible_palette

log = logging.getLogger(__name__)

STYLE_FILE = config.RESOURCES / "style" / "outreach.qss"
TRANSLATIONS = config.RESOURCES / "translations"


def install_translations(app: QApplication, locale: QLocale | None = None, *,
                         folder: Path = TRANSLATIONS) -> list[QTranslator]:
    """Load Qt's own and Outreach's translations for ``locale`` (default: the system's).

    Outreach's come from ``folder/outreach_<locale>.qm``. Returns the installed
    translators (keep them alive as long as the app; remove them to switch back).
    """
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in (("qtbase", qt_dir), ("outreach", str(folder))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


class _Restyler(QObject):
    """Keeps the palette readable and re-applies the stylesheet when the system switches
    light/dark (or someone sets another palette) while running.

    Widgets styled by a stylesheet keep the palette they were polished with; setting the
    sheet again makes them pick up the new palette. It listens to the application's
    palette and colour-scheme signals rather than filtering every event of the app: an
    application-wide Python event filter runs for every event of every widget and, while
    a background thread holds the GIL, makes the UI thread wait for it on each one.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._due = False
        self._scheme_changed = False
        self._applying = False
        app.paletteChanged.connect(self._changed)
        app.styleHints().colorSchemeChanged.connect(self._scheme)

    def _scheme(self, *_: object) -> None:
        self._scheme_changed = True
        self._changed()

    def _changed(self, *_: object) -> None:
        if self._applying:
            return                  # our own repair of the palette
        if not self._due:       # both signals may fire for one switch: restyle once
            self._due = True
            QTimer.singleShot(0, self, self._restyle)   # not after the restyler is gone

    def _restyle(self) -> None:
        self._due = False
        app = self.parent()
        if isinstance(app, QApplication):
            self.apply_palette(app, system=self._scheme_changed)
            self._scheme_changed = False
            app.setStyleSheet(app.styleSheet())

    def apply_palette(self, app: QApplication, *, system: bool) -> None:
        """The app's palette made readable; ``system``: start again from the system's
        colours (its light or dark palette) rather than the palette set now."""
        self._applying = True
        try:
            if system:
                app.setPalette(QPalette())     # nothing set: the system's colours
            app.setPalette(accessible_palette(app.palette()))
        finally:
            self._applying = False


def apply_style(app: QApplication) -> None:
    """Fusion style, the platform palette (light or dark) made readable (WCAG AA), and our
    palette-only stylesheet."""
    app.setStyle("Fusion")
    restyler = app.findChild(_Restyler)
    if restyler is None:
        restyler = _Restyler(app)
    restyler.apply_palette(app, system=False)
    try:
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    except OSError:
        log.warning("stylesheet not found; carrying on with the plain style")


def unapply_style(app: QApplication) -> None:
    """Undo :func:`apply_style`: no stylesheet, the system's palette, no restyling (tests
    that styled the shared QApplication put it back this way)."""
    restyler = app.findChild(_Restyler)
    if restyler is not None:
        restyler.setParent(None)
        restyler.deleteLater()
    app.setStyleSheet("")
    app.setPalette(QPalette())


def make_app(argv: Sequence[str]) -> QApplication:
    """The QApplication, set up once (an existing instance is reused, as in tests)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            __import__("PySide6.QtCore", fromlist=["Qt"]).Qt
            .HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv))
    app.setApplicationName(config.APP_NAME)
    app.setApplicationDisplayName(config.APP_NAME)
    app.setOrganizationName("Living Well")
    app.setDesktopFileName(config.APP_ID)
    apply_style(app)
    return app


def show_main_window(window: QWidget) -> None:
    """Show ``window`` at 1280×760, or smaller to fit the screen it opens on (its
    available area less the frame), centred there."""
    from outreach.ui.fit import open_on_screen

    open_on_screen(window, width=1280, height=760)
    window.show()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="outreach", description="Outreach desktop app")
    parser.add_argument("--data-dir", help="folder holding this laptop's profiles")
    parser.add_argument("--verbose", action="store_true", help="log more (no personal data)")
    args, _qt_args = parser.parse_known_args(list(argv)[1:])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``outreach`` GUI script."""
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    data_dir = config.data_dir(args.data_dir)
    app = make_app(argv)
    from outreach.ui import crash

    crash.install(data_dir, app)    # fatal crashes leave a trace; uncaught errors stay calm
    translators = install_translations(app)
    from outreach.ui.main_window import MainWindow
    from outreach.ui.watchdog import install_from_env

    watchdog = install_from_env(app)        # OUTREACH_WATCHDOG=1: log UI-thread stalls
    window = MainWindow(data_dir=data_dir)
    show_main_window(window)
    code = app.exec()
    if watchdog is not None:
        watchdog.stop()
    del translators
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
