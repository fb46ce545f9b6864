"""TLS: the host name is always checked, and the server's public key (SPKI) is pinned at
enrollment. A renewed certificate for the same key works; another key is refused even
when a trusted CA signed it, before anything is sent; a next key the server announced is
accepted without enrolling again. Real client, real servers, certificates from trustme's
CA (leaf certificates made here so a renewal can keep its key)."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import trustme
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import func, select

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.profile import Profile
from outreach.store.records import Store
from outreach.store.syncstore import StoreSync
from sync.server import admin, db
from sync.server.app import create_app
from sync.server.settings import Settings
from sync.tls import pin_of_pem
from tests.conftest import FAST_KDF, PASSPHRASE


@dataclass
class Leaf:
    cert: str
    key: str
    pem: bytes


def _leaf(ca: trustme.CA, folder: Path, name: str, *, host: str = "127.0.0.1",
          key: Any = None) -> Leaf:
    """A server certificate for ``host`` signed by ``ca``, for ``key`` (new if None)."""
    ca_key: Any = serialization.load_pem_private_key(ca.private_key_pem.bytes(), None)
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem.bytes())
    key = key or ec.generate_private_key(ec.SECP256R1())
    try:
        san: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        san = x509.DNSName(host)
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([san]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(pem)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return Leaf(str(cert_path), str(key_path), pem)


def _key_of(leaf: Leaf) -> Any:
    return serialization.load_pem_private_key(Path(leaf.key).read_bytes(), None)


class Server:
    """A real server on ``port`` (0: a free one) with ``leaf``'s certificate."""

    def __init__(self, settings: Settings, leaf: Leaf, port: int = 0) -> None:
        self.app = create_app(settings)
        self.server = uvicorn.Server(uvicorn.Config(
            self.app, host="127.0.0.1", port=port, log_level="warning",
            ssl_certfile=leaf.cert, ssl_keyfile=leaf.key))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            assert self.thread.is_alive()
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"

    @property
    def engine(self) -> Any:
        return self.app.state.engine

    def count(self, table: Any) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.engine.dispose()


@pytest.fixture
def laptop(tmp_path: Path):
    store = Profile(tmp_path / "laptop", "main",
                    vault_options={"kdf_params": FAST_KDF}).create(PASSPHRASE, user="alice")
    yield store
    store.close()


def _enroll(srv: Server, settings: Settings, store: Store, ca: trustme.CA | None) -> None:
    admin.create_team(srv.engine, "North")
    admin.create_user(srv.engine, team="North", username="alice")
    code, _ = admin.issue_enroll_code(srv.engine, settings, "alice")
    sync_ops.enroll(store, server_url=srv.url, code=code,
                    ca_cert_pem=ca.cert_pem.bytes().decode("ascii") if ca else None)


@pytest.mark.parametrize("with_ca", [True, False], ids=["ca", "pin-only"])
def test_the_key_is_pinned_not_the_certificate(tmp_path, laptop, with_ca):
    ca = trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    one = _leaf(ca, tmp_path, "one")
    srv = Server(settings, one)
    port = srv.port
    try:
        _enroll(srv, settings, laptop, ca if with_ca else None)
        laptop.create("person", {"given_name": "Robin"})
        assert sync_ops.sync_now(laptop).pushed == 1
    finally:
        srv.stop()

    # Renewed: a new certificate for the same key, at the same address. It works.
    srv = Server(settings, _leaf(ca, tmp_path, "renewed", key=_key_of(one)), port)
    try:
        laptop.create("person", {"given_name": "Sam"})
        assert sync_ops.sync_now(laptop).pushed == 1
    finally:
        srv.stop()

    # Another key, signed by the same trusted CA: refused before anything is sent.
    srv = Server(settings, _leaf(ca, tmp_path, "other"), port)
    try:
        changes = srv.count(db.changes)
        laptop.create("person", {"given_name": "Kit"})
        with pytest.raises(sync_ops.SyncFailed) as refused:
            sync_ops.sync_now(laptop)
        assert refused.value.code == "tls"
        assert outbox.pending_count(laptop) == 1        # nothing lost
        assert srv.count(db.changes) == changes         # nothing sent
    finally:
        srv.stop()


