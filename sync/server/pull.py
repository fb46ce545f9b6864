"""Pull: the record states and evictions a device's team may see, after a cursor, in pages.

One statement (a ``UNION ALL`` of records and evictions, ordered by ``seq``) reads each
page, so the page comes from a single snapshot on both databases; together with
"sequence order equals commit order" (``sequence.py``) the next page starting after the
last ``seq`` received can never skip a change that committed late.

Scope: records of persons of the device's team, plus organisation-wide records (no
team: the service directory); evictions addressed to the device's team.

Every record sent is audited as a read.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, insert, literal, or_, select, union_all
from sqlalchemy.engine import Engine

from sync.protocol import PullItem, PullResponse, RecordState
from sync.server import db
from sync.server.auth import Principal
from sync.server.settings import Settings


def pull(engine: Engine, settings: Settings, principal: Principal, *, cursor: int,
         limit: int) -> PullResponse:
    limit = max(1, min(limit, settings.max_page))
    r, e = db.records, db.evictions
    q_records = select(
        r.c.seq, literal("record", String).label("type"), r.c.id, r.c.kind, r.c.person_id,
        r.c.data, r.c.clocks, r.c.deleted, r.c.created_at, r.c.created_by, r.c.updated_at,
        r.c.updated_by, r.c.device_id, r.c.version,
    ).where(r.c.seq > cursor, or_(r.c.team_id == principal.team_id, r.c.team_id.is_(None)))
    q_evict = select(
        e.c.seq, literal("evict", String), literal("", String), literal("", String),
        e.c.person_id, literal("{}", Text), literal("{}", Text), literal(False, Boolean),
        literal("", String), literal("", String), literal("", String), literal("", String),
        literal("", String), literal(0, Integer),
    ).where(e.c.seq > cursor, e.c.team_id == principal.team_id)
    query = union_all(q_records, q_evict).order_by("seq").limit(limit + 1)
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_deferred=True)
        rows = conn.execute(query).all()
        conn.rollback()
    more = len(rows) > limit
    rows = rows[:limit]
    items: list[PullItem] = []
    reads: list[dict[str, Any]] = []
    now = time.time()
    for row in rows:
        (seq, typ, rid, kind, person_id, data, clocks, deleted, created_at, created_by,
         updated_at, updated_by, device_id, version) = row
        if typ == "evict":
            items.append(PullItem(seq=seq, type="evict", person_id=person_id))
            continue
        items.append(PullItem(seq=seq, type="record", record=RecordState(
            id=rid, kind=kind, person_id=person_id, data=json.loads(data),
            clocks=json.loads(clocks), deleted=bool(deleted), created_at=created_at,
            created_by=created_by, updated_at=updated_at, updated_by=updated_by,
            device_id=device_id, version=version)))
        reads.append({"at": now, "user_id": principal.user_id,
                      "device_id": principal.device_id, "action": "read", "record_id": rid,
                      "detail": ""})
    if reads and settings.audit_reads:
        with engine.begin() as conn:
            conn.execute(insert(db.audit), reads)
    next_cursor = items[-1].seq if items else cursor
    return PullResponse(items=items, cursor=next_cursor, more=more)
