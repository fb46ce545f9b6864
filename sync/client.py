"""The client end of sync: HTTP (``requests``) and the push/pull engine.

The engine works against :class:`SyncStore`, a small interface the desktop app's store
implements (``outreach/store/syncstore.py``); this module never imports the app.

A sync (:func:`run_sync`) is: push the outbox in batches (the store removes a change only
once the server acknowledged it, and keeps it in a sent log for a while), pull pages after
the stored cursor (each page applied and the cursor saved in one store transaction), then
report the pending and quarantined counts. A laptop that has pulled nothing yet (cursor 0)
first takes a **snapshot** instead (``sync/server/snapshot.py``): the team's records as they
were at one sequence number, people, care plans, risk flags, referrals and episodes first,
each page applied with its position in one store transaction (so an interrupted snapshot
resumes), then continues with ordinary pulls from the snapshot's point. Once the first
kinds are in, ``progress("usable", n, n)`` says the first screens can be shown.

A change the server refuses by name is quarantined with the server's reason and the rest
of its batch is pushed again, so one bad change never blocks the outbox. An answer with a
new server epoch (the server was restored from a backup) makes the store re-queue its sent
log and reset its cursor, and the sync pushes and pulls again from the start
(docs/sync.md, "Epochs"). Every request says its protocol version; an older server's
refusal makes the client speak that server's version when it still can, else plain words
say which side needs updating (``sync/negotiate.py``). Any step may be interrupted: the
next sync resumes, because pushes are idempotent and the cursor only moves with applied
data. Transient failures (connection errors, timeouts, 5xx, 429) are retried with
exponential back-off; protocol errors (4xx) raise :class:`SyncError` with the server's
stable code. A ``device_revoked`` answer wipes the store (:class:`DeviceRevoked`).

TLS (``sync/tls.py``): the host name is always checked against the certificate; at
enrollment the server's public key (SPKI) is pinned, verified against the CA certificate
first when one is given; every later connection must present a pinned key before anything
is sent. A renewed certificate for the same key keeps working, and a next key the server
announces on ``/health`` is kept as a second pin (:func:`_refresh_pins`). Plain HTTP is
allowed only to loopback addresses (tests, a server on the same machine).

Threading: a :class:`HttpClient` and a sync run belong to one (background) thread.
``progress(phase, done, total)`` is called on that thread; ``cancelled()`` is polled
between batches and pages.
"""

from __future__ import annotations

import base64
import ipaddress
import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from sync import negotiate
from sync.protocol import (
    MIN_SERVER_PROTOCOL,
    OLDEST_PROTOCOL,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SERVER_PROTOCOL_HEADER,
    DeviceList,
    EnrollCodeResponse,
    EnrollResponse,
    EraseResponse,
    ErrorCode,
    ErrorResponse,
    PullItem,
    PullResponse,
    PushResponse,
    SnapshotResponse,
    TeamResponse,
    enroll_message,
)
from sync.tls import PinnedAdapter, PinVerifier, normalise_pin

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]


