"""Issue 13 item 13: restoring an older server backup must not make laptops skip changes.

The server has an epoch that changes on restore; a laptop that sees a new epoch re-sends
what the server no longer has and pulls afresh, without duplicates. The scenario of the
issue, on SQLite and on PostgreSQL: back up, sync more from two laptops, restore, sync;
every change is then on the server and on both laptops exactly once.

SQLite is backed up with SQLite's online backup and marked restored with
``outreach-server admin restored``; PostgreSQL with ``pg_dump``/``pg_restore`` into a new
database, which the server recognises by itself as a restored copy when it starts."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.transfer import flat_record, read_all
from sync.server import epoch
from sync.server.settings import Settings
from tests.sync.conftest import Laptops, RunningServer, free_port

_COLUMNS = ("id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
            "updated_by, device_id, version, deleted")


def _serve(db_url: str, port: int) -> RunningServer:
    import uvicorn

    from sync.server.app import create_app

    settings = Settings(db_url=db_url)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    return RunningServer(f"http://127.0.0.1:{port}", app, settings, thread, server)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _backup(request: Any, db_url: str, folder: Path) -> Path:
    if db_url.startswith("sqlite"):
        path = folder / "backup.db"
        src = sqlite3.connect(make_url(db_url).database)
        dst = sqlite3.connect(path)
        src.backup(dst)
        src.close()
        dst.close()
        return path
    cluster = request.getfixturevalue("pg_cluster")
    path = folder / "backup.dump"
    subprocess.run([str(cluster.bindir / "pg_dump"), "--format=custom", f"--file={path}",
                    _libpq(db_url)], check=True, capture_output=True)
    return path


def _restore(request: Any, db_url: str, backup: Path, folder: Path) -> str:
    """The backup restored into a new database, as the deployment guide does."""
    if db_url.startswith("sqlite"):
        path = folder / "restored.db"
        shutil.copy(backup, path)
        url = f"sqlite:///{path}"
        from sync.server.cli import main
        assert main(["admin", "restored", "--db", url]) == 0
        return url
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database(prefix="restored")
    subprocess.run([str(cluster.bindir / "pg_restore"), "--no-owner", "--exit-on-error",
                    f"--dbname={_libpq(url)}", str(backup)], check=True, capture_output=True)
    return url


def _server_records(server: RunningServer) -> list[dict]:
    with server.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM records ORDER BY id").fetchall()
    return [flat_record(tuple(r[:11]) + (int(bool(r[11])),)) for r in rows]


def _server_change_ids(server: RunningServer) -> list[str]:
    with server.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT change_id FROM changes")]


def _epoch(server: RunningServer) -> str:
    with server.engine.begin() as conn:
        return epoch.current(conn)


def _made_here(store) -> set[str]:
    """Every change this laptop made and the server acknowledged (its sent log)."""
    return {r[0] for r in store.execute("SELECT change_id FROM sent_log")}


def test_restoring_an_older_backup_loses_nothing_and_duplicates_nothing(
        request, db_url, tmp_path):
    port = free_port()
    server = _serve(db_url, port)
    lp = Laptops(server, tmp_path / "laptops")
    try:
        a = lp.new("a", username="alice", team="North")
        b = lp.new("b", username="bob", team="North")
        robin = a.create("person", {"given_name": "Robin"})
        plan = a.create("care_plan", {"what_matters": "The sea"}, person_id=robin["id"])
        sync_ops.sync_now(a)
        sync_ops.sync_now(b)
        old_epoch = _epoch(server)
        backup = _backup(request, db_url, tmp_path)

        # -- after the backup: both laptops sync more --------------------------------------
        sasha = a.create("person", {"given_name": "Sasha"})
        a.update(plan["id"], {"strengths": "Patient"})
        b.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                  "setting": "outdoors", "type": "support",
                                  "notes": "A walk by the sea"}, person_id=robin["id"])
        b.update(robin["id"], {"preferred_name": "Rob"})
        for store in (a, b, a):
            sync_ops.sync_now(store)
        assert b.get(sasha["id"]) is not None
        made = _made_here(a) | _made_here(b)

        # -- the server is restored from the older backup ----------------------------------
        server.stop()
        restored = _restore(request, db_url, backup, tmp_path)
        server = _serve(restored, port)
        lp.server = server
        assert _epoch(server) != old_epoch
        assert sasha["id"] not in {r["id"] for r in _server_records(server)}

        # -- sync: the laptops see the new epoch, re-send and pull afresh ------------------
        first = sync_ops.sync_now(a)
        assert first.pushed >= 2            # Sasha and the plan's edit, again
        for store in (b, a, b):
            sync_ops.sync_now(store)

        on_server = _server_records(server)
        ids = [r["id"] for r in on_server]
        assert len(ids) == len(set(ids))
        kinds = sorted(r["kind"] for r in on_server)
        assert kinds == ["care_plan", "conversation", "person", "person"]
        assert made <= set(_server_change_ids(server)), "every change is on the server"
        by_id = {r["id"]: r for r in on_server}
        assert by_id[robin["id"]]["preferred_name"] == "Rob"
        assert by_id[plan["id"]]["strengths"] == "Patient"
        for store in (a, b):
            assert outbox.pending_count(store) == 0
            assert sorted(read_all(store), key=lambda r: r["id"]) == on_server
            assert len(store.query("conversation")) == 1
    finally:
        server.stop()
        for store in lp.stores:
            if not store.closed:
                store.close()
