"""Applying a pushed batch on PostgreSQL with the sequence lock held as briefly as possible.

Every push is serialised by the sequence lock (``sequence.py``: sequence order = commit
order, so a pull cursor never skips a late commit). A server process runs many requests
on threads that share one interpreter lock, so a thread holding the sequence lock that
has to wait for the interpreter after each round trip keeps every other push waiting too.
So the Python work is done *before* the lock, and under it only PostgreSQL works:

1. **Read** (no lock): one statement returns what the merge needs: which change ids were
   applied before, which persons were erased, the persons' teams, the records' current
   states and their ``seq`` (:data:`READ`).
2. **Merge** (no lock) in memory, with the same rules and code as always
   (``batch.merge_changes``), and encode the whole batch as JSON once.
3. **Lock, check, write, commit** in one pipeline (psycopg pipeline mode: the three
   statements are sent together, PostgreSQL runs them back to back, the thread waits
   once): ``pg_advisory_xact_lock``; then one statement (:data:`WRITE`) that first checks,
   in its own snapshot taken *after* the lock was granted, that nothing the merge read has
   changed (no listed change id applied since, no record's ``seq`` moved and no record
   appeared or vanished, no person's team changed or person appeared, no person erased),
   and only then reserves the sequence numbers and writes persons, records, the change
   log and the audit rows; then ``COMMIT``, which releases the lock.

Every writer of those tables that matters (push, transfer, erasure) holds the same lock
and gives every record it writes a new ``seq``, so "nothing changed" is exact. If the
check fails (another push touched the same record or person meanwhile, which is rare:
devices mostly write their own people), nothing was written; the batch is then read,
merged and written again with the lock taken first (``locked=True``), which cannot fail
the check. Either way a batch is one transaction: all of it or nothing.

Threading: like ``push.push``; each call uses its own pooled connection.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy.engine import Engine

from sync.protocol import Ack, Change
from sync.server import db
from sync.server.auth import Principal
from sync.server.batch import (
    RECORD_COLUMNS,
    Batch,
    ServerClock,
    Snapshot,
    dumps,
    ids_to_read,
    merge_changes,
    person_of,
    state_from_row,
)
from sync.server.epoch import EPOCH_KEY
from sync.server.settings import Settings

log = logging.getLogger(__name__)

LOCK = "SELECT pg_advisory_xact_lock(%(k)s)"
READ = (
    "SELECT (SELECT json_agg(change_id) FROM changes WHERE change_id = ANY(%(cids)s)),"
    " (SELECT json_agg(person_id) FROM erased_persons WHERE person_id = ANY(%(pids)s)),"
    " (SELECT json_agg(json_build_array(person_id, team_id)) FROM persons"
    "  WHERE person_id = ANY(%(pids)s)),"
    f" (SELECT json_agg(json_build_array({RECORD_COLUMNS}, seq)) FROM records"
    "  WHERE id = ANY(%(rids)s))")
AUTHOR = ("SELECT author, device_id FROM changes WHERE record_id = %(r)s AND hlc = %(h)s "
          "LIMIT 1")

# ``data`` and ``clocks`` arrive as JSON values inside the batch's JSON; a ``json`` value
# keeps its exact input text, which is what ``dumps`` gives for it (same separators, keys
# sorted), so the stored text is the same as encoding each record on its own.
_REC = ("id text, kind text, person_id text, team_id int, data json, clocks json, "
        "deleted boolean, created_at text, created_by text, updated_at text, "
        "updated_by text, device_id text, version int, n int")
_COLS = {c.strip(): f"x.{c.strip()}" for c in RECORD_COLUMNS.split(",")} | {
    "data": "CAST(x.data AS text)", "clocks": "CAST(x.clocks AS text)"}
_SET = ", ".join(f"{c} = {v}" for c, v in _COLS.items() if c != "id")
_OK = "(SELECT ok FROM g)"
WRITE = (
    "WITH g AS (SELECT"
    "  NOT EXISTS (SELECT 1 FROM changes WHERE change_id = ANY(%(fresh)s))"
    "  AND NOT EXISTS (SELECT 1 FROM erased_persons WHERE person_id = ANY(%(kept)s))"
    "  AND (SELECT count(*) FROM records WHERE id = ANY(%(rids)s)) = %(n_seqs)s"
    "  AND (SELECT count(*) FROM records r WHERE r.id = ANY(%(rids)s) AND EXISTS (SELECT 1"
    "   FROM json_to_recordset(CAST(%(seqs)s AS json)) AS e(id text, seq bigint)"
    "   WHERE e.id = r.id AND e.seq = r.seq)) = %(n_seqs)s"
    "  AND (SELECT count(*) FROM persons WHERE person_id = ANY(%(pids)s)) = %(n_teams)s"
    "  AND (SELECT count(*) FROM persons p WHERE p.person_id = ANY(%(pids)s) AND EXISTS ("
    "   SELECT 1 FROM json_to_recordset(CAST(%(teams)s AS json))"
    "   AS e(person_id text, team_id int) WHERE e.person_id = p.person_id"
    "   AND e.team_id = p.team_id)) = %(n_teams)s"
    "  AND EXISTS (SELECT 1 FROM counters WHERE name = 'seq') AS ok),"
    " s AS (UPDATE counters SET value = value + %(count)s"
    f"  WHERE name = 'seq' AND {_OK} RETURNING value - %(count)s AS base),"
    " p AS (INSERT INTO persons (person_id, team_id) SELECT x.person_id, x.team_id"
    "  FROM json_to_recordset(CAST(%(persons)s AS json)) AS x(person_id text, team_id int)"
    f"  WHERE {_OK}),"
    f" i AS (INSERT INTO records ({RECORD_COLUMNS}, deleted, seq)"
    f"  SELECT {', '.join(_COLS.values())}, x.deleted, s.base + x.n FROM s,"
    f"  json_to_recordset(CAST(%(inserts)s AS json)) AS x({_REC})),"
    f" u AS (UPDATE records SET {_SET}, deleted = x.deleted, seq = s.base + x.n FROM s,"
    f"  json_to_recordset(CAST(%(updates)s AS json)) AS x({_REC}) WHERE records.id = x.id),"
    " c AS (INSERT INTO changes (change_id, record_id, hlc, author, device_id, received_at)"
    "  SELECT * FROM json_to_recordset(CAST(%(changes)s AS json)) AS x(change_id text,"
    f"  record_id text, hlc text, author text, device_id text, received_at float8)"
    f"  WHERE {_OK}),"
    " a AS (INSERT INTO audit (at, user_id, device_id, action, record_id, detail)"
    "  SELECT * FROM json_to_recordset(CAST(%(audit)s AS json)) AS x(at float8, user_id int,"
    f"  device_id text, action text, record_id text, detail text) WHERE {_OK})"
    # the epoch of the database the batch is committed to (the route answers with it)
    " SELECT ok, (SELECT value FROM org_settings WHERE key = %(epoch_key)s) FROM g")


class StaleRead(RuntimeError):
    """The write's check failed even though the batch was read under the lock."""


