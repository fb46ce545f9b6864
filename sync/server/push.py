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
organisation-wide.

Threading: :func:`push` may run on many threads and processes at once; the database lock
orders them. :class:`ServerClock` is thread-safe.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
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


def _load_many(conn: Connection, record_ids: list[str]) -> dict[str, State]:
    """The current states of the given records (those that exist), in few queries."""
    r = db.records
    out: dict[str, State] = {}
    for i in range(0, len(record_ids), 500):
        rows = conn.execute(select(
            r.c.id, r.c.kind, r.c.person_id, r.c.team_id, r.c.data, r.c.clocks,
            r.c.created_at, r.c.created_by, r.c.updated_at, r.c.updated_by, r.c.device_id,
            r.c.version).where(r.c.id.in_(record_ids[i:i + 500])))
        for row in rows:
            out[row[0]] = State(row[0], row[1], row[2], row[3], json.loads(row[4]),
                                json.loads(row[5]), row[6], row[7], row[8], row[9], row[10],
                                row[11], exists=True)
    return out


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

    Reads are batched up front and writes are collected and sent with ``executemany`` at
    the end: a batch of 1000 changes costs a handful of statements, not thousands.
    """

    def __init__(self, conn: Connection, principal: Principal, clock: ServerClock,
                 changes: list[Change]) -> None:
        self.conn = conn
        self.who = principal
        self.clock = clock
        self.now = time.time()
        self.now_iso = iso(self.now)
        self.audit: list[dict[str, Any]] = []
        self.change_rows: list[dict[str, Any]] = []
        self.authors: dict[tuple[str, str], tuple[str, str]] = {}
        self.new_persons: list[dict[str, Any]] = []
        self.states = _load_many(conn, sorted({ch.record_id for ch in changes}))
        pids = sorted({pid for ch in changes if (pid := _person_of(ch))})
        self.teams: dict[str, int | None] = {}
        p = db.persons
        for i in range(0, len(pids), 500):
            rows = conn.execute(select(p.c.person_id, p.c.team_id).where(
                p.c.person_id.in_(pids[i:i + 500])))
            self.teams.update((row[0], row[1]) for row in rows)

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
        c = db.changes
        row = self.conn.execute(select(c.c.author, c.c.device_id).where(
            c.c.record_id == record_id, c.c.hlc == stamp).limit(1)).first()
        return (row[0], row[1]) if row else ("", stamp.split("-", 2)[-1])

    def apply(self, ch: Change) -> int:
        """Apply one new change; returns the number of conflicts it raised."""
        team = self.team_of(ch)
        pid = _person_of(ch)
        state = self.states.get(ch.record_id)
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

    def write(self) -> None:
        """Number the touched records (under the sequence lock) and write everything."""
        dirty = [s for s in self.states.values() if s.dirty]
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        if dirty:
            first = reserve(self.conn, len(dirty))
            for i, s in enumerate(dirty):
                values = dict(kind=s.kind, person_id=s.person_id, team_id=s.team_id,
                              data=dumps(s.data), clocks=dumps(s.clocks),
                              deleted="_deleted" in s.clocks, created_at=s.created_at,
                              created_by=s.created_by, updated_at=s.updated_at,
                              updated_by=s.updated_by, device_id=s.device_id,
                              version=s.version, seq=first + i)
                if s.exists:
                    updates.append({"b_id": s.id, **values})
                else:
                    inserts.append({"id": s.id, **values})
        r = db.records
        if self.new_persons:
            self.conn.execute(insert(db.persons), self.new_persons)
        if inserts:
            self.conn.execute(insert(r), inserts)
        if updates:
            columns = [k for k in updates[0] if k != "b_id"]
            self.conn.execute(update(r).where(r.c.id == bindparam("b_id"))
                              .values({k: bindparam(k) for k in columns}), updates)
        if self.change_rows:
            self.conn.execute(insert(db.changes), self.change_rows)
        if self.audit:
            self.conn.execute(insert(db.audit), self.audit)


def _person_of(ch: Change) -> str | None:
    return ch.record_id if ch.kind == "person" else ch.person_id


def _erased(conn: Connection, changes: list[Change]) -> set[str]:
    """The persons among ``changes`` who were erased (``admin.erase_person``)."""
    pids = sorted({pid for ch in changes if (pid := _person_of(ch))})
    e = db.erased_persons
    out: set[str] = set()
    for i in range(0, len(pids), 500):
        out.update(conn.execute(select(e.c.person_id).where(
            e.c.person_id.in_(pids[i:i + 500]))).scalars())
    return out


def push(engine: Engine, settings: Settings, clock: ServerClock, principal: Principal,
         changes: list[Change]) -> list[Ack]:
    """Apply a batch atomically; one :class:`Ack` per change, in order."""
    check_changes(changes, settings)
    acks: list[Ack] = []
    with engine.begin() as conn:
        lock_sequence(conn)
        ids = [ch.change_id for ch in changes]
        seen: set[str] = set()
        for i in range(0, len(ids), 500):
            seen.update(conn.execute(select(db.changes.c.change_id).where(
                db.changes.c.change_id.in_(ids[i:i + 500]))).scalars())
        erased = _erased(conn, [c for c in changes if c.change_id not in seen])
        fresh = [c for c in changes
                 if c.change_id not in seen and _person_of(c) not in erased]
        batch = _Batch(conn, principal, clock, fresh)
        for ch in changes:
            if ch.change_id in seen:
                acks.append(Ack(change_id=ch.change_id, status="duplicate"))
                continue
            if _person_of(ch) in erased:
                # The person was erased: acknowledged so the laptop drops it, never applied
                # (and not logged in ``changes``: nothing of the person is kept).
                acks.append(Ack(change_id=ch.change_id, status="erased"))
                continue
            seen.add(ch.change_id)
            conflicts = batch.apply(ch)
            acks.append(Ack(change_id=ch.change_id, status="applied", conflicts=conflicts))
        batch.write()
    return acks
