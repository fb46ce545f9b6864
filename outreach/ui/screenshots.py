"""Make the README's screenshots from synthetic demo data: ``python -m outreach.ui.screenshots
docs/screenshots`` (``make screenshots``).

Everything is real: a temporary profile filled by :func:`outreach.ops.demo.generate_caseload`,
a sync server started on a loopback port with a second laptop, so the Sync page shows a real
conflict and the Admin page real laptops and a real enrolment code. The screens are drawn
offscreen at 1366×768 with ``QWidget.grab()``; one extra shot uses a dark palette to show the
app following the system's appearance. ``--scale 1.5`` draws only the People page at 150 %
scaling (``10-people-150.png``). Nothing is kept but the PNGs.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

log = logging.getLogger(__name__)

SIZE = (1366, 768)
USER, OTHER = "Sam Worker", "Priya Nair"
PASSPHRASE = "demo laptop passphrase only"
DEMO_KDF = {"name": "argon2id", "memory_cost": 8 * 1024, "iterations": 1, "lanes": 1}


def offscreen_platform(folder: Path, *, width: int, height: int) -> str:
    """A ``QT_QPA_PLATFORM`` value for one offscreen screen of ``width``×``height``
    physical pixels (the offscreen platform's own default is 800×800); writes its
    configuration file into ``folder``. Set it, and any ``QT_SCALE_FACTOR``, before the
    QApplication exists."""
    import json

    config = folder / "offscreen-screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "Outreach", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def settle(app: QApplication, ms: int = 300, until: Callable[[], bool] | None = None) -> None:
    """Let background ops finish and the event loop draw (up to ~10 s for ``until``)."""
    from outreach.ui.background import wait_for_all

    deadline = time.monotonic() + 10
    while True:
        wait_for_all(10_000)
        app.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        wait_for_all(10_000)
        app.processEvents()
        if until is None or until() or time.monotonic() > deadline:
            return


def start_server(folder: Path) -> tuple[Any, Any]:
    """A real sync server (SQLite) on a free loopback port; returns (url, stop)."""
    import uvicorn

    from sync.server import admin as server_admin
    from sync.server.app import create_app
    from sync.server.settings import Settings

    settings = Settings(db_url=f"sqlite:///{folder / 'server.db'}")
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    server_admin.create_team(app.state.engine, "North")
    server_admin.create_user(app.state.engine, team="North", username=USER, is_admin=True)
    server_admin.create_user(app.state.engine, team="North", username=OTHER)

    def code(user: str) -> str:
        return str(server_admin.issue_enroll_code(app.state.engine, settings, user)[0])

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.engine.dispose()

    return (f"http://127.0.0.1:{port}", code), stop


def make_demo(root: Path, *, url: str, code: Callable[[str], str]) -> Path:
    """Two enrolled laptops sharing a demo caseload, with one real text conflict."""
    from outreach.ops import careplan as careplan_ops
    from outreach.ops import people as people_ops
    from outreach.ops import sync as sync_ops
    from outreach.ops.demo import generate_caseload
    from outreach.store.profile import Profile

    mine = root / "sam"
    a = Profile(mine, "sam", vault_options={"kdf_params": DEMO_KDF}).create(PASSPHRASE,
                                                                            user=USER)
    b = Profile(root / "priya", "priya", vault_options={"kdf_params": DEMO_KDF}).create(
        PASSPHRASE, user=OTHER)
    generate_caseload(a, people=400, seed=7)
    sync_ops.enroll(a, server_url=url, code=code(USER), device_name="Sam's laptop")
    sync_ops.enroll(b, server_url=url, code=code(OTHER), device_name="Priya's laptop")
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    person = next(r for r in people_ops.caseload(a) if r.status == "active")
    careplan_ops.update_care_plan(a, person_id=person.id, changes={
        "what_matters": "Getting back to the allotment on Saturdays, and seeing my sister."})
    careplan_ops.update_care_plan(b, person_id=person.id, changes={
        "what_matters": "Seeing my sister every week; the allotment when I feel up to it."})
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    people_ops.update_person(a, person.id, {"pronouns": "she/her"})
    a.close()
    b.close()
    return mine


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark mode (used only for the dark screenshot)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e8e8e8"),
                         (roles.Base, "#1f1f1f"), (roles.AlternateBase, "#262626"),
                         (roles.Text, "#e8e8e8"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e8e8e8"), (roles.Highlight, "#3d7bd9"),
                         (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#353535"),
                         (roles.ToolTipText, "#e8e8e8"), (roles.PlaceholderText, "#9a9a9a"),
                         (roles.Link, "#8ab4f8")):
        p.setColor(role, QColor(colour))
    return p


def shoot(out: Path, *, scale: float = 1.0) -> list[Path]:
    """Render every main screen into ``out``; returns the files written.

    With ``scale`` other than 1 (the QApplication must already run at that scale, see
    :func:`main`), only the People page is drawn, as ``10-people-<percent>.png``: the
    window fills 1366×768 physical pixels, so 911×512 logical ones at 150 %."""
    from outreach.ui.app import make_app
    from outreach.ui.main_window import MainWindow

    app = make_app([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="outreach-shots-") as tmp:
        root = Path(tmp)
        (url, code), stop = start_server(root)
        try:
            data_dir = make_demo(root / "laptops", url=url, code=code)
            win = MainWindow(data_dir=data_dir)
            win.resize(int(SIZE[0] / scale), int(SIZE[1] / scale))
            win.show()
            settle(app)
            if scale == 1.0:
                save(win, "01-unlock")
            win.unlock_page.pass_edit.setText(PASSPHRASE)
            win.unlock_page.try_unlock()
            settle(app, until=lambda: win.workspace is not None)
            ws = win.workspace
            today = ws.pages["today"]
            settle(app, until=lambda: today.data is not None)
            if scale != 1.0:
                ws.show_page("people")
                settle(app, 500)
                save(win, f"10-people-{round(scale * 100)}")
                win.lock_now()
                win.close()
                settle(app)
                return written
            save(win, "02-today")
            people = ws.show_page("people")
            settle(app)
            save(win, "03-people")
            people.search_edit.setText("allotment")
            people.notes_switch.setChecked(True)
            settle(app, 500)
            save(win, "04-search")
            people.notes_switch.setChecked(False)
            people.search_edit.clear()
            first = today.data.my_caseload[0].id if today.data.my_caseload else \
                people.model.rows[0].id
            ws.open_person(first)
            settle(app, 500)
            save(win, "05-person")
            # "Someone is with me" (F9): the person's own file stays, everyone else goes
            ws.set_with_me(True)
            settle(app, 300)
            save(win, "11-with-me-person")
            ws.show_page("today")
            settle(app, 300)
            save(win, "12-with-me-today")
            ws.set_with_me(False)
            settle(app)
            ws.show_page("directory")
            settle(app)
            save(win, "06-directory")
            ws.show_page("sync")
            settle(app, 500)
            save(win, "07-sync-conflict")
            admin = ws.show_page("admin")
            settle(app, 500, until=lambda: bool(admin.devices))
            admin.user_edit.setText(OTHER)
            admin.issue_code()
            settle(app, 500, until=lambda: bool(admin.code_label.text()))
            save(win, "08-admin")
            ws.show_page("today")
            light = app.palette()
            app.setPalette(dark_palette())
            settle(app)
            save(win, "09-today-dark")
            app.setPalette(light)
            win.lock_now()
            settle(app)
            win.close()
            settle(app)
        finally:
            stop()
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m outreach.ui.screenshots [OUT] [--scale 1.5]``: the README's shots, or
    with ``--scale`` only the People page at that scaling (``10-people-150.png``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m outreach.ui.screenshots")
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="display scaling, e.g. 1.5 for 150%% (People page only)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="outreach-screen-") as screen:
        # a 1366×768 offscreen screen, at this scale; both must be set before the app
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(screen), width=SIZE[0],
                                                               height=SIZE[1])
        if args.scale != 1.0:
            os.environ["QT_SCALE_FACTOR"] = str(args.scale)
        for path in shoot(Path(args.out), scale=args.scale):
            log.warning("wrote %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
