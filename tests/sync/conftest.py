"""Sync test set-up: a throwaway PostgreSQL for the session, real servers on free loopback
ports, and laptops that are real encrypted profiles.

PostgreSQL is ``bench.pg.throwaway_postgres`` (binaries from ``/usr/lib/postgresql/*/bin``,
which ``packaging/debian-deps.sh test`` installs; as root, initdb and pg_ctl run as the
``postgres`` user). Missing binaries fail the PostgreSQL tests loudly: CI must exercise
PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bench.pg import Postgres, PostgresMissing, free_port, throwaway_postgres
from tests.conftest import FAST_KDF, PASSPHRASE

__all__ = ["Postgres", "free_port"]     # imported by other test modules

BACKENDS = ["sqlite", "postgres"]


# -- PostgreSQL: the same throwaway cluster the benchmarks use (bench/pg.py) ---------------------
@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Postgres]:
    try:
        cluster = throwaway_postgres(max_connections=200)
        pg = cluster.__enter__()
    except PostgresMissing as exc:
        pytest.fail(f"{exc}. The sync tests need a real PostgreSQL.", pytrace=False)
    try:
        yield pg
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture
def pg_url(pg_cluster: Postgres) -> str:
    return pg_cluster.new_database(prefix="t")


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
                            ssl_keyfile=ssl_keyfile, proxy_headers=False)  # as `serve`

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
