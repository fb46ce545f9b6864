"""TLS for the sync client: the host name is always checked and the server's public key
(its SubjectPublicKeyInfo, SPKI) is pinned.

A pin is the SHA-256 of the DER SubjectPublicKeyInfo, in hex. Pinning the key rather than
the certificate means a renewed certificate for the same key keeps working; a planned key
roll-over works because the server announces the next key's pin ahead of time (over a
connection already checked against the current pin) and the laptop keeps it as a second
accepted pin.

The check runs in :class:`PinnedAdapter`'s connections right after the TLS handshake,
before the request is written: a server that fails it never receives a byte of the
request (no credential, no record). urllib3's ``assert_fingerprint`` is not used: it pins
the whole certificate and switches the host-name check off.

Threading: a :class:`PinVerifier` belongs to one :class:`~sync.client.HttpClient`; the pull
prefetch thread may connect through it too, and its updates are single assignments.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import ssl
from collections.abc import Callable, Sequence
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPSConnectionPool
from urllib3.util.ssl_match_hostname import CertificateError, match_hostname

log = logging.getLogger(__name__)

_PIN = re.compile(r"^[0-9a-f]{64}$")


class TlsRefused(ssl.SSLError):
    """The server's certificate is not for this host name, or its key is not pinned."""


def pin_of_certificate(cert: x509.Certificate) -> str:
    """The SPKI pin (SHA-256 of the DER SubjectPublicKeyInfo, hex) of ``cert``."""
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def pin_of_pem(pem: bytes) -> str:
    """The SPKI pin of a PEM certificate, public key or (unencrypted) private key."""
    if b"CERTIFICATE-----" in pem:
        return pin_of_certificate(x509.load_pem_x509_certificate(pem))
    if b"PRIVATE KEY-----" in pem:
        public: Any = serialization.load_pem_private_key(pem, None).public_key()
    else:
        public = serialization.load_pem_public_key(pem)
    spki = public.public_bytes(serialization.Encoding.DER,
                               serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def normalise_pin(text: str) -> str | None:
    """``text`` as a pin (hex, lower case, no colons, optional ``sha256:`` prefix), or
    ``None`` when it is not one."""
    value = str(text).strip().lower().removeprefix("sha256:").replace(":", "")
    return value if _PIN.match(value) else None


def check_host_name(cert: x509.Certificate, host: str) -> None:
    """Raise :class:`TlsRefused` unless ``cert``'s subjectAltName covers ``host``."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [("DNS", n) for n in san.get_values_for_type(x509.DNSName)]
        names += [("IP Address", str(ip)) for ip in san.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        names = []
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        host = host.rstrip(".")
    try:
        match_hostname({"subjectAltName": tuple(names)}, host)
    except (CertificateError, ValueError) as exc:
        raise TlsRefused(f"the server's certificate is not for {host}") from exc


class PinVerifier:
    """Decides whether a freshly handshaken server certificate may be used.

    ``pins``: the accepted SPKI pins. ``legacy_fingerprint``: a whole-certificate SHA-256
    recorded by an older version at enrolment, accepted until the first sync replaces it
    with the key's pin. ``learn``: at enrolment, with nothing pinned yet, accept the
    first key seen (after the CA check, when there is a CA) and pin it. :attr:`seen` is
    the pin of the last certificate accepted.
    """

    def __init__(self, pins: Sequence[str] = (), *, legacy_fingerprint: str | None = None,
                 learn: bool = False) -> None:
        self.pins = [p for p in (normalise_pin(x) for x in pins) if p]
        self.legacy = (legacy_fingerprint or "").replace(":", "").lower() or None
        self.learn = learn
        self.seen: str | None = None

    def __call__(self, der: bytes, host: str) -> None:
        cert = x509.load_der_x509_certificate(der)
        check_host_name(cert, host)
        pin = pin_of_certificate(cert)
        if pin in self.pins:
            pass
        elif not self.pins and self.legacy:
            if hashlib.sha256(der).hexdigest() != self.legacy:
                raise TlsRefused("the server's certificate is not the one recorded at "
                                 "enrolment")
        elif not self.pins and self.learn:
            self.pins = [pin]
        else:
            raise TlsRefused("the server's public key is not the one pinned at enrolment")
        self.seen = pin


def _pool_class(check: Callable[[bytes, str], None]) -> type[HTTPSConnectionPool]:
    class PinnedConnection(HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            try:
                der = self.sock.getpeercert(binary_form=True)  # type: ignore[union-attr]
                check(der or b"", getattr(self, "_tunnel_host", None) or self.host)
            except BaseException as exc:
                self.close()
                log.warning("TLS refused: %s", exc)
                raise
            self.is_verified = True

    class PinnedPool(HTTPSConnectionPool):
        ConnectionCls = PinnedConnection

    return PinnedPool


class PinnedAdapter(HTTPAdapter):
    """A ``requests`` adapter whose HTTPS connections pass ``verifier`` before use."""

    def __init__(self, verifier: Callable[[bytes, str], None]) -> None:
        self._pool_cls = _pool_class(verifier)
        super().__init__()

    def _pinned(self, manager: Any) -> Any:
        manager.pool_classes_by_scheme = {**manager.pool_classes_by_scheme,
                                          "https": self._pool_cls}
        return manager

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._pinned(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        return self._pinned(super().proxy_manager_for(proxy, **proxy_kwargs))
