"""The pull cursor never skips a change that commits after a later-numbered one.

Concurrent pushers and pullers run against a real PostgreSQL (and SQLite); every puller
must end having seen every record pushed, exactly in increasing ``seq`` order.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import text

from outreach.core.hlc import HybridClock
from sync.protocol import Change
from sync.server import db
from sync.server.pull import pull
from sync.server.push import ServerClock, push
from sync.server.sequence import lock_sequence, reserve
from sync.server.settings import Settings
from tests.sync.server_helpers import server_device as _device


def _new_person(clock: HybridClock) -> Change:
    rid = str(uuid.uuid4())
    return Change(change_id=str(uuid.uuid4()), record_id=rid, kind="person", person_id=rid,
                  op="upsert", fields={"given_name": "Sam"}, base={}, hlc=clock.tick())


@pytest.fixture
def backend(db_url):
    settings = Settings(db_url=db_url, audit_reads=False)
    engine = db.make_engine(db_url)
    db.migrate(engine)
    yield engine, settings
    engine.dispose()


def test_concurrent_pushers_and_pullers_never_skip(backend):
    engine, settings = backend
    server_clock = ServerClock()
    pushers = [_device(engine, settings, f"pusher{i}", "North") for i in range(4)]
    readers = [_device(engine, settings, f"reader{i}", "North") for i in range(2)]
    pushed: set[str] = set()
    pushed_lock = threading.Lock()
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[list[int]] = [[] for _ in readers]
    ids_seen: list[set[str]] = [set() for _ in readers]

    def pusher(who) -> None:
        clock = HybridClock(who.device_id)
        try:
            for _ in range(20):
                batch = [_new_person(clock) for _ in range(3)]
                push(engine, settings, server_clock, who, batch)
                with pushed_lock:
                    pushed.update(c.record_id for c in batch)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def puller(i: int, who) -> None:
        cursor = 0
        try:
            while True:
                finished = done.is_set()
                page = pull(engine, settings, who, cursor=cursor, limit=4)
                for item in page.items:
                    seen[i].append(item.seq)
                    ids_seen[i].add(item.record.id)
                cursor = page.cursor
                if finished and not page.more:
                    break
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=puller, args=(i, r)) for i, r in enumerate(readers)]
    writers = [threading.Thread(target=pusher, args=(p,)) for p in pushers]
    for t in threads + writers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in threads:
        t.join()
    assert not errors
    assert len(pushed) == 4 * 20 * 3
    for i in range(len(readers)):
        assert ids_seen[i] == pushed
        assert seen[i] == sorted(seen[i]) and len(set(seen[i])) == len(seen[i])


def test_a_later_push_waits_for_an_earlier_uncommitted_one(backend):
    """While one transaction holds sequence numbers uncommitted, no later number commits."""
    engine, settings = backend
    who = _device(engine, settings, "sam", "North")
    clock = HybridClock(who.device_id)
    conn = engine.connect()
    trans = conn.begin()
    lock_sequence(conn)
    early = reserve(conn, 1)
    finished = threading.Event()

    def later() -> None:
        push(engine, settings, ServerClock(), who, [_new_person(clock)])
        finished.set()

    thread = threading.Thread(target=later)
    thread.start()
    thread.join(timeout=0.5)
    assert not finished.is_set()            # it waits for the earlier transaction
    page = pull(engine, settings, who, cursor=0, limit=10)
    assert page.items == []                 # nothing numbered after `early` is visible
    trans.commit()
    conn.close()
    thread.join()
    assert finished.is_set()
    page = pull(engine, settings, who, cursor=0, limit=10)
    assert [item.seq for item in page.items] == [early + 1]


def test_migrated_schema_matches_the_tables(backend):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine, _settings = backend
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        versions = set(conn.execute(text("SELECT version_num FROM alembic_version")
                                    ).scalars())
    assert diff == []
    assert versions == _heads() and "0006_snapshot" in versions


def _heads() -> set[str]:
    """Every head of the migration scripts (``db.migrate`` upgrades to all of them)."""
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    return set(ScriptDirectory.from_config(cfg).get_heads())