class SyncError(Exception):
    """A sync step failed; ``code`` is the server's :class:`ErrorCode` value or a local one
    (``network``, ``tls``, ``cancelled``, ``not_enrolled``)."""

    def __init__(self, code: str, message: str, *, status: int | None = None,
                 details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.details = details or {}


class DeviceRevoked(SyncError):
    """The server revoked this device; its local data has to be destroyed."""


class SyncCancelled(SyncError):
    pass


@dataclass
class Credentials:
    server_url: str
    device_id: str
    token: str
    user: str
    team: str
    is_admin: bool = False
    fingerprint: str | None = None     # legacy: SHA-256 of the whole certificate (DER), hex
    ca_pem: str | None = None
    # SHA-256 of the server's SubjectPublicKeyInfo, hex: the key in use and any next key
    # the server announced (sync/tls.py)
    pins: list[str] = field(default_factory=list)
    may_write_directory: bool = False  # the server accepts this user's directory changes
    # the user's role, the team's members {user: role} and its own roles {code: label},
    # from the enrolment answer and refreshed on every sync (GET /v1/team)
    role: str = "practitioner"
    team_members: dict[str, str] = field(default_factory=dict)
    team_roles: dict[str, str] = field(default_factory=dict)


@dataclass
class ApplyResult:
    records: int = 0
    evicted: int = 0
    conflicts: int = 0
    set_aside: list[str] = field(default_factory=list)   # why each unusable record was


@dataclass
class SyncStats:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    evicted: int = 0
    pending: int = 0
    duplicates: int = 0
    erased: int = 0         # changes for a person erased on the server: dropped, not applied
    errors: list[str] = field(default_factory=list)
    quarantined: int = 0    # changes the server refused in this sync, kept aside
    resent: int = 0         # changes sent again because the server was restored (epoch)
    set_aside: list[str] = field(default_factory=list)  # pulled records not usable: why


class SyncStore(Protocol):
    """What the engine needs from the local store. Each method is one transaction."""

    def outbox_batch(self, limit: int) -> list[dict[str, Any]]: ...
    def acknowledge(self, change_ids: Sequence[str], *, keep: bool = True) -> None: ...
    def quarantine(self, change_id: str, *, code: str, reason: str,
                   details: dict[str, Any]) -> bool: ...
    def quarantined_count(self) -> int: ...
    def epoch(self) -> str | None: ...
    def adopt_epoch(self, epoch: str) -> int: ...
    def apply_pulled(self, items: Sequence[PullItem], cursor: int, *,
                     snapshot: str | None = None) -> ApplyResult:
        """Apply a page and keep ``cursor``; ``snapshot``: the position of a snapshot in
        progress kept with the page (None: no snapshot in progress)."""
        ...
    def snapshot_position(self) -> str | None: ...
    def cursor(self) -> int: ...
    def pending_count(self) -> int: ...
    def wipe(self) -> None: ...
    def credentials(self) -> Credentials | None: ...
    def set_credentials(self, creds: Credentials | None) -> None: ...


# -- TLS pinning ------------------------------------------------------------------------------
def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError("bad_url", "The server address must start with https://.")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise SyncError("bad_url", "The server address must use https:// (encrypted).")
    return url.rstrip("/")


# -- HTTP -----------------------------------------------------------------------------------
class HttpClient:
    """One server, one device credential (or none, to enroll)."""

    def __init__(self, server_url: str, *, token: str | None = None,
                 pins: Sequence[str] = (), fingerprint: str | None = None,
                 ca_pem: str | None = None, learn_pin: bool = False,
                 timeout: float = 30.0, retries: int = 4, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base = check_url(server_url)
        self.token = token
        self.protocol: int | None = None   # an older server's version, once it said so
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.session = requests.Session()
        self._ca_file: str | None = None
        # Passed with every request: a session-level setting would lose to the
        # REQUESTS_CA_BUNDLE environment variable.
        self._verify: bool | str = True
        self.tls: PinVerifier | None = None
        if self.base.startswith("https://"):
            if not (pins or fingerprint or learn_pin):
                raise SyncError("tls", "No pinned server key: enroll again.")
            self.tls = PinVerifier(pins, legacy_fingerprint=fingerprint, learn=learn_pin)
            self.session.mount("https://", PinnedAdapter(self.tls))
            if ca_pem:
                fd, self._ca_file = tempfile.mkstemp(prefix="outreach-ca-", suffix=".pem")
                with os.fdopen(fd, "w") as fh:
                    fh.write(ca_pem)
                self._verify = self._ca_file
            else:
                self._verify = False     # the pinned key is the trust anchor

    @classmethod
    def from_credentials(cls, creds: Credentials, **kw: Any) -> HttpClient:
        return cls(creds.server_url, token=creds.token, pins=creds.pins,
                   fingerprint=creds.fingerprint, ca_pem=creds.ca_pem, **kw)

    def close(self) -> None:
        self.session.close()
        if self._ca_file:
            os.unlink(self._ca_file)
            self._ca_file = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, body: dict[str, Any] | None = None, *,
                parse: Callable[[bytes], Any] | None = None) -> Any:
        """JSON in, JSON out, with retries for transient failures. ``parse`` turns the
        answer's bytes into the result instead of ``json.loads`` (a ``ValueError`` from it
        counts as an incomplete answer)."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            headers[PROTOCOL_HEADER] = str(self.speaking)
            if body is not None and "protocol" in body:
                body = {**body, "protocol": self.speaking}
            try:
                resp = self.session.request(method, self.base + path, json=body,
                                            headers=headers, timeout=self.timeout,
                                            verify=self._verify)
            except requests.exceptions.SSLError as exc:
                raise SyncError("tls", "The server did not prove it is the one this laptop "
                                "was enrolled with. Do not sync; tell your admin.") from exc
            except (requests.ConnectionError, requests.Timeout,
                    # a connection cut mid-answer: the body arrived short or garbled
                    requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError) as exc:
                if last:
                    raise SyncError("network", "Cannot reach the server; your changes "
                                    "are kept and will be sent next time.") from exc
                log.info("sync transient network error attempt=%d", attempt + 1)
                self.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            self._check_server(resp)
            if resp.status_code < 400:
                try:
                    return parse(resp.content) if parse else resp.json()
                except ValueError as exc:      # not JSON: a proxy's page, a cut answer
                    if last:
                        raise SyncError("network", "The server's answer was incomplete; "
                                        "your changes are kept and will be sent next "
                                        "time.") from exc
                    self.sleep(delay)
                    delay = min(delay * 2, 30.0)
                    continue
            error = self._error(resp)
            if self._speak_down(error):     # the same request in the server's version
                return self.request(method, path, body, parse=parse)
            if (resp.status_code >= 500 or error.code == ErrorCode.RATE_LIMITED.value) \
                    and not last:
                wait = resp.headers.get("Retry-After")
                self.sleep(min(float(wait), 30.0) if wait and wait.isdigit() else delay)
                delay = min(delay * 2, 30.0)
                continue
            raise error
        raise SyncError("network", "The server did not answer.")  # pragma: no cover

    @property
    def speaking(self) -> int:
        """The protocol version this client speaks: its own, or an older server's."""
        return self.protocol or PROTOCOL_VERSION

    def _speak_down(self, error: SyncError) -> bool:
        """True when the server refused this version as newer than its own and speaks
        one this laptop still can (``negotiate.speak``): that version is used from now."""
        server = error.details.get("server_protocol") if error.details else None
        if error.code != "server_too_old" or not isinstance(server, int) \
                or server >= self.speaking:
            return False
        version, _message = negotiate.speak(server, own=self.speaking,
                                            min_server=max(MIN_SERVER_PROTOCOL,
                                                           OLDEST_PROTOCOL))
        if version is None:
            return False
        log.info("sync: the server speaks protocol %d; using it", version)
        self.protocol = version
        return True

    @staticmethod
    def _check_server(resp: requests.Response) -> None:
        """Refuse an answer from a server older than this laptop accepts."""
        raw = resp.headers.get(SERVER_PROTOCOL_HEADER, "")
        if raw.isdigit() and int(raw) < MIN_SERVER_PROTOCOL:
            raise SyncError("server_too_old",
                            negotiate.server_older(int(raw), MIN_SERVER_PROTOCOL))

    def _error(self, resp: requests.Response) -> SyncError:
        try:
            body = ErrorResponse.model_validate(resp.json()).error
            code, message, details = body.code.value, body.message, body.details
        except ValueError:
            code, message, details = "http_error", f"The server answered {resp.status_code}.", {}
        mapped = negotiate.refusal(code, details, own=self.speaking,
                                   min_server=MIN_SERVER_PROTOCOL)
        if mapped:
            code, message = mapped
        cls = DeviceRevoked if code == ErrorCode.DEVICE_REVOKED.value else SyncError
        return cls(code, message, status=resp.status_code, details=details)

    # -- endpoints ----------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return dict(self.request("GET", "/health"))

    def enroll(self, *, code: str, device_id: str, device_name: str = "",
               device_key: str | None = None) -> EnrollResponse:
        """Enrol with a one-time code; with ``device_key`` (:func:`new_device_key`) the
        request carries its public half and a signature, so that a lost answer can be
        asked for again (the retries of :meth:`request` resend the same signed body)."""
        body: dict[str, Any] = {"protocol": PROTOCOL_VERSION, "code": code,
                                "device_id": device_id, "device_name": device_name}
        if device_key is not None:
            body["public_key"], body["signature"] = enroll_proof(
                device_key, code=code, device_id=device_id)
        return EnrollResponse.model_validate(self.request("POST", "/v1/enroll", body))

    def push(self, changes: Sequence[dict[str, Any]]) -> PushResponse:
        return PushResponse.model_validate(self.request("POST", "/v1/push", {
            "protocol": PROTOCOL_VERSION, "changes": list(changes)}))

    def pull(self, cursor: int, limit: int) -> PullResponse:
        # Validated straight from the bytes: pydantic-core parses and checks in one pass
        # (json.loads and then model_validate cost twice as much on a page of thousands).
        return self.request("POST", "/v1/pull", {"protocol": PROTOCOL_VERSION,
                                                 "cursor": cursor, "limit": limit},
                            parse=PullResponse.model_validate_json)

    def snapshot(self, *, at: int, step: str, after: int, limit: int) -> SnapshotResponse:
        """A page of a first-sync snapshot (``sync/server/snapshot.py``)."""
        return self.request("POST", "/v1/snapshot", {
            "protocol": PROTOCOL_VERSION, "at": at, "step": step, "after": after,
            "limit": limit}, parse=SnapshotResponse.model_validate_json)

    def report(self, pending: int, quarantined: int | None = None) -> None:
        body: dict[str, Any] = {"protocol": PROTOCOL_VERSION, "pending": pending}
        if quarantined is not None and self.speaking >= 2:
            body["quarantined"] = quarantined
        self.request("POST", "/v1/report", body)

    def team(self) -> TeamResponse:
        return TeamResponse.model_validate(self.request("GET", "/v1/team"))

    def admin_set_role(self, username: str, role: str) -> None:
        from urllib.parse import quote
        self.request("POST", f"/v1/admin/users/{quote(username, safe='')}/role",
                     {"protocol": PROTOCOL_VERSION, "role": role})

    def admin_devices(self) -> DeviceList:
        return DeviceList.model_validate(self.request("GET", "/v1/admin/devices"))

    def admin_revoke(self, device_id: str) -> None:
        self.request("POST", f"/v1/admin/devices/{device_id}/revoke")

    def admin_erase(self, person_id: str) -> EraseResponse:
        """Erase a person of this admin's team on the server (cannot be undone)."""
        return EraseResponse.model_validate(self.request(
            "POST", f"/v1/admin/persons/{person_id}/erase"))

    def admin_enroll_code(self, username: str) -> EnrollCodeResponse:
        return EnrollCodeResponse.model_validate(self.request(
            "POST", "/v1/admin/enroll-codes", {"protocol": PROTOCOL_VERSION,
                                               "username": username}))


def new_device_key() -> str:
    """A new Ed25519 private key for enrolment (raw, base64). The laptop keeps it in its
    encrypted store before it first uses it, so a retried enrolment signs with the same."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                     NoEncryption())
    return base64.b64encode(raw).decode("ascii")


def enroll_proof(device_key: str, *, code: str, device_id: str) -> tuple[str, str]:
    """(public key, signature over ``protocol.enroll_message``), both base64."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(device_key))
    public = base64.b64encode(key.public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)).decode("ascii")
    signature = key.sign(enroll_message(code=code, device_id=device_id, public_key=public))
    return public, base64.b64encode(signature).decode("ascii")


