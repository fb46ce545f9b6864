"""TLS: the server's certificate is pinned at enrollment; another certificate is refused
even when a trusted CA signed it."""

from __future__ import annotations

import threading
import time

import pytest
import trustme
import uvicorn

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.profile import Profile
from sync.server import admin
from sync.server.app import create_app
from sync.server.settings import Settings
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.sync.conftest import start_server


def _cert_files(ca: trustme.CA, folder, name: str) -> tuple[str, str]:
    cert = ca.issue_cert("127.0.0.1")
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    return str(cert_path), str(key_path)


@pytest.mark.parametrize("with_ca", [True, False], ids=["ca", "pin-only"])
def test_pinned_certificate(tmp_path, with_ca):
    ca = trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    cert, key = _cert_files(ca, tmp_path, "one")
    first = start_server(settings, ssl_certfile=cert, ssl_keyfile=key)
    store = None
    try:
        admin.create_team(first.engine, "North")
        admin.create_user(first.engine, team="North", username="alice")
        code, _ = admin.issue_enroll_code(first.engine, settings, "alice")
        store = Profile(tmp_path / "laptop", "main",
                        vault_options={"kdf_params": FAST_KDF}).create(PASSPHRASE,
                                                                       user="alice")
        ca_pem = ca.cert_pem.bytes().decode("ascii") if with_ca else None
        sync_ops.enroll(store, server_url=first.url, code=code, ca_cert_pem=ca_pem)
        store.create("person", {"given_name": "Robin"})
        assert sync_ops.sync_now(store).pushed == 1
        port = first.url.rsplit(":", 1)[1]
        first.stop()

        # The same address, now with another certificate from the same trusted CA.
        cert2, key2 = _cert_files(ca, tmp_path, "two")
        app = create_app(settings)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=int(port),
                                               log_level="warning", ssl_certfile=cert2,
                                               ssl_keyfile=key2))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            assert thread.is_alive()
            time.sleep(0.01)
        try:
            store.create("person", {"given_name": "Sam"})
            with pytest.raises(sync_ops.SyncFailed) as refused:
                sync_ops.sync_now(store)
            assert refused.value.code == "tls"
            assert outbox.pending_count(store) == 1        # nothing lost, nothing sent
        finally:
            server.should_exit = True
            thread.join()
            app.state.engine.dispose()
    finally:
        if store is not None:
            store.close()


def test_enrollment_refuses_a_server_the_ca_did_not_sign(tmp_path):
    ca, stranger = trustme.CA(), trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    cert, key = _cert_files(stranger, tmp_path, "x")
    srv = start_server(settings, ssl_certfile=cert, ssl_keyfile=key)
    store = Profile(tmp_path / "laptop", "main",
                    vault_options={"kdf_params": FAST_KDF}).create(PASSPHRASE, user="a")
    try:
        with pytest.raises(sync_ops.SyncFailed) as refused:
            sync_ops.enroll(store, server_url=srv.url, code="AAAAA-BBBBB-CCCCC",
                            ca_cert_pem=ca.cert_pem.bytes().decode("ascii"))
        assert refused.value.code == "tls"
        with pytest.raises(sync_ops.SyncFailed):
            sync_ops.enroll(store, server_url="http://example.org", code="X")  # not https
    finally:
        store.close()
        srv.stop()