def _read(cur: Any, changes: list[Change]) -> Snapshot:
    pids = sorted({pid for ch in changes if (pid := person_of(ch))})
    cur.execute(READ, {"cids": [ch.change_id for ch in changes], "pids": pids,
                       "rids": ids_to_read(changes)})
    seen, erased, teams, rows = cur.fetchone()
    snap = Snapshot(set(seen or ()), set(erased or ()), {p: t for p, t in teams or ()},
                     {row[0]: state_from_row(row) for row in rows or ()})
    snap.seqs = {row[0]: row[12] for row in rows or ()}
    return snap


def _check(changes: list[Change], snap: Snapshot) -> dict[str, Any]:
    """The write statement's check: what the merge read. Take it before the merge (which
    adds the batch's new persons to ``snap.teams``)."""
    pids = sorted({pid for ch in changes if (pid := person_of(ch))})
    teams = [{"person_id": p, "team_id": snap.teams[p]} for p in pids if p in snap.teams]
    return {
        "fresh": [ch.change_id for ch in changes if ch.change_id not in snap.seen],
        "kept": [p for p in pids if p not in snap.erased], "pids": pids,
        "rids": ids_to_read(changes),
        "seqs": json.dumps([{"id": k, "seq": v} for k, v in snap.seqs.items()]),
        "n_seqs": len(snap.seqs), "teams": json.dumps(teams), "n_teams": len(teams)}


def _writes(batch: Batch) -> dict[str, Any]:
    """The write statement's data: the whole batch encoded once."""
    inserts, updates = batch.records(encode=False)
    return {"count": len(inserts) + len(updates), "persons": dumps(batch.new_persons),
            "inserts": dumps(inserts), "updates": dumps(updates),
            "changes": dumps(batch.change_rows), "audit": dumps(batch.audit)}


def _attempt(raw: Any, settings: Settings, clock: ServerClock, principal: Principal,
             changes: list[Change], *, locked: bool) -> tuple[list[Ack], str | None] | None:
    """One try in one transaction; the acks and the epoch, or None if the check found a
    stale read."""
    with raw.cursor() as cur, raw.cursor() as lock_cur:
        if locked:
            lock_cur.execute(LOCK, {"k": db.SEQ_LOCK})
        snap = _read(cur, changes)

        def author_query(record_id: str, stamp: str) -> Any:
            cur.execute(AUTHOR, {"r": record_id, "h": stamp})
            return cur.fetchone()

        params = _check(changes, snap)
        batch = Batch(author_query, principal, clock, snap, settings)
        acks = merge_changes(batch, changes, snap)
        params.update(_writes(batch), epoch_key=EPOCH_KEY)
        with raw.pipeline():
            if not locked:
                lock_cur.execute(LOCK, {"k": db.SEQ_LOCK})
            cur.execute(WRITE, params)
            raw.commit()
        ok, epoch = cur.fetchone()
    if ok:
        return acks, epoch
    if locked:
        raise StaleRead("a batch read under the sequence lock changed before its write")
    return None


def push(engine: Engine, settings: Settings, clock: ServerClock, principal: Principal,
         changes: list[Change]) -> tuple[list[Ack], str | None]:
    """Apply a checked batch atomically (``push.push`` checks it and calls this); the
    acks, and the server's epoch read in the batch's own write statement."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        try:
            done = _attempt(raw, settings, clock, principal, changes, locked=False)
            if done is None:
                log.info("push re-read under the lock changes=%d", len(changes))
                done = _attempt(raw, settings, clock, principal, changes, locked=True)
        except BaseException:
            if raw.closed or raw.broken:
                conn.invalidate()        # the pool must not hand this connection out again
            else:
                raw.rollback()
            raise
    assert done is not None
    return done
