"""Sync budgets: the first full pull of 100,000 changes (against writing the same rows
straight into SQLCipher), a routine sync of 100 changes each way, and server push
throughput and p95 latency with 50 concurrent devices on PostgreSQL, with one and with two
server processes.

Everything is real: a throwaway PostgreSQL (``bench/pg.py``), the server in its own
process(es) on loopback (``python -m bench.pg serve``: ``outreach-server serve``
with the per-address rate limit lifted, since every simulated device shares 127.0.0.1),
laptops that are encrypted profiles enrolled with one-time codes, and the production sync
code on both ends. The changes are the outbox of the benchmark caseload
(``bench/dataset.py``): a laptop that has written 10,000 people and never synced
(synthetic data only).
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import Result, median, percentile, timed
from bench.pg import start_server, throwaway_postgres

CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = "benchmark passphrase, synthetic data only"
FAST_KDF = {"name": "argon2id", "memory_cost": 8 * 1024, "iterations": 1, "lanes": 1}
PULL_CHANGES = 100_000
PUSH_DEVICES, PUSH_BATCH, PUSH_ROUNDS = 50, 20, 10


# -- the changes: a headless laptop's outbox, cached ------------------------------------------
def source_changes(count: int) -> list[dict[str, Any]]:
    """The first ``count`` outbox changes of the cached benchmark caseload (built if
    missing): a laptop that has never synced holds every record it wrote in its outbox,
    in the order it wrote them, so this is whole people, each with their whole record."""
    from bench.dataset import PASSPHRASE as CASELOAD_PASSPHRASE
    from bench.dataset import ensure_dataset
    from outreach.store import outbox

    store = ensure_dataset().unlock(CASELOAD_PASSPHRASE)
    try:
        changes = outbox.pending(store, limit=count)
    finally:
        store.close()
    if len(changes) < count:
        raise RuntimeError(f"the benchmark caseload holds {len(changes)} changes, not {count}")
    return changes


@dataclass
class Org:
    """The server's database, administered in-process (teams, users, enrollment codes)."""

    db_url: str
    engine: Any = None

    def __post_init__(self) -> None:
        from sync.server import db

        self.engine = db.make_engine(self.db_url)
        db.migrate(self.engine)

    def user(self, username: str, *, team: str) -> None:
        from sync.server import admin

        try:
            admin.create_team(self.engine, team)
        except admin.AdminError:
            pass
        # (role admin: the benchmark's caseloads include the service directory)
        admin.create_user(self.engine, team=team, username=username, role="admin")

    def code(self, username: str) -> str:
        from sync.server import admin
        from sync.server.settings import Settings

        return admin.issue_enroll_code(self.engine, Settings(db_url=self.db_url), username)[0]

    def device_token(self, username: str, *, team: str) -> str:
        """Enroll a simulated device for a new user; returns its bearer token."""
        from sync.server import admin
        from sync.server.settings import Settings

        self.user(username, team=team)
        resp = admin.enroll(self.engine, Settings(db_url=self.db_url),
                            code=self.code(username), device_id=str(uuid.uuid4()),
                            device_name="bench", client="127.0.0.1")
        return resp.token

    def laptop(self, folder: Path, url: str, username: str, *, team: str) -> Any:
        """A fresh encrypted profile, enrolled."""
        from outreach.ops import sync as sync_ops
        from outreach.store.profile import Profile

        self.user(username, team=team)
        store = Profile(folder, username, vault_options={"kdf_params": FAST_KDF}).create(
            PASSPHRASE, user=username)
        sync_ops.enroll(store, server_url=url, code=self.code(username))
        return store

    def close(self) -> None:
        self.engine.dispose()


