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
batch (``forbidden_record``); records with no person are organisation-wide (the service
directory), except team-scoped kinds (the huddle): those take the team of the user who
first sent them, and a change from another team is refused the same way.

The sequence lock is the bottleneck of concurrent pushes, so the work done while holding
it is kept small. Everything that needs no database (size, kinds, values, clock horizon)
is checked first. On PostgreSQL (``push_pg.py``) the reads and the merge run *before* the
lock and, under it, PostgreSQL alone checks that nothing the merge read has changed and
writes the batch, with no Python work in between. Elsewhere (SQLite, where the lock is the
database write lock and round trips are in-process) the lock comes first, then
:func:`_read`, the merge in memory (:func:`_merge`) and :func:`_write`.

Threading: :func:`push` may run on many threads and processes at once; the database lock
orders them. :class:`ServerClock` is thread-safe.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection, Engine

from outreach.core import records as rk
from outreach.core.hlc import HybridClock
from outreach.core.merge import apply_change, conflict_fields
from outreach.core.validation import validate
from sync.protocol import Ack, Change, ErrorCode
from sync.server import db
from sync.server.auth import Principal
from sync.server.errors import ApiError
from sync.server.sequence import lock_sequence, reserve
from sync.server.settings import Settings


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds")


class ServerClock:
    """The server's hybrid clock (for the records it writes itself: conflicts)."""

    def __init__(self) -> None:
        self._clock = HybridClock(f"server-{uuid.uuid4().hex[:12]}")
        self._lock = threading.Lock()

    def observe(self, stamp: str) -> None:
        with self._lock:
            self._clock.observe(stamp)

    def tick(self) -> str:
        with self._lock:
            return self._clock.tick()


@dataclass
class State:
    id: str
    kind: str
    person_id: str | None
    team_id: int | None
    data: dict[str, Any]
    clocks: dict[str, str]
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    device_id: str
    version: int
    exists: bool
    dirty: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# -- what the merge reads ------------------------------------------------------------------
@dataclass
class _Snapshot:
    """What the merge needs from the database."""

    seen: set[str]                       # change ids already applied
    erased: set[str]                     # persons erased on request
    teams: dict[str, int | None]         # person id -> team
    states: dict[str, State]             # record id -> current state (records that exist)
    seqs: dict[str, int] = field(default_factory=dict)   # record id -> seq (push_pg)


_RECORD_COLUMNS = ("id, kind, person_id, team_id, data, clocks, created_at, created_by, "
                   "updated_at, updated_by, device_id, version")


def _state(row: Any) -> State:
    return State(row[0], row[1], row[2], row[3], json.loads(row[4]), json.loads(row[5]),
                 row[6], row[7], row[8], row[9], row[10], row[11], exists=True)


def _read(conn: Connection, changes: list[Change]) -> _Snapshot:
    """Duplicates, erased persons, teams and current states for ``changes``, a few
    statements per table (``push_pg`` reads the same in one). It may return more than the
    merge uses (the states of records whose changes are all duplicates, say); only what
    the merge touches is written."""
    cids = [ch.change_id for ch in changes]
    pids = sorted({pid for ch in changes if (pid := _person_of(ch))})
    rids = sorted({ch.record_id for ch in changes})
    c, e, p, r = db.changes, db.erased_persons, db.persons, db.records
    snap = _Snapshot(set(), set(), {}, {})
    for i in range(0, len(cids), 500):
        snap.seen.update(conn.execute(select(c.c.change_id).where(
            c.c.change_id.in_(cids[i:i + 500]))).scalars())
    for i in range(0, len(pids), 500):
        part = pids[i:i + 500]
        snap.erased.update(conn.execute(select(e.c.person_id).where(
            e.c.person_id.in_(part))).scalars())
        snap.teams.update((row[0], row[1]) for row in conn.execute(
            select(p.c.person_id, p.c.team_id).where(p.c.person_id.in_(part))))
    columns = [r.c[name.strip()] for name in _RECORD_COLUMNS.split(",")]
    for i in range(0, len(rids), 500):
        for row in conn.execute(select(*columns).where(r.c.id.in_(rids[i:i + 500]))):
            snap.states[row[0]] = _state(row)
    return snap


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
                           details={"change_id": ch.change_id})
        if ch.op == "upsert":
            errors = validate(ch.kind, ch.fields, record_id=ch.record_id, partial=True)
            if errors:
                raise ApiError(ErrorCode.INVALID_RECORD, "A change holds invalid values.",
                               details={"change_id": ch.change_id,
                                        "fields": sorted({e.field for e in errors})})
        if ch.kind == "person" and ch.person_id not in (None, ch.record_id):
            raise ApiError(ErrorCode.INVALID_RECORD, "A person's person_id is its own id.",
                           details={"change_id": ch.change_id})
        if spec.person_scoped and not ch.person_id and ch.kind != "conflict":
            # (a conflict about an organisation-wide record has no person)
            raise ApiError(ErrorCode.INVALID_RECORD, "This kind of record needs a person.",
                           details={"change_id": ch.change_id})
        if not spec.person_scoped and ch.kind != "person" and ch.person_id:
            raise ApiError(ErrorCode.INVALID_RECORD, "This kind of record has no person.",
                           details={"change_id": ch.change_id})


