"""Two server processes (``outreach-server serve``) on one PostgreSQL behave as one server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
import requests

from outreach.ops import sync as sync_ops
from outreach.store.profile import Profile
from sync.server import admin, db
from sync.server.settings import Settings
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.sync.conftest import free_port, snapshot

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _serve(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--db", url,
                             "--port", str(port),
                             "--insecure-pilot"],   # the throwaway PostgreSQL: no password
                            cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    return proc, f"http://127.0.0.1:{port}"


def _wait(proc: subprocess.Popen, base: str) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "exited")
        try:
            if requests.get(base + "/health", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    raise RuntimeError("server did not start")


@pytest.fixture
def two_servers(pg_url):
    started = [_serve(pg_url), _serve(pg_url)]        # both migrate at once: one wins
    try:
        for proc, base in started:
            _wait(proc, base)
        yield pg_url, [base for _proc, base in started]
    finally:
        for proc, _base in started:
            proc.terminate()
            proc.wait(timeout=10)
            if proc.stderr:
                proc.stderr.close()


def test_two_processes_one_database(two_servers, tmp_path):
    url, (one, two) = two_servers
    engine = db.make_engine(url)
    settings = Settings(db_url=url)
    admin.create_team(engine, "North")
    stores = []
    try:
        for name, base in (("alice", one), ("bob", two)):
            admin.create_user(engine, team="North", username=name)
            code, _ = admin.issue_enroll_code(engine, settings, name)
            store = Profile(tmp_path / name, "main",
                            vault_options={"kdf_params": FAST_KDF}).create(PASSPHRASE,
                                                                           user=name)
            sync_ops.enroll(store, server_url=base, code=code)
            stores.append(store)
        a, b = stores
        person = a.create("person", {"given_name": "Robin"})
        plan = a.create("care_plan", {"what_matters": "Gardening"}, person_id=person["id"])
        sync_ops.sync_now(a)
        sync_ops.sync_now(b)
        a.update(plan["id"], {"what_matters": "Gardening with my neighbour"})
        b.update(plan["id"], {"what_matters": "Growing tomatoes"})
        for i in range(30):
            a.create("person", {"given_name": f"A{i}"})
            b.create("person", {"given_name": f"B{i}"})

        errors: list[BaseException] = []

        def run(store) -> None:
            try:
                for _ in range(3):
                    sync_ops.sync_now(store)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        for _ in range(2):
            sync_ops.sync_now(a)
            sync_ops.sync_now(b)
        assert snapshot(a) == snapshot(b)
        assert a.count("person") == 61
        conflicts = a.query("conflict")
        assert len(conflicts) == 1
        assert {v["value"] for v in conflicts[0]["versions"]} == {
            "Gardening with my neighbour", "Growing tomatoes"}
    finally:
        for s in stores:
            s.close()
        engine.dispose()
