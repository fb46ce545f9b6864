"""Issue 13 item 14: the protocol carries a version; the server states the oldest laptop
version it accepts; a laptop too old for the server says "Update Outreach", and a laptop
newer than the server says the server is older, instead of failing obscurely. Old laptops
are faked by sending an old version through the real client code (the module's version
constants), against a real server."""

from __future__ import annotations

import pytest
import requests

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.syncstore import StoreSync
from sync import client as sync_client
from sync.client import HttpClient, SyncError
from sync.protocol import (
    MIN_CLIENT_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SERVER_PROTOCOL_HEADER,
)


def _person(store, name: str = "Robin") -> dict:
    return store.create("person", {"given_name": name})


def test_every_answer_states_the_servers_version_and_oldest_laptop(make_server):
    server = make_server(min_client_protocol=2)
    for resp in (requests.get(f"{server.url}/health", timeout=10),
                 requests.post(f"{server.url}/v1/pull", json={"protocol": 2}, timeout=10)):
        assert resp.headers[SERVER_PROTOCOL_HEADER] == str(PROTOCOL_VERSION)
        assert resp.headers[MIN_CLIENT_HEADER] == "2"
    health = requests.get(f"{server.url}/health", timeout=10).json()
    assert health["protocol"] == PROTOCOL_VERSION and health["min_client_protocol"] == 2


def test_a_laptop_too_old_for_the_server_is_told_to_update(make_server, tmp_path,
                                                          monkeypatch):
    from tests.sync.conftest import Laptops

    server = make_server(min_client_protocol=2)
    laptop = Laptops(server, tmp_path / "laptops").new("a", username="alice", team="North")
    try:
        _person(laptop)
        monkeypatch.setattr(sync_client, "PROTOCOL_VERSION", 1)     # an older Outreach
        with pytest.raises(sync_ops.SyncFailed) as caught:
            sync_ops.sync_now(laptop)
        assert caught.value.code == "client_too_old"
        message = str(caught.value)
        assert message.startswith("Update Outreach to sync with this server")
        assert "version 2 or later" in message and "this laptop has 1" in message
        assert outbox.pending_count(laptop) == 1                  # nothing lost
        monkeypatch.setattr(sync_client, "PROTOCOL_VERSION", PROTOCOL_VERSION)  # updated
        assert sync_ops.sync_now(laptop).pushed == 1
    finally:
        laptop.close()


def test_a_version_1_laptop_still_syncs_and_gets_only_what_it_knows(laptops, server,
                                                                    monkeypatch):
    a = laptops.new("a", username="alice", team="North")
    monkeypatch.setattr(sync_client, "PROTOCOL_VERSION", 1)
    _person(a)
    assert sync_ops.sync_now(a).pushed == 1
    # What today's laptops send (version 1: no header) gets version 1's shapes only:
    # those laptops refuse fields they do not know.
    token = StoreSync(a).credentials().token
    auth = {"Authorization": f"Bearer {token}"}
    pull = requests.post(f"{server.url}/v1/pull", json={"protocol": 1, "cursor": 0},
                         headers=auth, timeout=10).json()
    assert set(pull) == {"protocol", "items", "cursor", "more"}
    push = requests.post(f"{server.url}/v1/push", json={"protocol": 1, "changes": []},
                         headers=auth, timeout=10).json()
    assert set(push) == {"protocol", "acks"}
    v2 = requests.post(f"{server.url}/v1/push", json={"protocol": 2, "changes": []},
                       headers={**auth, PROTOCOL_HEADER: "2"}, timeout=10).json()
    assert set(v2) == {"protocol", "acks", "epoch"}


def test_a_version_1_admin_laptop_reads_the_device_list(laptops, server):
    admin_laptop = laptops.new("a", username="ann", team="North", admin=True)
    auth = {"Authorization": f"Bearer {StoreSync(admin_laptop).credentials().token}"}
    old = requests.get(f"{server.url}/v1/admin/devices", headers=auth, timeout=10).json()
    assert "quarantined_changes" not in old["devices"][0]
    new = requests.get(f"{server.url}/v1/admin/devices",
                       headers={**auth, PROTOCOL_HEADER: "2"}, timeout=10).json()
    assert "quarantined_changes" in new["devices"][0]


def test_a_laptop_newer_than_the_server_says_the_server_is_older(laptops, monkeypatch):
    a = laptops.new("a", username="alice", team="North")
    _person(a)
    # A future Outreach that needs a newer server than this one.
    monkeypatch.setattr(sync_client, "MIN_SERVER_PROTOCOL", PROTOCOL_VERSION + 1)
    with pytest.raises(sync_ops.SyncFailed) as caught:
        sync_ops.sync_now(a)
    assert caught.value.code == "server_too_old"
    assert str(caught.value).startswith("The server is older than this laptop")
    assert "Ask your admin to update the Outreach server" in str(caught.value)
    assert outbox.pending_count(a) == 1


def test_a_newer_laptop_speaks_the_servers_version_when_it_can(laptops, server,
                                                              monkeypatch):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    person = _person(a)
    monkeypatch.setattr(sync_client, "PROTOCOL_VERSION", PROTOCOL_VERSION + 1)
    assert sync_ops.sync_now(a).pushed == 1
    sync_ops.sync_now(b)
    assert b.get(person["id"]) is not None
    creds = StoreSync(a).credentials()
    with HttpClient(creds.server_url, token=creds.token) as http:
        http.push([])                   # refused as too new, then sent again in version 2
        assert http.speaking == PROTOCOL_VERSION
    # A laptop that cannot speak that old says so in plain words.
    monkeypatch.setattr(sync_client, "MIN_SERVER_PROTOCOL", PROTOCOL_VERSION + 1)
    with HttpClient(creds.server_url, token=creds.token) as http, \
            pytest.raises(SyncError) as caught:
        http.push([])
    assert caught.value.code == "server_too_old"
    assert str(caught.value).startswith("The server is older than this laptop")
