"""Sync use cases: enroll this laptop, sync now, recover a forgotten passphrase, and the
admin view's actions (list, revoke, enrollment codes) for admins at base.

Every failure is a :class:`SyncFailed` whose message is fit to show to a practitioner as
it is. When the server says this laptop was revoked, :func:`sync_now` closes the store,
destroys the profile's key and data (``wipe_profile``) and raises :class:`ProfileWiped`.

Threading: these ops do network I/O and may take seconds; the desktop app runs them on
its background-operation helper, never on the UI thread. ``progress(phase, done, total)``
is called on that thread and ``cancelled()`` is polled between batches.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach.store.profile import Profile
from outreach.store.records import Store
from outreach.store.syncstore import StoreSync
from outreach.store.vault import Vault
from sync import client as sync_client
from sync.client import DeviceRevoked, HttpClient, SyncCancelled, SyncError
from sync.protocol import DeviceInfo

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
RECOVERY_PENDING = "recovery_public_key_pending"

MESSAGES = {
    "network": "The server cannot be reached. Your changes are safe on this laptop and "
               "will be sent next time.",
    "tls": "The server did not prove it is the one this laptop was enrolled with. Do not "
           "sync; please tell your admin.",
    "tls_enroll": "The server's certificate is not valid for this address, or not signed "
                  "by your organisation. Check the address with your admin; do not enrol "
                  "until it is sorted out.",
    "code_invalid": "That enrollment code is not right. Check it with your admin.",
    "code_expired": "That enrollment code has expired. Ask your admin for a new one.",
    "code_used": "That enrollment code has been used already. Ask your admin for a new one.",
    "unauthorized": "The server did not accept this laptop. Ask your admin to enroll it again.",
    "locked_out": "Too many failed attempts. Please wait a while before trying again.",
    "rate_limited": "The server is busy. Please try again in a minute.",
    "unsupported_protocol": "This version of Outreach is too old for the server. Please "
                            "update it.",
    "not_enrolled": "This laptop is not set up to sync yet. Ask your admin for an "
                    "enrollment code.",
    "cancelled": "Sync was stopped. It carries on from where it stopped next time.",
    "forbidden": "Only an admin can do that.",
}


# Enrolment has no changes to keep for "next time": say why it failed and what to do.
ENROL_MESSAGES = {
    "network": "Outreach could not reach the server at {url}, so this laptop is not "
               "enrolled yet. Check the address with your admin and that this laptop is "
               "online, then try again.",
    "tls": MESSAGES["tls_enroll"],
    "code_invalid": "That enrolment code is not right, so this laptop is not enrolled "
                    "yet. Check the code with your admin and type it again.",
    "code_expired": "That enrolment code has expired. Ask your admin for a new one.",
    "code_used": "That enrolment code has been used already. Ask your admin for a new one.",
    "unauthorized": "The server did not accept that enrolment code. Ask your admin for a "
                    "new one.",
    "not_found": "There is no Outreach server at {url}. Check the address with your admin.",
}


class SyncFailed(Exception):
    """A sync step failed; the message is plain language. ``code`` is for the program."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class ProfileWiped(SyncFailed):
    pass


@dataclass
class SyncResult:
    pushed: int         # changes the server holds now: applied, or already received
    pulled: int
    conflicts: int
    pending: int
    finished_at: str
    evicted: int = 0
    set_aside: tuple[str, ...] = ()     # why each record from the server was not usable
    refused: int = 0    # changes the server refused, waiting on this laptop for a decision


# Codes whose message the sync client already words for people (sync/negotiate.py).
OWN_WORDS = {"client_too_old", "server_too_old"}


def _failed(exc: SyncError) -> SyncFailed:
    message = (str(exc) if exc.code in OWN_WORDS else MESSAGES.get(exc.code)) \
        or f"Sync did not complete: {exc}"
    return SyncFailed(message, code=exc.code)


def _enrol_failed(exc: SyncError, server_url: str) -> SyncFailed:
    """Why an enrolment failed, in words for the person enrolling (never "next time")."""
    template = ENROL_MESSAGES.get(exc.code) or MESSAGES.get(exc.code) or (
        "Enrolment did not work: {reason} Check the address and the code with your admin, "
        "then try again.")
    return SyncFailed(template.replace("{url}", server_url).replace("{reason}", str(exc)),
                      code=exc.code)


def is_enrolled(store: Store) -> bool:
    return StoreSync(store).credentials() is not None


