"""Server persistence: SQLAlchemy 2.0 Core tables, the engine, and migrations (Alembic).

Tables mirror the migrations in ``sync/server/migrations/versions``; a test checks the
migrated schema matches :data:`metadata`.

Transactions: on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` (the write
lock) and a reader may ask for a deferred one (``execution_options(sqlite_deferred=True)``),
which still sees one snapshot in WAL mode. On PostgreSQL, writes that assign sequence
numbers take :data:`SEQ_LOCK` with ``pg_advisory_xact_lock`` (see ``sync.server.push``).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError

log = logging.getLogger(__name__)

SEQ_LOCK = 0x6F757472   # "outr": the advisory lock id around sequence assignment
MIGRATE_LOCK = 0x6F757473
PING_AFTER_IDLE_SECONDS = 5.0   # a pooled PostgreSQL connection idle longer is pinged first

metadata = MetaData()
BigId = BigInteger().with_variant(Integer, "sqlite")

teams = Table(
    "teams", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
)
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", Float, nullable=False),
    # practitioner, peer_mentor, clinician, admin or one of the team's own (team_roles);
    # who may write the directory: scope.py
    Column("role", String(20), nullable=False, server_default="practitioner"),
)
devices = Table(
    "devices", metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", String(100), nullable=False, default=""),
    Column("token_hash", String(64), nullable=False),
    Column("enrolled_at", Float, nullable=False),
    Column("revoked_at", Float),
    Column("last_sync_at", Float),
    Column("pending_changes", Integer),
    Column("public_key", String(64)),      # Ed25519, base64: enrolment proof of possession
    Column("used_at", Float),              # first time the credential was accepted
    Column("quarantined_changes", Integer),  # refused changes the laptop keeps (0004)
)
enroll_codes = Table(
    "enroll_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float),
    Column("device_id", String(36)),
)
auth_failures = Table(
    "auth_failures", metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", Float, nullable=False),
    Column("locked_until", Float, nullable=False, default=0.0),
)
rate_buckets = Table(             # request counts per key and minute (limits.py); UNLOGGED on PG
    "rate_buckets", metadata,
    Column("key", String(200), primary_key=True),
    Column("minute", BigInteger, nullable=False),
    Column("count", Integer, nullable=False),
)
persons = Table(
    "persons", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
)
records = Table(
    "records", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("person_id", String(36)),
    Column("team_id", Integer),           # NULL: organisation-wide (the service directory)
    Column("data", Text, nullable=False),
    Column("clocks", Text, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("updated_by", String(100), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Index("records_team_seq", "team_id", "seq"),
    Index("records_team_kind_seq", "team_id", "kind", "seq"),   # snapshot pages (0006)
    Index("records_seq", "seq"),
    Index("records_person", "person_id"),
)
changes = Table(
    "changes", metadata,
    Column("change_id", String(36), primary_key=True),
    Column("record_id", String(36), nullable=False),
    Column("hlc", String(120), nullable=False),
    Column("author", String(100), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("received_at", Float, nullable=False),
    Index("changes_record_hlc", "record_id", "hlc"),
)
evictions = Table(
    "evictions", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("team_id", Integer, nullable=False),
    Column("person_id", String(36), nullable=False),
    Index("evictions_team_seq", "team_id", "seq"),
)
erased_persons = Table(          # persons erased on request: ids only (see admin.erase_person)
    "erased_persons", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("erased_at", Float, nullable=False),
)
counters = Table(
    "counters", metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
team_roles = Table(
    # roles a team adds beside the built-in ones (migration 0004; issue 14 item 3)
    "team_roles", metadata,
    Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
    Column("code", String(20), primary_key=True),
    Column("label", String(60), nullable=False),
    Column("created_at", Float, nullable=False),
)
org_settings = Table(
    "org_settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
audit = Table(
    "audit", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("user_id", Integer),
    Column("device_id", String(36)),
    Column("action", String(40), nullable=False),
    Column("record_id", String(36)),
    Column("detail", String(200), nullable=False, default=""),
    Index("audit_at", "at"),
)


def _create_private_sqlite(url: str) -> None:
    """Create the SQLite file 0600 (its folder 0700) before SQLite does; SQLite gives the
    -wal and -shm files the database file's permissions."""
    from sqlalchemy.engine import make_url

    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    file = Path(path)
    if file.exists():
        return
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and explicit BEGINs, and a
    new SQLite file is 0600. Statement parameters never appear in logs or errors
    (``hide_parameters``): they are personal data."""
    if url.startswith("sqlite"):
        _create_private_sqlite(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               hide_parameters=True, echo=False)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            deferred = conn.get_execution_options().get("sqlite_deferred")
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

        return engine
    # As many pooled connections as the route thread pool has threads (anyio's 40): a
    # connection opened beyond the pool is closed again when returned, and a morning's
    # sync storm then opened and closed hundreds (a new PostgreSQL backend each).
    engine = create_engine(url, pool_size=40, max_overflow=10, hide_parameters=True,
                           echo=False)
    ping_when_idle(engine)
    return engine


def ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection is alive before use if it has sat idle for more than
    :data:`PING_AFTER_IDLE_SECONDS` (a dead one is replaced: ``DisconnectionError`` makes
    the pool connect afresh). ``pool_pre_ping`` would ping before *every* use: a round
    trip on each of the two or three checkouts of every request, however busy the pool.
    A connection that dies while in steady use fails its request and SQLAlchemy then
    invalidates the whole pool, so the next requests reconnect.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            raise DisconnectionError("a pooled connection was dead") from exc


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def migrate(engine: Engine) -> None:
    """Bring the database to the latest schema (Alembic, run programmatically).

    Several server processes may start at once: on PostgreSQL the upgrade runs under an
    advisory lock, on SQLite under the write lock, so exactly one of them migrates.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        if is_postgres(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
        from sync.server import epoch
        epoch.ensure(conn)      # a restored copy gets a new epoch (epoch.py)
