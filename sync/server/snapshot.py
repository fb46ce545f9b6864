"""First-sync snapshot: a team's records as they were at one sequence number, in the order
a new laptop's screens need them, continued afterwards by the ordinary cursor.

A laptop with nothing pulled yet (cursor 0) asks for ``POST /v1/snapshot`` pages instead
of pulling every record state in ``seq`` order. The first page fixes the snapshot's point
``at``: the sequence counter as committed at that moment. Because sequence order equals
commit order (``sequence.py``), every number up to ``at`` belongs to a committed
transaction and every later one is not yet visible. Each page then sends, step by step
(:data:`STEPS`):

1. ``evict``: the team's evictions numbered up to ``at``;
2. the kinds Today, People and a person's file need first (:data:`FIRST_KINDS`): people,
   care plans, risk flags, referrals, episodes, each kind in ``seq`` order;
3. ``rest``: every other record (conversations, measures, goals, the directory ...).

Only record states numbered up to ``at`` are sent, read afresh by each page. When the
snapshot ends (``more`` false) the laptop stores ``at`` as its cursor and pulls from it.

Why nothing is skipped or applied twice across the boundary: the ``records`` table holds
one row per record, its latest state, numbered when last written. A record written after
the snapshot started is numbered above ``at``: if its earlier state was sent already, the
newer one comes by the cursor; if not, a page reading it later no longer finds it at or
below ``at`` and the cursor brings it. Either way the laptop receives each state once: at
or below ``at`` only from the snapshot, above it only from the cursor. A record erased on
the server meanwhile is gone from the table and its eviction is numbered above ``at``; a
person moved to another team gets fresh numbers (above ``at``) and the old team an
eviction above ``at``. Evictions go first: every record of the person still in the team
has a number above the person's last eviction from it (joining a team always gives fresh
numbers), so applying them before the records ends exactly where applying everything in
``seq`` order would. ``tests/sync/test_snapshot.py`` checks all of it with concurrent
pushes, on SQLite and PostgreSQL.

Scope and audit are those of a pull (``pull.py``): the team's records and evictions, and
organisation-wide records; every record sent is audited as a read. Each step reads one
index range (``records_team_kind_seq``, migration 0006, or ``records_team_seq`` for the
rest), so a page costs about ``limit`` rows whatever the size of the team.
"""

from __future__ import annotations

import time
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, literal, select, union_all
from sqlalchemy.engine import Connection, Engine

from sync.protocol import PROTOCOL_VERSION, ErrorCode
from sync.server import db
from sync.server.auth import Principal
from sync.server.errors import ApiError
from sync.server.pull import insert_reads
from sync.server.settings import Settings

FIRST_KINDS = ("person", "care_plan", "risk_flag", "referral", "episode")
STEPS = ("evict", *FIRST_KINDS, "rest")
FIRST_DONE = STEPS.index("rest")    # a position at or past it: the first kinds are all sent


def _columns() -> tuple[Any, ...]:
    r = db.records
    return (r.c.seq, literal("record", String).label("type"), r.c.id, r.c.kind,
            r.c.person_id, r.c.data, r.c.clocks, r.c.deleted, r.c.created_at,
            r.c.created_by, r.c.updated_at, r.c.updated_by, r.c.device_id, r.c.version)


def _read_step(conn: Connection, step: str, *, team_id: int, after: int, at: int,
               limit: int) -> list[tuple[Any, ...]]:
    """Up to ``limit`` rows of one step numbered in (``after``, ``at``], in ``seq`` order."""
    if step == "evict":
        e = db.evictions
        query: Any = select(
            e.c.seq, literal("evict", String).label("type"), literal("", String).label("id"),
            literal("", String).label("kind"), e.c.person_id,
            literal("{}", Text).label("data"), literal("{}", Text).label("clocks"),
            literal(False, Boolean).label("deleted"),
            literal("", String).label("created_at"), literal("", String).label("created_by"),
            literal("", String).label("updated_at"), literal("", String).label("updated_by"),
            literal("", String).label("device_id"), literal(0, Integer).label("version"),
        ).where(e.c.team_id == team_id, e.c.seq > after, e.c.seq <= at) \
            .order_by(e.c.seq).limit(limit)
        return [tuple(row) for row in conn.execute(query)]
    r = db.records
    which = r.c.kind.not_in(FIRST_KINDS) if step == "rest" else r.c.kind == step
    team = select(*_columns()).where(r.c.team_id == team_id, which, r.c.seq > after,
                                     r.c.seq <= at).order_by(r.c.seq).limit(limit).subquery()
    org_wide = select(*_columns()).where(r.c.team_id.is_(None), which, r.c.seq > after,
                                         r.c.seq <= at).order_by(r.c.seq).limit(limit) \
        .subquery()
    query = union_all(select(team), select(org_wide)).order_by("seq").limit(limit)
    return [tuple(row) for row in conn.execute(query)]


