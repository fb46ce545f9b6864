"""Network faults: a proxy between laptops and server cuts requests and responses, delays,
stalls past the client's timeout and drops answers after the server committed. Sync is
repeated until it completes; afterwards no change is lost or applied twice, and the
laptops are identical."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from outreach.ops import sync as sync_ops
from outreach.store import outbox
from sync.server import db
from tests.reliability.conftest import (
    new_laptop,
    outbox_ids,
    setup_user,
    snapshot,
    sync_until_done,
)
from tests.reliability.fault_proxy import FaultProxy, Schedule

FAULTY = {"pass": 0.55, "delay": 0.1, "cut_request": 0.1, "cut_response": 0.1,
          "drop_response": 0.12, "stall": 0.03}


def _upstream(server) -> tuple[str, int]:
    parts = urlsplit(server.url)
    return parts.hostname or "127.0.0.1", int(parts.port or 0)


def _server_changes(server) -> list[str]:
    with server.engine.connect() as conn:
        return list(conn.execute(select(db.changes.c.change_id)).scalars())


def _writes_audited(server) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(db.audit)
                                .where(db.audit.c.action == "write")).scalar_one())


def _caseload(store, tag: str, people: int) -> list[tuple[str, str]]:
    """``people`` persons each with a care plan and a conversation; (person, plan) ids."""
    made = []
    for i in range(people):
        person = store.create("person", {"given_name": f"{tag}{i}", "family_name": "Faulty"})
        plan = store.create("care_plan", {"what_matters": f"{tag} matters {i}"},
                            person_id=person["id"])
        store.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                      "setting": "outdoors", "type": "support",
                                      "notes": f"{tag} talked {i} " * 20},
                     person_id=person["id"])
        made.append((person["id"], plan["id"]))
    return made


def test_sync_through_a_faulty_network_loses_and_duplicates_nothing(sqlite_server, tmp_path):
    srv = sqlite_server
    with FaultProxy(_upstream(srv), Schedule(seed=20260302, weights=FAULTY),
                    stall=1.2) as proxy:
        proxy.enabled = False          # enrollment goes through cleanly
        stores = []
        for name in ("alice", "bob"):
            code = setup_user(srv.engine, srv.settings, name, team="North")
            store = new_laptop(tmp_path, name, user=name)
            sync_ops.enroll(store, server_url=proxy.url, code=code)
            stores.append(store)
        a, b = stores
        try:
            proxy.enabled = True
            sent: set[str] = set()
            small = {"batch_size": 15, "page_size": 20, "timeout": 1.0}

            made = _caseload(a, "A", 30)
            sent |= outbox_ids(a)
            _stats, failed_a = sync_until_done(a, **small)
            assert outbox.pending_count(a) == 0
            _stats, failed_b = sync_until_done(b, **small)
            assert b.count("person") == 30 and b.count("conversation") == 30

            # Both edit the same free text offline (a conflict), and add more.
            _person, plan = made[0]
            a.update(plan, {"what_matters": "Swimming in the lido"})
            b.update(plan, {"what_matters": "Singing in the choir"})
            _caseload(b, "B", 10)
            sent |= outbox_ids(a) | outbox_ids(b)
            more = 0
            for store in (b, a, b, a):
                more += sync_until_done(store, **small)[1]

            # Nothing lost: every change any laptop wrote reached the server...
            on_server = _server_changes(srv)
            assert set(on_server) == sent
            # ...and nothing applied twice (each change id once, one write audited each).
            assert len(on_server) == len(sent) == _writes_audited(srv)
            assert outbox.pending_count(a) == outbox.pending_count(b) == 0
            assert snapshot(a) == snapshot(b)
            assert a.count("person") == 40 and a.count("conversation") == 40
            (conflict,) = [c for c in a.query("conflict") if c["status"] == "open"]
            assert {v["value"] for v in conflict["versions"]} == {
                "Swimming in the lido", "Singing in the choir"}

            # The schedule really exercised every fault, and syncs really failed.
            seen = Counter(proxy.faults())
            assert all(seen[f] for f in FAULTY), seen
            assert failed_a + failed_b + more > 0
        finally:
            for s in stores:
                s.close()


def test_an_answer_dropped_after_commit_is_acknowledged_as_a_duplicate(sqlite_server,
                                                                       tmp_path):
    """The server applies a push, the answer is lost; the retry is acked, not re-applied."""
    srv = sqlite_server
    with FaultProxy(_upstream(srv)) as proxy:
        proxy.enabled = False
        code = setup_user(srv.engine, srv.settings, "cara", team="North")
        store = new_laptop(tmp_path, "cara", user="cara")
        try:
            sync_ops.enroll(store, server_url=proxy.url, code=code)
            for i in range(5):
                store.create("person", {"given_name": f"Dropped{i}"})
            ids = outbox_ids(store)
            proxy.schedule = Schedule(script=["drop_response", "cut_response"])
            proxy._n = 0
            proxy.enabled = True
            stats, failures = sync_until_done(store, retries=0)
            assert failures == 2
            assert stats.duplicates == 5 and stats.pushed == 0
            assert set(_server_changes(srv)) == ids
            assert _writes_audited(srv) == 5
            assert outbox.pending_count(store) == 0
        finally:
            store.close()


def test_a_pull_cut_midway_resumes_without_gaps(sqlite_server, tmp_path):
    """Pages cut and dropped mid-pull: the cursor only moves with applied data."""
    srv = sqlite_server
    with FaultProxy(_upstream(srv)) as proxy:
        proxy.enabled = False
        stores = []
        for name in ("dev", "eve"):
            code = setup_user(srv.engine, srv.settings, name, team="North")
            store = new_laptop(tmp_path, name, user=name)
            sync_ops.enroll(store, server_url=proxy.url, code=code)
            stores.append(store)
        d, e = stores
        try:
            _caseload(d, "D", 25)
            sync_until_done(d)
            # e: push (nothing), then pull pages of 10: the 3rd page is cut, the 5th dropped.
            proxy.schedule = Schedule(script=["pass", "pass", "pass", "cut_response",
                                              "pass", "drop_response"])
            proxy._n = 0
            proxy.enabled = True
            _stats, failures = sync_until_done(e, page_size=10, retries=0)
            assert failures == 2
            assert snapshot(d) == snapshot(e)
            assert e.count("person") == 25
        finally:
            for s in stores:
                s.close()


def test_enrollment_whose_answer_is_lost_can_be_retried(sqlite_server, tmp_path):
    """The server enrolled the laptop but the answer never arrived: asking again with the
    same code from the same laptop gets a fresh credential (the lost one stops working);
    another laptop still cannot reuse the code."""
    srv = sqlite_server
    with FaultProxy(_upstream(srv), Schedule(script=["drop_response", "cut_response"])) \
            as proxy:
        code = setup_user(srv.engine, srv.settings, "fay", team="North")
        store = new_laptop(tmp_path, "fay", user="fay")
        other = new_laptop(tmp_path, "other", user="fay")
        try:
            sync_ops.enroll(store, server_url=proxy.url, code=code)   # retried inside
            assert proxy.faults()[:3] == ["drop_response", "cut_response", "pass"]
            store.create("person", {"given_name": "Enrolled"})
            assert sync_ops.sync_now(store).pushed == 1
            with pytest.raises(sync_ops.SyncFailed) as refused:
                sync_ops.enroll(other, server_url=srv.url, code=code)
            assert refused.value.code == "code_used"
            with srv.engine.connect() as conn:
                assert conn.execute(select(func.count()).select_from(db.devices)
                                    ).scalar_one() == 1
        finally:
            store.close()
            other.close()
