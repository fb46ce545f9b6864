"""Pull: the record states and evictions a device's team may see, after a cursor, in pages.

One statement (a ``UNION ALL`` of records and evictions, ordered by ``seq``) reads each
page, so the page comes from a single snapshot on both databases; together with
"sequence order equals commit order" (``sequence.py``) the next page starting after the
last ``seq`` received can never skip a change that committed late. Each branch of the
union is itself ordered and limited, so a page costs index range scans of ``limit`` rows
whatever the number of rows after the cursor.

Scope: records of persons of the device's team, plus organisation-wide records (no
team: the service directory); evictions addressed to the device's team.

Every record sent is audited as a read. On PostgreSQL the page, its audit rows and the
server's epoch are one statement in its own transaction (:data:`PAGE_PG`: a pull request
is two statements with authentication, see ``auth.py``); elsewhere the page is read in one
deferred transaction and audited in another.

The route answers with :func:`pull_json`: the response body built as text, with each
record's ``data`` and ``clocks`` spliced in as stored (the server writes them as compact
JSON objects), which spares parsing and re-encoding every record on each page.
:func:`pull` gives the same page as a :class:`PullResponse`.
"""

from __future__ import annotations

import json
import time
from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Boolean, Integer, String, Text, insert, literal, select, union_all
from sqlalchemy.engine import Connection, Engine

from sync.protocol import PROTOCOL_VERSION, PullItem, PullResponse, RecordState
from sync.server import db
from sync.server import epoch as epochs
from sync.server.auth import Principal
from sync.server.epoch import EPOCH_KEY
from sync.server.settings import Settings

if TYPE_CHECKING:
    import psycopg


def _page(engine: Engine, settings: Settings, principal: Principal, *, cursor: int,
          limit: int) -> tuple[list[tuple[Any, ...]], bool]:
    """The rows of one page (seq order) and whether more follow; audits the reads."""
    limit = max(1, min(limit, settings.max_page))
    r, e = db.records, db.evictions
    columns = (r.c.seq, literal("record", String).label("type"), r.c.id, r.c.kind,
               r.c.person_id, r.c.data, r.c.clocks, r.c.deleted, r.c.created_at,
               r.c.created_by, r.c.updated_at, r.c.updated_by, r.c.device_id, r.c.version)
    team = select(*columns).where(r.c.team_id == principal.team_id, r.c.seq > cursor) \
        .order_by(r.c.seq).limit(limit + 1).subquery()
    org_wide = select(*columns).where(r.c.team_id.is_(None), r.c.seq > cursor) \
        .order_by(r.c.seq).limit(limit + 1).subquery()
    evict = select(
        e.c.seq, literal("evict", String).label("type"), literal("", String).label("id"),
        literal("", String).label("kind"), e.c.person_id, literal("{}", Text).label("data"),
        literal("{}", Text).label("clocks"), literal(False, Boolean).label("deleted"),
        literal("", String).label("created_at"), literal("", String).label("created_by"),
        literal("", String).label("updated_at"), literal("", String).label("updated_by"),
        literal("", String).label("device_id"), literal(0, Integer).label("version"),
    ).where(e.c.team_id == principal.team_id, e.c.seq > cursor) \
        .order_by(e.c.seq).limit(limit + 1).subquery()
    query = union_all(select(team), select(org_wide), select(evict)) \
        .order_by("seq").limit(limit + 1)
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_deferred=True)
        rows: list[tuple[Any, ...]] = [tuple(row) for row in conn.execute(query)]
        conn.rollback()
    more = len(rows) > limit
    rows = rows[:limit]
    if settings.audit_reads:
        now = time.time()
        reads = [{"at": now, "user_id": principal.user_id, "device_id": principal.device_id,
                  "action": "read", "record_id": row[2], "detail": ""}
                 for row in rows if row[1] == "record"]
        if reads:
            with engine.begin() as conn:
                insert_reads(conn, reads)
    return rows, more


_AUDIT_COLUMNS = ("at", "user_id", "device_id", "action", "record_id", "detail")


def insert_reads(conn: Connection, reads: list[dict[str, Any]]) -> None:
    """Audit rows in bulk: ``COPY`` on PostgreSQL (a row-by-row ``executemany`` of a
    page's thousands of rows costs more than the rest of the page), else executemany."""
    if not db.is_postgres(conn):
        conn.execute(insert(db.audit), reads)
        return
    raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
    with raw.cursor() as cur, cur.copy(
            f"COPY audit ({', '.join(_AUDIT_COLUMNS)}) FROM STDIN") as copy:
        for read in reads:
            copy.write_row(tuple(read[c] for c in _AUDIT_COLUMNS))


# -- PostgreSQL: the page, its audit rows and the epoch in one statement --------------------
_COLUMNS = ("seq, {type} AS type, {id} AS id, {kind} AS kind, person_id, {data} AS data, "
            "{clocks} AS clocks, {deleted} AS deleted, {created_at} AS created_at, "
            "{created_by} AS created_by, {updated_at} AS updated_at, "
            "{updated_by} AS updated_by, {device_id} AS device_id, {version} AS version")
_RECORD_COLUMNS = _COLUMNS.format(
    type="'record'", id="id", kind="kind", data="data", clocks="clocks", deleted="deleted",
    created_at="created_at", created_by="created_by", updated_at="updated_at",
    updated_by="updated_by", device_id="device_id", version="version")
