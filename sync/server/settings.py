"""Server settings, declared once with their types and defaults.

The database URL defaults to an SQLite file in the server's data folder (a pilot); set
``postgresql+psycopg://user@host/db`` for production. No secret is configured here:
device credentials and enrollment codes are random and stored only as hashes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
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


@dataclass(frozen=True)
class Settings:
    db_url: str
    max_body_bytes: int = 8 * 1024 * 1024      # a push batch of 1000 long notes fits
    max_batch: int = 1000                      # changes per push
    max_page: int = 5000                       # items per pull page
    rate_per_minute: int = 1200                # requests per device (or address) per minute
    rate_burst: int = 200
    auth_max_failures: int = 5                 # failed authentications before a lockout
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

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")
