"""Bad input gets a 4xx with a clear code, nothing stored, never a 500 (plus schemathesis)."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import func, select

from sync.protocol import PROTOCOL_VERSION, ErrorResponse
from sync.server import admin, db


@pytest.fixture
def device(server):
    admin.create_team(server.engine, "North")
    admin.create_team(server.engine, "South")
    admin.create_user(server.engine, team="North", username="alice", is_admin=True)
    admin.create_user(server.engine, team="South", username="sue")
    tokens = {}
    for user in ("alice", "sue"):
        code, _ = admin.issue_enroll_code(server.engine, server.settings, user)
        resp = requests.post(server.url + "/v1/enroll", json={
            "protocol": PROTOCOL_VERSION, "code": code, "device_id": str(uuid.uuid4())},
            timeout=10)
        assert resp.status_code == 200, resp.text
        tokens[user] = resp.json()["token"]
    return tokens


def _count(server, table) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _change(**over):
    rid = str(uuid.uuid4())
    change = {"change_id": str(uuid.uuid4()), "record_id": rid, "kind": "person",
              "person_id": rid, "op": "upsert", "fields": {"given_name": "Robin"},
              "base": {}, "hlc": "1760000000000-0000-dev1"}
    change.update(over)
    return change


def _post(server, path, token, body=None, *, data=None):
    headers = {"Authorization": f"Bearer {token}"}
    if data is not None:
        headers["Content-Type"] = "application/json"
        return requests.post(server.url + path, data=data, headers=headers, timeout=10)
    return requests.post(server.url + path, json=body, headers=headers, timeout=10)


def _code(resp) -> str:
    return ErrorResponse.model_validate(resp.json()).error.code.value


def test_refusals_have_codes_and_store_nothing(server, device):
    tok = device["alice"]
    push = lambda changes, **kw: _post(server, "/v1/push", tok,  # noqa: E731
                                       {"protocol": PROTOCOL_VERSION, "changes": changes,
                                        **kw})
    cases = [
        (_post(server, "/v1/push", tok, data=b'{"protocol": 1, "changes": ['), 400,
         "malformed_json"),
        (_post(server, "/v1/push", tok, {"protocol": "one", "changes": "none"}), 422,
         "invalid_request"),
        (push([_change()], surprise=True), 422, "invalid_request"),
        (push([_change(colour="red")]), 422, "invalid_request"),
        (push([_change(kind="horoscope")]), 422, "unknown_kind"),
        (push([_change(fields={"given_name": 42})]), 422, "invalid_record"),
        (push([_change(fields={"shoe_size": 9})]), 422, "invalid_record"),
        (_post(server, "/v1/push", tok, {"protocol": 99, "changes": []}), 426,
         "unsupported_protocol"),
        (push([_change() for _ in range(server.settings.max_batch + 1)]), 413,
         "batch_too_large"),
        (_post(server, "/v1/push", tok, data=b"x" * (server.settings.max_body_bytes + 1)),
         413, "body_too_large"),
        (_post(server, "/v1/push", "nobody.nothing", {"protocol": 1, "changes": []}), 401,
         "unauthorized"),
        (requests.get(server.url + "/v1/nowhere", timeout=10), 404, "not_found"),
    ]
    for resp, status, code in cases:
        assert (resp.status_code, _code(resp)) == (status, code), resp.text
    assert _count(server, db.records) == 0
    assert _count(server, db.changes) == 0


def test_a_batch_touching_another_teams_person_is_refused_whole(server, device):
    mine = _change()
    resp = _post(server, "/v1/push", device["sue"], {"protocol": 1, "changes": [mine]})
    assert resp.status_code == 200
    theirs = _change(record_id=mine["record_id"], person_id=mine["person_id"],
                     change_id=str(uuid.uuid4()), fields={"given_name": "Changed"})
    fresh = _change()
    resp = _post(server, "/v1/push", device["alice"], {"protocol": 1,
                                                      "changes": [fresh, theirs]})
    assert (resp.status_code, _code(resp)) == (403, "forbidden_record")
    assert resp.json()["error"]["details"]["change_id"] == theirs["change_id"]
    assert _count(server, db.records) == 1          # the whole batch rolled back
    pulled = _post(server, "/v1/pull", device["alice"], {"protocol": 1, "cursor": 0})
    assert pulled.json()["items"] == []


def test_idempotent_push_and_audit(server, device):
    change = _change()
    body = {"protocol": 1, "changes": [change, change]}
    first = _post(server, "/v1/push", device["alice"], body).json()
    again = _post(server, "/v1/push", device["alice"], body).json()
    assert [a["status"] for a in first["acks"]] == ["applied", "duplicate"]
    assert [a["status"] for a in again["acks"]] == ["duplicate", "duplicate"]
    _post(server, "/v1/pull", device["alice"], {"protocol": 1, "cursor": 0})
    with server.engine.connect() as conn:
        actions = [r[0] for r in conn.execute(select(db.audit.c.action)
                                              .order_by(db.audit.c.id))]
    assert actions.count("write") == 1 and actions.count("read") == 1
    assert actions.count("enroll") == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_schemathesis_finds_no_server_error(server, device):
    """A bounded property-based run over the published OpenAPI: no 5xx, errors conform."""
    import hypothesis
    import schemathesis

    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    headers = {"Authorization": f"Bearer {device['alice']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/push", "/v1/pull", "/v1/enroll"}
    for op in operations:
        @hypothesis.given(case=op.as_strategy())
        @hypothesis.settings(max_examples=12, deadline=None, database=None,
                             derandomize=True,
                             suppress_health_check=list(hypothesis.HealthCheck))
        def check(case):  # type: ignore[no-untyped-def]
            resp = case.call(base_url=server.url, headers=headers, timeout=10)
            assert resp.status_code < 500, (case.path, resp.text)
            if resp.status_code >= 400:
                ErrorResponse.model_validate(resp.json())
        check()
