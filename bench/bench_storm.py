"""The morning sync storm (issue 15 item 6): 500 laptops of 10 teams sync at once.

Two real server processes (``python -m bench.pg serve``, as ``outreach-server serve``
with the shipped rate limits) on one throwaway PostgreSQL, started within seconds of
each other. 500 simulated laptops, 50 per team, each enrolled with a one-time code, start
their first sync of the morning within :data:`SPREAD` seconds of each other: each pushes
20 new changes (whole people: a person and their conversations) and pulls its team's
changes, and syncs again after a short pause until it holds every change its team pushed.
Laptop ``i`` talks to server ``i % 2``.

Each laptop is the real sync client (``sync.client.run_sync`` with ``HttpClient``: push,
pull pages, team list, report, over HTTP, with the real protocol and its retries); its
local side is :class:`MemoryLaptop`, a light in-memory :class:`~sync.client.SyncStore`,
so that 500 of them fit in one process (the encrypted store's own cost is measured by the
``sync`` benchmark).

Reported: time from the first laptop's start until every laptop is in step; p50/p95 of
one laptop's sync (``run_sync``); server CPU per change pushed (both processes'
user+system CPU over the storm); PostgreSQL's own figures (transactions committed from
``pg_stat_database``, its processes' CPU, lock waits sampled from ``pg_stat_activity``
every 20 ms, and waits over 100 ms from ``log_lock_waits``). Correctness is checked:
every laptop ends with exactly its team's changes, each received once, none from another
team. ``OUTREACH_BENCH_PROFILE=folder`` writes each server's profile there (``bench/pg.py``).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import Result, percentile
from bench.pg import Postgres, ServerProcess, start_server, throwaway_postgres

TEAMS, LAPTOPS, CHANGES_EACH = 10, 500, 20
PEOPLE_EACH = 4                      # 4 people and 4 conversations each: 20 changes
SPREAD = 10.0                        # seconds over which the laptops start
PAUSE = (1.0, 3.0)                   # a laptop not yet in step syncs again after this
GOAL_S = 60.0
SAMPLE_S = 0.02
NOTES = ("Met at the Listening Lounge; talked about the allotment, the walking group on "
         "Thursdays and how sleep has been since the benefits letter was sorted. Wants to "
         "try the cooking course at the community centre next month. ")


# -- a laptop's local side, in memory ---------------------------------------------------------
@dataclass
class MemoryLaptop:
    """A :class:`~sync.client.SyncStore` in memory: an outbox, the pulled records (how many
    times each arrived) and the cursor. Threading: one sync at a time (the engine's fetch
    thread only does HTTP)."""

    creds: Any
    outbox: list[dict[str, Any]] = field(default_factory=list)
    received: Counter[str] = field(default_factory=Counter)
    teams_seen: set[str] = field(default_factory=set)
    sent: list[str] = field(default_factory=list)     # record ids of its own changes
    evicted: int = 0
    pages: int = 0
    pushes: int = 0
    _cursor: int = 0
    _epoch: str | None = None

    def outbox_batch(self, limit: int) -> list[dict[str, Any]]:
        self.pushes += bool(self.outbox)
        return self.outbox[:limit]

    def acknowledge(self, change_ids: Sequence[str], *, keep: bool = True) -> None:
        done = set(change_ids)
        self.outbox = [ch for ch in self.outbox if ch["change_id"] not in done]

    def quarantine(self, change_id: str, *, code: str, reason: str,
                   details: dict[str, Any]) -> bool:
        raise RuntimeError(f"the server refused a storm change: {code} {reason}")

    def quarantined_count(self) -> int:
        return 0

    def epoch(self) -> str | None:
        return self._epoch

    def adopt_epoch(self, epoch: str) -> int:
        self._epoch = epoch
        return 0

    def apply_pulled(self, items: Sequence[Any], cursor: int) -> Any:
        from sync.client import ApplyResult

        result = ApplyResult()
        self.pages += 1
        for item in items:
            if item.type == "record":
                self.received[item.record.id] += 1
                result.records += 1
            else:
                self.evicted += 1
        self._cursor = cursor
        return result

    def cursor(self) -> int:
        return self._cursor

    def pending_count(self) -> int:
        return len(self.outbox)

    def wipe(self) -> None:
        raise RuntimeError("a storm laptop was revoked")

    def credentials(self) -> Any:
        return self.creds

    def set_credentials(self, creds: Any) -> None:
        self.creds = creds


def laptop_changes(device_id: str, username: str, *, seed: int) -> list[dict[str, Any]]:
    """20 new changes as a laptop's outbox holds them: 4 people, each with 4 conversations
    (synthetic data)."""
    from outreach.core.hlc import HybridClock

    clock = HybridClock(device_id)
    when = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    now = when.isoformat()
    out: list[dict[str, Any]] = []

    def change(kind: str, record_id: str, person_id: str, fields: dict[str, Any]) -> None:
        out.append({"change_id": str(uuid.uuid4()), "record_id": record_id, "kind": kind,
                    "person_id": person_id, "op": "upsert", "fields": fields, "base": {},
                    "hlc": clock.tick(), "author": username, "device": device_id,
                    "base_version": 0, "created_at": now})

    for p in range(PEOPLE_EACH):
        pid = str(uuid.uuid4())
        change("person", pid, pid, {"given_name": f"Sam{seed}x{p}", "family_name": "Storm",
                                    "consent_record": True})
        for c in range(CHANGES_EACH // PEOPLE_EACH - 1):
            change("conversation", str(uuid.uuid4()), pid, {
                "occurred_at": (when + dt.timedelta(minutes=c)).isoformat(),
                "setting": "community_venue", "type": "support",
                "notes": f"{NOTES}({seed}.{p}.{c})"})
    return out


# -- PostgreSQL's figures ---------------------------------------------------------------------
class PgWatch:
    """Samples ``pg_stat_activity`` on its own thread: how many backends are running a
    statement and how many wait for a lock (advisory: the sequence lock)."""

    def __init__(self, pg: Postgres, dbname: str) -> None:
        import psycopg

        self.conn = psycopg.connect(pg.admin_url().rsplit("/", 1)[0] + f"/{dbname}",
                                    autocommit=True)
        self.dbname = dbname
        self.samples = 0
        self.active = 0
        self.waits: Counter[str] = Counter()
        self.seq_lock_busy = 0         # samples in which someone waited for the lock
        self.seq_lock_held = 0         # samples in which a push held it
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def stats(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_fetched, "
            "sessions FROM pg_stat_database WHERE datname = %s", (self.dbname,)).fetchone()
        assert row is not None
        return dict(zip(("commits", "rollbacks", "inserted", "updated", "fetched",
                         "sessions"), row, strict=True))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        q = ("SELECT wait_event_type, wait_event, count(*) FROM pg_stat_activity "
             "WHERE datname = %s AND state = 'active' AND pid <> pg_backend_pid() "
             "GROUP BY 1, 2")
        held = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = %s)")
        while not self._stop.wait(SAMPLE_S):
            rows = self.conn.execute(q, (self.dbname,)).fetchall()
            row = self.conn.execute(held, (self.dbname,)).fetchone()
            self.seq_lock_held += bool(row and row[0])
            self.samples += 1
            lock_wait = False
            for kind, event, n in rows:
                self.active += n
                if kind == "Lock":
                    self.waits[f"Lock:{event}"] += n
                    lock_wait = lock_wait or event == "advisory"
                elif kind:
                    self.waits[f"{kind}:{event}"] += n
            self.seq_lock_busy += lock_wait

    def close(self) -> None:
        self.conn.close()


def postgres_cpu(pg: Postgres) -> float:
    """CPU seconds used so far by the cluster: its live processes plus the finished
    children the postmaster has reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    pid = int((pg.folder / "data" / "postmaster.pid").read_text().split()[0])
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid:
            total += sum(int(x) for x in fields[11:15]) / tick   # own + reaped children
        elif int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def system_cpu(pid: int) -> float:
    """Kernel-mode CPU seconds of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return int(fields[12]) / os.sysconf("SC_CLK_TCK")


def lock_wait_lines(pg: Postgres, since: int) -> tuple[int, int]:
    """(waits over ``deadlock_timeout`` logged by ``log_lock_waits``, of them advisory)."""
    try:
        text = (pg.folder / "log").read_text(errors="replace")[since:]
    except OSError:
        return 0, 0
    lines = [ln for ln in text.splitlines() if "still waiting for" in ln]
    return len(lines), sum("advisory lock" in ln for ln in lines)


# -- the storm --------------------------------------------------------------------------------
@dataclass
class LaptopRun:
    started: float = 0.0
    in_step_at: float = 0.0
    syncs: list[float] = field(default_factory=list)     # seconds each run_sync took
    pulled: int = 0
    error: str = ""


def _laptop(store: MemoryLaptop, expected: int, start_at: float, run: LaptopRun,
            deadline: float, rng: random.Random) -> None:
    from sync.client import HttpClient, SyncError, run_sync

    with HttpClient.from_credentials(store.creds, timeout=120) as http:
        time.sleep(max(0.0, start_at - time.monotonic()))
        run.started = time.monotonic()
        while True:
            t0 = time.monotonic()
            try:
                stats = run_sync(store, http=http)
            except SyncError as exc:
                run.error = f"{exc.code}: {exc}"
                return
            run.syncs.append(time.monotonic() - t0)
            run.pulled += stats.pulled
            if len(store.received) >= expected and not store.outbox:
                run.in_step_at = time.monotonic()
                return
            if time.monotonic() > deadline:
                run.error = "not in step by the deadline"
                return
            time.sleep(rng.uniform(*PAUSE))


def _enroll_all(db_url: str, urls: list[str]) -> list[MemoryLaptop]:
    """Teams, users and one enrolled laptop each (codes exchanged in-process: enrolment is
    not part of the storm)."""
    from sync.client import Credentials
    from sync.server import admin, db
    from sync.server.settings import Settings

    engine = db.make_engine(db_url)
    settings = Settings(db_url=db_url)
    laptops = []
    try:
        for t in range(TEAMS):
            admin.create_team(engine, f"team{t}")
        for i in range(LAPTOPS):
            team, user = f"team{i % TEAMS}", f"storm.{i:03d}"
            admin.create_user(engine, team=team, username=user)
            code, _ = admin.issue_enroll_code(engine, settings, user)
            device = str(uuid.uuid4())
            resp = admin.enroll(engine, settings, code=code, device_id=device,
                                device_name="storm", client="127.0.0.1")
            creds = Credentials(server_url=urls[i % len(urls)], device_id=device,
                                token=resp.token, user=user, team=team)
            laptop = MemoryLaptop(creds)
            laptop.outbox = laptop_changes(device, user, seed=i)
            laptop.sent = [ch["record_id"] for ch in laptop.outbox]
            laptops.append(laptop)
    finally:
        engine.dispose()
    return laptops


def _check(laptops: list[MemoryLaptop], runs: list[LaptopRun]) -> list[str]:
    """Every laptop holds exactly its team's changes, each received once."""
    pushed: dict[str, set[str]] = {lap.creds.team: set() for lap in laptops}
    for lap in laptops:
        pushed[lap.creds.team].update(lap.sent)
    problems = []
    for i, (lap, run) in enumerate(zip(laptops, runs, strict=True)):
        want = pushed[lap.creds.team]
        got = set(lap.received)
        twice = sum(1 for n in lap.received.values() if n > 1)
        if run.error:
            problems.append(f"laptop {i}: {run.error}")
        if got != want or twice or lap.outbox:
            problems.append(f"laptop {i}: {len(want - got)} missing, {len(got - want)} not "
                            f"its team's, {twice} received twice, {len(lap.outbox)} unsent")
    return problems


