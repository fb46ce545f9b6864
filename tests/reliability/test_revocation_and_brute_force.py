"""A revoked device's credential is refused everywhere and the laptop wipes itself; brute
force against credentials and enrollment codes is slowed across server processes.

(The basic lock-out, the unlock back-off and certificate pinning are proven in
``tests/sync/test_enrollment_and_admin.py``, ``tests/store/test_vault.py`` and
``tests/sync/test_tls.py``; this adds what a stolen credential or a guessing script
would meet.)
"""

from __future__ import annotations

import uuid

import pytest
import requests

from outreach.ops import sync as sync_ops
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin, db
from sync.server.settings import Settings
from tests.reliability.conftest import ServerProcess, new_laptop, setup_user


def test_a_revoked_credential_is_refused_and_the_laptop_wipes_itself(sqlite_server,
                                                                     tmp_path):
    srv = sqlite_server
    boss = new_laptop(tmp_path, "boss", user="bea")
    lost = new_laptop(tmp_path, "lost", user="lee")
    sync_ops.enroll(boss, server_url=srv.url,
                    code=setup_user(srv.engine, srv.settings, "bea", team="North", admin=True))
    sync_ops.enroll(lost, server_url=srv.url,
                    code=setup_user(srv.engine, srv.settings, "lee", team="North"))
    from outreach.store.syncstore import StoreSync

    token = StoreSync(lost).credentials().token          # a thief copied it
    lost.create("person", {"given_name": "Unsynced"})
    folder = lost.folder
    sync_ops.admin_revoke(boss, lost.device_id)
    auth = {"Authorization": f"Bearer {token}"}
    for method, path, body in (("POST", "/v1/pull", {"protocol": 1}),
                               ("POST", "/v1/push", {"protocol": 1, "changes": []}),
                               ("POST", "/v1/report", {"protocol": 1, "pending": 0}),
                               ("GET", "/v1/admin/devices", None)):
        resp = requests.request(method, srv.url + path, json=body, headers=auth, timeout=10)
        assert (resp.status_code, resp.json()["error"]["code"]) == (403, "device_revoked")
    again = requests.post(srv.url + "/v1/enroll", json={
        "protocol": PROTOCOL_VERSION, "device_id": lost.device_id,
        "code": setup_user(srv.engine, srv.settings, "lee2", team="North")}, timeout=10)
    assert again.json()["error"]["code"] == "device_exists"   # no way back in
    with pytest.raises(sync_ops.ProfileWiped):
        sync_ops.sync_now(lost)
    assert lost.closed and not folder.exists()            # key and data destroyed
    boss.close()


def test_guessing_is_locked_out_across_server_processes(pg_url):
    """Failures are counted in the database: alternating between two processes does not
    give a guessing script more attempts."""
    servers = [ServerProcess(pg_url).start(), ServerProcess(pg_url).start()]
    engine = db.make_engine(pg_url)
    try:
        settings = Settings(db_url=pg_url)
        device = str(uuid.uuid4())
        codes = []
        for attempt in range(settings.auth_max_failures + 1):
            resp = requests.post(servers[attempt % 2].url + "/v1/pull", json={"protocol": 1},
                                 headers={"Authorization": f"Bearer {device}.guess{attempt}"},
                                 timeout=10)
            codes.append(resp.json()["error"]["code"])
        assert codes[:-1] == ["unauthorized"] * settings.auth_max_failures
        assert codes[-1] == "locked_out" and int(resp.headers["Retry-After"]) > 60

        real = setup_user(engine, settings, "gail", team="North")
        answers = []
        for attempt in range(settings.ip_max_failures + 1):
            resp = requests.post(servers[attempt % 2].url + "/v1/enroll", json={
                "protocol": 1, "code": f"AAAAA-BBBBB-{attempt:05d}",
                "device_id": str(uuid.uuid4())}, timeout=10)
            answers.append(resp.json()["error"]["code"])
        assert answers[-1] == "locked_out"
        assert set(answers[:-1]) <= {"code_invalid", "locked_out"}
        # Locked out, even the right code is refused until the lock-out ends.
        resp = requests.post(servers[0].url + "/v1/enroll", json={
            "protocol": 1, "code": real, "device_id": str(uuid.uuid4())}, timeout=10)
        assert resp.json()["error"]["code"] == "locked_out"
        assert admin.list_devices(engine) == []
    finally:
        errors = [s.stop() for s in servers]
        engine.dispose()
    assert not [e for e in errors if "Traceback" in e], errors