@pytest.mark.parametrize("with_ca", [True, False], ids=["ca", "pin-only"])
def test_a_certificate_for_another_host_name_is_refused(tmp_path, laptop, with_ca):
    """Even signed by the organisation's CA: the enrolment code is never sent."""
    ca = trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    srv = Server(settings, _leaf(ca, tmp_path, "x", host="other.example.org"))
    try:
        admin.create_team(srv.engine, "North")
        admin.create_user(srv.engine, team="North", username="alice")
        code, _ = admin.issue_enroll_code(srv.engine, settings, "alice")
        with pytest.raises(sync_ops.SyncFailed) as refused:
            sync_ops.enroll(laptop, server_url=srv.url, code=code,
                            ca_cert_pem=ca.cert_pem.bytes().decode("ascii") if with_ca
                            else None)
        assert refused.value.code == "tls"
        assert "not valid for this address" in str(refused.value)
        assert srv.count(db.devices) == 0
        assert not sync_ops.is_enrolled(laptop)
    finally:
        srv.stop()


def test_an_announced_next_key_takes_over_without_enrolling_again(tmp_path, laptop):
    ca = trustme.CA()
    current = _leaf(ca, tmp_path, "current")
    following = _leaf(ca, tmp_path, "next")
    next_pin = pin_of_pem(following.pem)
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}",
                        tls_next_pins=(next_pin,))
    srv = Server(settings, current)
    port = srv.port
    try:
        _enroll(srv, settings, laptop, None)
        sync_ops.sync_now(laptop)               # learns the announced pin
        creds = StoreSync(laptop).credentials()
        assert creds is not None
        assert creds.pins == [pin_of_pem(current.pem), next_pin]
    finally:
        srv.stop()

    srv = Server(Settings(db_url=settings.db_url), following, port)   # the roll-over
    try:
        laptop.create("person", {"given_name": "Robin"})
        assert sync_ops.sync_now(laptop).pushed == 1
        creds = StoreSync(laptop).credentials()
        assert creds is not None and creds.pins == [next_pin]    # the old key is dropped
    finally:
        srv.stop()


def test_a_legacy_certificate_fingerprint_becomes_a_key_pin(tmp_path, laptop):
    """Laptops enrolled by an older version recorded the certificate's hash."""
    ca = trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    leaf = _leaf(ca, tmp_path, "one")
    srv = Server(settings, leaf)
    try:
        _enroll(srv, settings, laptop, None)
        adapter = StoreSync(laptop)
        creds = adapter.credentials()
        assert creds is not None
        der = x509.load_pem_x509_certificate(leaf.pem).public_bytes(
            serialization.Encoding.DER)
        adapter.set_credentials(replace(creds, pins=[],
                                        fingerprint=hashlib.sha256(der).hexdigest()))
        sync_ops.sync_now(laptop)
        creds = adapter.credentials()
        assert creds is not None
        assert creds.pins == [pin_of_pem(leaf.pem)] and creds.fingerprint is None
    finally:
        srv.stop()


def test_enrollment_refuses_a_server_the_ca_did_not_sign(tmp_path, laptop):
    ca, stranger = trustme.CA(), trustme.CA()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    srv = Server(settings, _leaf(stranger, tmp_path, "x"))
    try:
        with pytest.raises(sync_ops.SyncFailed) as refused:
            sync_ops.enroll(laptop, server_url=srv.url, code="AAAAA-BBBBB-CCCCC",
                            ca_cert_pem=ca.cert_pem.bytes().decode("ascii"))
        assert refused.value.code == "tls"
        with pytest.raises(sync_ops.SyncFailed):
            sync_ops.enroll(laptop, server_url="http://example.org", code="X")  # not https
    finally:
        srv.stop()
