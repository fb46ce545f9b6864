"""The first-sync snapshot: the first screens' records first, then the cursor from the
snapshot's point, with nothing skipped and nothing received twice, while other laptops
push, an admin erases one person and moves another to another team, and the new laptop's
sync is interrupted half way (real client, real server, SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import or_, select

from outreach.ops import sync as sync_ops
from outreach.ops.demo import generate_caseload
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError, run_sync
from sync.protocol import PullItem
from sync.server import admin as server_admin
from sync.server import db
from sync.server.snapshot import FIRST_KINDS

PAGE = 13


class Recording(StoreSync):
    """The new laptop's store adapter, remembering every item applied and how."""

    def __init__(self, store: Any) -> None:
        super().__init__(store)
        self.applied: list[tuple[str, int, str]] = []   # (how, seq, record id or person)
        self.kinds: list[str] = []

    def apply_pulled(self, items: Sequence[PullItem], cursor: int, *,
                     snapshot: str | None = None) -> Any:
        how = "pull" if self.cursor() != 0 and self.snapshot_position() is None \
            else "snapshot"
        for item in items:
            ident = item.record.id if item.record else f"evict:{item.person_id}"
            self.applied.append((how, item.seq, ident))
            if item.record is not None and how == "snapshot":
                self.kinds.append(item.record.kind)
        return super().apply_pulled(items, cursor, snapshot=snapshot)


def _server_state(engine: Any, team: str) -> dict[str, tuple[Any, ...]]:
    """Every record the team's laptops must hold, as the server holds it now."""
    r = db.records
    with engine.connect() as conn:
        team_id = conn.execute(select(db.teams.c.id).where(db.teams.c.name == team)
                               ).scalar_one()
        rows = conn.execute(select(r.c.id, r.c.kind, r.c.person_id, r.c.data, r.c.clocks,
                                   r.c.deleted, r.c.seq)
                            .where(or_(r.c.team_id == team_id, r.c.team_id.is_(None))))
        return {row[0]: (row[1], row[2], json.loads(row[3]), json.loads(row[4]),
                         bool(row[5]), row[6]) for row in rows}


def _laptop_state(store: Any) -> dict[str, tuple[Any, ...]]:
    rows = store.execute("SELECT id, kind, person_id, data, clocks, deleted FROM records")
    return {r[0]: (r[1], r[2], json.loads(r[3]), json.loads(r[4]), bool(r[5]))
            for r in rows}


def test_snapshot_then_cursor_with_concurrent_pushes(laptops):
    server = laptops.server
    seed = laptops.new("seed", username="sam", team="North", admin=True)
    generate_caseload(seed, people=12, seed=3, conversations_per_person=(2, 4))
    sync_ops.sync_now(seed)
    editor = laptops.new("editor", username="eve", team="North")
    sync_ops.sync_now(editor)
    pusher = laptops.new("pusher", username="pat", team="North")
    laptops.user("sol", team="South")
    before = _server_state(server.engine, "North")
    people = sorted((v[5], k) for k, v in before.items() if v[0] == "person")
    erased, moved, edited_early = people[-1][1], people[-2][1], people[0][1]
    edited_late = max((v[5], k) for k, v in before.items()
                      if v[0] == "episode" and v[1] not in (erased, moved))[1]

    # another laptop keeps writing new people and conversations while the snapshot runs
    stop = threading.Event()
    errors: list[BaseException] = []
    rounds = [0]

    def keep_pushing() -> None:
        try:
            while not stop.is_set() or rounds[0] < 3:
                with pusher.transaction():
                    pid = pusher.create("person", {"given_name": f"New{rounds[0]}"})["id"]
                    pusher.create("conversation", {
                        "occurred_at": "2026-03-02T10:00:00+00:00", "setting": "outdoors",
                        "type": "welcome", "notes": "Walked by the river."},
                        person_id=pid)
                sync_ops.sync_now(pusher)
                rounds[0] += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    # and, between the new laptop's pages, the awkward cases happen for certain: a record
    # already received is edited, one not received yet is edited, a person is erased and
    # another moved to another team, half of their records received
    pages = [0]

    def interventions() -> None:
        editor.update(edited_early, {"preferred_name": "Changed after sending"})
        editor.update(edited_late, {"review_on": "2027-01-05"})
        sync_ops.sync_now(editor)
        server_admin.erase_person(server.engine, person_id=erased)
        server_admin.transfer(server.engine, moved, team="South")

    new = laptops.new("new", username="nia", team="North")
    adapter = Recording(new)
    creds = adapter.credentials()
    assert creds is not None
    # the last write before the snapshot starts is to a person (a first kind), so the
    # snapshot's point is not the number of the last record it sends
    editor.update(people[1][1], {"family_name": "Edited before"})
    sync_ops.sync_now(editor)
    thread = threading.Thread(target=keep_pushing)
    try:
        with HttpClient.from_credentials(creds) as http:
            real = http.snapshot

            def snapshot(**kw: Any) -> Any:
                pages[0] += 1
                if pages[0] == 3:
                    interventions()
                page = real(**kw)
                if pages[0] == 1:
                    thread.start()      # pushes from now on, during the snapshot
                return page

            http.snapshot = snapshot  # type: ignore[method-assign]
            # interrupted half way through the snapshot, then resumed
            with pytest.raises(SyncError):
                run_sync(adapter, http=http, page_size=PAGE,
                         cancelled=lambda: pages[0] >= 6)
            assert adapter.snapshot_position() is not None and adapter.cursor() == 0
            usable: list[int] = []
            run_sync(adapter, http=http, page_size=PAGE,
                     progress=lambda phase, done, total: usable.append(done)
                     if phase == "usable" else None)
            assert usable, "the first screens were never said to be usable"
    finally:
        stop.set()
        if thread.is_alive():
            thread.join()
    assert not errors
    run_sync(adapter, page_size=PAGE)       # whatever was pushed since: by the cursor
    assert adapter.snapshot_position() is None

    # the first screens' kinds came first, in order, then the rest
    ranks = [FIRST_KINDS.index(k) if k in FIRST_KINDS else len(FIRST_KINDS)
             for k in adapter.kinds]
    assert ranks == sorted(ranks) and ranks[-1] == len(FIRST_KINDS)

    # nothing received twice: each state (record, seq) once, and the snapshot's states at
    # or below its point, the cursor's above it
    states = [(seq, ident) for _how, seq, ident in adapter.applied]
    assert len(states) == len(set(states))
    point = max(seq for how, seq, _ in adapter.applied if how == "snapshot")
    assert all(seq > point for how, seq, _ in adapter.applied if how == "pull")
    assert any(how == "pull" for how, _seq, _ in adapter.applied)

    # nothing skipped: the laptop holds exactly the team's records as the server does,
    # each received in its latest state
    after = _server_state(server.engine, "North")
    received = {ident: seq for _how, seq, ident in adapter.applied}
    for rid, (_kind, _pid, _data, _clocks, _deleted, seq) in after.items():
        assert received.get(rid) == seq, rid
    assert _laptop_state(new) == {k: v[:5] for k, v in after.items()}
    assert rounds[0] >= 3
    assert erased not in _laptop_state(new) and moved not in _laptop_state(new)
    assert _laptop_state(new)[edited_early][2]["preferred_name"] == "Changed after sending"
    assert _laptop_state(new)[edited_late][2]["review_on"] == "2027-01-05"
    # and the new laptop ends where a laptop pulling everything in sequence order ends
    plain = laptops.new("plain", username="pia", team="North")
    plain_sync = StoreSync(plain)
    with HttpClient.from_credentials(plain_sync.credentials()) as http:  # type: ignore[arg-type]
        cursor, more = 0, True
        while more:
            page = http.pull(cursor, 50)
            plain_sync.apply_pulled(page.items, page.cursor)
            cursor, more = page.cursor, page.more
    assert _laptop_state(plain) == _laptop_state(new)