def enroll(server_url: str, *, code: str, device_id: str, device_name: str = "",
           ca_pem: str | None = None, device_key: str | None = None,
           **kw: Any) -> tuple[Credentials, EnrollResponse]:
    """Enroll this device with a one-time code; returns the credentials to keep and the
    server's answer (which carries the organisation's recovery public key, if any).
    ``device_key``: the laptop's enrolment key (:func:`new_device_key`), kept by the
    caller; calling again with the same key and code after a lost answer is a retry."""
    # learn_pin: the key of the server this request reaches (CA-verified when a CA is
    # given; the host name always) is pinned, before the code is sent.
    with HttpClient(server_url, ca_pem=ca_pem, learn_pin=True, **kw) as http:
        resp = http.enroll(code=code, device_id=device_id, device_name=device_name,
                           device_key=device_key)
        pins = list(http.tls.pins) if http.tls else []
    creds = Credentials(server_url=check_url(server_url), device_id=resp.device_id,
                        token=resp.token, user=resp.user, team=resp.team,
                        is_admin=resp.is_admin, ca_pem=ca_pem, pins=pins,
                        may_write_directory=resp.may_write_directory, role=resp.role,
                        team_members={resp.user: resp.role})
    return creds, resp


# -- the engine -------------------------------------------------------------------------------
def run_sync(store: SyncStore, *, http: HttpClient | None = None,
             progress: Progress | None = None, cancelled: Cancelled | None = None,
             batch_size: int = 500, page_size: int = 5000) -> SyncStats:
    """Push, pull, report. Raises :class:`SyncError`; on revocation wipes the store first."""
    creds = store.credentials()
    if creds is None:
        raise SyncError("not_enrolled", "This laptop is not enrolled with a server yet.")
    own = http is None
    client = http or HttpClient.from_credentials(creds)
    stats = SyncStats()
    try:
        for _round in range(3):
            try:
                _push_all(store, client, stats, progress, cancelled, batch_size)
            except _Refused:
                # Access to a person ended while we were offline: the pull evicts them
                # (and drops their unsent changes), then the rest of the outbox goes;
                # a change still refused after that is kept aside.
                _pull_all(store, client, stats, progress, cancelled, page_size)
                _push_all(store, client, stats, progress, cancelled, batch_size,
                          pulled=True)
            if not _pull_all(store, client, stats, progress, cancelled, page_size):
                break           # else the server was restored mid-sync: once more
        _refresh_pins(store, creds, client)
        refresh_team(store, client)
        stats.pending = store.pending_count()
        client.report(stats.pending, store.quarantined_count())
    except DeviceRevoked:
        log.warning("device revoked by the server; wiping local data")
        store.wipe()
        raise
    finally:
        if own:
            client.close()
    return stats


