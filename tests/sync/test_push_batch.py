"""The push's batched read and write (``sync/server/push.py``) on both backends.

PostgreSQL reads everything a batch needs in one statement and writes it in one statement
(records' JSON passed inside the batch's JSON); these tests check that what is stored is
exactly what the per-table path stores on SQLite, that the numbering is gapless and
matches the counter, and that a mixed batch (new records, updates, a conflict, a
duplicate, an erased person) is applied as one unit. Also: a pooled PostgreSQL
connection that died while idle is replaced, not handed to a request; and on PostgreSQL,
where the merge runs before the sequence lock, a record or person changed between the read
and the lock makes the push read and merge again under the lock.
"""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from sqlalchemy import select, text

from outreach.core.hlc import HybridClock
from sync.protocol import Change
from sync.server import admin, db
from sync.server.errors import ApiError
from sync.server.push import ServerClock, dumps, push
from sync.server.settings import Settings
from tests.sync.server_helpers import server_device

TRICKY = 'Quote " backslash \\ newline \n tab \t é ✓ \u2028 emoji 🙂 <b>&amp;</b>'


def _change(clock: HybridClock, *, kind: str, record_id: str, person_id: str | None,
            fields: dict, base: dict | None = None) -> Change:
    return Change(change_id=str(uuid.uuid4()), record_id=record_id, kind=kind,
                  person_id=person_id, op="upsert", fields=fields, base=base or {},
                  hlc=clock.tick())


def _stored(engine) -> dict[str, tuple]:
    r = db.records
    with engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(
            select(r.c.id, r.c.data, r.c.clocks, r.c.seq, r.c.version, r.c.team_id,
                   r.c.deleted))}


def test_stored_text_and_numbering_match_the_per_record_encoding(backend):
    engine, settings = backend
    who = server_device(engine, settings, "ana", "North")
    clock, server_clock = HybridClock(who.device_id), ServerClock()
    pid = str(uuid.uuid4())
    first = [_change(clock, kind="person", record_id=pid, person_id=pid,
                     fields={"given_name": "Ana", "contact_notes": TRICKY})]
    push(engine, settings, server_clock, who, first)
    again = [_change(clock, kind="person", record_id=pid, person_id=pid,
                     fields={"match_preference": TRICKY[::-1]})]
    push(engine, settings, server_clock, who, again)

    data, clocks, seq, version, team_id, deleted = _stored(engine)[pid]
    assert data == dumps({"given_name": "Ana", "contact_notes": TRICKY,
                          "match_preference": TRICKY[::-1]})
    assert clocks == dumps({"given_name": first[0].hlc, "contact_notes": first[0].hlc,
                            "match_preference": again[0].hlc})
    assert (seq, version, team_id, deleted) == (2, 2, who.team_id, False)
    with engine.connect() as conn:
        assert conn.execute(select(db.counters.c.value)).scalar_one() == 2


def test_mixed_batch_is_one_unit(backend):
    engine, settings = backend
    ana = server_device(engine, settings, "ana", "North")
    ben = server_device(engine, settings, "ben", "North")
    ca, cb, server_clock = HybridClock(ana.device_id), HybridClock(ben.device_id), \
        ServerClock()
    pid, gone = str(uuid.uuid4()), str(uuid.uuid4())
    person = _change(ca, kind="person", record_id=pid, person_id=pid,
                     fields={"given_name": "Sam", "contact_notes": "Calls after 5"})
    doomed = _change(ca, kind="person", record_id=gone, person_id=gone,
                     fields={"given_name": "Kit"})
    push(engine, settings, server_clock, ana, [person, doomed])
    admin.erase_person(engine, person_id=gone)
    stamp = person.hlc
    # ben edits the free text concurrently with ana (both based on the first stamp)
    push(engine, settings, server_clock, ana, [
        _change(ca, kind="person", record_id=pid, person_id=pid,
                fields={"contact_notes": "Samuel"}, base={"contact_notes": stamp})])
    new_ids = [str(uuid.uuid4()) for _ in range(30)]
    others = [_change(cb, kind="person", record_id=rid, person_id=rid,
                      fields={"given_name": f"P{i}"}) for i, rid in enumerate(new_ids)]
    batch = [
        person,                                                            # duplicate
        _change(cb, kind="person", record_id=pid, person_id=pid,
                fields={"contact_notes": "Sammy"}, base={"contact_notes": stamp}),  # conflict
        _change(cb, kind="person", record_id=gone, person_id=gone,
                fields={"family_name": "Lee"}),                            # erased
        *others,                                                           # new records
    ]
    acks = push(engine, settings, server_clock, ben, batch)
    assert [a.status for a in acks[:3]] == ["duplicate", "applied", "erased"]
    assert acks[1].conflicts == 1
    assert all(a.status == "applied" for a in acks[3:])

    stored = _stored(engine)
    assert gone not in stored
    seqs = sorted(v[2] for v in stored.values())
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))      # distinct, no gaps
    with engine.connect() as conn:
        assert conn.execute(select(db.counters.c.value)).scalar_one() == seqs[-1]
        conflicts = conn.execute(select(db.records.c.data).where(
            db.records.c.kind == "conflict")).scalars().all()
        logged = conn.execute(select(db.changes.c.change_id)).scalars().all()
    assert len(conflicts) == 1 and '"Samuel"' in conflicts[0] and '"Sammy"' in conflicts[0]
    assert batch[2].change_id not in logged and batch[1].change_id in logged


