"""Honest exits: ``outreach-cli``'s exit code tells a script what happened (a mistake in
the command, an unreachable server, refused credentials, a revoked laptop), as listed in
``--help``; ``outreach-server`` without the server extra says how to install it. Each
case runs the real command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from outreach import cli_exit
from outreach.ops import sync as sync_ops
from outreach.store.profile import Profile
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


def cli(data: Path, *argv: str, passphrase: str = PASSPHRASE) -> subprocess.CompletedProcess:
    env = {**os.environ, "OUTREACH_PASSPHRASE": passphrase,
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "outreach.cli", "--data-dir", str(data),
                           *argv], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with one profile (``main``, fast KDF), not enrolled."""
    folder = tmp_path / "data"
    Profile(folder, "main", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="cam").close()
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    from sync.server import admin
    from sync.server.settings import Settings
    from tests.sync.conftest import start_server

    srv = start_server(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}"))
    admin.create_team(srv.engine, "North")
    admin.create_user(srv.engine, team="North", username="cam")
    yield srv
    srv.stop()


def test_help_lists_the_exit_codes() -> None:
    proc = subprocess.run([sys.executable, "-m", "outreach.cli", "--help"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0
    for code, _meaning in cli_exit.MEANINGS:
        assert f"\n  {code:>3}  " in proc.stdout
    docs = (ROOT / "docs" / "admin.md").read_text("utf-8")
    for code, _meaning in cli_exit.MEANINGS:
        assert f"| {code} |" in docs


def test_a_usage_mistake_is_2(data: Path) -> None:
    assert cli(data, "--no-such-option").returncode == cli_exit.USAGE
    proc = cli(data, "--profile", "nobody", "info")
    assert proc.returncode == cli_exit.USAGE and "no profile 'nobody'" in proc.stderr


def test_an_unreachable_server_is_temporary(data: Path) -> None:
    from tests.sync.conftest import free_port

    proc = cli(data, "--profile", "main", "enroll", "--server",
               f"http://127.0.0.1:{free_port()}", "--code", "AAAAA-BBBBB-CCCCC")
    assert proc.returncode == cli_exit.UNAVAILABLE == 75
    assert "could not reach the server" in proc.stderr and "Traceback" not in proc.stderr


def test_refused_credentials_are_77(data: Path, server: Any) -> None:
    proc = cli(data, "--profile", "main", "enroll", "--server", server.url,
               "--code", "AAAAA-BBBBB-CCCCC")
    assert proc.returncode == cli_exit.CREDENTIALS_REFUSED == 77
    assert "enrolment code is not right" in proc.stderr
    proc = cli(data, "--profile", "main", "info", passphrase="not the passphrase at all")
    assert proc.returncode == cli_exit.CREDENTIALS_REFUSED


def test_a_revoked_laptop_has_its_own_code(data: Path, server: Any) -> None:
    from sync.server import admin

    store = Profile(data, "main").unlock(PASSPHRASE)
    try:
        code, _ = admin.issue_enroll_code(server.engine, server.settings, "cam")
        sync_ops.enroll(store, server_url=server.url, code=code)
        device = store.device_id
    finally:
        store.close()
    admin.revoke(server.engine, device)
    proc = cli(data, "--profile", "main", "sync")
    assert proc.returncode == cli_exit.REVOKED == 79
    assert "erased" in proc.stderr and "Traceback" not in proc.stderr
    assert not (data / "main").exists()


@pytest.mark.parametrize("argv", [["serve"], ["admin", "devices"]])
def test_outreach_server_without_the_server_extra_says_how_to_install_it(tmp_path,
                                                                         argv) -> None:
    full = [*argv, "--db", f"sqlite:///{tmp_path / 's.db'}"]
    blocker = ("import sys\n"
               "for name in ('fastapi', 'uvicorn', 'sqlalchemy', 'alembic', 'starlette'):\n"
               "    sys.modules[name] = None\n"
               "from sync.server.cli import main\n"
               f"sys.exit(main({full!r}))\n")
    proc = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True,
                          cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stderr == ("outreach-server needs the server extra: "
                           "pip install 'outreach[server]'\n")
    assert proc.returncode == 69
