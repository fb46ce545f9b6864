"""The pull route's body (built as text, ``pull_json``) is exactly the page ``pull`` gives
as a model: records of the team and of the whole organisation, evictions, deleted records,
text outside ASCII, in ``seq`` order, in pages of any size, every record audited once."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import func, select

from outreach.core.hlc import HybridClock
from sync.protocol import Change, PullResponse
from sync.server import admin, db
from sync.server.pull import pull, pull_json
from sync.server.push import ServerClock, push
from tests.sync.server_helpers import server_device as _device


def _change(clock: HybridClock, kind: str, fields: dict, *, record_id: str | None = None,
            person_id: str | None = None, op: str = "upsert") -> Change:
    rid = record_id or str(uuid.uuid4())
    return Change(change_id=str(uuid.uuid4()), record_id=rid, kind=kind,
                  person_id=rid if kind == "person" else person_id, op=op, fields=fields,
                  base={}, hlc=clock.tick())


def test_pull_json_is_the_model_page(backend):
    engine, settings = backend
    north = _device(engine, settings, "sam", "North", admin_role=True)   # writes a service
    reader = _device(engine, settings, "alex", "North")
    clock, server_clock = HybridClock("laptop-1"), ServerClock()
    people = [_change(clock, "person", {"given_name": name, "family_name": "Ó Briain"})
              for name in ("Zoë", "Siân", "Łukasz \"Luke\"", "Amélie\\n")]
    later = [
        _change(clock, "service", {"name": "Café Walk — weekly", "category": "peer_group"}),
        _change(clock, "person", {}, record_id=people[1].record_id, op="delete"),
    ]
    push(engine, settings, server_clock, north, people + later)
    admin.create_team(engine, "South")
    admin.transfer(engine, people[2].record_id, team="South")      # North gets an evict

    epoch = "0b5d3c1e-4f7a-4c39-9a51-2f0e6d7c8b90"
    whole = pull(engine, settings, reader, cursor=0, limit=1000, epoch=epoch)
    body, count, more = pull_json(engine, settings, reader, cursor=0, limit=1000,
                                  epoch=epoch)
    assert PullResponse.model_validate_json(body) == whole
    assert json.loads(body) == json.loads(whole.model_dump_json())
    assert (count, more) == (len(whole.items), False)
    types = [i.type for i in whole.items]
    assert "evict" in types and types.count("record") >= 4
    assert any(i.record and i.record.person_id is None for i in whole.items)   # directory
    assert any(i.record and i.record.deleted for i in whole.items)
    assert [i.seq for i in whole.items] == sorted(i.seq for i in whole.items)

    # page by page, with pages of one item, gives the same items in the same order
    items, cursor, more = [], 0, True
    while more:
        body, _, more = pull_json(engine, settings, reader, cursor=cursor, limit=1)
        page = PullResponse.model_validate_json(body)
        items.extend(page.items)
        cursor = page.cursor
    assert items == whole.items

    with engine.connect() as conn:
        reads = conn.execute(select(func.count()).select_from(db.audit).where(
            db.audit.c.action == "read", db.audit.c.device_id == reader.device_id)).scalar()
    assert reads == 3 * types.count("record")      # pull, pull_json, and the paged walk
