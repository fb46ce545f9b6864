"""Enrollment, revocation, lock-outs, rate limits, the admin API, transfers and recovery."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import func, select

from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError
from sync.protocol import PROTOCOL_VERSION
from sync.server import admin, db
from tests.conftest import PASSPHRASE


def _enroll_raw(server, code):
    return requests.post(server.url + "/v1/enroll", json={
        "protocol": PROTOCOL_VERSION, "code": code, "device_id": str(uuid.uuid4())},
        timeout=10)


def test_enrollment_codes_are_one_time_and_expire(server, make_server):
    admin.create_team(server.engine, "North")
    admin.create_user(server.engine, team="North", username="alice")
    code, _ = admin.issue_enroll_code(server.engine, server.settings, "alice")
    assert _enroll_raw(server, code.lower()).status_code == 200   # forgiving of case
    reused = _enroll_raw(server, code)
    assert (reused.status_code, reused.json()["error"]["code"]) == (400, "code_used")
    expired_settings = server.settings.with_(enroll_code_ttl_seconds=-1)
    old, _ = admin.issue_enroll_code(server.engine, expired_settings, "alice")
    expired = _enroll_raw(server, old)
    assert (expired.status_code, expired.json()["error"]["code"]) == (400, "code_expired")
    wrong = _enroll_raw(server, "AAAAA-BBBBB-CCCCC")
    assert wrong.json()["error"]["code"] == "code_invalid"
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.devices)).scalar() == 1


def test_failed_authentication_locks_out(make_server):
    srv = make_server(auth_max_failures=3)
    bad = {"Authorization": f"Bearer {uuid.uuid4()}.wrong"}
    codes = []
    for _ in range(4):
        resp = requests.post(srv.url + "/v1/pull", json={"protocol": 1}, headers=bad,
                             timeout=10)
        codes.append(resp.json()["error"]["code"])
    assert codes == ["unauthorized", "unauthorized", "unauthorized", "locked_out"]
    assert "Retry-After" in resp.headers


def test_request_rate_is_limited(make_server):
    srv = make_server(rate_limit_per_address=3)
    answers = [requests.post(srv.url + "/v1/enroll", json={}, timeout=10).status_code
               for _ in range(4)]
    assert answers[:3] == [422, 422, 422] and answers[3] == 429


def test_revoked_laptop_wipes_itself(laptops):
    admin_laptop = laptops.new("boss", username="bea", team="North", admin=True)
    store = laptops.new("lost", username="lee", team="North")
    folder = store.folder
    store.create("person", {"given_name": "Robin"})
    sync_ops.sync_now(store)
    sync_ops.sync_now(admin_laptop)
    devices = {d.user: d for d in sync_ops.admin_devices(admin_laptop)}
    assert devices["lee"].pending_changes == 0 and devices["lee"].last_sync_at
    sync_ops.admin_revoke(admin_laptop, store.device_id)
    with pytest.raises(sync_ops.ProfileWiped):
        sync_ops.sync_now(store)
    assert store.closed and not folder.exists()


def test_admin_api_is_scoped_to_the_admins_team(laptops):
    boss = laptops.new("boss", username="bea", team="North", admin=True)
    worker = laptops.new("w", username="wes", team="North")
    other = laptops.new("o", username="oli", team="South")
    worker.create("person", {"given_name": "Robin"})      # one pending change
    sync_ops.sync_now(boss)
    laptops.user("newbie", team="North")
    code, expires = sync_ops.admin_enroll_code(boss, "newbie")
    assert code and expires
    with pytest.raises(sync_ops.SyncFailed):
        sync_ops.admin_enroll_code(boss, "oli")         # another team's user
    with pytest.raises(sync_ops.SyncFailed):
        sync_ops.admin_revoke(boss, other.device_id)    # another team's device
    with pytest.raises(sync_ops.SyncFailed) as refused:
        sync_ops.admin_devices(worker)
    assert refused.value.code == "forbidden"
    users = {d.user for d in sync_ops.admin_devices(boss)}
    assert users == {"bea", "wes"}
    creds = StoreSync(worker).credentials()
    with HttpClient.from_credentials(creds) as http, pytest.raises(SyncError) as exc:
        http.admin_devices()                              # the server refuses too
    assert exc.value.code == "forbidden"


def test_transfer_evicts_from_the_old_team(laptops):
    north = laptops.new("n", username="nia", team="North")
    south = laptops.new("s", username="sol", team="South")
    person = north.create("person", {"given_name": "Robin"})
    north.create("care_plan", {"what_matters": "Music"}, person_id=person["id"])
    north.save_draft("d1", kind="conversation", person_id=person["id"], data={"notes": "x"})
    sync_ops.sync_now(north)
    sync_ops.sync_now(south)
    assert south.get(person["id"]) is None
    assert admin.transfer(laptops.server.engine, person["id"], team="South") == 2
    result = sync_ops.sync_now(north)
    assert result.evicted == 1
    assert north.execute("SELECT count(*) FROM records").fetchone()[0] == 0
    assert north.drafts() == []
    sync_ops.sync_now(south)
    assert south.require(person["id"])["given_name"] == "Robin"
    assert len(south.query("care_plan")) == 1


def test_server_admin_cli(db_url, tmp_path, capsys):
    from sync.server.cli import main

    assert main(["admin", "create-team", "North", "--db", db_url]) == 0
    assert main(["admin", "create-user", "--team", "North", "--admin", "ann",
                 "--db", db_url]) == 0
    assert main(["admin", "create-user", "--team", "Nowhere", "bob", "--db", db_url]) == 1
    capsys.readouterr()
    assert main(["admin", "enroll-code", "ann", "--db", db_url]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(code) == 17
    engine = db.make_engine(db_url)
    from sync.server.settings import Settings
    resp = admin.enroll(engine, Settings(db_url=db_url), code=code,
                        device_id=str(uuid.uuid4()), device_name="", client="cli")
    admin.report(engine, device_id=resp.device_id, pending=7)
    assert main(["admin", "devices", "--db", db_url]) == 0
    listing = capsys.readouterr().out
    assert resp.device_id in listing and "ann" in listing and " 7 " in listing
    assert main(["admin", "revoke", resp.device_id, "--db", db_url]) == 0
    assert main(["admin", "devices", "--db", db_url]) == 0
    assert "revoked" in capsys.readouterr().out
    # the server no longer makes recovery keys (tests/sync/test_recovery_keys.py)
    assert main(["admin", "recovery-key", "--out", str(tmp_path / "k.pem"),
                 "--db", db_url]) == 1
    assert not (tmp_path / "k.pem").exists()
    engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_laptop_cli_enroll_and_sync(laptops, capsys, monkeypatch, tmp_path):
    from outreach.cli import main as cli_main

    data = tmp_path / "cli-data"
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    assert cli_main(["--data-dir", str(data), "init", "--user", "cam"]) == 0
    laptops.user("cam", team="North")
    code = laptops.code("cam")
    assert cli_main(["--data-dir", str(data), "enroll", "--server", laptops.server.url,
                     "--code", code]) == 0
    assert cli_main(["--data-dir", str(data), "sync"]) == 0
    assert "Sent 0 changes" in capsys.readouterr().out
    assert cli_main(["--data-dir", str(data), "enroll", "--server", laptops.server.url,
                     "--code", code]) == 2
    assert "already enrolled" in capsys.readouterr().err
