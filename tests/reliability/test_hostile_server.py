"""Hostile input to every server endpoint, on SQLite and PostgreSQL: a hand-written corpus
(forged cursors, other teams' ids, replayed batches, oversized batches, path and token
tricks, text no database can store) and a bounded schemathesis *stateful* run. Every
answer is below 500 with a well-formed error body, and a refused request stores nothing.

(``tests/sync/test_bad_input.py`` has the basic refusals and a stateless schemathesis run;
this file adds what a determined attacker would try.)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from sync.protocol import PROTOCOL_VERSION, ErrorResponse
from sync.server import admin, db
from sync.server.settings import Settings
from tests.reliability.conftest import RunningServer, start_server

TABLES = (db.records, db.changes, db.devices, db.persons, db.evictions, db.enroll_codes)


@dataclass
class World:
    server: RunningServer
    tokens: dict[str, str]          # user -> bearer token
    devices: dict[str, str]         # user -> device id
    south_person: str               # a person of the South team
    south_plan: str                 # their care plan


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path) -> Iterator[World]:
    url = (str(request.getfixturevalue("pg_url")) if request.param == "postgres"
           else f"sqlite:///{tmp_path / 'server.db'}")
    srv = start_server(Settings(db_url=url))
    try:
        admin.create_team(srv.engine, "North")
        admin.create_team(srv.engine, "South")
        admin.create_user(srv.engine, team="North", username="alice", is_admin=True)
        admin.create_user(srv.engine, team="South", username="sue", is_admin=True)
        tokens, devices = {}, {}
        for user in ("alice", "sue"):
            code, _ = admin.issue_enroll_code(srv.engine, srv.settings, user)
            dev = str(uuid.uuid4())
            resp = requests.post(srv.url + "/v1/enroll", json={
                "protocol": PROTOCOL_VERSION, "code": code, "device_id": dev}, timeout=10)
            assert resp.status_code == 200, resp.text
            tokens[user], devices[user] = resp.json()["token"], dev
        person, plan = str(uuid.uuid4()), str(uuid.uuid4())
        resp = _post(srv, "/v1/push", tokens["sue"], {"protocol": 1, "changes": [
            _change(record_id=person, person_id=person),
            _change(record_id=plan, person_id=person, kind="care_plan",
                    fields={"what_matters": "South's secret"})]})
        assert resp.status_code == 200, resp.text
        yield World(srv, tokens, devices, person, plan)
    finally:
        srv.stop()


def _change(**over: Any) -> dict[str, Any]:
    rid = str(uuid.uuid4())
    change = {"change_id": str(uuid.uuid4()), "record_id": rid, "kind": "person",
              "person_id": rid, "op": "upsert", "fields": {"given_name": "Robin"},
              "base": {}, "hlc": "1760000000000-0000-dev1"}
    change.update(over)
    return change


def _post(srv, path: str, token: str | None, body: Any = None, *,
          data: bytes | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if data is not None:
        headers["Content-Type"] = "application/json"
        return requests.post(srv.url + path, data=data, headers=headers, timeout=20)
    return requests.post(srv.url + path, json=body, headers=headers, timeout=20)


def _counts(srv) -> dict[str, int]:
    with srv.engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in TABLES}


def _or_reset(send: Callable[[], requests.Response]) -> requests.Response | None:
    """The HTTP parser may answer 400 and close, or close first: either way it refused."""
    try:
        return send()
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
        return None


def _assert_refused(resp: requests.Response | None, *codes: str) -> None:
    """A 4xx with an :class:`ErrorResponse` (``http-layer``: refused by the HTTP parser
    before the app, which answers in plain text or closes the connection)."""
    if resp is None:
        assert "http-layer" in codes, "the connection was closed without an answer"
        return
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:300])
    if "http-layer" in codes and "json" not in resp.headers.get("content-type", ""):
        return
    body = ErrorResponse.model_validate(resp.json())
    if codes:
        assert body.error.code.value in codes, (body.error.code.value, resp.text[:300])


def _raw_json(fields: str) -> bytes:
    """A push whose one change has ``fields`` as raw JSON text (NaN, escapes...)."""
    change = _change()
    change["fields"] = "FIELDS"
    text = json.dumps({"protocol": 1, "changes": [change]})
    return text.replace('"FIELDS"', fields).encode()


def test_hand_written_corpus_is_refused_cleanly_and_stores_nothing(world: World) -> None:
    srv, alice = world.server, world.tokens["alice"]
    before = _counts(srv)
    push = lambda changes: _post(srv, "/v1/push", alice,  # noqa: E731
                                 {"protocol": 1, "changes": changes})
    pull = lambda **kw: _post(srv, "/v1/pull", alice, {"protocol": 1, **kw})  # noqa: E731
    conv = dict(kind="conversation", fields={"notes": "x", "setting": "home",
                                             "type": "support",
                                             "occurred_at": "2026-03-02T10:00:00+00:00"})
    corpus: list[tuple[str, requests.Response | None, tuple[str, ...]]] = [
        # forged cursors and limits
        ("negative cursor", pull(cursor=-1), ("invalid_request",)),
        ("cursor past int64", pull(cursor=2**63), ("invalid_request",)),
        ("cursor 10**30", pull(cursor=10**30), ("invalid_request",)),
        ("cursor as text", pull(cursor="0; DROP TABLE records"), ("invalid_request",)),
        ("cursor as float", pull(cursor=1.5), ("invalid_request",)),
        ("limit 0", pull(limit=0), ("invalid_request",)),
        ("limit huge", pull(limit=10**12), ("invalid_request",)),
        # other teams' ids
        ("edit another team's person", push([_change(
            record_id=world.south_person, person_id=world.south_person,
            fields={"given_name": "Mallory"})]), ("forbidden_record",)),
        ("another team's plan under my person", push([_change(
            record_id=world.south_plan, person_id=str(uuid.uuid4()), kind="care_plan",
            fields={"what_matters": "x"})]), ("forbidden_record", "invalid_record")),
        ("a conversation for another team's person", push([_change(
            person_id=world.south_person, **conv)]), ("forbidden_record",)),
        ("delete another team's plan", push([_change(
            record_id=world.south_plan, person_id=world.south_person, kind="care_plan",
            op="delete", fields={})]), ("forbidden_record",)),
        ("revoke another team's device", _post(
            srv, f"/v1/admin/devices/{world.devices['sue']}/revoke", alice),
         ("not_found", "forbidden")),
        ("enroll code for another team's user", _post(
            srv, "/v1/admin/enroll-codes", alice, {"protocol": 1, "username": "sue"}),
         ("not_found",)),
        # kind/person games
        ("person whose person_id is another", push([_change(person_id=str(uuid.uuid4()))]),
         ("invalid_record",)),
        ("a directory entry pinned to a person", push([_change(
            kind="service", person_id=str(uuid.uuid4()),
            fields={"name": "x", "category": "housing"})]), ("invalid_record",)),
        ("a clock stamp centuries ahead", push([_change(hlc="9999999999999-9999-evil")]),
         ("invalid_record",)),
        # oversized
        ("huge text value", push([_change(fields={"given_name": "x" * 2_000_000})]),
         ("invalid_record",)),
        ("too many fields", push([_change(fields={f"f{i}": i for i in range(50_000)})]),
         ("invalid_record", "invalid_request")),
        ("deeply nested JSON", _post(srv, "/v1/push", alice,
                                     data=b'{"protocol": 1, "changes": ' + b"[" * 200_000
                                     + b"]" * 200_000 + b"}"),
         ("malformed_json", "invalid_request")),
        ("a long path", _or_reset(lambda: requests.get(srv.url + "/v1/" + "a" * 60_000,
                                                      timeout=10)), ("not_found", "http-layer")),
        # text no database can store
        ("NUL in a name", push([_change(fields={"given_name": "Rob\x00in"})]),
         ("invalid_record", "invalid_request")),
        ("NUL in created_at", push([_change(created_at="2026\x00")]),
         ("invalid_request",)),
        ("NUL in a device name", _post(srv, "/v1/enroll", None, {
            "protocol": 1, "code": "AAAAA-BBBBB-CCCCC", "device_id": str(uuid.uuid4()),
            "device_name": "lap\x00top"}), ("invalid_request",)),
        ("NUL in a user name", _post(srv, "/v1/admin/enroll-codes", alice,
                                     {"protocol": 1, "username": "al\x00ice"}),
         ("invalid_request", "not_found")),
        ("lone surrogate in a name", _post(srv, "/v1/push", alice,
                                           data=_raw_json('{"given_name": "\\ud800"}')),
         ("invalid_request", "invalid_record")),
        ("lone surrogate in a user name", _post(
            srv, "/v1/admin/enroll-codes", alice,
            data=b'{"protocol": 1, "username": "\\udfff"}'), ("invalid_request",)),
        ("NaN in a conflict", _post(srv, "/v1/push", alice, data=_raw_json(
            '{"given_name": NaN}')), ("invalid_request", "invalid_record")),
        ("Infinity in JSON", _post(srv, "/v1/pull", alice,
                                   data=b'{"protocol": 1, "cursor": Infinity}'),
         ("invalid_request", "malformed_json")),
        # path tricks
        ("dot-dot revoke", requests.post(
            srv.url + "/v1/admin/devices/..%2F..%2Fhealth/revoke",
            headers={"Authorization": f"Bearer {alice}"}, timeout=10), ()),
        ("NUL in a path", requests.post(
            srv.url + "/v1/admin/devices/%00/revoke",
            headers={"Authorization": f"Bearer {alice}"}, timeout=10), ()),
        ("encoded slash", requests.post(srv.url + "/v1%2Fpush", json={}, timeout=10), ()),
        ("wrong method", requests.get(srv.url + "/v1/push", timeout=10), ()),
        ("upper case path", requests.post(srv.url + "/V1/PUSH", json={}, timeout=10), ()),
        # token tricks
        ("no token", _post(srv, "/v1/pull", None, {"protocol": 1}), ("unauthorized",)),
        ("token of another device id", _post(
            srv, "/v1/pull", f"{world.devices['sue']}.{alice.split('.', 1)[1]}",
            {"protocol": 1}), ("unauthorized",)),
        ("a very long token", _post(srv, "/v1/pull", "x" * 20_000, {"protocol": 1}),
         ("unauthorized",)),
        ("token with a NUL", _or_reset(lambda: requests.post(
            srv.url + "/v1/pull", json={"protocol": 1},
            headers={"Authorization": "Bearer a\x00b.c"}, timeout=10)),
         ("unauthorized", "http-layer")),
    ]
    failures = []
    for name, resp, codes in corpus:
        try:
            _assert_refused(resp, *codes)
        except (AssertionError, ValueError) as exc:
            failures.append(f"{name}: {str(exc)[:300]}")
    assert not failures, "\n".join(failures)
    assert _counts(srv) == before
    # South's data never reached North: alice's pull holds nothing of theirs.
    items = pull(cursor=0).json()["items"]
    assert all(i["record"]["person_id"] != world.south_person for i in items
               if i["type"] == "record")


def test_replayed_batches_are_acknowledged_and_never_applied_twice(world: World) -> None:
    srv, alice, sue = world.server, world.tokens["alice"], world.tokens["sue"]
    batch = {"protocol": 1, "changes": [_change() for _ in range(20)]}
    first = _post(srv, "/v1/push", alice, batch)
    assert first.status_code == 200
    before = _counts(srv)
    for token in (alice, alice, sue):             # replayed, and by another team
        again = _post(srv, "/v1/push", token, batch)
        assert again.status_code == 200
        assert {a["status"] for a in again.json()["acks"]} == {"duplicate"}
    assert _counts(srv) == before
    sues = _post(srv, "/v1/pull", sue, {"protocol": 1, "cursor": 0}).json()["items"]
    assert {i["record"]["id"] for i in sues} == {world.south_person, world.south_plan}


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
def test_schemathesis_stateful_run_finds_no_server_error(world: World) -> None:
    """Sequences of calls (issue a code, enroll with it, push, pull from the returned
    cursor...), linked through the OpenAPI document; bounded in examples and steps."""
    import hypothesis
    import schemathesis

    srv = world.server
    raw = requests.get(srv.url + "/openapi.json", timeout=10).json()
    paths = raw["paths"]

    def op_id(path: str, method: str = "post") -> str:
        return str(paths[path][method]["operationId"])

    def link(path: str, name: str, target: str, **spec: Any) -> None:
        paths[path]["post"]["responses"]["200"].setdefault("links", {})[name] = {
            "operationId": op_id(target), **spec}

    link("/v1/admin/enroll-codes", "Enroll", "/v1/enroll", requestBody={
        "protocol": 1, "code": "$response.body#/code",
        "device_id": "0f8b3a2c-1d4e-4f5a-8b6c-7d8e9f0a1b2c"})
    link("/v1/pull", "NextPage", "/v1/pull",
         requestBody={"protocol": 1, "cursor": "$response.body#/cursor"})
    link("/v1/push", "PullAfterPush", "/v1/pull", requestBody={"protocol": 1, "cursor": 0})
    schema = schemathesis.openapi.from_dict(raw)
    headers = {"Authorization": f"Bearer {world.tokens['alice']}"}

    class Machine(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": srv.url, "headers": headers, "timeout": 20}

        def validate_response(self, response: Any, case: Any, **_kw: Any) -> None:
            assert response.status_code < 500, (case.path, response.text[:300])
            if response.status_code >= 400:
                ErrorResponse.model_validate(response.json())

    Machine.run(settings=hypothesis.settings(
        max_examples=25, stateful_step_count=5, deadline=None, database=None,
        derandomize=True, suppress_health_check=list(hypothesis.HealthCheck)))
