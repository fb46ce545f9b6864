"""Sync test set-up: a throwaway PostgreSQL for the session, real servers on free loopback
ports, and laptops that are real encrypted profiles.

PostgreSQL comes from ``/usr/lib/postgresql/*/bin`` (``packaging/debian-deps.sh test``
installs it). As root, initdb and pg_ctl run as the ``postgres`` user in a temp folder it
owns. Missing binaries fail the PostgreSQL tests loudly: CI must exercise PostgreSQL.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FAST_KDF, PASSPHRASE

BACKENDS = ["sqlite", "postgres"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- PostgreSQL -------------------------------------------------------------------------------
@dataclass
class PgCluster:
    port: int
    folder: Path
    bindir: Path
    as_postgres: list[str]
    _n: int = 0

    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        self._n += 1
        name = f"t{os.getpid()}_{self._n}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


def _pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin). "
                    "Install them with: sudo bash packaging/debian-deps.sh test "
                    "(or apt-get install postgresql). The sync tests need a real PostgreSQL.",
                    pytrace=False)
    return Path(found[-1]).parent


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = _pg_bindir()
    folder = Path(tempfile.mkdtemp(prefix="outreach-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    port = free_port()
    run = dict(check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    subprocess.run([*as_postgres, str(bindir / "initdb"), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--no-sync", "-D", str(data)], **run)  # type: ignore[arg-type]
    subprocess.run([*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(folder / "log"), "-o",
                    f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off "
                    "-c max_connections=200", "start"], **run)  # type: ignore[arg-type]
    try:
        yield PgCluster(port, folder, bindir, as_postgres)
    finally:
        subprocess.run([*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    return pg_cluster.new_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'server.db'}"


@pytest.fixture
def backend(db_url: str) -> Iterator[tuple[Any, Any]]:
    """A migrated server database (each backend) and its settings, for direct calls."""
    from sync.server import db
    from sync.server.settings import Settings

    engine = db.make_engine(db_url)
    db.migrate(engine)
    yield engine, Settings(db_url=db_url)
    engine.dispose()


# -- a real server on a free port -------------------------------------------------------------
@dataclass
class RunningServer:
    url: str
    app: Any
    settings: Any
    thread: threading.Thread
    uvicorn_server: Any

    @property
    def engine(self) -> Any:
        return self.app.state.engine

    def stop(self) -> None:
        self.uvicorn_server.should_exit = True
        self.thread.join(timeout=10)
        self.engine.dispose()


def start_server(settings: Any, *, ssl_certfile: str | None = None,
                 ssl_keyfile: str | None = None) -> RunningServer:
    import uvicorn

    from sync.server.app import create_app

    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                            access_log=False, ssl_certfile=ssl_certfile,
                            ssl_keyfile=ssl_keyfile)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    scheme = "https" if ssl_certfile else "http"
    return RunningServer(f"{scheme}://127.0.0.1:{port}", app, settings, thread, server)


@pytest.fixture
def make_server(db_url: str) -> Iterator[Callable[..., RunningServer]]:
    from sync.server.settings import Settings

    started: list[RunningServer] = []

    def make(**overrides: Any) -> RunningServer:
        srv = start_server(Settings(db_url=db_url, **overrides))
        started.append(srv)
        return srv

    yield make
    for srv in started:
        srv.stop()


@pytest.fixture
def server(make_server: Callable[..., RunningServer]) -> RunningServer:
    return make_server()


# -- laptops ----------------------------------------------------------------------------------
@dataclass
class Laptops:
    """Makes enrolled laptops: real profiles (fast KDF) enrolled with one-time codes."""

    server: RunningServer
    root: Path
    stores: list[Any] = field(default_factory=list)

    def user(self, username: str, *, team: str, admin: bool = False) -> None:
        from sync.server import admin as server_admin

        try:
            server_admin.create_team(self.server.engine, team)
        except server_admin.AdminError:
            pass
        server_admin.create_user(self.server.engine, team=team, username=username,
                                 is_admin=admin)

    def code(self, username: str) -> str:
        from sync.server import admin as server_admin

        return server_admin.issue_enroll_code(self.server.engine, self.server.settings,
                                              username)[0]

    def new(self, name: str, *, username: str, team: str, admin: bool = False,
            enroll: bool = True) -> Any:
        from outreach.ops import sync as sync_ops
        from outreach.store.profile import Profile

        self.user(username, team=team, admin=admin)
        store = Profile(self.root / name, "main",
                        vault_options={"kdf_params": FAST_KDF}).create(PASSPHRASE,
                                                                       user=username)
        self.stores.append(store)
        if enroll:
            sync_ops.enroll(store, server_url=self.server.url, code=self.code(username),
                            passphrase=PASSPHRASE)
        return store


@pytest.fixture
def laptops(server: RunningServer, tmp_path: Path) -> Iterator[Laptops]:
    lp = Laptops(server, tmp_path / "laptops")
    yield lp
    for store in lp.stores:
        if not store.closed:
            store.close()


def snapshot(store: Any) -> dict[str, Any]:
    """Every record's synced content (data, clocks, deleted) by id: what must converge."""
    rows = store.execute("SELECT id, kind, person_id, data, clocks, deleted FROM records "
                         "ORDER BY id").fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}