def test_an_older_server_without_snapshots_is_pulled_from_the_start(laptops, monkeypatch):
    """A server that answers 404 to a snapshot: the laptop pulls everything by cursor."""
    seed = laptops.new("seed", username="sam", team="North")
    for i in range(5):
        seed.create("person", {"given_name": f"P{i}"})
    sync_ops.sync_now(seed)
    new = laptops.new("new", username="nia", team="North")

    def no_snapshots(self: HttpClient, **_kw: Any) -> Any:
        raise SyncError("not_found", "Not found.", status=404)

    monkeypatch.setattr(HttpClient, "snapshot", no_snapshots)
    assert sync_ops.sync_now(new).pulled == 5
    assert new.count("person") == 5 and StoreSync(new).cursor() > 0


def test_pages_end_where_the_first_kinds_end(backend):
    """A page never mixes the first screens' kinds with the rest, so the laptop hears
    "usable" as soon as they are stored; an unknown position is refused."""
    import uuid

    from outreach.core.hlc import HybridClock
    from sync.protocol import Change
    from sync.server.errors import ApiError
    from sync.server.push import ServerClock, push
    from sync.server.snapshot import snapshot_page
    from tests.sync.server_helpers import server_device

    engine, settings = backend
    who = server_device(engine, settings, "sam", "North")
    clock = HybridClock(who.device_id)
    changes = []
    for i in range(3):
        pid = str(uuid.uuid4())
        changes.append(Change(change_id=str(uuid.uuid4()), record_id=pid, kind="person",
                              person_id=pid, op="upsert", fields={"given_name": f"P{i}"},
                              hlc=clock.tick()))
        changes.append(Change(change_id=str(uuid.uuid4()), record_id=str(uuid.uuid4()),
                              kind="conversation", person_id=pid, op="upsert", fields={
                                  "occurred_at": "2026-03-02T10:00:00+00:00",
                                  "setting": "outdoors", "type": "support",
                                  "notes": "Walked."}, hlc=clock.tick()))
    push(engine, settings, ServerClock(), who, changes)
    rows, at, step, after, more = snapshot_page(engine, settings, who, at=0, step="",
                                                after=0, limit=100)
    assert [r[3] for r in rows] == ["person"] * 3 and (step, after, more) == ("rest", 0, True)
    rows, at2, step, _after, more = snapshot_page(engine, settings, who, at=at, step=step,
                                                  after=after, limit=2)
    assert [r[3] for r in rows] == ["conversation"] * 2 and more and at2 == at
    with pytest.raises(ApiError):
        snapshot_page(engine, settings, who, at=at, step="nonsense", after=0, limit=2)