def enroll(store: Store, *, server_url: str, code: str, ca_cert_pem: str | None = None,
           progress: Progress | None = None, passphrase: str | None = None,
           device_name: str = "") -> dict[str, Any]:
    """Enroll this laptop with a one-time code from an admin.

    Keeps the device credential and the pinned server certificate in the encrypted store,
    takes the server's user name for this profile, and — when the organisation has a
    recovery key — wraps the data key under it. That needs the data key, so pass the
    ``passphrase`` (the one just used to unlock); without it the public key is kept and
    :func:`apply_pending_recovery` wraps it at the next unlock.
    """
    adapter = StoreSync(store)
    if adapter.credentials() is not None:
        raise SyncFailed("This laptop is already enrolled.", code="already_enrolled")
    if progress:
        progress("enroll", 0, 1)
    try:
        creds, resp = sync_client.enroll(server_url, code=code.strip(),
                                         device_id=store.device_id, device_name=device_name,
                                         ca_pem=ca_cert_pem, device_key=adapter.device_key())
    except SyncError as exc:
        raise _enrol_failed(exc, server_url.strip()) from None
    with store.transaction():
        adapter.set_credentials(creds)
        store.set_meta("server_url", creds.server_url)
        store.set_meta("user", creds.user)
        store.set_meta("team", creds.team)
        if resp.recovery_public_key_pem:
            store.set_meta(RECOVERY_PENDING, resp.recovery_public_key_pem)
    if passphrase and resp.recovery_public_key_pem:
        apply_pending_recovery(store, passphrase)
    if progress:
        progress("enroll", 1, 1)
    log.info("enrolled device=%s", store.device_id)
    return {"user": creds.user, "team": creds.team, "is_admin": creds.is_admin,
            "server_url": creds.server_url,
            "recovery": bool(resp.recovery_public_key_pem)}


def apply_pending_recovery(store: Store, passphrase: str) -> bool:
    """Wrap the data key under the organisation's recovery key if enrollment left it to do."""
    pem = store.meta(RECOVERY_PENDING)
    if not pem or store.folder is None:
        return False
    vault = Vault.in_folder(Path(store.folder))
    key = vault.unlock(passphrase)
    vault.add_recovery(key, pem.encode("ascii"))
    store.set_meta(RECOVERY_PENDING, None)
    return True


def sync_now(store: Store, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> SyncResult:
    """Push local changes, pull the team's changes, report. Resumable at any point."""
    adapter = StoreSync(store)
    try:
        stats = sync_client.run_sync(adapter, progress=progress, cancelled=cancelled)
    except DeviceRevoked:
        raise ProfileWiped("This laptop was reported lost or retired, so its Outreach data "
                           "has been erased from it. Anything already synced is safe on "
                           "the server. Please speak to your admin.",
                           code="device_revoked") from None
    except SyncCancelled as exc:
        raise _failed(exc) from None
    except SyncError as exc:
        raise _failed(exc) from None
    finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    store.set_meta("last_sync_at", finished)
    # (after the sync is recorded: a lock or a cancel while indexing loses nothing, the
    # rest of the search backlog is indexed at the next sync)
    finish_first_sync(store, progress=progress, cancelled=cancelled)
    log.info("sync done pushed=%d pulled=%d conflicts=%d pending=%d", stats.pushed,
             stats.pulled, stats.conflicts, stats.pending)
    # "Sent": every change the server now holds, applied by this answer or acknowledged
    # as already received (the answer to an earlier attempt was lost on the way).
    return SyncResult(pushed=stats.pushed + stats.duplicates, pulled=stats.pulled,
                      conflicts=stats.conflicts, pending=stats.pending, finished_at=finished,
                      evicted=stats.evicted, set_aside=tuple(stats.set_aside),
                      refused=adapter.quarantined_count())


def finish_first_sync(store: Store, *, progress: Progress | None = None,
                      cancelled: Callable[[], bool] | None = None) -> None:
    """After a sync that pulled everything: end a bulk first sync (build the report
    index once) and index what waits in the search backlog, in batches, with progress
    phase ``"index"``. The records are usable all along; search finds what is indexed.
    Worker thread only."""
    from outreach.store import search_backlog

    StoreSync(store).finish_first_sync()
    if search_backlog.pending(store):
        search_backlog.index_all(
            store, cancelled=cancelled,
            progress_cb=(lambda done, total: progress("index", done, total))
            if progress else None)


def recover_profile(data_dir: Path, name: str, *, private_key_pem: bytes,
                    new_passphrase: str, key_passphrase: str | None = None) -> None:
    """Set a new passphrase with the organisation's recovery private key (an admin's),
    encrypted under ``key_passphrase``.

    The data key is unwrapped with the private key, and the profile is always re-keyed
    (a new data key wrapped under the new passphrase and the recovery key); unsynced
    changes are kept.
    """
    prof = Profile(data_dir, name)
    if not prof.exists():
        raise SyncFailed(f"There is no profile called {name!r} on this laptop.")
    prof.recover(private_key_pem, new_passphrase,
                 private_key_password=key_passphrase.encode("utf-8") if key_passphrase
                 else None)


# -- admin view --------------------------------------------------------------------------------
def _admin(store: Store) -> HttpClient:
    creds = StoreSync(store).credentials()
    if creds is None:
        raise SyncFailed(MESSAGES["not_enrolled"], code="not_enrolled")
    if not creds.is_admin:
        raise SyncFailed(MESSAGES["forbidden"], code="forbidden")
    return HttpClient.from_credentials(creds)


def admin_devices(store: Store) -> list[DeviceInfo]:
    try:
        with _admin(store) as http:
            return http.admin_devices().devices
    except SyncError as exc:
        raise _failed(exc) from None


def admin_revoke(store: Store, device_id: str) -> None:
    try:
        with _admin(store) as http:
            http.admin_revoke(device_id)
    except SyncError as exc:
        raise _failed(exc) from None


def admin_enroll_code(store: Store, username: str) -> tuple[str, str]:
    try:
        with _admin(store) as http:
            resp = http.admin_enroll_code(username)
    except SyncError as exc:
        raise _failed(exc) from None
    return resp.code, resp.expires_at
