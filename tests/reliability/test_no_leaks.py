"""No personal data outside the encrypted database after a scripted full session.

The session, with distinctive synthetic strings: through the desktop app's widgets (the
welcome wizard, a conversation with its autosaved draft, the care plan, the PDF preview
and a PDF saved where the user chose, enrolment and Sync now on the Sync page), then
through ``outreach-cli`` in child processes (init, import, search, export to a chosen
file, enroll, sync, info, all verbose). HOME, the XDG folders and TMPDIR point into
private folders for the session, so settings and temporary files can be found.

Then every file in the data folder (encrypted databases included), the temp folder and
the home folder (settings, caches), every log record, and everything the app and the CLI
wrote on stdout/stderr (crash output) is searched for the strings in UTF-8 and UTF-16.
Only the export the user asked for, the PDF they saved and the CLI's search and export
output (shown to the user on purpose) may hold them.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from outreach.ui.conversation import ConversationDialog
from outreach.ui.person import PersonView
from outreach.ui.sync_panel import SyncPanel
from outreach.ui.welcome import WelcomeWizard
from tests.conftest import PASSPHRASE
from tests.reliability.conftest import ROOT, new_laptop, setup_user

SECRETS = {
    "given": "Quillonbeth", "family": "Marrowvantage", "matters": "glimmerfrost",
    "notes": "Thrumbleweed", "draft": "Pendragonfly", "plan": "Snorkelbarrow",
    "imported": "Vexillarium", "goal": "Brindlecombe",
}


def _needles() -> list[tuple[str, bytes]]:
    out = []
    for word in SECRETS.values():
        for variant in {word, word.lower(), word.upper()}:
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                out.append((f"{variant} ({enc})", variant.encode(enc)))
    return out


def _hits(name: str, data: bytes) -> list[str]:
    return [f"{name}: {what}" for what, needle in _needles() if needle in data]


def _scan_tree(folder: Path, *, skip: tuple[Path, ...] = ()) -> tuple[list[str], int]:
    found, files = [], 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path not in skip:
            files += 1
            found += _hits(str(path.relative_to(folder)), path.read_bytes())
    return found, files


@pytest.fixture
def private_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """HOME, XDG folders and TMPDIR of this session, inside ``tmp_path``."""
    dirs = {name: tmp_path / name for name in ("home", "tmp", "data", "outside", "server")}
    for folder in dirs.values():
        folder.mkdir(mode=0o700)
    home = dirs["home"]
    env = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_CACHE_HOME": home / ".cache",
           "XDG_DATA_HOME": home / ".local/share", "XDG_STATE_HOME": home / ".local/state",
           "XDG_RUNTIME_DIR": home / "run", "TMPDIR": dirs["tmp"]}
    for key, value in env.items():
        value.mkdir(mode=0o700, parents=True, exist_ok=True)
        monkeypatch.setenv(key, str(value))
    monkeypatch.setattr(tempfile, "tempdir", str(dirs["tmp"]))
    return dirs


def _gui_session(qtbot: Any, store: Any, server: Any, saved_pdf: Path,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()

    def next_page() -> None:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)

    qtbot.mouseClick(wizard.consent_record, Qt.MouseButton.LeftButton)
    # agreed to share: the care plan PDF below is saved without the consent question
    qtbot.mouseClick(wizard.consent_share, Qt.MouseButton.LeftButton)
    next_page()
    qtbot.keyClicks(wizard.given_name, SECRETS["given"])
    qtbot.keyClicks(wizard.family_name, SECRETS["family"])
    next_page()
    qtbot.keyClicks(wizard.what_matters, f"Seeing the {SECRETS['matters']} at dawn")
    next_page()
    next_page()
    qtbot.keyClicks(wizard.goal_texts[0], f"Walk to {SECRETS['goal']} and back")
    wizard.goal_areas[0].setCurrentIndex(wizard.goal_areas[0].findData("connection"))
    next_page()
    next_page()
    qtbot.keyClicks(wizard.notes, f"We talked about {SECRETS['notes']}.")
    with qtbot.waitSignal(wizard.welcomed) as got:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    pid = got.args[0]

    # A conversation: the draft autosaves as it is typed, then it is saved.
    dialog = ConversationDialog(store, pid, autosave_ms=20)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.keyClicks(dialog.notes, f"Draft about {SECRETS['draft']}")
    dialog.risk_checked.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # ...and a second one left as a draft.
    again = ConversationDialog(store, pid, autosave_ms=20)
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.draft_saved, timeout=5000):
        qtbot.keyClicks(again.notes, f"Unfinished {SECRETS['draft']}")

    # The care plan, its preview and a PDF saved where the user chose.
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.show()
    plan = view.careplan
    view.tabs.setCurrentWidget(plan)
    plan.texts["strengths"].setFocus()
    qtbot.keyClicks(plan.texts["strengths"], f"Knows all about {SECRETS['plan']}")
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    from outreach.ui import pdf
    shown: list[Any] = []
    pdf.preview_care_plan(store, pid, parent=view, on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert SECRETS["plan"] in " ".join(shown[0].page_text(0).split())
    shown[0].close()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved_pdf), "PDF files (*.pdf)")))
    view.pdf_button.click()
    op = view.pdf_op
    qtbot.waitUntil(lambda: not op.is_running, timeout=20_000)
    assert op.error is None and saved_pdf.exists()

    # Enrol and sync from the Sync page.
    panel = SyncPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)
    panel.server_edit.setText(server.url)
    panel.code_edit.setText(setup_user(server.engine, server.settings, "gui.user",
                                       team="North"))
    with qtbot.waitSignal(panel.enrolled, timeout=20_000):
        qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.sync_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(panel.synced, timeout=30_000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.status_op.is_running, timeout=10_000)
    assert panel.outcome_label.text().startswith("Done")


def _cli_session(dirs: dict[str, Path], server: Any) -> tuple[list[str], list[str]]:
    """Run the CLI; returns (stderr of every run, stdout of runs that must not show data)."""
    pid = str(uuid.uuid4())
    import_file = dirs["outside"] / "import.json"
    import_file.write_text(json.dumps({"format": "outreach-export", "version": 1,
                                       "records": [{"id": pid, "kind": "person",
                                                    "person_id": pid,
                                                    "given_name": SECRETS["imported"]}]}),
                           "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OUTREACH_PASSPHRASE": PASSPHRASE,
           "PYTHONFAULTHANDLER": "1"}
    code = setup_user(server.engine, server.settings, "cli.user", team="North")
    steps: list[tuple[list[str], bool]] = [
        (["init", "--user", "cli.user"], True),
        (["import", str(import_file)], True),
        (["search", SECRETS["imported"]], False),           # shows data: on purpose
        (["export", "-o", str(dirs["outside"] / "export.json")], True),
        (["export", "--format", "fhir"], False),
        (["enroll", "--server", server.url, "--code", code], True),
        (["sync"], True),
        (["info"], True),
        (["search", "nothing-like-this"], True),
    ]
    errs, outs = [], []
    for args, stdout_private in steps:
        run = subprocess.run([sys.executable, "-m", "outreach.cli", "-v", "--data-dir",
                              str(dirs["data"]), "--profile", "cli", *args], cwd=ROOT,
                             env=env, capture_output=True, timeout=120)
        assert run.returncode == 0, (args, run.stderr.decode(errors="replace")[-2000:])
        errs.append(run.stderr.decode("utf-8", errors="replace"))
        if stdout_private:
            outs.append(run.stdout.decode("utf-8", errors="replace"))
    return errs, outs


def test_a_full_session_leaves_no_personal_data_outside_the_database(
        qtbot, private_env, caplog, capfd, monkeypatch) -> None:
    from sync.server.settings import Settings
    from tests.reliability.conftest import start_server

    dirs = private_env
    caplog.set_level(logging.DEBUG)
    server = start_server(Settings(db_url=f"sqlite:///{dirs['server'] / 'server.db'}"))
    store = new_laptop(dirs["data"].parent, "data", user="gui.user")   # profile "main"
    saved_pdf = dirs["outside"] / "plan.pdf"
    try:
        _gui_session(qtbot, store, server, saved_pdf, monkeypatch)
        cli_errs, cli_outs = _cli_session(dirs, server)
    finally:
        store.close()
        server.stop()
    out, err = capfd.readouterr()

    # The session really held the data, and the search finds it where it was asked to go.
    assert saved_pdf.read_bytes().startswith(b"%PDF")
    assert _hits("export", (dirs["outside"] / "export.json").read_bytes())
    assert len(caplog.records) > 0
    # ...and none of it is anywhere else.
    found: list[str] = []
    scanned = 0
    for name in ("data", "tmp", "home"):
        hits, files = _scan_tree(dirs[name])
        found += [f"{name}/{h}" for h in hits]
        scanned += files
    found += _hits("log records", "\n".join(r.getMessage() for r in caplog.records)
                   .encode("utf-8"))
    found += _hits("app stdout/stderr", (out + err).encode("utf-8"))
    for i, text in enumerate(cli_errs):
        found += _hits(f"cli stderr {i}", text.encode("utf-8"))
    for i, text in enumerate(cli_outs):
        found += _hits(f"cli stdout {i}", text.encode("utf-8"))
    assert found == []
    assert scanned >= 4                          # two profiles: key files and databases
    assert any("INFO" in e for e in cli_errs)    # the CLI did log (verbose)
    assert list(dirs["tmp"].iterdir()) == []     # the preview folder was removed
