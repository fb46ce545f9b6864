"""Device credentials, enrollment codes, lock-outs and request-rate limits.

* A device credential is ``<device_id>.<secret>``: 256 random bits, stored on the server
  only as its SHA-256 (a random secret needs no slow hash). It is bound to one user.
* An enrollment code is one-time and expires; stored hashed as well.
* A failed authentication counts against the pair (device id, client address) and against
  the client address, in the database, so every server process sees the same count;
  after ``auth_max_failures`` (a pair) or ``ip_max_failures`` (an address: the laptops at
  base may share one) within the window, that key is locked out for ``lockout_seconds``
  (HTTP 429, ``locked_out``). A lock-out refuses only *failed* attempts: a request whose
  credential is valid is never blocked by failures someone else caused (someone sending
  bad secrets with a victim's device id, or from the office's shared address). The
  secret is 256 random bits, so refusing its guesses buys nothing; enrolment codes are
  shorter, and a locked-out address cannot try one at all (``admin.enroll``).
* Request rates: ``limits.py`` (shared by every process, in the database).

Threading: the functions take an engine and run their own short transactions.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from sync.protocol import ErrorCode
from sync.server import db
from sync.server.errors import ApiError
from sync.server.settings import Settings

if TYPE_CHECKING:
    import psycopg

    from sync.server.limits import RateLimits

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_enroll_code() -> str:
    """A code an admin can read out: 15 characters (about 74 bits) in groups of five."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(15))
    return "-".join(raw[i:i + 5] for i in range(0, 15, 5))


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


@dataclass(frozen=True)
class Principal:
    """Who is calling: an enrolled, unrevoked device and its user."""

    device_id: str
    user_id: int
    username: str
    team_id: int
    team: str
    is_admin: bool
    role: str = "practitioner"


