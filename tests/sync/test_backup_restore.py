"""A backup of the server's PostgreSQL database, restored into a fresh database, serves the
same data through the real server (docs/deploy.md, "Backups and restore").

The backup is what the guide tells admins to run: ``pg_dump --format=custom`` while the
server is up, and ``pg_restore --no-owner`` into a new, empty database. The original
database is dropped before the restored one is served, so every answer comes from the
restore. Laptops keep their credentials and server address across the restore.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from outreach.ops import sync as sync_ops
from outreach.store.profile import Profile
from sync.server import admin, db
from sync.server.settings import Settings
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.sync.conftest import Postgres, free_port, snapshot

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def _libpq(url: str) -> str:
    """SQLAlchemy's ``postgresql+psycopg://`` URL in the form pg_dump and psql take."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    """``outreach-server serve`` as a real process; waits until /health answers."""
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--db", url,
                             "--port", str(port),
                             "--insecure-pilot"],   # the throwaway PostgreSQL: no password
                            cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the server exited: {err}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the server did not start")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=20)
    if proc.stderr:
        proc.stderr.close()


def _laptop(root: Path, name: str, *, engine: Any, settings: Settings, base: str,
            team: str) -> Any:
    """A real encrypted profile for a new user of ``team``, enrolled with a one-time code."""
    try:
        admin.create_team(engine, team)
    except admin.AdminError:
        pass
    admin.create_user(engine, team=team, username=name)
    code, _expires = admin.issue_enroll_code(engine, settings, name)
    store = Profile(root / name, "main", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user=name)
    sync_ops.enroll(store, server_url=base, code=code)
    return store


def _dump(cluster: Postgres, url: str, path: Path) -> None:
    subprocess.run([str(cluster.bindir / "pg_dump"), "--format=custom", f"--file={path}",
                    _libpq(url)], check=True, capture_output=True)


def _restore(cluster: Postgres, path: Path) -> str:
    """A new, empty database with the dump restored into it; returns its URL."""
    url = cluster.new_database()
    subprocess.run([str(cluster.bindir / "pg_restore"), "--no-owner", "--exit-on-error",
                    f"--dbname={_libpq(url)}", str(path)], check=True, capture_output=True)
    return url


def _drop_database(cluster: Postgres, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(cluster.admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_restored_backup_serves_the_same_data(pg_cluster: Postgres, pg_url: str,
                                              tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(db_url=pg_url)
    server = _serve(pg_url, port)
    engine = db.make_engine(pg_url)
    stores: list[Any] = []
    try:
        # -- a small service: two North laptops sharing people, one South laptop revoked --
        alice = _laptop(tmp_path, "alice", engine=engine, settings=settings, base=base,
                        team="North")
        bob = _laptop(tmp_path, "bob", engine=engine, settings=settings, base=base,
                      team="North")
        carol = _laptop(tmp_path, "carol", engine=engine, settings=settings, base=base,
                        team="South")
        stores += [alice, bob, carol]
        for i in range(5):
            person = alice.create("person", {"given_name": f"Robin {i}"})
            alice.create("care_plan", {"what_matters": f"Walking group {i}"},
                         person_id=person["id"])
        carol.create("person", {"given_name": "Sasha"})
        for store in (alice, bob, carol, alice):
            sync_ops.sync_now(store)
        shared = bob.query("person")[0]
        bob.update(shared["id"], {"preferred_name": "Rob"})
        sync_ops.sync_now(bob)
        sync_ops.sync_now(alice)
        admin.revoke(engine, carol.device_id)
        before = snapshot(alice)
        assert before == snapshot(bob) and len(before) == 10
        devices_before = admin.list_devices(engine)

        # -- back up while the server runs, then lose the original database --------------
        dump = tmp_path / "outreach.dump"
        _dump(pg_cluster, pg_url, dump)
        _stop(server)
        engine.dispose()
        _drop_database(pg_cluster, pg_url)

        # -- restore into a fresh database and serve it on the same address --------------
        restored = _restore(pg_cluster, dump)
        server = _serve(restored, port)
        engine = db.make_engine(restored)
        settings = Settings(db_url=restored)
        assert admin.list_devices(engine) == devices_before

        # a laptop enrolled after the restore receives exactly what the team had
        dana = _laptop(tmp_path, "dana", engine=engine, settings=settings, base=base,
                       team="North")
        stores.append(dana)
        sync_ops.sync_now(dana)
        assert snapshot(dana) == before

        # existing laptops carry on: the restored copy has a new epoch, so alice sends her
        # recent changes again (all already held: acknowledged as duplicates, nothing
        # changes), and new changes flow both ways
        with engine.connect() as conn:
            changes_before = conn.exec_driver_sql("SELECT count(*) FROM changes").scalar()
        result = sync_ops.sync_now(alice)
        assert (result.pushed, result.pulled) == (10, 0)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM changes").scalar() \
                == changes_before
        added = alice.create("person", {"given_name": "Jo"})
        sync_ops.sync_now(alice)
        for store in (bob, dana):
            sync_ops.sync_now(store)
            assert store.get(added["id"]) is not None
        assert snapshot(alice) == snapshot(bob) == snapshot(dana)

        # the revocation was restored too
        with pytest.raises(sync_ops.ProfileWiped):
            sync_ops.sync_now(carol)
    finally:
        _stop(server)
        engine.dispose()
        for store in stores:
            if not store.closed:
                store.close()


def test_restoring_an_older_backup_with_the_counter_advanced(pg_cluster: Postgres,
                                                             pg_url: str,
                                                             tmp_path: Path) -> None:
    """Laptops that synced after the backup have cursors past the restored counter; the
    guide's step (advance the ``seq`` counter) makes sure they still receive new changes."""
    import psycopg

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(db_url=pg_url)
    server = _serve(pg_url, port)
    engine = db.make_engine(pg_url)
    stores: list[Any] = []
    try:
        alice = _laptop(tmp_path, "alice", engine=engine, settings=settings, base=base,
                        team="North")
        bob = _laptop(tmp_path, "bob", engine=engine, settings=settings, base=base,
                      team="North")
        stores += [alice, bob]
        for i in range(3):
            alice.create("person", {"given_name": f"Robin {i}"})
        sync_ops.sync_now(alice)
        sync_ops.sync_now(bob)
        dump = tmp_path / "older.dump"
        _dump(pg_cluster, pg_url, dump)
        for i in range(5):                          # synced after the backup was taken
            alice.create("person", {"given_name": f"Late {i}"})
        sync_ops.sync_now(alice)
        sync_ops.sync_now(bob)
        _stop(server)
        engine.dispose()
        _drop_database(pg_cluster, pg_url)

        restored = _restore(pg_cluster, dump)
        with psycopg.connect(_libpq(restored), autocommit=True) as conn:
            conn.execute("UPDATE counters SET value = value + 1000000000 WHERE name = 'seq'")
        server = _serve(restored, port)
        engine = db.make_engine(restored)
        dana = _laptop(tmp_path, "dana", engine=engine, settings=Settings(db_url=restored),
                       base=base, team="North")
        stores.append(dana)
        added = dana.create("person", {"given_name": "Jo"})
        sync_ops.sync_now(dana)
        sync_ops.sync_now(bob)
        assert bob.get(added["id"]) is not None
    finally:
        _stop(server)
        engine.dispose()
        for store in stores:
            if not store.closed:
                store.close()
