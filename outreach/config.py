"""Paths and settings, declared once.

The data folder holds one sub-folder per profile (shared team laptops have several). It comes
from, in order: an explicit argument (the ``--data-dir`` flag), the ``OUTREACH_DATA_DIR``
environment variable, or the platform's user data folder (platformdirs). Tests and the CLI
pass their own folder; nothing else reads the environment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Outreach"
APP_ID = "org.livingwell.Outreach"
DATA_DIR_ENV = "OUTREACH_DATA_DIR"
PASSPHRASE_ENV = "OUTREACH_PASSPHRASE"
DEFAULT_PROFILE = "default"
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds every profile on this laptop."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def check_profile_name(name: str) -> str:
    if not PROFILE_NAME.match(name):
        raise ValueError("A profile name uses letters, digits, spaces, dots, dashes or "
                         "underscores, up to 64 characters, starting with a letter or digit.")
    return name


@dataclass(frozen=True)
class Settings:
    """Per-profile settings with their defaults. Stored inside the encrypted database."""

    auto_lock_minutes: int = 5
    sync_batch_size: int = 500
    pull_page_size: int = 2000
    request_timeout_seconds: float = 30.0
    max_unlock_failures_before_wipe: int = 0   # 0: never wipe (an admin policy may set it)
