"""Issue 13.2: enrolment cannot be replayed to hijack a device.

The laptop makes an Ed25519 key at enrolment and keeps it in its encrypted store; the
server binds the device to the public half. A lost answer may be asked for again only by
a request signed with that key, within ``enroll_retry_seconds``, before the credential was
first used; any other second attempt is refused and leaves the working device alone.
"""

from __future__ import annotations

import uuid

import pytest
import requests

from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError, enroll_proof, new_device_key
from sync.protocol import PROTOCOL_VERSION


def _enroll(server, *, code: str, device_id: str, key: str | None = None,
            signed_code: str | None = None) -> requests.Response:
    body = {"protocol": PROTOCOL_VERSION, "code": code, "device_id": device_id}
    if key is not None:
        body["public_key"], body["signature"] = enroll_proof(
            key, code=signed_code or code, device_id=device_id)
    return requests.post(server.url + "/v1/enroll", json=body, timeout=10)


def _pull_status(server, token: str) -> int:
    return requests.post(server.url + "/v1/pull", json={"protocol": PROTOCOL_VERSION},
                         headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code


def test_replaying_a_code_with_the_victims_device_id_is_refused(laptops):
    """The reproduced attack: the code reused with the victim's device id (shown by
    ``init``/``info``) before the victim's first sync."""
    victim = laptops.new("v", username="vic", team="North", enroll=False)
    code = laptops.code("vic")
    sync_ops.enroll(victim, server_url=laptops.server.url, code=code)
    token = StoreSync(victim).credentials().token
    for key in (None, new_device_key()):           # no key, or the attacker's own key
        resp = _enroll(laptops.server, code=code, device_id=victim.device_id, key=key)
        assert (resp.status_code, resp.json()["error"]["code"]) == (400, "code_used")
    assert _pull_status(laptops.server, token) == 200
    victim.create("person", {"given_name": "Robin"})
    assert sync_ops.sync_now(victim).pushed == 1          # the victim keeps working


def test_a_lost_answer_is_retried_by_the_same_laptop_only(laptops):
    laptops.user("lee", team="North")
    code, device, key = laptops.code("lee"), str(uuid.uuid4()), new_device_key()
    with HttpClient(laptops.server.url) as http:
        first = http.enroll(code=code, device_id=device, device_key=key)
        again = http.enroll(code=code, device_id=device, device_key=key)   # answer lost
    assert again.token != first.token
    assert _pull_status(laptops.server, first.token) == 401     # never received: replaced
    assert _pull_status(laptops.server, again.token) == 200     # now in use
    # Once the credential has been used, even the same laptop cannot replace it.
    resp = _enroll(laptops.server, code=code, device_id=device, key=key)
    assert resp.json()["error"]["code"] == "code_used"
    assert _pull_status(laptops.server, again.token) == 200


def test_a_retry_needs_the_key_and_must_come_within_minutes(laptops, make_server):
    laptops.user("kai", team="North")
    code, device, key = laptops.code("kai"), str(uuid.uuid4()), new_device_key()
    with HttpClient(laptops.server.url) as http:
        first = http.enroll(code=code, device_id=device, device_key=key)
    # Another key, or a signature that is not the key's own: refused, device untouched.
    assert _enroll(laptops.server, code=code, device_id=device,
                   key=new_device_key()).json()["error"]["code"] == "code_used"
    forged = _enroll(laptops.server, code=code, device_id=device, key=key,
                     signed_code="AAAAA-BBBBB-CCCCC")
    assert (forged.status_code, forged.json()["error"]["code"]) == (422, "invalid_request")
    # Too late: a server whose retry window is shorter than the time gone by.
    late = make_server(enroll_retry_seconds=1e-6)
    with HttpClient(late.url) as http, pytest.raises(SyncError) as refused:
        http.enroll(code=code, device_id=device, device_key=key)
    assert refused.value.code == "code_used"
    assert _pull_status(laptops.server, first.token) == 200


def test_the_laptop_keeps_its_key_and_retries_with_it(laptops):
    """A second ``enroll`` on the laptop after a lost answer signs with the kept key."""
    store = laptops.new("m", username="max", team="North", enroll=False)
    code = laptops.code("max")
    adapter = StoreSync(store)
    key = adapter.device_key()
    assert adapter.device_key() == key                     # kept, in the encrypted store
    with HttpClient(laptops.server.url) as http:            # the answer never arrived
        http.enroll(code=code, device_id=store.device_id, device_key=key)
    sync_ops.enroll(store, server_url=laptops.server.url, code=code)
    store.create("person", {"given_name": "Robin"})
    assert sync_ops.sync_now(store).pushed == 1