MAX_PINS = 3


def _refresh_pins(store: SyncStore, creds: Credentials, http: HttpClient) -> None:
    """Keep the key this sync's server presented plus the next key(s) it announces on
    ``/health`` as the accepted pins. The answer is trusted because it came over a
    connection that already passed the pin check. Replaces a legacy whole-certificate
    fingerprint with the key's pin."""
    if http.tls is None or http.tls.seen is None:
        return
    try:
        announced = http.health().get("next_tls_pins") or []
    except SyncError:
        log.info("sync: /health did not answer; pins unchanged")
        return
    wanted = [http.tls.seen]
    for raw in announced if isinstance(announced, list) else []:
        pin = normalise_pin(raw) if isinstance(raw, str) else None
        if pin and pin not in wanted and len(wanted) < MAX_PINS:
            wanted.append(pin)
    if wanted != creds.pins or creds.fingerprint:
        store.set_credentials(replace(creds, pins=wanted, fingerprint=None))
        log.info("sync: server key pins updated count=%d", len(wanted))


def refresh_team(store: SyncStore, http: HttpClient) -> None:
    """Keep the user's role and the team's users and roles as the server has them now (an
    admin may have changed them since enrolment). A server too old to say is left alone."""
    try:
        info = http.team()
    except SyncError as exc:
        if exc.status == 404 or exc.code == ErrorCode.NOT_FOUND.value:
            log.info("sync: the server keeps no team list; roles unchanged")
            return
        raise
    creds = store.credentials()
    if creds is None:
        return
    fresh = replace(creds, role=info.role, is_admin=info.is_admin,
                    may_write_directory=info.may_write_directory,
                    team_members={m.user: m.role for m in info.members},
                    team_roles=dict(info.roles))
    if fresh != creds:
        store.set_credentials(fresh)
        log.info("sync: team list updated members=%d", len(info.members))


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise SyncCancelled("cancelled", "Sync was cancelled; it resumes next time.")


