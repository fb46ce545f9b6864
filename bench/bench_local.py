"""Local budgets at 10,000 people: unlock, caseload, open a person, full-text search, the
indicator report, and the cost of the cipher (the same workload on plain SQLite and on
SQLCipher)."""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

import sqlcipher3

from bench.common import Result, median, percentile, repeat_ms, timed
from bench.dataset import PASSPHRASE, ensure_dataset
from outreach.core.indicators import KINDS_USED, compute
from outreach.ops import reports
from outreach.ops.people import _caseload, caseload, person_file
from outreach.store.migrations import migrate
from outreach.store.records import Store
from outreach.store.search import search

# What practitioners type into the search box, as the benchmark caseload's words allow (its
# notes are written from about 900 distinct words, so words it never uses -- the old set's
# "dog", "cook", "panic" -- found nothing or only a longer word and timed nothing useful).
# Every search as you type is a query too, so words being typed are in the set. The hard
# cases stay: two words that are both in half the notes, a common word alone, and a last
# word of one letter (every word starting with it is a match).
QUERIES = [
    # names: a surname, a whole name, a name being typed
    "morgan", "thomas mensah", "mo", "kel",
    # one common word (each in a quarter to a half of the notes)
    "sleep", "debt", "benefits", "church",
    # two words, both common
    "benefits letter", "walking group", "job centre", "housing officer", "sleep better",
    # rarer words (8 % of the notes or fewer)
    "allotment", "anxious", "lonely", "arrears", "choir",
    # the last word still being typed
    "benefits l", "walking gro", "sleep bett", "volunt",
]


def bench_unlock_and_lists(people: int) -> Result:
    profile = ensure_dataset(people=people)
    res = Result("local", params={"people": people})
    profile.unlock(PASSPHRASE).close()      # bring the schema up to date before timing

    def unlock_and_first_screen() -> None:
        store = profile.unlock(PASSPHRASE)
        caseload(store)
        store.close()
    times = repeat_ms(unlock_and_first_screen, times=5)
    res.add("unlock: KDF + open + caseload, median", median(times), "ms", budget=1000)
    kdf = repeat_ms(lambda: profile.vault.unlock(PASSPHRASE), times=5)
    res.add("  of which Argon2id (64 MiB, t=3, p=4)", median(kdf), "ms")

    store = profile.unlock(PASSPHRASE)
    try:
        n_conv = store.count("conversation")
        res.params["conversations"] = n_conv
        today = dt.date.today()
        times = repeat_ms(lambda: _caseload(store, key_worker=None, on=today), times=7)
        res.add("caseload list of all people, computed afresh, median", median(times), "ms",
                budget=100)
        res.add("caseload list of all people, computed afresh, max", max(times), "ms")
        caseload(store)
        times = repeat_ms(lambda: caseload(store), times=7)
        res.add("caseload list again before any write, median", median(times), "ms",
                note="Today and People share one computation")
        rows = caseload(store)
        rng = random.Random(3)
        ids = [r.id for r in rng.sample(rows, 100)]
        opens = [timed(lambda pid=pid: person_file(store, pid))[0] for pid in ids]
        res.add("open a person (whole file), p95", percentile(opens, 95), "ms", budget=100)
        filt = []
        for text in ("ro", "rob", "robin", "sm", "ash"):
            ms, _ = timed(lambda t=text: [r for r in rows if t in r.name.casefold()])
            filt.append(ms)
        res.add("filter 10,000 rows in memory, max", max(filt), "ms", budget=100,
                note="the People list filters its model the same way")
        fresh = profile.unlock(PASSPHRASE)      # a new connection: nothing cached yet
        try:
            first, _ = timed(lambda: search(fresh, "walking group", limit=50))
        finally:
            fresh.close()
        for q in QUERIES:               # warm the page cache once
            search(store, q)
        per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
        lat = []
        for _ in range(10):
            for q in QUERIES:
                ms, _ = timed(partial(search, store, q, limit=50))
                per_query[q].append(ms)
                lat.append(ms)
        res.add(f"full-text search over {n_conv:,} notes, p50", percentile(lat, 50), "ms")
        res.add(f"full-text search over {n_conv:,} notes, p95", percentile(lat, 95), "ms",
                budget=50)
        slowest = sorted(QUERIES, key=lambda q: -median(per_query[q]))[:3]
        res.add("  slowest queries, median", median(per_query[slowest[0]]), "ms",
                note=", ".join(f'"{q}" {median(per_query[q]):.0f} ms' for q in slowest))
        res.add("  first search on a new connection", first, "ms",
                note="builds the names index; page cache empty")
        _report(res, store)
    finally:
        store.close()
    return res


