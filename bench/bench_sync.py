"""Sync budgets: the first full pull of 100,000 changes (against writing the same rows
at the machine's limit, ``bench/bench_limit.py``, measured in the same run), a routine
sync of 100 changes each way, and server push throughput and p95 latency with 50
concurrent devices on PostgreSQL, with one and with two server processes.

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
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.bench_limit import LAPTOP_ROWS, limit_write
from bench.common import Result, median, percentile, timed
from bench.pg import start_server, throwaway_postgres

CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = "benchmark passphrase, synthetic data only"
FAST_KDF = {"name": "argon2id", "memory_cost": 8 * 1024, "iterations": 1, "lanes": 1}
PULL_CHANGES = 100_000
LIMIT_RUNS = 2
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
            rows = [tuple(r) for r in a.execute(LAPTOP_ROWS)]
            limits = [limit_write(rows, Path(tmp)) for _ in range(LIMIT_RUNS)]
            rows.clear()
            limit_ms = median([x.wall_ms for x in limits])
            limit_cpu = median([x.cpu_ms for x in limits])
            res.params["records_pulled"] = result.pulled
            res.add(f"first full pull of {result.pulled:,} records (sync_now)",
                    pull_ms / 1000, "s", note=f"laptop CPU {pull_cpu / 1000:.1f} s, "
                    f"server process CPU {server_cpu:.1f} s")
            res.add("limit: the same rows, executemany into SQLCipher + FTS5 "
                    f"(median of {LIMIT_RUNS})", limit_ms / 1000, "s",
                    note=f"CPU {limit_cpu / 1000:.1f} s; bench/bench_limit.py")
            res.add("first full pull / limit", pull_ms / limit_ms, "x", budget=1.3,
                    note=f"laptop CPU ratio {pull_cpu / limit_cpu:.2f}")

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


# -- 4. first sync: usable long before it ends ------------------------------------------------
USABLE_REST = 60_000       # changes of the other kinds preloaded after the first screens'


def first_sync_changes() -> list[dict[str, Any]]:
    """Every change of the benchmark caseload's 10,000 people that the first screens need
    (``sync.server.snapshot.FIRST_KINDS``, and the service directory), plus the first
    :data:`USABLE_REST` changes of the other kinds (conversations, goals, measures ...),
    in the order they were written: a server holding the whole caseload's people, and
    enough of the rest that the snapshot goes on after the first screens' records."""
    import json

    from bench.dataset import PASSPHRASE as CASELOAD_PASSPHRASE
    from bench.dataset import ensure_dataset
    from outreach.store.outbox import FIELDS
    from sync.server.snapshot import FIRST_KINDS

    first = (*FIRST_KINDS, "service")
    marks = ",".join("?" * len(first))
    store = ensure_dataset().unlock(CASELOAD_PASSPHRASE)
    try:
        bound = store.execute(
            f"SELECT max(seq) FROM (SELECT seq FROM outbox WHERE kind NOT IN ({marks}) "
            "ORDER BY seq LIMIT ?)", (*first, USABLE_REST)).fetchone()[0]
        rows = store.execute(
            f"SELECT {', '.join(FIELDS)} FROM outbox WHERE kind IN ({marks}) OR seq <= ? "
            "ORDER BY seq", (*first, bound)).fetchall()
    finally:
        store.close()
    changes = []
    for row in rows:
        change = dict(zip(FIELDS, row, strict=True))
        change["fields"] = json.loads(change["fields"])
        change["base"] = json.loads(change["base"])
        changes.append(change)
    return changes


