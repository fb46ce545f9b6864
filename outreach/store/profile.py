"""Profiles: one folder, key file and encrypted database per user of a laptop.

``<data dir>/<profile>/outreach.key`` holds the wrapped data key and
``<data dir>/<profile>/outreach.db`` the SQLCipher database; ``outreach.attempts`` and
``outreach.lock`` count and serialise unlock attempts (``outreach.store.attempts``).

Threading: every method here that derives a key or copies the database is slow (the KDF,
a re-key); the desktop app calls them off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.config import check_profile_name
from outreach.store.db import DB_FILE, connect
from outreach.store.files import secure_dir
from outreach.store.records import Store
from outreach.store.rekey import Progress, new_data_key, rekey
from outreach.store.secret import wipe
from outreach.store.vault import (
    KEY_FILE,
    Vault,
    VaultError,
    check_passphrase,
    load_recovery_private_key,
    wipe_profile,
)

log = logging.getLogger(__name__)

GENERATION_META = "unlock_counter_generation"
ROLLBACK_META = "unlock_counter_rolled_back"


@dataclass
class Profile:
    data_dir: Path
    name: str
    vault_options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_profile_name(self.name)

    @property
    def folder(self) -> Path:
        return self.data_dir / self.name

    @property
    def db_path(self) -> Path:
        return self.folder / DB_FILE

    @property
    def vault(self) -> Vault:
        return Vault.in_folder(self.folder, **self.vault_options)

    def exists(self) -> bool:
        return (self.folder / KEY_FILE).exists() and self.db_path.exists()

    def create(self, passphrase: str, *, user: str) -> Store:
        """A new profile with a fresh device id; returns it unlocked."""
        if self.exists() or (self.folder / KEY_FILE).exists():
            raise VaultError(f"A profile called {self.name!r} already exists.")
        secure_dir(self.data_dir)
        secure_dir(self.folder)
        key = self.vault.create(passphrase)
        try:
            conn = connect(self.db_path, key, create=True)
        except BaseException:
            wipe_profile(self.folder)
            raise
        finally:
            wipe(key)
        store = Store(conn, folder=self.folder)
        store.set_identity(device_id=str(uuid.uuid4()), user=user)
        store.set_meta(GENERATION_META, "0")
        return store

    def open_with_key(self, key: bytes) -> Store:
        return Store(connect(self.db_path, key), folder=self.folder)

    def unlock(self, passphrase: str) -> Store:
        """Unwrap the data key and open the database (a few hundred ms: the KDF).

        The attempt counter's generation is compared with the one the database remembers
        from the last unlock: a counter rolled back to an older copy is recorded in the
        ``unlock_counter_rolled_back`` meta value and logged (no personal data).
        """
        if not self.exists():
            raise VaultError(f"There is no profile called {self.name!r} on this laptop.")
        vault = self.vault
        key = vault.unlock(passphrase)
        try:
            store = self.open_with_key(key)
        finally:
            wipe(key)                   # SQLCipher holds the key from here on
        try:
            remembered = int(store.meta(GENERATION_META) or 0)
            if vault.last_generation <= remembered:
                log.warning("the unlock attempt counter was rolled back to an older copy")
                store.set_meta(ROLLBACK_META,
                               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
                vault.bump_generation(remembered + 1)
            store.set_meta(GENERATION_META, str(vault.last_generation))
        except BaseException:
            store.close()
            raise
        return store

    def change_passphrase(self, old: str, new: str, *, rekey: bool = True,
                          progress: Progress | None = None,
                          cancelled: Callable[[], bool] | None = None) -> None:
        """Set a new passphrase; with ``rekey`` (the default) also a new data key.

        Re-keying copies the database under a new random key (``outreach.store.rekey``),
        so an old copy of the key file and the old passphrase open nothing written since.
        Without it only the wrapping changes (fast, but see docs/security.md).
        """
        check_passphrase(new)
        if not rekey:
            self.vault.change_passphrase(old, new)
            return
        vault = self.vault
        with vault.locked():
            old_key = vault.unlock_locked(old)
            self._rekey(vault, old_key, new, progress=progress, cancelled=cancelled)

    def recover(self, private_key_pem: bytes, new_passphrase: str, *,
                private_key_password: bytes | None = None,
                progress: Progress | None = None) -> None:
        """Open with the organisation's recovery private key, set a new passphrase, and
        always re-key (whoever knew the forgotten passphrase no longer opens new data)."""
        from cryptography.hazmat.primitives import serialization

        check_passphrase(new_passphrase)
        vault = self.vault
        with vault.locked():
            old_key = vault.recovery_data_key(private_key_pem, private_key_password)
            private = load_recovery_private_key(private_key_pem, private_key_password)
            public_pem = private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            self._rekey(vault, old_key, new_passphrase, progress=progress,
                        recovery_public_pem=public_pem)

    def _rekey(self, vault: Vault, old_key: bytes, new: str, *,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None,
               recovery_public_pem: bytes | None = None) -> None:
        new_key = new_data_key()
        try:
            doc = vault.new_key_doc(new_key, new, recovery_public_pem=recovery_public_pem)
            rekey(self.folder, old_key, new_key, key_doc=doc, progress=progress,
                  cancelled=cancelled)
        finally:
            wipe(old_key)
            wipe(new_key)
        vault.reset_failures_locked()

    def wipe(self) -> None:
        wipe_profile(self.folder)


def list_profiles(data_dir: Path) -> list[str]:
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir()
                  if p.is_dir() and (p / KEY_FILE).exists())