class _Refused(Exception):
    """A push refused for a person this laptop may no longer reach (pull first)."""


# Refusals that name one change the server will never accept as it is: that change is
# kept aside (quarantined, with the server's reason) and the rest of the batch goes again.
QUARANTINE_CODES = {ErrorCode.INVALID_RECORD.value, ErrorCode.UNKNOWN_KIND.value,
                    ErrorCode.FORBIDDEN_RECORD.value, ErrorCode.INVALID_REQUEST.value}


def _adopt_epoch(store: SyncStore, epoch: Any, stats: SyncStats) -> bool:
    """Remember the server's epoch; True (and the store re-queues its recently sent
    changes and resets its cursor) when it is a new one: the server was restored."""
    if not isinstance(epoch, str) or not epoch or epoch == store.epoch():
        return False
    known = store.epoch() is not None
    resent = store.adopt_epoch(epoch)
    if known:
        stats.resent += resent
        log.warning("sync: the server was restored from a backup (new epoch); "
                    "re-sending %d changes and pulling afresh", resent)
    return known


def _push_batch(store: SyncStore, http: HttpClient, stats: SyncStats,
                batch: list[dict[str, Any]], pulled: bool) -> PushResponse:
    """Push one batch; a change the server refuses is quarantined and the rest pushed
    again, until the server takes the batch (each refusal removes one change)."""
    while True:
        try:
            return http.push(batch)
        except SyncError as exc:
            cid = exc.details.get("change_id") if exc.details else None
            ids = [ch["change_id"] for ch in batch]
            if exc.code not in QUARANTINE_CODES or cid not in ids:
                raise
            if exc.code == ErrorCode.FORBIDDEN_RECORD.value and not pulled:
                raise _Refused(str(cid)) from None
            store.quarantine(str(cid), code=exc.code, reason=str(exc), details=exc.details)
            stats.quarantined += 1
            batch = [ch for ch in batch if ch["change_id"] != cid]
            if not batch:
                return PushResponse(acks=[])