def _usable_after(store: Any, started: float, usable: threading.Event,
                  done: threading.Event) -> dict[str, Any]:
    """On this (a second) thread, as the app's screens do while the sync goes on: wait
    until the sync says the first screens' records are in, then read Today, the People
    list and one person's file through the ops the screens use. Returns the times."""
    from outreach.ops import people as people_ops
    from outreach.ops import today as today_ops

    while not usable.wait(0.05):
        if done.is_set():
            raise RuntimeError("the first sync ended without saying the screens are usable")
    at_usable = time.perf_counter()
    cpu = time.process_time()
    rows = people_ops.caseload(store)
    today_ops.today(store)
    people_ops.person_file(store, rows[len(rows) // 2].id)
    shown = time.perf_counter()
    return {"usable_s": at_usable - started, "shown_s": shown - started,
            "read_ms": (shown - at_usable) * 1000,
            "read_cpu_ms": (time.process_time() - cpu) * 1000, "people": len(rows)}


def bench_first_sync_usable() -> Result:
    """A laptop enrolling into a team whose server holds the benchmark caseload's 10,000
    people: time from the start of its first sync until Today, People and one person's
    file have been read through the ops the screens use (DESIGN.md: under 10 s). The
    sync is stopped once that is measured (the whole first sync is the "sync" benchmark's
    first full pull). ``BENCH_MEMORY_SECURITY=OFF`` runs it with SQLCipher's memory
    security off, for comparison (the result file is then ``first_sync-memsec-off``)."""
    import outreach.store.db
    from outreach.ops.sync import SyncFailed, sync_now

    # BENCH_MEMORY_SECURITY=OFF: SQLCipher's cipher_memory_security off, for comparison
    # (process-wide: set before any database is opened; the app ships with it ON)
    wanted = os.environ.get("BENCH_MEMORY_SECURITY", "").upper()
    if wanted in ("ON", "OFF"):
        outreach.store.db.MEMORY_SECURITY = wanted
    res = Result("first_sync", params={"server": "PostgreSQL, own process",
                                       "memory_security": outreach.store.db.MEMORY_SECURITY,
                                       "load_before": round(os.getloadavg()[0], 2)})
    changes = first_sync_changes()
    res.params["changes_preloaded"] = len(changes)
    with throwaway_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        org = Org(pg.new_database())
        server = start_server(org.db_url)
        store = None
        try:
            loader = org.device_token("bench.loader", team="north")
            t0 = time.perf_counter()
            push_all(server.url, loader, changes, batch=1000)
            res.add(f"preload: push {len(changes):,} changes (10,000 people)",
                    time.perf_counter() - t0, "s")
            changes.clear()
            gc.collect()
            store = org.laptop(Path(tmp), server.url, "bench.new", team="north")
            usable, done, stop = threading.Event(), threading.Event(), threading.Event()
            pulled, usable_cpu = [0], [0.0]

            def progress(phase: str, n: int, _total: int) -> None:
                if phase == "usable":
                    pulled[0] = n
                    usable_cpu[0] = time.process_time()
                    usable.set()

            def sync() -> None:
                try:
                    sync_now(store, progress=progress, cancelled=stop.is_set)
                except SyncFailed as exc:
                    if exc.code != "cancelled":
                        raise
                finally:
                    done.set()

            cpu, server_cpu = time.process_time(), server.cpu_seconds()
            started = time.perf_counter()
            worker = threading.Thread(target=sync, name="first-sync")
            worker.start()
            try:
                got = _usable_after(store, started, usable, done)
            finally:
                stop.set()
                worker.join()
            laptop_cpu = time.process_time() - cpu
            res.params["records_when_usable"] = pulled[0]
            res.add("first sync: first screens' records stored", got["usable_s"], "s",
                    note=f"{pulled[0]:,} records (people, care plans, risk flags, "
                    f"referrals, episodes); laptop CPU {usable_cpu[0] - cpu:.1f} s")
            res.add("first sync: Today, People and a person's file read", got["shown_s"],
                    "s", budget=10, note=f"{got['people']:,} people listed; reading took "
                    f"{got['read_ms']:.0f} ms ({got['read_cpu_ms']:.0f} ms CPU) beside the "
                    f"sync; laptop CPU until stopped {laptop_cpu:.1f} s, server "
                    f"{server.cpu_seconds() - server_cpu:.1f} s")
            if got["people"] != 10_000:
                raise RuntimeError(f"{got['people']} people listed, not 10,000")
            if outreach.store.db.MEMORY_SECURITY == "OFF":
                res.bench = "first_sync-memsec-off"
        finally:
            if store is not None and not store.closed:
                store.close()
            server.stop()
            org.close()
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res