_EVICT_COLUMNS = _COLUMNS.format(
    type="'evict'", id="''", kind="''", data="'{}'", clocks="'{}'", deleted="false",
    created_at="''", created_by="''", updated_at="''", updated_by="''", device_id="''",
    version="0")
PAGE_PG = (
    "WITH page AS MATERIALIZED (SELECT *, row_number() OVER (ORDER BY seq) AS n FROM ("
    f" (SELECT {_RECORD_COLUMNS} FROM records WHERE team_id = %(team)s AND seq > %(cursor)s"
    "  ORDER BY seq LIMIT %(more)s)"
    " UNION ALL"
    f" (SELECT {_RECORD_COLUMNS} FROM records WHERE team_id IS NULL AND seq > %(cursor)s"
    "  ORDER BY seq LIMIT %(more)s)"
    " UNION ALL"
    f" (SELECT {_EVICT_COLUMNS} FROM evictions WHERE team_id = %(team)s AND seq > %(cursor)s"
    "  ORDER BY seq LIMIT %(more)s)"
    " ORDER BY seq LIMIT %(more)s) AS found),"
    " audited AS (INSERT INTO audit (at, user_id, device_id, action, record_id, detail)"
    "  SELECT %(now)s, %(user)s, %(device)s, 'read', page.id, '' FROM page"
    "  WHERE page.n <= %(limit)s AND page.type = 'record' AND %(audit)s),"
    " epoch AS (SELECT value FROM org_settings WHERE key = %(epoch_key)s)"
    " SELECT page.seq, page.type, page.id, page.kind, page.person_id, page.data,"
    " page.clocks, page.deleted, page.created_at, page.created_by, page.updated_at,"
    " page.updated_by, page.device_id, page.version, epoch.value"
    " FROM (SELECT 1) AS one LEFT JOIN epoch ON true LEFT JOIN page ON true"
    " ORDER BY page.seq")


def _page_pg(engine: Engine, settings: Settings, principal: Principal, *, cursor: int,
             limit: int) -> tuple[list[tuple[Any, ...]], bool, str | None]:
    """PostgreSQL: the page's rows (as :func:`_page`), whether more follow, and the
    server's epoch, read in one statement (one snapshot, one round trip) that also writes
    the page's audit rows (a data-modifying ``WITH``), in its own transaction
    (autocommit). The rows come through psycopg directly: SQLAlchemy's per-row work cost
    more than building the page's JSON."""
    limit = max(1, min(limit, settings.max_page))
    params = {"team": principal.team_id, "cursor": cursor, "more": limit + 1,
              "limit": limit, "now": time.time(), "user": principal.user_id,
              "device": principal.device_id, "audit": settings.audit_reads,
              "epoch_key": EPOCH_KEY}
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
        with raw.cursor() as cur:
            cur.execute(PAGE_PG, params)
            found = cur.fetchall()
    epoch = found[0][-1] if found else None
    rows = [row[:-1] for row in found if row[0] is not None]
    return rows[:limit], len(rows) > limit, epoch


def pull(engine: Engine, settings: Settings, principal: Principal, *, cursor: int,
         limit: int, epoch: str | None = None) -> PullResponse:
    """One page as a :class:`PullResponse`."""
    rows, more = _page(engine, settings, principal, cursor=cursor, limit=limit)
    items: list[PullItem] = []
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
    next_cursor = items[-1].seq if items else cursor
    return PullResponse(items=items, cursor=next_cursor, more=more, epoch=epoch)


_RECORD = ('{"seq":%d,"type":"record","record":{"id":%s,"kind":%s,"person_id":%s,'
           '"data":%s,"clocks":%s,"deleted":%s,"created_at":%s,"created_by":%s,'
           '"updated_at":%s,"updated_by":%s,"device_id":%s,"version":%d},"person_id":null}')
_EVICT = '{"seq":%d,"type":"evict","record":null,"person_id":%s}'


def pull_json(engine: Engine, settings: Settings, principal: Principal, *, cursor: int,
              limit: int, epoch: str | None = None,
              read_epoch: bool = False) -> tuple[bytes, int, bool]:
    """One page as the JSON body of a :class:`PullResponse` (UTF-8), with the item count
    and whether more follow. ``data`` and ``clocks`` go out exactly as stored; ``epoch``
    (the server's, for version 2 laptops) is added when given. With ``read_epoch`` the
    server's current epoch is read and added: on PostgreSQL in the page's own statement,
    elsewhere just before the page (``epoch.of``)."""
    if engine.dialect.name == "postgresql":
        rows, more, current = _page_pg(engine, settings, principal, cursor=cursor,
                                       limit=limit)
        if read_epoch:
            epoch = epochs.of(engine, found=current)
    else:
        if read_epoch:
            epoch = epochs.of(engine)
        rows, more = _page(engine, settings, principal, cursor=cursor, limit=limit)
    next_cursor = rows[-1][0] if rows else cursor
    body = (f'{{"protocol":{PROTOCOL_VERSION},"items":[{_items_json(rows)}],'
            f'"cursor":{next_cursor},"more":{"true" if more else "false"}'
            + (f',"epoch":{encode_basestring_ascii(epoch)}' if epoch is not None else "")
            + "}")
    return body.encode("utf-8"), len(rows), more


def _items_json(rows: list[tuple[Any, ...]]) -> str:
    """The items' JSON text, comma-separated."""
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
    return ",".join(items)
