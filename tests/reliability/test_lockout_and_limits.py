"""Issue 13.3: lock-outs and rate limits cannot be turned against legitimate laptops, are
shared by every server process, and let a whole office behind one address sync at once.

* failures count per (device, address) and per address, and a valid credential is never
  blocked by failures someone else caused;
* ``X-Forwarded-For`` is believed only from ``trusted_proxies``;
* rate limits live in the database: two server processes enforce one limit;
* a request with a valid credential counts against its device only: 50 laptops of 10
  teams behind one address all sync with the default limits, and one device flooding the
  server is held back alone.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from sqlalchemy import select

from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.client import SyncError
from sync.protocol import PROTOCOL_VERSION
from sync.server import db
from sync.server.settings import Settings
from tests.reliability.conftest import (
    ServerProcess,
    fast_http,
    new_laptop,
    setup_user,
    start_server,
    sync_until_done,
)

PULL = {"protocol": PROTOCOL_VERSION}


def _pull(url: str, token: str, **headers: str) -> requests.Response:
    return requests.post(url + "/v1/pull", json=PULL, timeout=10,
                         headers={"Authorization": f"Bearer {token}", **headers})


def _code(resp: requests.Response) -> str:
    return resp.json()["error"]["code"] if resp.status_code >= 400 else "ok"


def _enrolled(srv: Any, tmp_path: Any, user: str, *, team: str = "North") -> Any:
    store = new_laptop(tmp_path, user, user=user)
    sync_ops.enroll(store, server_url=srv.url,
                    code=setup_user(srv.engine, srv.settings, user, team=team))
    return store


def _not_at_a_minutes_end() -> None:
    """Counts are per fixed minute: start a counting test well inside one."""
    left = 60 - time.time() % 60
    if left < 15:
        time.sleep(left + 0.5)


@pytest.fixture(params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, tmp_path: Any) -> Any:
    url = (str(request.getfixturevalue("pg_url")) if request.param == "postgres"
           else f"sqlite:///{tmp_path / 'server.db'}")
    srv = start_server(Settings(db_url=url))
    yield srv
    srv.stop()


def test_failures_by_others_never_lock_out_a_valid_credential(server, tmp_path):
    """The reproduced attack: wrong secrets sent with the victim's device id, and bad
    tokens from the office's shared address."""
    victim = _enrolled(server, tmp_path, "vic")
    token = StoreSync(victim).credentials().token
    device = victim.device_id
    s = server.settings
    answers = [_code(_pull(server.url, f"{device}.wrong{i}"))
               for i in range(s.auth_max_failures + 1)]
    assert answers[:s.auth_max_failures] == ["unauthorized"] * s.auth_max_failures
    assert answers[-1] == "locked_out"                   # the guessing is locked out ...
    assert _code(_pull(server.url, token)) == "ok"       # ... the victim is not
    answers = [_code(_pull(server.url, f"{uuid.uuid4()}.bad")) for _ in range(
        s.ip_max_failures + 1)]
    assert answers[-1] == "locked_out"                   # the shared address is locked out
    assert _code(_pull(server.url, token)) == "ok"       # for failed attempts only
    victim.create("person", {"given_name": "Robin"})
    assert sync_ops.sync_now(victim).pushed == 1
    victim.close()


def test_forwarded_for_is_believed_only_from_trusted_proxies(pg_url):
    def failures(srv: Any, forwarded: str) -> set[str]:
        for _ in range(3):
            _pull(srv.url, f"{uuid.uuid4()}.bad", **{"X-Forwarded-For": forwarded})
        with srv.engine.connect() as conn:
            return {k for k in conn.execute(select(db.auth_failures.c.key)).scalars()
                    if k.startswith("ip:")}

    direct = start_server(Settings(db_url=pg_url))
    try:
        assert failures(direct, "203.0.113.7") == {"ip:127.0.0.1"}     # header ignored
    finally:
        direct.stop()
    behind = start_server(Settings(db_url=pg_url, trusted_proxies=("127.0.0.0/8",),
                                   ip_max_failures=3))
    try:
        keys = failures(behind, "198.51.100.9, 203.0.113.7")
        assert "ip:203.0.113.7" in keys and "ip:198.51.100.9" not in keys
        # 203.0.113.7 is locked out; another client behind the same proxy is not.
        assert _code(_pull(behind.url, f"{uuid.uuid4()}.bad",
                           **{"X-Forwarded-For": "203.0.113.7"})) == "locked_out"
        assert _code(_pull(behind.url, f"{uuid.uuid4()}.bad",
                           **{"X-Forwarded-For": "203.0.113.8"})) == "unauthorized"
    finally:
        behind.stop()