class _Batch:
    """The state of one push transaction: records touched, persons' teams, log rows.

    Built on a :class:`_Snapshot`; the merge runs in memory and the writes are
    collected, to be sent all at once at the end. ``author_query(record_id, stamp)`` finds
    who wrote a stamp in the ``changes`` log (only a text conflict asks).
    """

    def __init__(self, author_query: Callable[[str, str], Any], principal: Principal,
                 clock: ServerClock, snap: _Snapshot) -> None:
        self.author_query = author_query
        self.who = principal
        self.clock = clock
        self.now = time.time()
        self.now_iso = iso(self.now)
        self.audit: list[dict[str, Any]] = []
        self.change_rows: list[dict[str, Any]] = []
        self.authors: dict[tuple[str, str], tuple[str, str]] = {}
        self.new_persons: list[dict[str, Any]] = []
        self.states = snap.states
        self.teams = snap.teams

    def team_of(self, ch: Change) -> int | None:
        pid = _person_of(ch)
        if not pid:
            return None
        if pid not in self.teams:
            self.teams[pid] = self.who.team_id
            self.new_persons.append({"person_id": pid, "team_id": self.who.team_id})
        team = self.teams[pid]
        if team != self.who.team_id:
            raise ApiError(ErrorCode.FORBIDDEN_RECORD,
                           "A change is for a person of another team.",
                           details={"change_id": ch.change_id})
        return team

    def author_of(self, record_id: str, stamp: str) -> tuple[str, str]:
        if (record_id, stamp) in self.authors:
            return self.authors[(record_id, stamp)]
        row = self.author_query(record_id, stamp)
        return (row[0], row[1]) if row else ("", stamp.split("-", 2)[-1])

    def apply(self, ch: Change) -> int:
        """Apply one new change; returns the number of conflicts it raised."""
        team = self.team_of(ch)
        pid = _person_of(ch)
        state = self.states.get(ch.record_id)
        if rk.KINDS[ch.kind].team_scoped:
            # A team's own record (the huddle): made in the writer's team, seen by it only,
            # and changed by no other team.
            team = self.who.team_id if state is None else state.team_id
            if team != self.who.team_id:
                raise ApiError(ErrorCode.FORBIDDEN_RECORD,
                               "A change is for a record of another team.",
                               details={"change_id": ch.change_id})
        if state is None:
            state = State(ch.record_id, ch.kind, pid, team, {}, {},
                          ch.created_at or self.now_iso, self.who.username,
                          ch.created_at or self.now_iso, self.who.username,
                          self.who.device_id, 0, exists=False)
        elif state.kind != ch.kind or state.person_id != pid:
            raise ApiError(ErrorCode.INVALID_RECORD,
                           "A change does not match the kind or person of its record.",
                           details={"change_id": ch.change_id})
        self.states[ch.record_id] = state
        self.clock.observe(ch.hlc)
        merged = apply_change(
            kind=ch.kind, data=state.data, clocks=state.clocks, fields=ch.fields,
            base=ch.base, stamp=ch.hlc, op=ch.op, author=self.who.username,
            device=self.who.device_id, exists=state.exists or state.dirty,
            author_of=lambda s: self.author_of(ch.record_id, s))
        self.change_rows.append({"change_id": ch.change_id, "record_id": ch.record_id,
                                 "hlc": ch.hlc, "author": self.who.username,
                                 "device_id": self.who.device_id, "received_at": self.now})
        self.authors[(ch.record_id, ch.hlc)] = (self.who.username, self.who.device_id)
        self._audit("write", ch.record_id)
        if merged.changed or not state.exists and not state.dirty:
            state.data, state.clocks = merged.data, merged.clocks
            state.updated_at = ch.created_at or self.now_iso
            state.updated_by = self.who.username
            state.device_id = self.who.device_id
            state.version += 1
            state.dirty = True
        for conflict in merged.conflicts:
            stamp = self.clock.tick()
            values = conflict_fields(record_id=state.id, record_kind=state.kind,
                                     conflict=conflict)
            cid = str(uuid.uuid4())
            self.states[cid] = State(cid, "conflict", state.person_id, state.team_id, values,
                                     {k: stamp for k in values}, self.now_iso, "server",
                                     self.now_iso, "server", "server", 1, exists=False,
                                     dirty=True)
            self._audit("conflict", cid)
        return len(merged.conflicts)

    def _audit(self, action: str, record_id: str | None) -> None:
        self.audit.append({"at": self.now, "user_id": self.who.user_id,
                           "device_id": self.who.device_id, "action": action,
                           "record_id": record_id, "detail": ""})

    def records(self, *, encode: bool
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The touched records as rows to insert and rows to update; ``data`` and
        ``clocks`` as JSON text if ``encode``, else as they are (to be encoded once, with
        the whole batch). Each row's ``n`` (1, 2, …) is its place among the numbers the
        batch reserves: ``seq`` is the first reserved number + ``n`` - 1."""
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for s in self.states.values():
            if not s.dirty:
                continue
            row = dict(id=s.id, kind=s.kind, person_id=s.person_id, team_id=s.team_id,
                       data=dumps(s.data) if encode else s.data,
                       clocks=dumps(s.clocks) if encode else s.clocks,
                       deleted="_deleted" in s.clocks, created_at=s.created_at,
                       created_by=s.created_by, updated_at=s.updated_at,
                       updated_by=s.updated_by, device_id=s.device_id, version=s.version,
                       n=len(inserts) + len(updates) + 1)
            (updates if s.exists else inserts).append(row)
        return inserts, updates


# -- writing a batch (SQLite) ---------------------------------------------------------------
def _write(conn: Connection, batch: _Batch) -> None:
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


def _person_of(ch: Change) -> str | None:
    return ch.record_id if ch.kind == "person" else ch.person_id


def _merge(batch: _Batch, changes: list[Change], snap: _Snapshot) -> list[Ack]:
    """Classify and apply every change of the batch in memory; one :class:`Ack` each."""
    acks: list[Ack] = []
    seen = set(snap.seen)
    for ch in changes:
        if ch.change_id in seen:
            acks.append(Ack(change_id=ch.change_id, status="duplicate"))
            continue
        if _person_of(ch) in snap.erased:
            # The person was erased: acknowledged so the laptop drops it, never applied
            # (and not logged in ``changes``: nothing of the person is kept).
            acks.append(Ack(change_id=ch.change_id, status="erased"))
            continue
        seen.add(ch.change_id)
        conflicts = batch.apply(ch)
        acks.append(Ack(change_id=ch.change_id, status="applied", conflicts=conflicts))
    return acks


def push(engine: Engine, settings: Settings, clock: ServerClock, principal: Principal,
         changes: list[Change]) -> list[Ack]:
    """Apply a batch atomically; one :class:`Ack` per change, in order."""
    check_changes(changes, settings)
    if engine.dialect.name == "postgresql":
        from sync.server.push_pg import push as push_postgres  # (imports this module)
        return push_postgres(engine, clock, principal, changes)
    with engine.begin() as conn:
        lock_sequence(conn)
        snap = _read(conn, changes)
        c = db.changes

        def author_query(record_id: str, stamp: str) -> Any:
            return conn.execute(select(c.c.author, c.c.device_id).where(
                c.c.record_id == record_id, c.c.hlc == stamp).limit(1)).first()

        batch = _Batch(author_query, principal, clock, snap)
        acks = _merge(batch, changes, snap)
        _write(conn, batch)
    return acks
