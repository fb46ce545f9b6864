"""What a push does in memory, shared by the SQLite path (``push.py``) and the PostgreSQL
path (``push_pg.py``): the records' states, the batch being merged, and the merge itself.

Both paths read a :class:`Snapshot` (what the merge needs from the database), build a
:class:`Batch` on it, run :func:`merge_changes` (duplicates, erased persons, scope checks
from ``scope.py``, then ``outreach.core.merge.apply_change`` per change) and write what the
batch collected. Nothing here talks to the database except through the ``author_query``
callable a path hands in.

Threading: a :class:`Batch` belongs to one push on one thread; :class:`ServerClock` is
thread-safe.
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

from outreach.core import records as rk
from outreach.core.hlc import HybridClock
from outreach.core.merge import apply_change, conflict_fields
from sync.protocol import Ack, Change, ErrorCode
from sync.server import scope
from sync.server.auth import Principal
from sync.server.errors import ApiError
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
class Snapshot:
    """What the merge needs from the database."""

    seen: set[str]                       # change ids already applied
    erased: set[str]                     # persons erased on request
    teams: dict[str, int | None]         # person id -> team
    states: dict[str, State]             # record id -> current state (records that exist)
    seqs: dict[str, int] = field(default_factory=dict)   # record id -> seq (push_pg)


RECORD_COLUMNS = ("id, kind, person_id, team_id, data, clocks, created_at, created_by, "
                   "updated_at, updated_by, device_id, version")


def state_from_row(row: Any) -> State:
    return State(row[0], row[1], row[2], row[3], json.loads(row[4]), json.loads(row[5]),
                 row[6], row[7], row[8], row[9], row[10], row[11], exists=True)


class Batch:
    """The state of one push transaction: records touched, persons' teams, log rows.

    Built on a :class:`Snapshot`; the merge runs in memory and the writes are
    collected, to be sent all at once at the end. ``author_query(record_id, stamp)`` finds
    who wrote a stamp in the ``changes`` log (only a text conflict asks).
    """

    def __init__(self, author_query: Callable[[str, str], Any], principal: Principal,
                 clock: ServerClock, snap: Snapshot, settings: Settings) -> None:
        self.author_query = author_query
        self.who = principal
        self.settings = settings
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
        pid = person_of(ch)
        if not pid:
            return None
        if pid not in self.teams:
            self.teams[pid] = self.who.team_id
            self.new_persons.append({"person_id": pid, "team_id": self.who.team_id})
        team = self.teams[pid]
        if team != self.who.team_id:
            raise ApiError(ErrorCode.FORBIDDEN_RECORD,
                           "A change is for a person of another team.",
                           details={"change_id": ch.change_id, "reason": "other_team"})
        return team

    def team_of_record(self, ch: Change, state: Any, team: int | None) -> int | None:
        """The team of a record with no person: a team-scoped kind (the huddle) is made in
        the writer's team and changed by no other team; so is a conflict about one (it
        carries its record's team). Anything else with no person is organisation-wide."""
        if rk.KINDS[ch.kind].team_scoped or (ch.kind == "conflict" and state is not None
                                             and state.team_id is not None):
            team = self.who.team_id if state is None else state.team_id
            if team != self.who.team_id:
                raise ApiError(ErrorCode.FORBIDDEN_RECORD,
                               "A change is for a record of another team.",
                               details={"change_id": ch.change_id, "reason": "other_team"})
        return team

    def author_of(self, record_id: str, stamp: str) -> tuple[str, str]:
        if (record_id, stamp) in self.authors:
            return self.authors[(record_id, stamp)]
        row = self.author_query(record_id, stamp)
        # Only the change log (written from authenticated devices) names an author; the
        # node part of a clock stamp is whatever the laptop wrote and is never trusted.
        return (row[0], row[1]) if row else ("", "")

    def apply(self, ch: Change) -> int:
        """Apply one new change; returns the number of conflicts it raised. Raises
        :class:`ApiError` (the whole batch is refused) for a change outside the sender's
        scope (``scope.check_change``)."""
        team = self.team_of(ch)
        pid = person_of(ch)
        state = self.states.get(ch.record_id)
        if pid is None:
            team = self.team_of_record(ch, state, team)
        scope.check_change(ch, principal=self.who, settings=self.settings, person_id=pid,
                           state=state, states=self.states)
        if state is None:
            state = State(ch.record_id, ch.kind, pid, team, {}, {},
                          ch.created_at or self.now_iso, self.who.username,
                          ch.created_at or self.now_iso, self.who.username,
                          self.who.device_id, 0, exists=False)
        elif state.kind != ch.kind or state.person_id != pid:
            raise ApiError(ErrorCode.INVALID_RECORD,
                           "A change does not match the kind or person of its record.",
                           details={"change_id": ch.change_id, "reason": "record_mismatch"})
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



def person_of(ch: Change) -> str | None:
    return ch.record_id if ch.kind == "person" else ch.person_id


def ids_to_read(changes: list[Change]) -> list[str]:
    """The records a batch's merge reads: each change's record and every record a change
    refers to (a goal rating's goal, a service link's service...), sorted."""
    ids = {ch.record_id for ch in changes}
    for ch in changes:
        ids.update(scope.refs_of(ch))
    return sorted(ids)


def merge_changes(batch: Batch, changes: list[Change], snap: Snapshot) -> list[Ack]:
    """Classify and apply every change of the batch in memory; one :class:`Ack` each."""
    acks: list[Ack] = []
    seen = set(snap.seen)
    for ch in changes:
        if ch.change_id in seen:
            acks.append(Ack(change_id=ch.change_id, status="duplicate"))
            continue
        if person_of(ch) in snap.erased:
            # The person was erased: acknowledged so the laptop drops it, never applied
            # (and not logged in ``changes``: nothing of the person is kept).
            acks.append(Ack(change_id=ch.change_id, status="erased"))
            continue
        seen.add(ch.change_id)
        conflicts = batch.apply(ch)
        acks.append(Ack(change_id=ch.change_id, status="applied", conflicts=conflicts))
    return acks