def committed_point(conn: Connection) -> int:
    """The sequence counter as committed now: every number up to it is visible."""
    c = db.counters
    value = conn.execute(select(c.c.value).where(c.c.name == "seq")).scalar()
    return int(value or 0)


def snapshot_page(engine: Engine, settings: Settings, principal: Principal, *, at: int,
                  step: str, after: int, limit: int
                  ) -> tuple[list[tuple[Any, ...]], int, str, int, bool]:
    """One page: (rows, at, next step, next after, more). Audits the records sent."""
    if step and step not in STEPS:
        raise ApiError(ErrorCode.INVALID_REQUEST, "Unknown snapshot position: start the "
                       "snapshot again.", details={"reason": "snapshot_step"})
    limit = max(1, min(limit, settings.max_page))
    index = STEPS.index(step) if step else 0
    rows: list[tuple[Any, ...]] = []
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_deferred=True)
        if at == 0:
            at = committed_point(conn)
            index, after = 0, 0
        while index < len(STEPS) and len(rows) < limit:
            if index == FIRST_DONE and rows:
                break       # a page ends with the first kinds: the laptop says so at once
            want = limit - len(rows)
            got = _read_step(conn, STEPS[index], team_id=principal.team_id, after=after,
                             at=at, limit=want + 1)
            if len(got) > want:
                rows += got[:want]
                after = int(rows[-1][0])
                break
            rows += got
            index, after = index + 1, 0
        conn.rollback()
    if settings.audit_reads:
        now = time.time()
        reads = [{"at": now, "user_id": principal.user_id, "device_id": principal.device_id,
                  "action": "read", "record_id": row[2], "detail": ""}
                 for row in rows if row[1] == "record"]
        if reads:
            with engine.begin() as conn:
                insert_reads(conn, reads)
    more = index < len(STEPS)
    return rows, at, STEPS[index] if more else "", after if more else 0, more


_RECORD = ('{"seq":%d,"type":"record","record":{"id":%s,"kind":%s,"person_id":%s,'
           '"data":%s,"clocks":%s,"deleted":%s,"created_at":%s,"created_by":%s,'
           '"updated_at":%s,"updated_by":%s,"device_id":%s,"version":%d},"person_id":null}')
_EVICT = '{"seq":%d,"type":"evict","record":null,"person_id":%s}'


def snapshot_json(engine: Engine, settings: Settings, principal: Principal, *, at: int,
                  step: str, after: int, limit: int,
                  epoch: str | None = None) -> tuple[bytes, int, bool]:
    """One page as the JSON body of a ``SnapshotResponse``, with its item count and
    whether more follow. ``data`` and ``clocks`` go out exactly as stored (as in
    ``pull.pull_json``)."""
    rows, at, step, after, more = snapshot_page(engine, settings, principal, at=at,
                                                step=step, after=after, limit=limit)
    s = encode_basestring_ascii
    items = []
    for (seq, typ, rid, kind, person_id, data, clocks, deleted, created_at, created_by,
         updated_at, updated_by, device_id, version) in rows:
        pid = "null" if person_id is None else s(person_id)
        if typ == "evict":
            items.append(_EVICT % (seq, pid))
            continue
        items.append(_RECORD % (seq, s(rid), s(kind), pid, data, clocks,
                                "true" if deleted else "false", s(created_at),
                                s(created_by), s(updated_at), s(updated_by), s(device_id),
                                version))
    first_done = not more or STEPS.index(step) >= FIRST_DONE
    body = (f'{{"protocol":{PROTOCOL_VERSION},"items":[{",".join(items)}],"at":{at},'
            f'"step":{s(step)},"after":{after},"more":{"true" if more else "false"},'
            f'"first_done":{"true" if first_done else "false"},"cursor":{at}'
            + (f',"epoch":{s(epoch)}' if epoch is not None else "") + "}")
    return body.encode("utf-8"), len(items), more