def test_rate_limits_are_shared_by_two_server_processes(pg_url):
    limit = 10
    env = {"OUTREACH_SERVER_RATE_LIMIT_PER_DEVICE": str(limit)}
    servers = [ServerProcess(pg_url, env=env).start(), ServerProcess(pg_url, env=env).start()]
    engine = db.make_engine(pg_url)
    try:
        from sync.server import admin

        settings = Settings(db_url=pg_url)
        code = setup_user(engine, settings, "fay", team="North")
        token = admin.enroll(engine, settings, code=code, device_id=str(uuid.uuid4()),
                             device_name="", client="test").token
        _not_at_a_minutes_end()
        answers = [_code(_pull(servers[i % 2].url, token)) for i in range(limit + 2)]
        assert answers[:limit] == ["ok"] * limit
        assert answers[limit:] == ["rate_limited"] * 2     # one limit for both processes
        resp = _pull(servers[0].url, token)
        assert 1 <= int(resp.headers["Retry-After"]) <= 60
    finally:
        errors = [s.stop() for s in servers]
        engine.dispose()
    assert not [e for e in errors if "Traceback" in e], errors


def test_an_office_behind_one_address_syncs_at_once(pg_url, tmp_path):
    """50 laptops of 10 teams, all from one address, sync together three times with the
    default limits: no request is refused and every laptop ends in step with its team."""
    srv = start_server(Settings(db_url=pg_url))
    laptops: list[tuple[str, Any]] = []
    try:
        for i in range(50):
            team = f"Team{i % 10}"
            store = _enrolled(srv, tmp_path, f"u{i}", team=team)
            store.create("person", {"given_name": f"Person of u{i}"})
            laptops.append((team, store))

        def sync(store: Any) -> int:
            # No retries: a 429 would fail the sync (and the test).
            return sync_until_done(store, attempts=1, retries=0)[0].pulled

        with ThreadPoolExecutor(max_workers=10) as pool:
            for _round in range(3):
                list(pool.map(sync, [store for _team, store in laptops]))
        for team, store in laptops:
            people = store.execute("SELECT count(*) FROM records WHERE kind = 'person'")
            assert people.fetchone()[0] == 5, team        # all five of the team's people
    finally:
        for _team, store in laptops:
            store.close()
        srv.stop()


def test_a_flooding_device_is_held_back_alone(tmp_path):
    srv = start_server(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}",
                                rate_limit_per_device=20, rate_limit_per_address=5))
    try:
        hostile = _enrolled(srv, tmp_path, "flo")
        other = _enrolled(srv, tmp_path, "oli")
        token = StoreSync(hostile).credentials().token
        _not_at_a_minutes_end()
        answers = [_code(_pull(srv.url, token)) for _ in range(30)]
        assert answers[:20] == ["ok"] * 20 and set(answers[20:]) == {"rate_limited"}
        # The same address: another laptop syncs; the flood spent nothing of the
        # address's allowance (for requests without a credential).
        other.create("person", {"given_name": "Robin"})
        with fast_http(other, retries=0) as http:
            from sync.client import run_sync

            assert run_sync(StoreSync(other), http=http).pushed == 1
        code = setup_user(srv.engine, srv.settings, "new", team="North")
        assert _code(requests.post(srv.url + "/v1/enroll", json={
            "protocol": PROTOCOL_VERSION, "code": code, "device_id": str(uuid.uuid4())},
            timeout=10)) == "ok"
        with fast_http(hostile, retries=0) as http, pytest.raises(SyncError) as held:
            run_sync(StoreSync(hostile), http=http)
        assert held.value.code == "rate_limited"
        hostile.close()
        other.close()
    finally:
        srv.stop()
