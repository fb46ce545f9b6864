"""Issue 15 item 6 (the morning sync storm): a sync request does little database work.

On PostgreSQL, authenticating a request and counting it against its device's rate limit
is one statement, and a pull page, its audit rows and the server's epoch are another
(a push and the epoch likewise): a pull or push request checks out a pooled connection
twice, and nothing from the rate limits' own pool. On both
databases the behaviour is unchanged: only requests with a valid credential count
against their device, a page is audited record by record, and the epoch comes with it.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

import pytest
import requests
from sqlalchemy import event, func, select

from outreach.core.hlc import HybridClock
from sync.protocol import PROTOCOL_VERSION, Change
from sync.server import admin, db, epoch
from sync.server.pull import pull_json
from sync.server.push import ServerClock, push
from sync.server.settings import Settings
from tests.sync.server_helpers import server_device

PULL = {"protocol": PROTOCOL_VERSION, "cursor": 0, "limit": 1000}


def _enrolled(srv: Any, username: str) -> tuple[str, str]:
    """(device id, bearer token) of a new device of a new North user."""
    engine, settings = srv.engine, srv.settings
    try:
        admin.create_team(engine, "North")
    except admin.AdminError:
        pass
    admin.create_user(engine, team="North", username=username)
    code, _ = admin.issue_enroll_code(engine, settings, username)
    device = str(uuid.uuid4())
    resp = admin.enroll(engine, settings, code=code, device_id=device, device_name="",
                        client="test")
    return device, resp.token


def _people(engine: Any, settings: Settings, principal: Any, count: int) -> None:
    clock = HybridClock("laptop-1")
    changes = []
    for i in range(count):
        rid = str(uuid.uuid4())
        changes.append(Change(change_id=str(uuid.uuid4()), record_id=rid, kind="person",
                              person_id=rid, op="upsert", fields={"given_name": f"P{i}"},
                              base={}, hlc=clock.tick()))
    push(engine, settings, ServerClock(), principal, changes)


def _pull(srv: Any, token: str) -> requests.Response:
    return requests.post(srv.url + "/v1/pull", json=PULL, timeout=30,
                         headers={"Authorization": f"Bearer {token}"})


def _pool_checkouts(srv: Any) -> Counter[str]:
    seen: Counter[str] = Counter()
    for name, engine in (("main", srv.engine), ("limits", srv.app.state.limits.engine)):
        event.listen(engine, "checkout", lambda *_a, n=name: seen.update([n]))
    return seen


def test_only_valid_credentials_count_against_their_device(make_server):
    srv = make_server(rate_limit_per_device=3)
    device, token = _enrolled(srv, "sam")
    assert [_pull(srv, token).status_code for _ in range(3)] == [200] * 3
    assert _pull(srv, f"{device}.not-the-secret").status_code == 401
    with srv.engine.connect() as conn:
        count = conn.execute(select(db.rate_buckets.c.count).where(
            db.rate_buckets.c.key == f"dev:{device}")).scalar()
    assert count == 3                       # the bad secret was not counted
    refused = _pull(srv, token)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1


def test_a_pull_page_comes_with_the_epoch_and_its_audit_rows(backend):
    engine, settings = backend
    writer = server_device(engine, settings, "sam", "North")
    reader = server_device(engine, settings, "alex", "North")
    with engine.begin() as conn:
        current = epoch.current(conn)
    _people(engine, settings, writer, 3)
    body, count, more = pull_json(engine, settings, reader, cursor=0, limit=2,
                                  read_epoch=True)
    assert (count, more) == (2, True) and f'"epoch":"{current}"'.encode() in body
    body, count, more = pull_json(engine, settings, reader, cursor=10**9, limit=2,
                                  read_epoch=True)      # an empty page: the epoch still
    assert (count, more) == (0, False) and f'"epoch":"{current}"'.encode() in body
    with engine.connect() as conn:
        audited = conn.execute(select(func.count()).select_from(db.audit).where(
            db.audit.c.action == "read", db.audit.c.device_id == reader.device_id)).scalar()
    assert audited == 2                     # the records sent, not the one held back


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_pull_request_is_two_statements_on_postgres(server):
    _device, token = _enrolled(server, "sam")
    assert _pull(server, token).status_code == 200      # (the credential's first use)
    checkouts = _pool_checkouts(server)
    answer = _pull(server, token)
    assert answer.status_code == 200 and answer.json()["epoch"]
    assert checkouts == {"main": 2}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_revoked_device_is_refused_and_not_counted(server):
    device, token = _enrolled(server, "sam")
    admin.revoke(server.engine, device)
    assert _pull(server, token).json()["error"]["code"] == "device_revoked"
    with server.engine.connect() as conn:
        assert conn.execute(select(db.rate_buckets.c.count).where(
            db.rate_buckets.c.key == f"dev:{device}")).scalar() is None


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_push_request_is_two_checkouts_on_postgres(server):
    device, token = _enrolled(server, "sam")
    assert _pull(server, token).status_code == 200      # (the credential's first use)
    clock = HybridClock(device)
    rid = str(uuid.uuid4())
    change = {"change_id": str(uuid.uuid4()), "record_id": rid, "kind": "person",
              "person_id": rid, "op": "upsert", "fields": {"given_name": "Robin"},
              "base": {}, "hlc": clock.tick(), "device": device}
    checkouts = _pool_checkouts(server)
    answer = requests.post(server.url + "/v1/push", timeout=30,
                           json={"protocol": PROTOCOL_VERSION, "changes": [change]},
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    assert checkouts == {"main": 2}
    assert [a["status"] for a in answer.json()["acks"]] == ["applied"]
    with server.engine.connect() as conn:
        assert answer.json()["epoch"] == epoch.read(conn)      # the database's own