def unclaimed(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One laptop's outbox sent by another (simulated) device: without the ``device`` it
    names, which the server refuses from anyone else (``sync/server/scope.py``)."""
    return [{**ch, "device": ""} for ch in changes]


def push_all(url: str, token: str, changes: list[dict[str, Any]], *, batch: int) -> None:
    from sync.client import HttpClient

    with HttpClient(url, token=token) as http:
        for i in range(0, len(changes), batch):
            http.push(unclaimed(changes[i:i + batch]))


# -- 1 and 2: first full pull, routine sync ---------------------------------------------------
def direct_write_ms(rows: list[tuple[Any, ...]], folder: Path) -> tuple[float, float]:
    """Write ``rows`` (records as the laptop holds them) into a fresh SQLCipher profile in
    one transaction with the store's own SQL: the record insert and its search index row.
    Returns wall and CPU milliseconds."""
    from outreach.store.profile import Profile

    store = Profile(folder, "direct", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="bench.direct")
    values = [json.loads(r[3]) for r in rows]
    try:
        def write() -> None:
            with store.transaction() as c:
                for row, vals in zip(rows, values, strict=True):
                    cur = c.execute(
                        "INSERT INTO records(id, kind, person_id, data, clocks, created_at, "
                        "created_by, updated_at, updated_by, device_id, version, deleted) "
                        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", row)
                    store._index(cur.lastrowid, row[1], vals, replace=False)
        cpu = time.process_time()
        ms, _ = timed(write)
        cpu = time.process_time() - cpu
    finally:
        store.close()
    return ms, cpu * 1000


LAPTOP_ROWS = ("SELECT id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
               "updated_by, device_id, version, deleted FROM records ORDER BY rid")


def _conversations(store: Any, count: int, *, round_: int) -> None:
    """``count`` new conversations on people the laptop holds, in one transaction (the
    laptop's own write path: record, outbox change, search index)."""
    import datetime as dt

    people = [r[0] for r in store.execute(
        "SELECT id FROM records WHERE kind = 'person' ORDER BY id LIMIT 500")]
    when = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=round_)
    with store.transaction():
        for i in range(count):
            store.create("conversation", {
                "occurred_at": (when + dt.timedelta(minutes=i)).isoformat(),
                "setting": "community_venue", "type": "support",
                "notes": f"Talked about the allotment and the walking group ({round_}.{i}); "
                         "sleeping a bit better since the benefits letter was sorted."},
                person_id=people[(i * 7 + round_) % len(people)])


def _people(store: Any, count: int) -> None:
    with store.transaction():
        for i in range(count):
            store.create("person", {"given_name": f"Robin{i}", "family_name": "Bench"})


def push_outbox(store: Any, url: str) -> int:
    """Push a laptop's outbox the way the engine does (batch, acknowledge), no pull."""
    from outreach.store.syncstore import StoreSync
    from sync.client import HttpClient

    adapter = StoreSync(store)
    creds = adapter.credentials()
    assert creds is not None
    sent = 0
    with HttpClient.from_credentials(creds) as http:
        while batch := adapter.outbox_batch(500):
            resp = http.push(batch)
            adapter.acknowledge([a.change_id for a in resp.acks])
            sent += len(batch)
    return sent


def _preload(url: str, token: str) -> float:
    """Push the source changes in batches of 1000; milliseconds taken. The changes are
    dropped on return: a laptop does not hold 100,000 change dicts while it pulls, and
    alive they would make every garbage collection during the pull walk them."""
    changes = source_changes(PULL_CHANGES)
    started = time.perf_counter()
    push_all(url, token, changes, batch=1000)
    ms = (time.perf_counter() - started) * 1000
    changes.clear()
    gc.collect()
    return ms


def bench_pull_and_routine() -> Result:
    """Preload 100,000 changes on PostgreSQL, pull them onto a fresh laptop, compare with
    the direct write; then routine syncs of 100 changes each way on top of that."""
    from outreach.ops.sync import sync_now

    res = Result("sync", params={"changes": PULL_CHANGES, "server": "PostgreSQL, own process",
                                 "load_before": round(os.getloadavg()[0], 2)})
    with throwaway_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        org = Org(pg.new_database())
        server = start_server(org.db_url)
        laptops: list[Any] = []
        try:
            loader = org.device_token("bench.loader", team="north")
            ms = _preload(server.url, loader)
            res.add(f"preload: push {PULL_CHANGES:,} changes in batches of 1000", ms / 1000,
                    "s", note=f"{PULL_CHANGES / ms * 1000:.0f} changes/s")

            # 1. the first full pull onto a fresh laptop, against the direct write
            a = org.laptop(Path(tmp), server.url, "bench.a", team="north")
            laptops.append(a)
            cpu, server_cpu = time.process_time(), server.cpu_seconds()
            pull_ms, result = timed(lambda: sync_now(a))
            pull_cpu = (time.process_time() - cpu) * 1000
            server_cpu = server.cpu_seconds() - server_cpu
            rows = a.execute(LAPTOP_ROWS).fetchall()
            direct_ms, direct_cpu = direct_write_ms(rows, Path(tmp))
            res.params["records_pulled"] = result.pulled
            res.add(f"first full pull of {result.pulled:,} records (sync_now)",
                    pull_ms / 1000, "s", note=f"laptop CPU {pull_cpu / 1000:.1f} s, "
                    f"server process CPU {server_cpu:.1f} s")
            res.add("the same rows straight into SQLCipher (one transaction)",
                    direct_ms / 1000, "s", note=f"CPU {direct_cpu / 1000:.1f} s")
            res.add("first full pull / direct write", pull_ms / direct_ms, "x", budget=2.0,
                    note=f"laptop CPU ratio {pull_cpu / direct_cpu:.2f}")

            # 2. routine sync: laptop A has 100 changes to push, B sent 100 to pull
            b = org.laptop(Path(tmp), server.url, "bench.b", team="north")
            laptops.append(b)
            _people(b, 10)
            times = []
            for round_ in range(5):
                _conversations(a, 100, round_=round_)
                _conversations(b, 100 if round_ else 90, round_=round_)
                push_outbox(b, server.url)
                ms, result = timed(lambda: sync_now(a))
                if result.pushed != 100 or result.pulled < 100:
                    raise RuntimeError(f"routine sync moved {result.pushed} up and "
                                       f"{result.pulled} down, not 100 each way")
                times.append(ms)
            res.add("routine sync, 100 changes each way, median of 5", median(times), "ms",
                    budget=1000, note=f"max {max(times):.0f} ms; the server holds "
                    f"{PULL_CHANGES:,} records")
        finally:
            for s in laptops:
                if not s.closed:
                    s.close()
            server.stop()
            org.close()
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res


# -- 3. 50 devices pushing at once ------------------------------------------------------------
def _device_workloads(changes: list[dict[str, Any]], devices: int,
                      per_device: int) -> list[list[dict[str, Any]]]:
    """Each device gets whole people (their changes in order), ``per_device`` changes."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for ch in changes:
        pid = ch["record_id"] if ch["kind"] == "person" else ch["person_id"]
        if pid:
            by_person.setdefault(pid, []).append(ch)
    work: list[list[dict[str, Any]]] = [[] for _ in range(devices)]
    people = iter(unclaimed(p) for p in by_person.values())
    for load in work:
        while len(load) < per_device:
            load.extend(next(people))
        del load[per_device:]
    return work


def _push_round_robin(urls: list[str], tokens: list[str],
                      work: list[list[dict[str, Any]]]) -> tuple[float, list[float], int]:
    """Every device pushes its changes in batches, all at once; device i talks to server
    ``i % len(urls)``. Returns wall seconds, request latencies (ms) and failures."""
    from sync.client import HttpClient, SyncError

    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    start = threading.Barrier(len(work) + 1)

    def device(i: int) -> None:
        mine: list[float] = []
        with HttpClient(urls[i % len(urls)], token=tokens[i], timeout=120) as http:
            http.health()                     # connect before the clock starts
            start.wait()
            for j in range(0, len(work[i]), PUSH_BATCH):
                t0 = time.perf_counter()
                try:
                    http.push(work[i][j:j + PUSH_BATCH])
                except SyncError:
                    with lock:
                        failures[0] += 1
                mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=device, args=(i,), daemon=True)
               for i in range(len(work))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies, failures[0]


def bench_push50() -> Result:
    """50 simulated devices (10 per team, 5 teams) push 200 changes each in batches of 20,
    concurrently, to PostgreSQL through one, then two server processes."""
    per_device = PUSH_BATCH * PUSH_ROUNDS
    res = Result("push50", params={"devices": PUSH_DEVICES, "batch": PUSH_BATCH,
                                   "rounds": PUSH_ROUNDS, "database": "PostgreSQL",
                                   "load_before": round(os.getloadavg()[0], 2)})
    changes = source_changes(2 * PUSH_DEVICES * per_device + 2000)
    work = _device_workloads(changes, 2 * PUSH_DEVICES, per_device)
    with throwaway_postgres() as pg:
        for n_servers in (1, 2):
            org = Org(pg.new_database())
            servers = [start_server(org.db_url) for _ in range(n_servers)]
            try:
                tokens = [org.device_token(f"bench.d{i}", team=f"team{i % 5}")
                          for i in range(PUSH_DEVICES)]
                mine = work[(n_servers - 1) * PUSH_DEVICES:n_servers * PUSH_DEVICES]
                cpu = sum(s.cpu_seconds() for s in servers)
                wall, lat, failed = _push_round_robin([s.url for s in servers], tokens, mine)
                cpu = sum(s.cpu_seconds() for s in servers) - cpu
            finally:
                for srv in servers:
                    srv.stop()
                org.close()
            total = sum(len(w) for w in mine)
            label = "1 server process" if n_servers == 1 else "2 server processes"
            res.add(f"{label}: throughput", total / wall, "ch/s",
                    note=f"{total:,} changes in {wall:.1f} s, {failed} failed requests; "
                    f"server CPU {cpu:.1f} s ({cpu * 1000 / (total / PUSH_BATCH):.1f} ms "
                    "a request)")
            res.add(f"{label}: push latency p50", percentile(lat, 50), "ms")
            res.add(f"{label}: push latency p95", percentile(lat, 95), "ms")
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res
