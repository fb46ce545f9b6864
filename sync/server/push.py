"""Applying a pushed batch: atomic, idempotent, merged per field, scoped by team.

A batch runs in one transaction under the sequence lock (``sequence.py`` explains why):
either every change in it is applied and logged, or none is. A change id already in the
``changes`` log is acknowledged as ``duplicate`` and not applied again; a change for a
person erased on request is acknowledged as ``erased`` and never applied. Each record's new
state comes from ``outreach.core.merge.apply_change`` (the same rules the laptops use);
a concurrent edit of a free-text field also produces a ``conflict`` record holding both
versions, in the same team, so both authors' devices receive it.

Team scope: each person belongs to one team (the team of the user whose device first sent
them, or an explicit transfer). A change to a person of another team refuses the whole
batch (``forbidden_record``); records with no person (the service directory) are
organisation-wide, except team-scoped kinds (the huddle): those take the team of the user
who first sent them, and a change from another team is refused the same way. Beyond the
team, ``scope.py`` refuses what a device may not write at all (conflicts, which only the
server makes; references to other teams' records; the directory without the role;
another device's name), each refusal naming the change and a reason in ``details``.

What both paths share (the states, the batch, the merge) is in ``batch.py``; this module
imports ``push_pg`` and neither imports this one.

The sequence lock is the bottleneck of concurrent pushes, so the work done while holding
it is kept small. Everything that needs no database (size, kinds, values, clock horizon)
is checked first. On PostgreSQL (``push_pg.py``) the reads and the merge run *before* the
lock and, under it, PostgreSQL alone checks that nothing the merge read has changed and
writes the batch, with no Python work in between. Elsewhere (SQLite, where the lock is the
database write lock and round trips are in-process) the lock comes first, then
:func:`_read`, the merge in memory (``batch.merge_changes``) and :func:`_write`.

Threading: :func:`push` may run on many threads and processes at once; the database lock
orders them. :class:`ServerClock` is thread-safe.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection, Engine

from outreach.core import records as rk
from outreach.core.validation import validate
from sync.protocol import Ack, Change, ErrorCode
from sync.server import db, push_pg
from sync.server.auth import Principal
from sync.server.batch import (
    RECORD_COLUMNS,
    Batch,
    ServerClock,
    Snapshot,
    dumps,
    ids_to_read,
    iso,
    merge_changes,
    person_of,
    state_from_row,
)
from sync.server.errors import ApiError
from sync.server.sequence import lock_sequence, reserve
from sync.server.settings import Settings

__all__ = ["ServerClock", "check_changes", "dumps", "iso", "push", "push_and_epoch"]


def check_changes(changes: list[Change], settings: Settings) -> None:
    """Refuse a batch that is too big or holds an unknown kind or invalid values."""
    if len(changes) > settings.max_batch:
        raise ApiError(ErrorCode.BATCH_TOO_LARGE,
                       f"A batch may hold at most {settings.max_batch} changes.",
                       details={"max_batch": settings.max_batch})
    horizon = (time.time() + settings.max_clock_ahead_seconds) * 1000
    for ch in changes:
        if int(ch.hlc.split("-", 1)[0]) > horizon:
            raise ApiError(ErrorCode.INVALID_RECORD, "A change's clock stamp is far in the "
                           "future: check the laptop's date and time.",
                           details={"change_id": ch.change_id, "reason": "clock_ahead"})
        spec = rk.KINDS.get(ch.kind)
        if spec is None:
            raise ApiError(ErrorCode.UNKNOWN_KIND, "A change names an unknown kind of record.",
                           details={"change_id": ch.change_id, "reason": "unknown_kind"})
        if ch.op == "upsert":
            errors = validate(ch.kind, ch.fields, record_id=ch.record_id, partial=True)
            if errors:
                raise ApiError(ErrorCode.INVALID_RECORD, "A change holds invalid values.",
                               details={"change_id": ch.change_id, "reason": "invalid_values",
                                        "fields": sorted({e.field for e in errors})})
        if ch.kind == "person" and ch.person_id not in (None, ch.record_id):
            raise ApiError(ErrorCode.INVALID_RECORD, "A person's person_id is its own id.",
                           details={"change_id": ch.change_id, "reason": "person_id"})
        if spec.person_scoped and not ch.person_id and ch.kind != "conflict":
            # (a conflict about an organisation-wide record has no person; only the
            # server makes conflicts: scope.check_change)
            raise ApiError(ErrorCode.INVALID_RECORD, "This kind of record needs a person.",
                           details={"change_id": ch.change_id, "reason": "person_id"})
        if not spec.person_scoped and ch.kind != "person" and ch.person_id:
            raise ApiError(ErrorCode.INVALID_RECORD, "This kind of record has no person.",
                           details={"change_id": ch.change_id, "reason": "person_id"})


def _read(conn: Connection, changes: list[Change]) -> Snapshot:
    """Duplicates, erased persons, teams and current states for ``changes``, a few
    statements per table (``push_pg`` reads the same in one). It may return more than the
    merge uses (the states of records whose changes are all duplicates, say); only what
    the merge touches is written."""
    cids = [ch.change_id for ch in changes]
    pids = sorted({pid for ch in changes if (pid := person_of(ch))})
    rids = ids_to_read(changes)
    c, e, p, r = db.changes, db.erased_persons, db.persons, db.records
    snap = Snapshot(set(), set(), {}, {})
    for i in range(0, len(cids), 500):
        snap.seen.update(conn.execute(select(c.c.change_id).where(
            c.c.change_id.in_(cids[i:i + 500]))).scalars())
    for i in range(0, len(pids), 500):
        part = pids[i:i + 500]
        snap.erased.update(conn.execute(select(e.c.person_id).where(
            e.c.person_id.in_(part))).scalars())
        snap.teams.update((row[0], row[1]) for row in conn.execute(
            select(p.c.person_id, p.c.team_id).where(p.c.person_id.in_(part))))
    columns = [r.c[name.strip()] for name in RECORD_COLUMNS.split(",")]
    for i in range(0, len(rids), 500):
        for row in conn.execute(select(*columns).where(r.c.id.in_(rids[i:i + 500]))):
            snap.states[row[0]] = state_from_row(row)
    return snap


# -- writing a batch (SQLite) ---------------------------------------------------------------
def _write(conn: Connection, batch: Batch) -> None:
    """Reserve the batch's sequence numbers and write everything it collected, a statement
    per table (``push_pg`` writes the same in one). Call under the lock."""
    inserts, updates = batch.records(encode=True)
    count = len(inserts) + len(updates)
    if count:
        first = reserve(conn, count)
        for row in (*inserts, *updates):
            row["seq"] = first + row.pop("n") - 1
    r = db.records
    if batch.new_persons:
        conn.execute(insert(db.persons), batch.new_persons)
    if inserts:
        conn.execute(insert(r), inserts)
    if updates:
        for row in updates:
            row["b_id"] = row.pop("id")
        columns = [k for k in updates[0] if k != "b_id"]
        conn.execute(update(r).where(r.c.id == bindparam("b_id"))
                     .values({k: bindparam(k) for k in columns}), updates)
    if batch.change_rows:
        conn.execute(insert(db.changes), batch.change_rows)
    if batch.audit:
        conn.execute(insert(db.audit), batch.audit)


def push(engine: Engine, settings: Settings, clock: ServerClock, principal: Principal,
         changes: list[Change]) -> list[Ack]:
    """Apply a batch atomically; one :class:`Ack` per change, in order."""
    return push_and_epoch(engine, settings, clock, principal, changes)[0]


def push_and_epoch(engine: Engine, settings: Settings, clock: ServerClock,
                   principal: Principal, changes: list[Change]) -> tuple[list[Ack], str | None]:
    """:func:`push`, and on PostgreSQL the server's epoch read in the batch's own write
    statement (None elsewhere: the caller reads it)."""
    check_changes(changes, settings)
    if engine.dialect.name == "postgresql":
        return push_pg.push(engine, settings, clock, principal, changes)
    with engine.begin() as conn:
        lock_sequence(conn)
        snap = _read(conn, changes)
        c = db.changes

        def author_query(record_id: str, stamp: str) -> Any:
            return conn.execute(select(c.c.author, c.c.device_id).where(
                c.c.record_id == record_id, c.c.hlc == stamp).limit(1)).first()

        batch = Batch(author_query, principal, clock, snap, settings)
        acks = merge_changes(batch, changes, snap)
        _write(conn, batch)
    return acks, None