def bench_storm() -> Result:
    """The storm; see the module docstring."""
    res = Result("storm", params={"teams": TEAMS, "laptops": LAPTOPS,
                                  "changes_each": CHANGES_EACH, "servers": 2,
                                  "start_spread_s": SPREAD, "database": "PostgreSQL",
                                  "load_before": round(os.getloadavg()[0], 2)})
    options = {"log_lock_waits": "on", "deadlock_timeout": "100ms"}
    with throwaway_postgres(max_connections=300, options=options) as pg:
        db_url = pg.new_database("storm")
        from sync.server import db
        engine = db.make_engine(db_url)
        db.migrate(engine)
        engine.dispose()
        t0 = time.monotonic()
        servers: list[ServerProcess] = [start_server(db_url, shipped_limits=True)]
        servers.append(start_server(db_url, shipped_limits=True))
        started_apart = time.monotonic() - t0
        watch = None
        try:
            laptops = _enroll_all(db_url, [s.url for s in servers])
            expected = LAPTOPS // TEAMS * CHANGES_EACH
            runs = [LaptopRun() for _ in laptops]
            watch = PgWatch(pg, db_url.rsplit("/", 1)[1])
            before = watch.stats()
            log_at = len((pg.folder / "log").read_text(errors="replace"))
            cpu0 = [s.cpu_seconds() for s in servers]
            sys0 = sum(system_cpu(s.proc.pid) for s in servers)
            pg_cpu0, own_cpu0 = postgres_cpu(pg), time.process_time()
            rng = random.Random(15)
            begin = time.monotonic() + 1.0
            deadline = begin + 300
            threads = [threading.Thread(
                target=_laptop, args=(lap, expected, begin + rng.uniform(0, SPREAD), run,
                                      deadline, random.Random(i)), daemon=True)
                for i, (lap, run) in enumerate(zip(laptops, runs, strict=True))]
            for t in threads:
                t.start()
            watch.start()
            for t in threads:
                t.join()
            end = time.monotonic()
            watch.stop()
            cpu = [s.cpu_seconds() - c for s, c in zip(servers, cpu0, strict=True)]
            sys_cpu = sum(system_cpu(s.proc.pid) for s in servers) - sys0
            pg_cpu = postgres_cpu(pg) - pg_cpu0
            own_cpu = time.process_time() - own_cpu0
            after = watch.stats()
            waits_logged, advisory_logged = lock_wait_lines(pg, log_at)
            problems = _check(laptops, runs)
        finally:
            if watch is not None:
                watch.close()
            for s in servers:
                s.stop()
    if problems:
        raise RuntimeError("the storm did not converge correctly:\n" + "\n".join(problems[:20]))

    first = min(r.started for r in runs)
    in_step = max(r.in_step_at for r in runs) - first
    syncs = [s * 1000 for r in runs for s in r.syncs]
    pushed = LAPTOPS * CHANGES_EACH
    delivered = sum(r.pulled for r in runs)
    commits = after["commits"] - before["commits"]
    res.params["servers_started_apart_s"] = round(started_apart, 1)
    res.add("all 500 laptops in step", in_step, "s", budget=GOAL_S,
            note=f"from the first laptop's start; {pushed:,} changes pushed, "
            f"{delivered:,} delivered; correct (each laptop: exactly its team's "
            f"{expected:,}, each once)")
    res.add("one laptop's sync p50", percentile(syncs, 50), "ms",
            note=f"{len(syncs):,} syncs, {len(syncs) / LAPTOPS:.1f} a laptop")
    res.add("one laptop's sync p95", percentile(syncs, 95), "ms",
            note=f"max {max(syncs):.0f} ms")
    pages = sum(lap.pages for lap in laptops)
    pushes = sum(lap.pushes for lap in laptops)
    requests = pushes + pages + 2 * len(syncs)   # a sync: push, pages, team, report
    res.add("server CPU per change pushed", sum(cpu) * 1000 / pushed, "ms",
            note=f"2 processes {cpu[0]:.1f} + {cpu[1]:.1f} s over {end - begin:.1f} s "
            f"({sys_cpu:.1f} s of it in the kernel); "
            f"{sum(cpu) * 1e6 / delivered:.0f} µs per change delivered")
    res.add("server CPU per request", sum(cpu) * 1000 / requests, "ms",
            note=f"{requests:,} requests: {pushes:,} pushes, {pages:,} pull pages, "
            f"{len(syncs):,} each of team and report")
    res.add("PostgreSQL CPU per change pushed", pg_cpu * 1000 / pushed, "ms",
            note=f"{pg_cpu:.1f} s; laptops' process {own_cpu:.1f} s")
    res.add("PostgreSQL transactions committed", commits, "",
            note=f"{commits / pushed:.1f} a change pushed, {commits / len(syncs):.1f} a "
            f"sync; {after['rollbacks'] - before['rollbacks']} rolled back; "
            f"{after['sessions'] - before['sessions']} connections opened; "
            f"{after['inserted'] - before['inserted']:,} rows inserted")
    samples = max(1, watch.samples)
    top = ", ".join(f"{k} {v / samples:.2f}" for k, v in watch.waits.most_common(4))
    res.add("backends waiting for the sequence lock (mean)",
            watch.waits["Lock:advisory"] / samples, "",
            note=f"held in {watch.seq_lock_held * 100 / samples:.0f} % and someone waiting "
            f"in {watch.seq_lock_busy * 100 / samples:.0f} % of {samples} samples; mean "
            f"running statements {watch.active / samples:.2f}; "
            f"waits by kind: {top}")
    held_s = watch.seq_lock_held / samples * (end - begin)
    res.add("sequence lock held a push (estimate)", held_s * 1000 / pushes, "ms",
            note=f"held {held_s:.1f} s of {end - begin:.1f} s (sampled every "
            f"{SAMPLE_S * 1000:.0f} ms) for {pushes} pushes: at most "
            f"{pushes / held_s * CHANGES_EACH:,.0f} changes/s through the lock at this "
            f"hold time" if held_s else "never seen held")
    res.add("lock waits over 100 ms (log_lock_waits)", waits_logged, "",
            note=f"{advisory_logged} of them for the sequence lock")
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res
