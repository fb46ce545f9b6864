"""Small leaks (issue 13 item 11): exports to a world-readable stdout file, temporary
files at guessable names, a preview PDF left by a crash, and the passphrase in the
environment."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from outreach.store.files import atomic_write
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


def _cli(data: Path, *args: str, env: dict[str, str] | None = None, **kw):
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full.pop("OUTREACH_PASSPHRASE", None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "outreach.cli", "--data-dir", str(data),
                           *args], env=full, timeout=120, **kw)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    from outreach.store.profile import Profile

    root = tmp_path_factory.mktemp("leaks") / "data"
    store = Profile(root, "default", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Exportina"})
    store.close()
    return root


def test_export_to_a_world_readable_stdout_file_is_refused(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    fd = os.open(target, os.O_CREAT | os.O_WRONLY, 0o644)
    os.chmod(target, 0o644)
    with os.fdopen(fd, "wb") as out:
        proc = _cli(data, "export", env={"OUTREACH_PASSPHRASE": PASSPHRASE}, stdout=out,
                    stderr=subprocess.PIPE)
    assert proc.returncode != 0
    assert b"Exportina" not in target.read_bytes()
    message = proc.stderr.decode()
    assert "others can read" in message and "--output" in message


def test_export_to_a_private_stdout_file_or_a_pipe_works(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    fd = os.open(target, os.O_CREAT | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out:
        proc = _cli(data, "export", env={"OUTREACH_PASSPHRASE": PASSPHRASE}, stdout=out,
                    stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr
    assert b"Exportina" in target.read_bytes()
    proc = _cli(data, "export", env={"OUTREACH_PASSPHRASE": PASSPHRASE},
                capture_output=True)
    assert proc.returncode == 0 and b"Exportina" in proc.stdout


def test_atomic_write_never_follows_a_planted_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    folder = tmp_path / "profile"
    folder.mkdir()
    target = folder / "outreach.key"
    # the names the old code would use: .<name>.<pid>.tmp for this and nearby pids
    for pid in range(os.getpid() - 5, os.getpid() + 6):
        (folder / f".{target.name}.{pid}.tmp").symlink_to(victim)
    atomic_write(target, b"secret")
    assert victim.read_text() == "keep me"
    assert target.read_bytes() == b"secret" and not target.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_passphrase_from_a_file_descriptor_or_a_file(data: Path, tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, (PASSPHRASE + "\n").encode())
    os.close(write_end)
    try:
        proc = _cli(data, "--passphrase-fd", str(read_end), "info", capture_output=True,
                    pass_fds=(read_end,))
    finally:
        os.close(read_end)
    assert proc.returncode == 0, proc.stderr
    assert b"User:" in proc.stdout
    secret = tmp_path / "passphrase"
    fd = os.open(secret, os.O_CREAT | os.O_WRONLY, 0o600)
    os.write(fd, PASSPHRASE.encode())
    os.close(fd)
    proc = _cli(data, "info", env={"OUTREACH_PASSPHRASE_FILE": str(secret)},
                capture_output=True)
    assert proc.returncode == 0, proc.stderr
    os.chmod(secret, 0o644)
    proc = _cli(data, "info", env={"OUTREACH_PASSPHRASE_FILE": str(secret)},
                capture_output=True)
    assert proc.returncode != 0 and b"others can read" in proc.stderr


def test_readme_does_not_tell_people_to_export_the_passphrase() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "export OUTREACH_PASSPHRASE" not in readme
    assert "--passphrase-fd" in readme or "OUTREACH_PASSPHRASE_FILE" in readme


def test_a_preview_left_by_a_crash_is_removed_at_the_next_start(qtbot, tmp_path: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f"outreach-preview-{dead.stdout.strip()}-x1y2z3"
    stale.mkdir(mode=0o700)
    (stale / "preview.pdf").write_bytes(b"%PDF-1.4 Exportina's care plan")
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    running = tmp_path / f"outreach-preview-{os.getpid()}-a1b2c3"     # a running app's
    running.mkdir(mode=0o700)
    recent_legacy = tmp_path / "outreach-preview-k2j3h4g5"           # no pid, just made
    recent_legacy.mkdir(mode=0o700)
    from outreach.ui.main_window import MainWindow

    win = MainWindow(data_dir=tmp_path / "data", vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not stale.exists(), timeout=5000)
    assert other.exists() and running.exists() and recent_legacy.exists()


def test_the_server_report_writer_never_follows_a_planted_link(tmp_path: Path) -> None:
    from sync.server.report import _write_private

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "report.csv"
    for pid in range(os.getpid() - 5, os.getpid() + 6):
        (tmp_path / f".{target.name}.{pid}.tmp").symlink_to(victim)
    _write_private(target, b"counts only")
    assert victim.read_text() == "keep me" and target.read_bytes() == b"counts only"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
