"""The server database's epoch (issue 13 item 13): a random id that changes on restore.

A laptop remembers how far it has read the server's numbered list of changes (its
cursor) and which of its own changes the server has acknowledged. Restoring an older
backup makes both wrong: the restored database has not reached the laptop's cursor, and
lacks changes it had acknowledged. So every push and pull answer (and ``/health``)
carries the epoch; a laptop that sees a new one pulls afresh from the start and re-sends
its recently acknowledged changes (the server's idempotency by change id drops those it
still has). See docs/sync.md, "Epochs: restoring a backup".

The epoch is made when the database is created (migration 0004) and made anew:

* by ``outreach-server admin restored`` (:func:`renew`), the step the deployment guide
  gives after every restore, which also moves the sequence counter far ahead (for laptops
  too old to know epochs);
* automatically when the server starts (``db.migrate``, under the migration lock) on a
  PostgreSQL database other than the one the epoch was made in (a backup restored into a
  new database, as the guide does), see :func:`ensure`.

Threading: functions take a connection and run in the caller's transaction (but
:func:`of`, which opens its own).
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine

from sync.server import db

EPOCH_KEY = "sync_epoch"
DATABASE_KEY = "sync_epoch_database"   # PostgreSQL: the oid of the database it was made in
SEQ_JUMP = 1_000_000_000               # how far `restored` moves the sequence counter
log = logging.getLogger(__name__)


def _get(conn: Connection, key: str) -> str | None:
    t = db.org_settings
    value = conn.execute(select(t.c.value).where(t.c.key == key)).scalar()
    return str(value) if value is not None else None


def _put(conn: Connection, key: str, value: str) -> None:
    t = db.org_settings
    conn.execute(delete(t).where(t.c.key == key))
    conn.execute(insert(t).values(key=key, value=value))


def _database_id(conn: Connection) -> str:
    if not db.is_postgres(conn):
        return ""
    return str(conn.execute(text(
        "SELECT oid FROM pg_database WHERE datname = current_database()")).scalar())


def read(conn: Connection) -> str | None:
    """The epoch, or None if the database has none yet (reads only)."""
    return _get(conn, EPOCH_KEY)


def current(conn: Connection) -> str:
    """The epoch (made now if the database has none yet)."""
    return _get(conn, EPOCH_KEY) or renew(conn, jump=False)


def of(engine: Engine, *, found: str | None = None) -> str:
    """The epoch a request answers with: ``found`` when the caller read it already (in
    its own statement), else read without the write lock (SQLite: a deferred BEGIN); made
    in a transaction of its own only if the database has none (``db.migrate`` makes it,
    so this is a fallback). Its own connections, unlike the functions above."""
    if found is None:
        with engine.connect() as conn:
            conn = conn.execution_options(sqlite_deferred=True)
            with conn.begin():
                found = read(conn)
    if found is not None:
        return found
    with engine.begin() as conn:
        return current(conn)


def renew(conn: Connection, *, jump: bool = True) -> str:
    """A new epoch (after a restore); with ``jump`` the sequence counter also moves far
    ahead, so a laptop that knows no epochs still receives every new change."""
    epoch = str(uuid.uuid4())
    _put(conn, EPOCH_KEY, epoch)
    _put(conn, DATABASE_KEY, _database_id(conn))
    if jump:
        c = db.counters
        conn.execute(update(c).where(c.c.name == "seq").values(value=c.c.value + SEQ_JUMP))
    log.info("server epoch renewed")
    return epoch


def ensure(conn: Connection) -> str:
    """Called when the server starts: the epoch, renewed if this is not the PostgreSQL
    database it was made in (a restored copy)."""
    epoch = _get(conn, EPOCH_KEY)
    made_in = _get(conn, DATABASE_KEY)
    if epoch is None:
        return renew(conn, jump=False)
    if made_in is not None and made_in != _database_id(conn):
        log.warning("this database is a restored copy: new server epoch")
        return renew(conn)
    if made_in is None:
        _put(conn, DATABASE_KEY, _database_id(conn))
    return epoch