def _report(res: Result, store: Store) -> None:
    """The indicator report over the last year by team, as the Reports page works it out:
    the fields it needs read from the report index, then the indicators. With
    ``BENCH_REPORT_WHOLE=1`` also the old way (every record read whole) once, in the same
    run, for the ratio."""
    end = dt.date.today()
    start = end - dt.timedelta(days=364)

    def report() -> Any:
        return reports.indicators_report(store, start=start, end=end, group_by="team")

    cpu: list[float] = []

    def timed_report() -> None:
        began = time.process_time()
        report()
        cpu.append((time.process_time() - began) * 1000)
    report()                            # the page cache warm, as after unlock
    times = repeat_ms(timed_report, times=5)
    n = reports.report_input(store, group_by="team", start=start, as_of=end).records()
    res.add("indicator report, last year by team, median", median(times), "ms", budget=2000,
            note=f"max {max(times):.0f} ms; CPU {median(cpu):.0f} ms; {n:,} records read "
            "besides people and conversations")
    def read() -> None:
        with reports.no_cyclic_gc():        # as the report reads them
            reports.report_input(store, group_by="team", start=start, as_of=end)
    parts = [timed(read) for _ in range(3)]
    res.add("  of which reading the fields it needs, median", median([p[0] for p in parts]),
            "ms")
    if os.environ.get("BENCH_REPORT_WHOLE"):
        whole, _ = timed(lambda: compute(
            [rec for kind in KINDS_USED for rec in store.query(kind)], start=start, end=end,
            group_by="team"))
        res.add("  the same report from whole records (before)", whole, "ms",
                note=f"{whole / median(times):.1f}x the report's time")


def _workload(conn: sqlcipher3.Connection, n: int) -> dict[str, float]:
    """Insert ``n`` records with search rows in one transaction, then query them."""
    migrate(conn)
    rng = random.Random(5)
    words = ["walk", "garden", "sister", "bus", "letter", "benefits", "sleep", "work", "dog",
             "park", "music", "quiet", "money", "housing", "friend", "church", "library",
             "volunteer"]
    start = time.perf_counter()
    conn.execute("BEGIN")
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(120))
        cur = conn.execute(
            "INSERT INTO records(id, kind, person_id, data, clocks, created_at, created_by, "
            "updated_at, updated_by, device_id) VALUES(?,?,?,?,?,?,?,?,?,?)",
            (f"id-{i}", "conversation", f"p-{i % 500}", '{"notes": "' + text + '"}', "{}",
             "2026-01-01", "u", "2026-01-01", "u", "d"))
        conn.execute("INSERT INTO search(rowid, title, body) VALUES(?,?,?)",
                      (cur.lastrowid, "Conversation", text))
    conn.execute("COMMIT")
    write = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(200):
        conn.execute("SELECT data FROM records WHERE person_id = ?", (f"p-{i}",)).fetchall()
        conn.execute("SELECT rowid FROM search WHERE search MATCH ? LIMIT 20",
                     (rng.choice(words),)).fetchall()
    read = time.perf_counter() - start
    return {"write": write * 1000, "read": read * 1000}


def bench_cipher(n: int = 20_000) -> Result:
    res = Result("cipher", params={"records": n})
    with tempfile.TemporaryDirectory() as tmp:
        plain = sqlcipher3.connect(str(Path(tmp) / "plain.db"), isolation_level=None)
        plain.execute("PRAGMA journal_mode = WAL")
        p = _workload(plain, n)
        plain.close()
        enc = sqlcipher3.connect(str(Path(tmp) / "enc.db"), isolation_level=None)
        enc.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
        enc.execute("PRAGMA journal_mode = WAL")
        e = _workload(enc, n)
        enc.close()
    res.add(f"write {n:,} records + index, plain SQLite", p["write"], "ms")
    res.add(f"write {n:,} records + index, SQLCipher", e["write"], "ms")
    res.add("  cipher overhead on writes", (e["write"] / p["write"] - 1) * 100, "%")
    res.add("400 reads (person lookup + FTS), plain SQLite", p["read"], "ms")
    res.add("400 reads (person lookup + FTS), SQLCipher", e["read"], "ms")
    res.add("  cipher overhead on reads", (e["read"] / p["read"] - 1) * 100, "%")
    return res
