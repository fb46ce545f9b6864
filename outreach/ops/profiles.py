"""Profiles on this laptop: create, unlock, change passphrase, list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from outreach.store.profile import Profile, list_profiles
from outreach.store.records import Store
from outreach.store.rekey import Progress
from outreach.store.strength import estimate
from outreach.store.vault import WeakPassphrase, check_passphrase


def profiles(data_dir: Path) -> list[str]:
    return list_profiles(data_dir)


def create_profile(data_dir: Path, name: str, passphrase: str, *, user: str,
                   vault_options: dict[str, Any] | None = None) -> Store:
    check_passphrase(passphrase)
    return Profile(data_dir, name, vault_options=vault_options or {}).create(passphrase,
                                                                             user=user)


def unlock_profile(data_dir: Path, name: str, passphrase: str) -> Store:
    return Profile(data_dir, name).unlock(passphrase)


def change_passphrase(data_dir: Path, name: str, old: str, new: str, *,
                      rekey: bool = True, progress: Progress | None = None) -> None:
    """Set a new passphrase; by default also a new data key (see
    :func:`change_passphrase_and_rekey`). ``rekey=False`` only re-wraps the key."""
    Profile(data_dir, name).change_passphrase(old, new, rekey=rekey, progress=progress)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """zxcvbn's 0–4 score and a hint (its warning and suggestions), shown while typing.

    Profiles refuse anything below :data:`outreach.store.strength.FLOOR`.
    """
    found = estimate(passphrase)
    if found.acceptable:
        return found.score, "Strong enough." if found.score == 3 else "Strong."
    if passphrase and len(passphrase) < 12:
        return found.score, "Too short. " + found.reason()
    return found.score, found.reason()


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is refused (a sentence to show), or ``None`` if it is fine."""
    try:
        check_passphrase(passphrase)
    except WeakPassphrase as exc:
        return str(exc)
    return None


def change_passphrase_and_rekey(data_dir: Path, name: str, old: str, new: str, *,
                                progress: Progress | None = None,
                                cancelled: Callable[[], bool] | None = None) -> None:
    """New passphrase *and* new data key (the database is copied under it; long for a
    large profile: run off the UI thread). Crash-safe: see ``outreach.store.rekey``."""
    Profile(data_dir, name).change_passphrase(old, new, rekey=True, progress=progress,
                                              cancelled=cancelled)
