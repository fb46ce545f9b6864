"""The desktop bundle's entry point (PyInstaller runs this file as ``__main__``).

Normally it starts the app exactly as the ``outreach`` script does
(:func:`outreach.ui.app.main`). With ``--smoke-test DIR`` it checks, without a person at the
keyboard, that the frozen bundle carries everything a real start needs:

1. creates a profile in ``DIR`` with a fixed synthetic passphrase through
   :mod:`outreach.ops.profiles` (Argon2id, SQLCipher, the vault), writes a made-up person,
   closes it and unlocks it again;
2. scores a questionnaire (the measures in ``resources/measures`` were collected);
3. builds the main window (or, before it existed, the unlock page), checks the stylesheet
   and the icon loaded, unlocks through the UI's background op so the workspace with every
   page (QtCharts, QtPdf) is built, processes events, then locks and closes it;
4. prints ``smoke test ok`` and exits 0; any failure prints the reason and exits 1.

Run it offscreen: ``QT_QPA_PLATFORM=offscreen dist/outreach/outreach --smoke-test /tmp/x``.
Nothing personal is involved: the passphrase and the person are synthetic.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

SMOKE_PASSPHRASE = "smoke test passphrase only"
SMOKE_PROFILE = "smoke"
SMOKE_USER = "Smoke Test"
TIMEOUT_SECONDS = 60.0


def _check(condition: object, what: str) -> None:
    if not condition:
        raise RuntimeError(f"smoke test failed: {what}")


def _profile_round_trip(data_dir: Path) -> None:
    """Create, write, close, unlock and read back a synthetic profile (no Qt involved)."""
    from outreach.core import scoring
    from outreach.ops import people as people_ops
    from outreach.ops import profiles as profile_ops

    store = profile_ops.create_profile(data_dir, SMOKE_PROFILE, SMOKE_PASSPHRASE,
                                       user=SMOKE_USER)
    try:
        people_ops.new_person(store, person={"given_name": "Alex", "family_name": "Example",
                                             "preferred_name": "Alex"})
    finally:
        store.close()
    store = profile_ops.unlock_profile(data_dir, SMOKE_PROFILE, SMOKE_PASSPHRASE)
    try:
        _check(len(people_ops.caseload(store)) == 1, "the person written was not read back")
    finally:
        store.close()
    _check(scoring.instruments(), "no questionnaires found in resources/measures")


def _wait(app: object, until: object, what: str) -> None:
    from PySide6.QtWidgets import QApplication

    from outreach.ui.background import wait_for_all

    assert isinstance(app, QApplication) and callable(until)
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not until():
        _check(time.monotonic() < deadline, f"timed out waiting for {what}")
        wait_for_all(200)
        app.processEvents()
        time.sleep(0.01)


def _window_round_trip(data_dir: Path) -> None:
    """Build the real window offscreen, unlock through it, then lock and close it."""
    import importlib.util

    from outreach.ui.app import make_app

    app = make_app([sys.argv[0]])
    _set_window_icon(app)
    _check(not app.windowIcon().isNull(), "the app icon in resources/icons did not load")
    _check(app.styleSheet().strip(), "the stylesheet in resources/style did not load")

    if importlib.util.find_spec("outreach.ui.main_window") is None:
        from outreach.ui.unlock import UnlockPage

        page = UnlockPage(data_dir=data_dir)
        page.set_profile(SMOKE_PROFILE)
        page.show()
        app.processEvents()
        page.close()
        return

    from outreach.ui.main_window import MainWindow

    window = MainWindow(data_dir=data_dir)
    window.resize(1280, 760)
    window.show()
    app.processEvents()
    window.unlock_page.pass_edit.setText(SMOKE_PASSPHRASE)
    window.unlock_page.try_unlock()
    _wait(app, lambda: window.workspace is not None or bool(window.unlock_page.message.text()),
          "the unlock to finish")
    _check(window.workspace is not None,
           f"unlocking in the window failed: {window.unlock_page.message.text()}")
    for name in list(window.workspace.pages):
        window.workspace.show_page(name)
        app.processEvents()
    window.lock_now()
    app.processEvents()
    _check(window.is_locked, "the window did not lock")
    window.close()
    app.processEvents()


def smoke_test(folder: str) -> int:
    """Run the checks in the module docstring inside ``folder``; 0 when all pass."""
    data_dir = Path(folder).expanduser().resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        _check(not any(data_dir.iterdir()), f"{data_dir} must be an empty folder")
        _profile_round_trip(data_dir)
        _window_round_trip(data_dir)
    except Exception:
        traceback.print_exc()
        sys.stdout.write("smoke test FAILED\n")
        return 1
    sys.stdout.write("smoke test ok\n")
    sys.stdout.flush()
    return 0


def _set_window_icon(app: object) -> None:
    """The app's icon on every window (Windows' taskbar and X11 window lists use it)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from outreach import config

    assert isinstance(app, QApplication)
    icon = QIcon()
    for png in sorted((config.RESOURCES / "icons" / "hicolor").glob(f"*/apps/{config.APP_ID}.png")):
        icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)


def main(argv: list[str] | None = None) -> int:
    """``outreach [--data-dir DIR]`` starts the app; ``outreach --smoke-test DIR`` checks
    the bundle; ``outreach --cli ARGS`` runs ``outreach-cli ARGS`` (the bundle has no
    separate CLI executable; admins use it for ``recover``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--smoke-test":
        if len(args) != 2:
            sys.stderr.write("usage: outreach --smoke-test EMPTY_FOLDER\n")
            return 2
        return smoke_test(args[1])
    if args and args[0] == "--cli":
        from outreach.cli import main as cli_main

        return int(cli_main(args[1:]) or 0)
    from outreach.ui.app import main as app_main
    from outreach.ui.app import make_app

    _set_window_icon(make_app([sys.argv[0], *args]))
    return app_main([sys.argv[0], *args])


if __name__ == "__main__":
    sys.exit(main())
