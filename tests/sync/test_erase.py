"""Erasure on request: the server deletes every record of a person, every laptop of their
team removes them at its next sync, and a late push never brings them back."""

from __future__ import annotations

import io
import time
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.search import search
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError, run_sync
from sync.server import db

NAME, NOTE, LATE_EDIT = "Zephyrine", "Quokkaberry", "Marmalade"   # only the erased person's


def _http(store: Any) -> HttpClient:
    creds = StoreSync(store).credentials()
    assert creds is not None
    return HttpClient.from_credentials(creds, retries=0)


def _held(store: Any, person_id: str) -> int:
    return int(store.execute("SELECT count(*) FROM records WHERE person_id = ? OR id = ?",
                             (person_id, person_id)).fetchone()[0])


def _server_text(engine: Any) -> str:
    """Every row of every server table, as one text (to look for personal data in)."""
    with engine.connect() as conn:
        return "\n".join(repr(row) for table in db.metadata.sorted_tables
                         for row in conn.execute(select(table)))


def _person_with_records(store: Any) -> str:
    person = store.create("person", {"given_name": NAME})
    store.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                  "setting": "outdoors", "type": "support",
                                  "notes": f"Talked about {NOTE} picnics"},
                 person_id=person["id"])
    store.create("care_plan", {"what_matters": f"{NOTE} jam"}, person_id=person["id"])
    return str(person["id"])


def test_erase_removes_the_person_from_the_server_and_every_laptop(laptops):
    boss = laptops.new("boss", username="bea", team="North", admin=True)
    a = laptops.new("a", username="ann", team="North")
    b = laptops.new("b", username="ben", team="North")
    rival = laptops.new("r", username="rex", team="South", admin=True)
    pid = _person_with_records(a)
    kept = a.create("person", {"given_name": "Keeper"})
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    assert _held(b, pid) == 3 and search(b, NOTE)
    b.update(pid, {"preferred_name": LATE_EDIT})       # an offline edit, not pushed yet
    assert outbox.pending_count(b) == 1
    engine = laptops.server.engine

    with _http(rival) as http, pytest.raises(SyncError) as other_team:
        http.admin_erase(pid)
    assert other_team.value.status == 404
    with _http(a) as http, pytest.raises(SyncError) as not_admin:
        http.admin_erase(pid)
    assert (not_admin.value.status, not_admin.value.code) == (403, "forbidden")
    with engine.connect() as conn:                      # refused: nothing was erased
        assert conn.execute(select(db.records.c.id).where(
            db.records.c.person_id == pid)).first() is not None

    with _http(boss) as http:
        answer = http.admin_erase(pid)
    assert (answer.person_id, answer.records) == (pid, 3)
    with _http(boss) as http, pytest.raises(SyncError) as again:
        http.admin_erase(pid)
    assert again.value.status == 404

    assert sync_ops.sync_now(a).evicted == 1
    stats = run_sync(StoreSync(b))                      # pushes the offline edit first
    assert (stats.erased, stats.pushed, stats.evicted) == (1, 0, 1)
    for store in (a, b):
        assert _held(store, pid) == 0
        assert store.get(pid) is None
        for word in (NAME, NOTE, LATE_EDIT):
            assert search(store, word) == []
        assert outbox.pending_count(store) == 0
        assert store.require(kept["id"])["given_name"] == "Keeper"
    assert store.execute("SELECT count(*) FROM search").fetchone()[0] >= 1   # Keeper's row

    with engine.connect() as conn:
        assert conn.execute(select(db.records.c.id).where(
            db.records.c.person_id == pid)).first() is None
        assert conn.execute(select(db.persons).where(
            db.persons.c.person_id == pid)).first() is None
        erase_rows = conn.execute(select(db.audit.c.user_id, db.audit.c.device_id)
                                  .where(db.audit.c.action == "erase",
                                         db.audit.c.record_id == pid)).all()
        bea = conn.execute(select(db.users.c.id).where(db.users.c.username == "bea")
                           ).scalar()
    assert erase_rows == [(bea, boss.device_id)]
    text = _server_text(engine)
    for word in (NAME, NOTE, LATE_EDIT):
        assert word not in text
    assert "Keeper" in text


def test_a_late_push_for_an_erased_person_is_acknowledged_and_never_applied(laptops):
    boss = laptops.new("boss", username="bea", team="North", admin=True)
    a = laptops.new("a", username="ann", team="North")
    pid = _person_with_records(a)
    sync_ops.sync_now(a)
    with _http(boss) as http:
        http.admin_erase(pid)
    stamp = f"{int(time.time() * 1000):013d}-0000-late"
    changes = [{"change_id": str(uuid.uuid4()), "record_id": pid, "kind": "person",
                "person_id": pid, "op": "upsert", "fields": {"given_name": NAME},
                "hlc": stamp},
               {"change_id": str(uuid.uuid4()), "record_id": str(uuid.uuid4()),
                "kind": "care_plan", "person_id": pid, "op": "upsert",
                "fields": {"what_matters": LATE_EDIT}, "hlc": stamp}]
    with _http(a) as http:
        first = http.push(changes)
        again = http.push(changes)                       # a retried batch: same answer
    assert [ack.status for ack in first.acks] == ["erased", "erased"]
    assert [ack.status for ack in again.acks] == ["erased", "erased"]
    sync_ops.sync_now(a)
    assert _held(a, pid) == 0 and search(a, NAME) == []
    sync_ops.sync_now(boss)
    assert _held(boss, pid) == 0
    text = _server_text(laptops.server.engine)
    assert NAME not in text and LATE_EDIT not in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_server_cli_erase_asks_first(laptops, db_url, monkeypatch, capsys):
    from sync.server.cli import main

    a = laptops.new("a", username="ann", team="North")
    pid = _person_with_records(a)
    sync_ops.sync_now(a)
    assert main(["admin", "erase", pid, "--db", db_url]) == 1     # no terminal, no --yes
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _Terminal("no\n"))
    assert main(["admin", "erase", pid, "--db", db_url]) == 1
    assert "Nothing was erased" in capsys.readouterr().out
    with laptops.server.engine.connect() as conn:
        assert conn.execute(select(db.records.c.id).where(
            db.records.c.person_id == pid)).first() is not None
    monkeypatch.setattr("sys.stdin", _Terminal("yes\n"))
    assert main(["admin", "erase", pid, "--db", db_url]) == 0
    assert "3 records deleted" in capsys.readouterr().out
    assert main(["admin", "erase", pid, "--yes", "--db", db_url]) == 1
    assert "erased already" in capsys.readouterr().err
    assert main(["admin", "erase", str(uuid.uuid4()), "--yes", "--db", db_url]) == 1
    assert sync_ops.sync_now(a).evicted == 1
    assert _held(a, pid) == 0
