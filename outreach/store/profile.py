"""Profiles: one folder, key file and encrypted database per user of a laptop.

``<data dir>/<profile>/outreach.key`` holds the wrapped data key and
``<data dir>/<profile>/outreach.db`` the SQLCipher database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.config import check_profile_name
from outreach.store.db import DB_FILE, connect
from outreach.store.files import secure_dir
from outreach.store.records import Store
from outreach.store.vault import KEY_FILE, Vault, VaultError, wipe_profile


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
        store = Store(conn, folder=self.folder)
        store.set_identity(device_id=str(uuid.uuid4()), user=user)
        return store

    def open_with_key(self, key: bytes) -> Store:
        return Store(connect(self.db_path, key), folder=self.folder)

    def unlock(self, passphrase: str) -> Store:
        """Unwrap the data key and open the database (a few hundred ms: the KDF)."""
        if not self.exists():
            raise VaultError(f"There is no profile called {self.name!r} on this laptop.")
        return self.open_with_key(self.vault.unlock(passphrase))

    def change_passphrase(self, old: str, new: str) -> None:
        self.vault.change_passphrase(old, new)

    def wipe(self) -> None:
        wipe_profile(self.folder)


def list_profiles(data_dir: Path) -> list[str]:
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir()
                  if p.is_dir() and (p / KEY_FILE).exists())