def _push_all(store: SyncStore, http: HttpClient, stats: SyncStats,
              progress: Progress | None, cancelled: Cancelled | None, batch_size: int,
              *, pulled: bool = False) -> None:
    total = store.pending_count()
    done = 0
    while True:
        _check(cancelled)
        batch = store.outbox_batch(batch_size)
        if not batch:
            break
        resp = _push_batch(store, http, stats, batch, pulled)
        if _adopt_epoch(store, resp.epoch, stats):
            continue        # the outbox holds the re-queued changes now: push them too
        store.acknowledge([a.change_id for a in resp.acks if a.status != "erased"])
        store.acknowledge([a.change_id for a in resp.acks if a.status == "erased"],
                          keep=False)
        acked = [a.change_id for a in resp.acks]
        stats.pushed += sum(a.status == "applied" for a in resp.acks)
        stats.duplicates += sum(a.status == "duplicate" for a in resp.acks)
        erased = sum(a.status == "erased" for a in resp.acks)
        if erased:
            stats.erased += erased
            log.info("sync push: %d changes were for erased persons; not applied", erased)
        done += len(acked)
        if progress:
            progress("push", done, max(total, done))
        if len(acked) < len(resp.acks):  # pragma: no cover - the server acks every change
            raise SyncError("protocol", "The server did not acknowledge every change.")


