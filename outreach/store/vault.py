"""The key vault: the database's data key, stored only wrapped.

The SQLCipher database is opened with a random 256-bit *data key*. That key is kept on disk
only inside ``outreach.key`` beside the database, wrapped (AES-256-GCM) under a key derived
from the user's passphrase with Argon2id, and optionally also wrapped under the
organisation's recovery public key (RSA-OAEP-SHA256) so an admin holding the private half
can recover a forgotten passphrase without losing unsynced work.

Changing the passphrase re-wraps the data key; the database is not re-encrypted.

Failed unlocks are counted in the key file and each one makes the next attempt wait longer
(1, 2, 4, … up to 60 seconds). A policy may wipe the profile after too many failures.
The key file holds no personal data: salts, KDF parameters, wrapped keys and counters.

Threading: a :class:`Vault` is used by one thread at a time; the desktop app runs
:meth:`Vault.unlock` off the UI thread because the KDF takes a few hundred milliseconds.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from outreach.store.files import atomic_write, secure_dir

KEY_FILE = "outreach.key"
FORMAT = 1
AAD = b"outreach data key v1"
MIN_PASSPHRASE = 8
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
    return kdf.derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase(f"Use a passphrase of at least {MIN_PASSPHRASE} characters; "
                             "a few unrelated words is easy to remember and hard to guess.")


@dataclass
class Vault:
    """The key file of one profile."""

    path: Path
    clock: Callable[[], float] = time.time
    kdf_params: dict[str, Any] | None = None

    @classmethod
    def in_folder(cls, folder: Path, **kw: Any) -> Vault:
        return cls(folder / KEY_FILE, **kw)

    def exists(self) -> bool:
        return self.path.exists()

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

    # -- life cycle -------------------------------------------------------------------
    def create(self, passphrase: str) -> bytes:
        """Make a new random data key, wrap it under ``passphrase``; return the key."""
        check_passphrase(passphrase)
        if self.exists():
            raise VaultError("A profile already exists here.")
        data_key = secrets.token_bytes(32)
        doc: dict[str, Any] = {"format": FORMAT, "failures": 0, "last_failure": 0.0,
                               "wipe_after": 0}
        doc.update(self._wrap(passphrase, data_key))
        self._write(doc)
        return data_key

    def _wrap(self, passphrase: str, data_key: bytes) -> dict[str, Any]:
        params = dict(self.kdf_params or DEFAULT_KDF)
        salt = secrets.token_bytes(16)
        kek = derive(passphrase, salt, params)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, AAD)
        return {"kdf": {**params, "salt": _b64(salt)}, "wrapped_key": _b64(nonce + wrapped)}

    def wait_seconds(self) -> float:
        """How long until the next unlock attempt is allowed (0 when it is now)."""
        doc = self._read()
        due = float(doc.get("last_failure", 0.0)) + delay_after(int(doc.get("failures", 0)))
        return max(0.0, due - self.clock())

    def unlock(self, passphrase: str) -> bytes:
        """The data key, or :class:`WrongPassphrase` / :class:`TooSoon` / :class:`Wiped`."""
        doc = self._read()
        wait = self.wait_seconds()
        if wait > 0:
            raise TooSoon(wait)
        try:
            key = self._unwrap(passphrase, doc)
        except InvalidTag:
            failures = int(doc.get("failures", 0)) + 1
            doc["failures"], doc["last_failure"] = failures, self.clock()
            limit = int(doc.get("wipe_after", 0))
            if limit and failures >= limit:
                wipe_profile(self.path.parent)
                raise Wiped() from None
            self._write(doc)
            raise WrongPassphrase(failures, delay_after(failures)) from None
        if doc.get("failures"):
            doc["failures"], doc["last_failure"] = 0, 0.0
            self._write(doc)
        return key

    def _unwrap(self, passphrase: str, doc: dict[str, Any]) -> bytes:
        kdf = dict(doc["kdf"])
        salt = _unb64(kdf.pop("salt"))
        kek = derive(passphrase, salt, kdf)
        blob = _unb64(doc["wrapped_key"])
        return AESGCM(kek).decrypt(blob[:12], blob[12:], AAD)

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under ``new``. The database itself is not touched."""
        check_passphrase(new)
        key = self.unlock(old)
        self.rewrap(key, new)

    def rewrap(self, data_key: bytes, new: str) -> None:
        check_passphrase(new)
        doc = self._read()
        doc.update(self._wrap(new, data_key))
        doc["failures"], doc["last_failure"] = 0, 0.0
        self._write(doc)

    def set_wipe_policy(self, after_failures: int) -> None:
        doc = self._read()
        doc["wipe_after"] = max(0, int(after_failures))
        self._write(doc)

    # -- organisation recovery key ----------------------------------------------------
    def add_recovery(self, data_key: bytes, public_key_pem: bytes) -> None:
        """Also wrap the data key under the organisation's recovery public key."""
        public = serialization.load_pem_public_key(public_key_pem)
        if not isinstance(public, rsa.RSAPublicKey) or public.key_size < 3072:
            raise VaultError("The recovery key must be an RSA public key of 3072 bits or more.")
        wrapped = public.encrypt(data_key, _oaep())
        doc = self._read()
        doc["recovery"] = {"alg": "rsa-oaep-sha256", "wrapped_key": _b64(wrapped)}
        self._write(doc)

    def recover(self, private_key_pem: bytes, new_passphrase: str,
                private_key_password: bytes | None = None) -> bytes:
        """Unwrap the data key with the recovery private key and set a new passphrase.

        The key file is PKCS#8 encrypted under ``private_key_password`` (as
        ``outreach-server admin recovery-keygen`` writes it); an unencrypted key from an
        older version is still accepted."""
        doc = self._read()
        rec = doc.get("recovery")
        if not rec:
            raise VaultError("This profile was not set up with a recovery key.")
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
        try:
            key = private.decrypt(_unb64(rec["wrapped_key"]), _oaep())
        except ValueError:
            raise VaultError("That recovery key does not belong to this profile.") from None
        self.rewrap(key, new_passphrase)
        return key


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()),
                        algorithm=hashes.SHA256(), label=None)


def wipe_profile(folder: Path) -> None:
    """Destroy a profile: overwrite the key file, then remove every file in the folder.

    Without the key file the database cannot be decrypted, so the key is destroyed first.
    """
    key = folder / KEY_FILE
    if key.exists():
        size = key.stat().st_size
        with open(key, "r+b") as fh:
            fh.write(secrets.token_bytes(max(size, 1)))
            fh.flush()
            os.fsync(fh.fileno())
    for child in sorted(folder.glob("*")):
        if child.is_file() or child.is_symlink():
            child.unlink()
    try:
        folder.rmdir()
    except OSError:
        pass