def test_refused_batch_stores_nothing(backend):
    engine, settings = backend
    north = server_device(engine, settings, "ana", "North")
    south = server_device(engine, settings, "sol", "South")
    cn, cs, server_clock = HybridClock(north.device_id), HybridClock(south.device_id), \
        ServerClock()
    theirs = str(uuid.uuid4())
    push(engine, settings, server_clock, south, [
        _change(cs, kind="person", record_id=theirs, person_id=theirs,
                fields={"given_name": "Mo"})])
    before = _stored(engine)
    mine = str(uuid.uuid4())
    with pytest.raises(ApiError):
        push(engine, settings, server_clock, north, [
            _change(cn, kind="person", record_id=mine, person_id=mine,
                    fields={"given_name": "Jo"}),
            _change(cn, kind="person", record_id=theirs, person_id=theirs,
                    fields={"family_name": "X"})])
    assert _stored(engine) == before


def test_dead_idle_connection_is_replaced(pg_url, monkeypatch):
    engine = db.make_engine(pg_url)
    try:
        with engine.connect() as doomed, engine.connect() as killer:    # two in the pool
            pid = doomed.execute(text("SELECT pg_backend_pid()")).scalar_one()
            doomed.rollback()
            killer.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            killer.commit()
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        for _ in range(3):                   # every pooled connection, dead or not
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


# -- PostgreSQL: the merge runs before the lock; a stale read is redone under it -----------
def _blocked_on_lock(engine, thread) -> None:
    """Wait until a push (on ``thread``) waits for the sequence lock held by the test."""
    for _ in range(500):
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = "
                                 "'advisory' AND NOT granted")).scalar_one():
                return
        assert thread.is_alive()
        thread.join(0.01)
    raise AssertionError("the push never waited for the sequence lock")


def _hold_lock_while(engine, push_call, write) -> list:
    """Run ``push_call`` on a thread while this test holds the sequence lock; once the
    push (read and merged already) waits for the lock, ``write`` changes what it read, the
    way another push or an admin would, and commits. Returns [acks] or [exception]."""
    out: list = []
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": db.SEQ_LOCK})
        t = threading.Thread(target=lambda: out.append(_catch(push_call)), daemon=True)
        t.start()
        _blocked_on_lock(engine, t)
        write(holder)
        holder.commit()
    t.join(30)
    return out


def _catch(fn):
    try:
        return fn()
    except Exception as exc:
        return exc


