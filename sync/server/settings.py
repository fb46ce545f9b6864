"""Server settings, declared once with their types and defaults.

The database URL defaults to an SQLite file in the server's data folder (a pilot); set
``postgresql+psycopg://user@host/db`` for production. No secret is configured here:
device credentials and enrollment codes are random and stored only as hashes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

DB_ENV = "OUTREACH_SERVER_DB"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("OutreachServer", appauthor=False))


def default_db_url() -> str:
    """``$OUTREACH_SERVER_DB``, or an SQLite file in the server's data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return env
    folder = default_data_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'outreach-server.db'}"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = int(raw)
    if value < 1:
        raise ValueError(f"{name} must be a positive whole number.")
    return value


def _env_list(name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    db_url: str
    max_body_bytes: int = 8 * 1024 * 1024      # a push batch of 1000 long notes fits
    max_batch: int = 1000                      # changes per push
    max_page: int = 5000                       # items per pull page
    auth_max_failures: int = 5                 # failures per (device, address): lock-out
    ip_max_failures: int = 20                  # per address: laptops at base share one
    auth_window_seconds: float = 900.0
    lockout_seconds: float = 900.0
    enroll_code_ttl_seconds: float = 24 * 3600.0
    audit_reads: bool = True
    # A pushed clock stamp may be at most this far ahead of the server's clock: a laptop
    # whose clock is wrong by hours is fine; a stamp centuries ahead would drag every
    # team laptop's clock to the end of the stamp format (a denial of service).
    max_clock_ahead_seconds: float = 366 * 24 * 3600.0
    # -- TLS and serving (issue 13.4-13.5) --
    # SPKI pins (SHA-256 hex) of the server's next TLS key(s), announced on /health so
    # laptops accept the key roll-over without enrolling again (sync/tls.py).
    tls_next_pins: tuple[str, ...] = ()
    # -- protocol versions (issue 13.14): laptops older than this are told to update --
    min_client_protocol: int = 1

    # -- scope, enrolment and request limits (issue 13, items 1-3; docs/deploy.md) -------
    # Each can be set from the environment of ``outreach-server serve`` (names below).
    # Requests a minute from one client address, all devices behind it together: sized
    # for an office whose laptops share one NAT address (500 laptops syncing at once).
    rate_limit_per_address: int = field(default_factory=lambda: _env_int(
        "OUTREACH_SERVER_RATE_LIMIT_PER_ADDRESS", 30_000))
    # Requests a minute from one enrolled device: a laptop's sync makes a few; its first
    # sync of a large caseload a few dozen.
    rate_limit_per_device: int = field(default_factory=lambda: _env_int(
        "OUTREACH_SERVER_RATE_LIMIT_PER_DEVICE", 600))
    # Peer addresses (or networks, CIDR) of reverse proxies whose X-Forwarded-For is
    # believed; from anyone else the header is ignored. Comma-separated in the env.
    trusted_proxies: tuple[str, ...] = field(default_factory=lambda: _env_list(
        "OUTREACH_SERVER_TRUSTED_PROXIES"))
    # Roles (besides admins) that may write organisation-wide records (the directory).
    directory_roles: tuple[str, ...] = field(default_factory=lambda: _env_list(
        "OUTREACH_SERVER_DIRECTORY_ROLES", ("admin",)))
    # How long after an enrolment its answer may be asked for again (signed by the same
    # laptop key, before the credential was first used).
    enroll_retry_seconds: float = field(default_factory=lambda: float(_env_int(
        "OUTREACH_SERVER_ENROLL_RETRY_SECONDS", 600)))

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")
