"""Profiles on this laptop: create, unlock, change passphrase, list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from outreach.store.profile import Profile, list_profiles
from outreach.store.records import Store
from outreach.store.vault import check_passphrase


def profiles(data_dir: Path) -> list[str]:
    return list_profiles(data_dir)


def create_profile(data_dir: Path, name: str, passphrase: str, *, user: str,
                   vault_options: dict[str, Any] | None = None) -> Store:
    check_passphrase(passphrase)
    return Profile(data_dir, name, vault_options=vault_options or {}).create(passphrase,
                                                                             user=user)


def unlock_profile(data_dir: Path, name: str, passphrase: str) -> Store:
    return Profile(data_dir, name).unlock(passphrase)


def change_passphrase(data_dir: Path, name: str, old: str, new: str) -> None:
    Profile(data_dir, name).change_passphrase(old, new)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A 0–4 score and a hint, for the feedback shown while a passphrase is typed.

    Estimates guessing entropy from length and the kinds of characters used; words
    separated by spaces count for more than their length suggests to most checkers.
    """
    import math

    if not passphrase:
        return 0, "Choose a passphrase: a few unrelated words works well."
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    unique = len(set(passphrase))
    bits = min(len(passphrase), unique * 2) * math.log2(max(pool, 2))
    words = len([w for w in passphrase.split() if len(w) >= 3])
    if words >= 3:
        bits = max(bits, words * 11.0)
    if len(passphrase) < 8:
        return 0, "Too short: use at least 8 characters."
    if bits < 40:
        return 1, "Weak: add another word or two."
    if bits < 60:
        return 2, "Fair: one more word would make it strong."
    if bits < 80:
        return 3, "Good."
    return 4, "Strong."