def _pull_all(store: SyncStore, http: HttpClient, stats: SyncStats,
              progress: Progress | None, cancelled: Cancelled | None, page_size: int) -> bool:
    """Pull pages until the server has no more; the next page is fetched on a helper
    thread while this one is applied (only that thread uses ``http`` meanwhile). Returns
    True, having applied nothing more, if a page shows the server was restored (a new
    epoch): the caller pushes the re-queued changes and pulls again from the start."""
    from concurrent.futures import ThreadPoolExecutor

    if store.cursor() == 0 or store.snapshot_position() is not None:
        taken = _snapshot_all(store, http, stats, progress, cancelled, page_size)
        if taken is True:
            return True         # a new epoch: push and pull again from the start
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as pool:
        future = pool.submit(http.pull, store.cursor(), page_size)
        while True:
            page = future.result()
            if _adopt_epoch(store, page.epoch, stats):
                return True
            if page.more:
                future = pool.submit(http.pull, page.cursor, page_size)
            _check(cancelled)
            result = store.apply_pulled(page.items, page.cursor)
            stats.pulled += result.records
            stats.evicted += result.evicted
            stats.conflicts += result.conflicts
            stats.set_aside.extend(result.set_aside)
            if progress:
                progress("pull", stats.pulled, stats.pulled + (page_size if page.more else 0))
            if not page.more:
                return False


USABLE_PAGE = 2000     # snapshot page size once the first screens' records are in


def _snapshot_all(store: SyncStore, http: HttpClient, stats: SyncStats,
                  progress: Progress | None, cancelled: Cancelled | None,
                  page_size: int) -> bool | None:
    """Take (or resume) the first-sync snapshot, page by page, fetching the next page on
    a helper thread while this one is applied. Each page is applied with the position
    after it (``snapshot``) in one store transaction; the last one with the snapshot's
    point as the cursor instead, so the ordinary pull continues from there with nothing
    skipped or received twice. Returns False when done, True (having applied nothing
    more) when a page shows the server was restored, and None when the server takes no
    snapshots (an older server: the ordinary pull from 0 does the same work)."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    kept = store.snapshot_position()
    position = json.loads(kept) if kept else {"at": 0, "step": "", "after": 0}
    try:
        page = http.snapshot(**position, limit=page_size)
    except SyncError as exc:
        if exc.status in (404, 405) or exc.code == ErrorCode.NOT_FOUND.value:
            log.info("sync: the server takes no snapshots; pulling from the start")
            return None
        raise
    told = False
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-snapshot") as pool:
        while True:
            if _adopt_epoch(store, page.epoch, stats):
                return True
            # once the first screens can be used, smaller pages: each is applied in one
            # store transaction, and the screens' reads wait for the one under way
            limit = min(page_size, USABLE_PAGE) if page.first_done else page_size
            future = pool.submit(http.snapshot, at=page.at, step=page.step,
                                 after=page.after, limit=limit) if page.more else None
            _check(cancelled)
            after = None if not page.more else json.dumps(
                {"at": page.at, "step": page.step, "after": page.after})
            result = store.apply_pulled(page.items, 0 if page.more else page.cursor,
                                        snapshot=after)
            stats.pulled += result.records
            stats.evicted += result.evicted
            stats.conflicts += result.conflicts
            stats.set_aside.extend(result.set_aside)
            if progress:
                progress("pull", stats.pulled, stats.pulled + (page_size if page.more else 0))
                if page.first_done and not told:
                    told = True
                    progress("usable", stats.pulled, stats.pulled)
            if future is None:
                log.info("sync: snapshot taken at=%d records=%d", page.at, stats.pulled)
                return False
            page = future.result()