def test_record_changed_before_the_lock_is_merged_again(pg_url):
    engine, settings = db.make_engine(pg_url), Settings(db_url=pg_url)
    db.migrate(engine)
    try:
        who = server_device(engine, settings, "ana", "North")
        clock, server_clock = HybridClock(who.device_id), ServerClock()
        pid = str(uuid.uuid4())
        push(engine, settings, server_clock, who, [
            _change(clock, kind="person", record_id=pid, person_id=pid,
                    fields={"given_name": "Sam"})])
        later = _change(clock, kind="person", record_id=pid, person_id=pid,
                        fields={"family_name": "Ng"})
        other_stamp = clock.tick()

        def other_push(conn) -> None:      # what a concurrent push of the record writes
            seq = conn.execute(text("UPDATE counters SET value = value + 1 WHERE name = "
                                    "'seq' RETURNING value")).scalar_one()
            conn.execute(text("UPDATE records SET data = :d, clocks = :c, seq = :s, "
                              "version = version + 1 WHERE id = :id"), {
                "d": dumps({"given_name": "Sam", "pronouns": "they/them"}),
                "c": dumps({"given_name": "x", "pronouns": other_stamp}),
                "s": seq, "id": pid})

        out = _hold_lock_while(
            engine, lambda: push(engine, settings, server_clock, who, [later]), other_push)
        assert [a.status for a in out[0]] == ["applied"]
        data, clocks, seq, version, _team, _deleted = _stored(engine)[pid]
        assert json.loads(data) == {"given_name": "Sam", "pronouns": "they/them",
                                    "family_name": "Ng"}
        assert (seq, version) == (3, 3)
        with engine.connect() as conn:
            assert conn.execute(select(db.changes.c.change_id).where(
                db.changes.c.record_id == pid)).scalars().all().count(later.change_id) == 1
    finally:
        engine.dispose()


def test_person_moved_before_the_lock_is_refused(pg_url):
    engine, settings = db.make_engine(pg_url), Settings(db_url=pg_url)
    db.migrate(engine)
    try:
        who = server_device(engine, settings, "ana", "North")
        server_device(engine, settings, "sol", "South")
        clock, server_clock = HybridClock(who.device_id), ServerClock()
        pid, new = str(uuid.uuid4()), str(uuid.uuid4())
        push(engine, settings, server_clock, who, [
            _change(clock, kind="person", record_id=pid, person_id=pid,
                    fields={"given_name": "Sam"})])
        before = _stored(engine)
        batch = [_change(clock, kind="person", record_id=new, person_id=new,
                         fields={"given_name": "Kim"}),
                 _change(clock, kind="person", record_id=pid, person_id=pid,
                         fields={"family_name": "Ng"})]

        def transfer(conn) -> None:        # what admin.transfer writes (team only here)
            conn.execute(text("UPDATE persons SET team_id = (SELECT id FROM teams WHERE "
                              "name = 'South') WHERE person_id = :p"), {"p": pid})

        out = _hold_lock_while(
            engine, lambda: push(engine, settings, server_clock, who, batch), transfer)
        assert isinstance(out[0], ApiError) and out[0].code.value == "forbidden_record"
        assert _stored(engine) == before
    finally:
        engine.dispose()


def test_concurrent_pushes_of_the_same_records_converge(backend):
    """Six devices edit the same few records at once (PostgreSQL: reads go stale before
    the lock and are redone under it); every change is logged once, numbers are distinct,
    and each field ends with the value of its highest stamp."""
    engine, settings = backend
    server_clock = ServerClock()
    owner = server_device(engine, settings, "owner", "North")
    ids = [str(uuid.uuid4()) for _ in range(3)]
    oc = HybridClock(owner.device_id)
    push(engine, settings, server_clock, owner, [
        _change(oc, kind="person", record_id=i, person_id=i, fields={"given_name": "A"})
        for i in ids])
    devices = [server_device(engine, settings, f"dev{n}", "North") for n in range(6)]
    sent: list[Change] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def device(who, n: int) -> None:
        clock = HybridClock(who.device_id)
        try:
            for k in range(12):
                batch = [_change(clock, kind="person", record_id=rid, person_id=rid,
                                 fields={"pronouns": f"d{n}.{k}",
                                         "contact_notes": f"note {n}.{k}"})
                         for rid in ids]
                acks = push(engine, settings, server_clock, who, batch)
                assert all(a.status == "applied" for a in acks)
                with lock:
                    sent.extend(batch)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=device, args=(who, n)) for n, who in
               enumerate(devices)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    stored = _stored(engine)
    for rid in ids:
        mine = [c for c in sent if c.record_id == rid]
        last = max(mine, key=lambda c: c.hlc)
        data = json.loads(stored[rid][0])
        assert data["pronouns"] == last.fields["pronouns"]
        assert data["contact_notes"] == last.fields["contact_notes"]
    with engine.connect() as conn:
        logged = conn.execute(select(db.changes.c.change_id)).scalars().all()
        seqs = conn.execute(select(db.records.c.seq)).scalars().all()
    assert len(logged) == len(set(logged)) == len(sent) + len(ids)
    assert len(seqs) == len(set(seqs))