# -- failures and lock-outs ------------------------------------------------------------------
def check_locked(engine: Engine, keys: list[str], *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    with engine.connect() as conn:
        rows = conn.execute(select(db.auth_failures.c.locked_until)
                            .where(db.auth_failures.c.key.in_(keys))).all()
    until = max((r[0] for r in rows), default=0.0)
    if until > now:
        raise ApiError(ErrorCode.LOCKED_OUT, "Too many failed attempts; try again later.",
                       retry_after=until - now)


def record_failure(engine: Engine, settings: Settings, keys: list[str], *,
                   now: float | None = None) -> None:
    """Count one failure against each key; lock a key out when it reaches the limit."""
    now = time.time() if now is None else now
    t = db.auth_failures
    for key in keys:
        for _attempt in range(3):
            try:
                with engine.begin() as conn:
                    row = conn.execute(select(t.c.failures, t.c.first_at)
                                       .where(t.c.key == key)).first()
                    if row is None:
                        conn.execute(insert(t).values(key=key, failures=1, first_at=now,
                                                      locked_until=0.0))
                        failures = 1
                    else:
                        failures, first = row
                        failures = 1 if now - first > settings.auth_window_seconds \
                            else failures + 1
                        values: dict[str, float | int] = {"failures": failures}
                        if failures == 1:
                            values["first_at"] = now
                        limit = (settings.ip_max_failures if key.startswith("ip:")
                                 else settings.auth_max_failures)
                        if failures >= limit:
                            values["locked_until"] = now + settings.lockout_seconds
                            values["failures"] = 0
                            values["first_at"] = now
                        conn.execute(update(t).where(t.c.key == key).values(**values))
                break
            except IntegrityError:
                continue


def reset_failures(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(db.auth_failures.delete().where(db.auth_failures.c.key == key))


# -- authentication -------------------------------------------------------------------------
def failure_keys(device_id: str, client: str) -> list[str]:
    """The lock-out keys a failed authentication counts against."""
    return [f"ip:{client}"] + ([f"dev:{device_id[:64]}|ip:{client}"] if device_id else [])


# PostgreSQL: the device, its user and team, and the request counted against the device
# (``limits.py``) if and only if the credential is valid, in one autocommit statement.
DEVICE_AND_COUNT = (
    "WITH d AS (SELECT d.token_hash, d.revoked_at, u.id, u.username, t.id AS team_id,"
    "  t.name, u.is_admin, u.role, d.used_at FROM devices d"
    "  JOIN users u ON u.id = d.user_id JOIN teams t ON t.id = u.team_id"
    "  WHERE d.id = %(d)s),"
    " hit AS (INSERT INTO rate_buckets (key, minute, count)"
    "  SELECT %(k)s, %(m)s, 1 FROM d WHERE d.token_hash = %(h)s AND d.revoked_at IS NULL"
    "  ON CONFLICT (key) DO UPDATE SET count = CASE WHEN rate_buckets.minute ="
    "  excluded.minute THEN rate_buckets.count + 1 ELSE 1 END, minute = excluded.minute"
    "  RETURNING count)"
    " SELECT d.*, (SELECT count FROM hit) FROM d")


def _device_row(engine: Engine, device_id: str) -> Any:
    d, u, t = db.devices, db.users, db.teams
    with engine.connect() as conn:
        return conn.execute(
            select(d.c.token_hash, d.c.revoked_at, u.c.id, u.c.username, t.c.id,
                   t.c.name, u.c.is_admin, u.c.role, d.c.used_at)
            .join(u, u.c.id == d.c.user_id)
            .join(t, t.c.id == u.c.team_id)
            .where(d.c.id == device_id)).first()


def _device_row_counted(engine: Engine, device_id: str, secret_hash: str,
                        now: float) -> tuple[Any, int | None]:
    """PostgreSQL: the device's row and this minute's count of its requests (None if
    the credential is not valid: nothing was counted), in autocommit on the main pool
    (the connection the request uses next, so a request uses one pool)."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
        with raw.cursor() as cur:
            cur.execute(DEVICE_AND_COUNT, {"d": device_id, "k": f"dev:{device_id}"[:200],
                                           "m": int(now // 60), "h": secret_hash})
            found = cur.fetchone()
    if found is None:
        return None, None
    return found[:-1], found[-1]


def authenticate(engine: Engine, settings: Settings, token: str | None,
                 client: str, *, limits: RateLimits | None = None) -> Principal:
    """The device behind a bearer token, or :class:`ApiError` (401, 403 or 429).

    A valid credential is accepted whatever failures were counted against its device id
    or address; only a failed attempt meets a lock-out (429 ``locked_out``). With
    ``limits``, an accepted request is counted against its device
    (``Settings.rate_limit_per_device``, 429 ``rate_limited``); on PostgreSQL in the
    same statement that reads the device, so authenticating is one round trip."""
    device_id, _, secret = (token or "").partition(".")
    row = None
    count: int | None = None
    now = time.time()
    if device_id and secret and len(device_id) <= 64:
        if limits is not None and limits.is_postgres:
            row, count = _device_row_counted(engine, device_id, hash_secret(secret), now)
        else:
            row = _device_row(engine, device_id)
    if row is None or not hmac.compare_digest(row[0], hash_secret(secret)):
        keys = failure_keys(device_id, client)
        check_locked(engine, keys)
        record_failure(engine, settings, keys)
        raise ApiError(ErrorCode.UNAUTHORIZED, "The device credential is not valid.")
    if row[1] is not None:
        raise ApiError(ErrorCode.DEVICE_REVOKED,
                       "This device has been revoked: its local data must be erased.")
    if row[8] is None:
        # The first use of this credential: from now on no enrolment retry replaces it.
        with engine.begin() as conn:
            conn.execute(update(db.devices).where(db.devices.c.id == device_id,
                                                  db.devices.c.used_at.is_(None))
                         .values(used_at=time.time()))
    if limits is not None:
        if count is None:
            limits.hit(f"dev:{device_id}", settings.rate_limit_per_device)
        else:
            limits.counted(count, settings.rate_limit_per_device, now=now)
    return Principal(device_id=device_id, user_id=row[2], username=row[3], team_id=row[4],
                     team=row[5], is_admin=bool(row[6]), role=row[7] or "practitioner")
