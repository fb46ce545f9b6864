"""Sequence numbers for pull cursors, and why a cursor never skips a late commit.

Every record state and eviction a device may pull carries ``seq``, a number from one
counter. A device pulls ``seq > cursor`` in order and moves its cursor to the last ``seq``
it received. That is only safe if no transaction can commit a *smaller* ``seq`` after a
reader has already seen a larger one: otherwise the reader's cursor passes the smaller
number before it is visible, and that change is skipped for ever.

The design chosen here: **sequence order equals commit order**. Every transaction that
assigns sequence numbers (a push, a transfer) takes one lock before it assigns any, and
holds it until it commits or rolls back:

* PostgreSQL: ``pg_advisory_xact_lock(SEQ_LOCK)``, transaction-scoped, so it is released
  only after the commit is visible to other snapshots;
* SQLite: the database write lock, taken by ``BEGIN IMMEDIATE`` (see ``db.make_engine``).

So writers assign and commit one at a time, and a reader's snapshot (a pull reads its
page in one statement, so in one snapshot) holds every ``seq`` up to some N and none
after it. The lock covers the whole write, not only the counter, because the same lock
also makes each record's read-merge-write safe against a concurrent push of the same
record (no lost update, no duplicate change id race): SQLite reads under it, and
PostgreSQL checks under it that what the merge read has not changed (below). Pushes
are short (at most ``max_batch`` changes), so serialising them costs little for the size
of a community team; pulls and authentication never take it. The alternative (per-row
transaction ids with a snapshot horizon) avoids serialising writers but needs
PostgreSQL-only ``xid8`` arithmetic and a second rule for SQLite; the simpler rule wins.

Because every push waits for the lock, the work done while holding it is kept minimal. On
PostgreSQL (``push_pg.py``) a push reads and merges *before* taking the lock, then sends
the lock, one checked write (which reserves the numbers, in the snapshot taken after the
lock was granted) and the commit in one pipeline, so no Python runs while the lock is held;
if the check finds that something the merge read has changed, nothing is written and the
push is read, merged and written again with the lock taken first. Numbers are still
reserved and committed under the lock, so sequence order still equals commit order.

Tested by ``tests/sync/test_cursor_concurrency.py`` with concurrent pushers and pullers
on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.engine import Connection

from sync.server import db


def lock_sequence(conn: Connection) -> None:
    """Serialise with every other sequence-assigning transaction until this one ends."""
    if db.is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": db.SEQ_LOCK})


def reserve(conn: Connection, count: int) -> int:
    """Reserve ``count`` consecutive numbers; returns the first. Call under the lock."""
    c = db.counters
    last = conn.execute(update(c).where(c.c.name == "seq").values(value=c.c.value + count)
                        .returning(c.c.value)).scalar_one()    # one round trip
    return int(last) - count + 1
