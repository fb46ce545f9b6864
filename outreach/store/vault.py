"""The key vault: the database's data key, stored only wrapped.

The SQLCipher database is opened with a random 256-bit *data key*. That key is kept on disk
only inside ``outreach.key`` beside the database, wrapped (AES-256-GCM) under a key derived
from the user's passphrase with Argon2id, and optionally also wrapped under the
organisation's recovery public key (RSA-OAEP-SHA256) so an admin holding the private half
can recover a forgotten passphrase without losing unsynced work.

Changing the passphrase normally *re-keys* (``outreach.store.rekey``): a new random data
key, the database copied under it, the old key file overwritten. :meth:`Vault.rewrap`
alone (no new data key) is kept for callers that only re-wrap.

Failed unlocks are counted in ``outreach.attempts``, not in the key file (which is
written only when the key itself changes), under a cross-process lock: see
``outreach.store.attempts``. Each failure makes the next attempt wait longer (1, 2, 4, …
up to 60 seconds). A policy may wipe the profile after too many failures. The key file
holds no personal data: salts, KDF parameters, wrapped keys, the counter's MAC key.

Threading: a :class:`Vault` is used by one thread at a time; the desktop app runs
:meth:`Vault.unlock` off the UI thread because the KDF takes a few hundred milliseconds.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from outreach.store.attempts import Counter, NoProfileHere, profile_lock
from outreach.store.files import atomic_write, secure_dir, shred, sync_dir
from outreach.store.secret import wipe

log = logging.getLogger(__name__)

KEY_FILE = "outreach.key"
FORMAT = 1
AAD = b"outreach data key v1"
MAX_DELAY_SECONDS = 60.0

# OWASP's first recommended Argon2id configuration is m=46 MiB, t=1, p=1; we use more.
DEFAULT_KDF = {"name": "argon2id", "memory_cost": 64 * 1024, "iterations": 3, "lanes": 4}


class VaultError(Exception):
    """Base class: every message is fit to show to the user as it is."""


class WrongPassphrase(VaultError):
    def __init__(self, failures: int, wait_seconds: float) -> None:
        self.failures = failures
        self.wait_seconds = wait_seconds
        super().__init__(
            "That passphrase is not right. "
            + (f"Please wait {_seconds(wait_seconds)} before trying again."
               if wait_seconds >= 1 else "Please try again."))


class TooSoon(VaultError):
    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(f"Too many wrong passphrases. Try again in {_seconds(wait_seconds)}.")


class Wiped(VaultError):
    def __init__(self) -> None:
        super().__init__("Too many wrong passphrases: this profile's data has been erased "
                         "from this laptop, as your organisation's policy requires. "
                         "Anything already synced is safe on the server.")


class WeakPassphrase(VaultError):
    pass


def _seconds(value: float) -> str:
    n = max(1, round(value))
    return "1 second" if n == 1 else f"{n} seconds"


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive wrong passphrases."""
    if failures <= 0:
        return 0.0
    return min(float(2 ** (failures - 1)), MAX_DELAY_SECONDS)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive(passphrase: str, salt: bytes, params: dict[str, Any]) -> bytes:
    if params.get("name") != "argon2id":
        raise VaultError("This key file uses a key derivation this version does not know.")
    kdf = Argon2id(salt=salt, length=32, iterations=int(params["iterations"]),
                   lanes=int(params["lanes"]), memory_cost=int(params["memory_cost"]))
    secret = passphrase.encode("utf-8")
    try:
        return kdf.derive(secret)
    finally:
        wipe(secret)


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase below the strength floor, saying why (see ``strength``)."""
    from outreach.store.strength import check

    check(passphrase)


@dataclass
class Vault:
    """The key file of one profile (and its attempt counter and lock)."""

    path: Path
    clock: Callable[[], float] = time.time
    kdf_params: dict[str, Any] | None = None
    #: the counter generation after the last successful unlock (rollback detection)
    last_generation: int = field(default=0, init=False)

    @classmethod
    def in_folder(cls, folder: Path, **kw: Any) -> Vault:
        return cls(folder / KEY_FILE, **kw)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the profile's cross-process lock; finish any interrupted re-key first."""
        try:
            with profile_lock(self.folder):
                from outreach.store.rekey import resolve_interrupted

                resolve_interrupted(self.folder)
                yield
        except NoProfileHere:
            raise VaultError("There is no profile here any more.") from None

    # -- reading and writing the file -------------------------------------------------
    def _read(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            raise VaultError("There is no profile here yet.") from None
        except (OSError, ValueError) as exc:
            raise VaultError("The key file of this profile is damaged and cannot be read.") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise VaultError("The key file of this profile is from another version of Outreach.")
        return doc

    def _write(self, doc: dict[str, Any]) -> None:
        secure_dir(self.path.parent)
        atomic_write(self.path, json.dumps(doc, indent=1).encode("utf-8"))

    def _replace(self, doc: dict[str, Any]) -> None:
        """Write a key file that holds a new wrapped key, overwriting the old one's bytes."""
        tmp = self.path.with_name(KEY_FILE + ".rewrap")
        atomic_write(tmp, json.dumps(doc, indent=1).encode("utf-8"))
        from outreach.store.files import overwrite

        overwrite(self.path)
        os.replace(tmp, self.path)
        sync_dir(self.folder)

    # -- life cycle -------------------------------------------------------------------
    def create(self, passphrase: str) -> bytes:
        """Make a new random data key, wrap it under ``passphrase``; return the key."""
        check_passphrase(passphrase)
        if self.exists():
            raise VaultError("A profile already exists here.")
        data_key = secrets.token_bytes(32)
        counter_key = secrets.token_bytes(32)
        doc: dict[str, Any] = {"format": FORMAT, "wipe_after": 0,
                               "counter_key": _b64(counter_key)}
        doc.update(self.wrap(passphrase, data_key))
        secure_dir(self.folder)
        Counter().save(self.folder, counter_key)
        self._write(doc)
        return data_key

    def wrap(self, passphrase: str, data_key: bytes) -> dict[str, Any]:
        """The key-file fields that hold ``data_key`` wrapped under ``passphrase``."""
        params = dict(self.kdf_params or DEFAULT_KDF)
        salt = secrets.token_bytes(16)
        kek = derive(passphrase, salt, params)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(kek).encrypt(nonce, bytes(data_key), AAD)
        wipe(kek)
        return {"kdf": {**params, "salt": _b64(salt)}, "wrapped_key": _b64(nonce + wrapped)}

    _wrap = wrap

    # -- the attempt counter ----------------------------------------------------------
    def _counter(self, doc: dict[str, Any]) -> tuple[Counter, bytes]:
        """The checked counter (lock held); a legacy key file is moved to the counter file."""
        if "counter_key" not in doc:         # written by an earlier version: upgrade once
            counter_key = secrets.token_bytes(32)
            counter = Counter(failures=int(doc.pop("failures", 0)),
                              last_failure=float(doc.pop("last_failure", 0.0)))
            counter.save(self.folder, counter_key)
            doc["counter_key"] = _b64(counter_key)
            self._write(doc)
            return counter, counter_key
        counter_key = _unb64(doc["counter_key"])
        counter = Counter.load(self.folder, counter_key)
        if counter.tampered:
            log.warning("the unlock attempt counter was altered or removed")
            counter.treat_as_tampered(wipe_after=int(doc.get("wipe_after", 0)),
                                      now=self.clock())
            counter.save(self.folder, counter_key)
        return counter, counter_key

    def _wait(self, counter: Counter) -> float:
        due = counter.last_failure + delay_after(counter.failures)
        return max(0.0, due - self.clock())

    def wait_seconds(self) -> float:
        """How long until the next unlock attempt is allowed (0 when it is now)."""
        with self.locked():
            counter, _ = self._counter(self._read())
            return self._wait(counter)

    def failures(self) -> int:
        """Wrong passphrases since the last right one."""
        with self.locked():
            return self._counter(self._read())[0].failures

    def unlock(self, passphrase: str) -> bytes:
        """The data key, or :class:`WrongPassphrase` / :class:`TooSoon` / :class:`Wiped`.

        Holds the profile lock from reading the counter to writing it back, so attempts
        from several processes are taken one at a time.
        """
        with self.locked():
            return self.unlock_locked(passphrase)

    def unlock_locked(self, passphrase: str) -> bytes:
        """:meth:`unlock` for a caller that already holds :meth:`locked`."""
        doc = self._read()
        counter, counter_key = self._counter(doc)
        wait = self._wait(counter)
        if wait > 0:
            raise TooSoon(wait)
        try:
            key = self._unwrap(passphrase, doc)
        except InvalidTag:
            counter.record(failed=True, now=self.clock())
            limit = int(doc.get("wipe_after", 0))
            if limit and counter.failures >= limit:
                wipe_profile(self.folder, locked=True)
                raise Wiped() from None
            counter.save(self.folder, counter_key)
            raise WrongPassphrase(counter.failures, delay_after(counter.failures)) from None
        counter.record(failed=False)
        counter.save(self.folder, counter_key)
        self.last_generation = counter.generation
        return key

    def reset_failures_locked(self) -> None:
        """Count a success (after a re-key; the caller holds :meth:`locked`)."""
        counter, counter_key = self._counter(self._read())
        counter.record(failed=False)
        counter.save(self.folder, counter_key)
        self.last_generation = counter.generation

    def bump_generation(self, at_least: int) -> None:
        """Move the counter's generation past ``at_least`` (after a detected rollback)."""
        with self.locked():
            doc = self._read()
            counter, counter_key = self._counter(doc)
            counter.generation = max(counter.generation, at_least)
            counter.record(failed=False)
            counter.save(self.folder, counter_key)
            self.last_generation = counter.generation

    def _unwrap(self, passphrase: str, doc: dict[str, Any]) -> bytes:
        kdf = dict(doc["kdf"])
        salt = _unb64(kdf.pop("salt"))
        kek = derive(passphrase, salt, kdf)
        blob = _unb64(doc["wrapped_key"])
        try:
            return AESGCM(kek).decrypt(blob[:12], blob[12:], AAD)
        finally:
            wipe(kek)

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under ``new`` only (no re-key: see ``Profile``)."""
        check_passphrase(new)
        key = self.unlock(old)
        self.rewrap(key, new)

    def rewrap(self, data_key: bytes, new: str) -> None:
        check_passphrase(new)
        with self.locked():
            doc = self._read()
            doc.update(self.wrap(new, data_key))
            self._replace(doc)
            counter, counter_key = self._counter(doc)
            counter.record(failed=False)
            counter.save(self.folder, counter_key)

    def new_key_doc(self, data_key: bytes, passphrase: str, *,
                    recovery_public_pem: bytes | None = None) -> dict[str, Any]:
        """The key file for a new data key: same policy and counter key, new wraps.

        A profile set up with a recovery key must be given its public half (kept in the
        key file since this version) so the new key is wrapped under it too.
        """
        doc = self._read()
        doc.pop("failures", None)
        doc.pop("last_failure", None)
        doc.update(self.wrap(passphrase, data_key))
        if doc.get("recovery"):
            pem = recovery_public_pem or doc["recovery"].get("public_key", "").encode("ascii")
            if not pem:
                raise VaultError("This profile's recovery key was set up by an earlier "
                                 "version: enrol again (or use 'passwd --no-rekey') before "
                                 "re-keying, so the organisation can still recover it.")
            doc["recovery"] = _recovery_entry(data_key, pem)
        return doc

    def set_wipe_policy(self, after_failures: int) -> None:
        with self.locked():
            doc = self._read()
            doc["wipe_after"] = max(0, int(after_failures))
            self._write(doc)

    # -- organisation recovery key ----------------------------------------------------
    def add_recovery(self, data_key: bytes, public_key_pem: bytes) -> None:
        """Also wrap the data key under the organisation's recovery public key."""
        entry = _recovery_entry(data_key, public_key_pem)
        with self.locked():
            doc = self._read()
            doc["recovery"] = entry
            self._write(doc)

    def recovery_data_key(self, private_key_pem: bytes,
                          private_key_password: bytes | None = None) -> bytes:
        """Unwrap the data key with the recovery private key (nothing is written).

        The key file is PKCS#8 encrypted under ``private_key_password`` (as
        ``outreach-server admin recovery-keygen`` writes it); an unencrypted key from an
        older version is still accepted."""
        doc = self._read()
        rec = doc.get("recovery")
        if not rec:
            raise VaultError("This profile was not set up with a recovery key.")
        private = load_recovery_private_key(private_key_pem, private_key_password)
        try:
            return private.decrypt(_unb64(rec["wrapped_key"]), _oaep())
        except ValueError:
            raise VaultError("That recovery key does not belong to this profile.") from None

    def recover(self, private_key_pem: bytes, new_passphrase: str,
                private_key_password: bytes | None = None) -> bytes:
        """Unwrap the data key with the recovery private key and re-wrap it (no re-key:
        ``Profile.recover`` re-keys, and is what the app and the CLI use)."""
        key = self.recovery_data_key(private_key_pem, private_key_password)
        self.rewrap(key, new_passphrase)
        return key


def load_recovery_private_key(private_key_pem: bytes,
                              private_key_password: bytes | None) -> rsa.RSAPrivateKey:
    """The organisation's recovery private key, or a :class:`VaultError` saying why not."""
    encrypted = b"ENCRYPTED PRIVATE KEY" in private_key_pem
    if encrypted and not private_key_password:
        raise VaultError("The recovery key is encrypted: give its passphrase.")
    try:
        private = serialization.load_pem_private_key(
            private_key_pem, private_key_password if encrypted else None)
    except ValueError:
        raise VaultError("That is not the recovery key's passphrase, or the file is "
                         "not a recovery key.") from None
    if not isinstance(private, rsa.RSAPrivateKey):
        raise VaultError("The recovery key must be an RSA private key.")
    return private


def _recovery_entry(data_key: bytes, public_key_pem: bytes) -> dict[str, Any]:
    public = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(public, rsa.RSAPublicKey) or public.key_size < 3072:
        raise VaultError("The recovery key must be an RSA public key of 3072 bits or more.")
    pem = public.public_bytes(serialization.Encoding.PEM,
                              serialization.PublicFormat.SubjectPublicKeyInfo)
    return {"alg": "rsa-oaep-sha256", "wrapped_key": _b64(public.encrypt(data_key, _oaep())),
            "public_key": pem.decode("ascii")}


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()),
                        algorithm=hashes.SHA256(), label=None)


def wipe_profile(folder: Path, *, locked: bool = False) -> None:
    """Destroy a profile: overwrite the key files, then every other file, then remove them.

    Without the key file the database cannot be decrypted, so the key is destroyed
    first; the database pages are overwritten too, so carving the disk finds neither
    (limits on SSDs: docs/security.md). ``locked``: the caller holds the profile lock.
    """
    if not locked and folder.is_dir():
        try:
            with profile_lock(folder):
                wipe_profile(folder, locked=True)
        except NoProfileHere:
            return
        return
    first = [folder / name for name in (KEY_FILE, KEY_FILE + ".new", KEY_FILE + ".rewrap")]
    for path in first:
        shred(path)
    for child in sorted(folder.glob("*")):
        if child.is_symlink():
            child.unlink()
        elif child.is_file():
            shred(child)
    try:
        folder.rmdir()
    except OSError:
        pass
