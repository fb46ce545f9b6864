"""Reliability test set-up: the PostgreSQL fixture and server helpers of ``tests/sync``,
laptops (real encrypted profiles, fast KDF), and a sync loop that repeats until done.

Every helper is bounded: loops have a maximum number of attempts, waits a deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.client import HttpClient, SyncError, SyncStats, run_sync
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.sync.conftest import (  # noqa: F401 - fixtures re-exported for this folder
    RunningServer,
    free_port,
    pg_cluster,
    pg_url,
    snapshot,
    start_server,
)

ROOT = Path(__file__).resolve().parents[2]


def fast_http(store: Any, **kw: Any) -> HttpClient:
    """A client for ``store``'s credentials that retries quickly (no real sleeping)."""
    from outreach.store.syncstore import StoreSync

    creds = StoreSync(store).credentials()
    assert creds is not None, "not enrolled"
    opts: dict[str, Any] = {"timeout": 5.0, "retries": 1, "backoff": 0.0,
                            "sleep": lambda _s: None}
    opts.update(kw)
    return HttpClient.from_credentials(creds, **opts)


def sync_until_done(store: Any, *, attempts: int = 60, batch_size: int = 500,
                    page_size: int = 2000, allowed: tuple[str, ...] = ("network",),
                    **http_kw: Any) -> tuple[SyncStats, int]:
    """Run whole syncs until one completes; returns its stats and the failures before it.

    A failure whose code is not in ``allowed`` fails the test (it is a bug, not a fault).
    """
    from outreach.store.syncstore import StoreSync

    failures = 0
    for _ in range(attempts):
        with fast_http(store, **http_kw) as http:
            try:
                stats = run_sync(StoreSync(store), http=http, batch_size=batch_size,
                                 page_size=page_size)
            except SyncError as exc:
                assert exc.code in allowed, f"sync failed with {exc.code}: {exc}"
                failures += 1
                continue
        return stats, failures
    raise AssertionError(f"sync did not complete in {attempts} attempts")


def new_laptop(root: Path, name: str, *, user: str) -> Any:
    from outreach.store.profile import Profile

    return Profile(root / name, "main", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user=user)


def setup_user(engine: Any, settings: Any, username: str, *, team: str,
               admin: bool = False) -> str:
    """Make the team (if new) and the user; returns a one-time enrollment code."""
    from sync.server import admin as server_admin

    try:
        server_admin.create_team(engine, team)
    except server_admin.AdminError:
        pass
    server_admin.create_user(engine, team=team, username=username, is_admin=admin)
    return server_admin.issue_enroll_code(engine, settings, username)[0]


def outbox_ids(store: Any) -> set[str]:
    return {r[0] for r in store.execute("SELECT change_id FROM outbox").fetchall()}


# -- server processes ---------------------------------------------------------------------
@dataclass
class ServerProcess:
    """``outreach-server serve`` in a child process (so it can be killed for real)."""

    db_url: str
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)   # e.g. OUTREACH_SERVER_RATE_LIMIT_*

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT), **self.env}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", self.db_url,
             "--port", str(self.port),
             "--insecure-pilot"],   # the throwaway PostgreSQL has no password
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"server exited: {err[-2000:]}")
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not start in 30 s")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> str:
        """Terminate; returns what the server wrote on stderr."""
        if self.proc is None:
            return ""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
        if self.proc.stderr:
            self.proc.stderr.close()
        return err


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[RunningServer]:
    from sync.server.settings import Settings

    srv = start_server(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}"))
    yield srv
    srv.stop()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every reliability test is bounded: 120 s each (the whole folder takes ~1.5 min)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(120))
