"""The machine's limit for a large write: the same rows written with plain ``executemany``
into a fresh SQLCipher database with one records table and the same FTS5 search index.

This is the yardstick of issue 15: a large write of Outreach's (the first pull of a new
laptop, building the benchmark caseload) is reported as a ratio to this figure, measured
in the same run, so the ratio and not an absolute time on a shared machine says how close
the code is to what the machine can do.

What the limit does, and does not do:

* the same encryption (SQLCipher 4, raw 256-bit key), the same pragmas as
  ``outreach/store/db.py`` (WAL, ``synchronous = NORMAL``, 64 MiB cache, secure delete,
  and ``cipher_memory_security`` as the store sets it: a process-wide setting that, once
  on, stays on, and that makes large writes about 2.5 times as costly; the stand-alone
  benchmark also measures the limit with it off, in a process of its own);
* one ``records`` table with the same columns and indexes as the store's, and the same
  FTS5 table as ``search`` (tokenizer ``unicode61 remove_diacritics 2``, ``prefix = '2 3'``)
  holding exactly the text the store indexes (``outreach.store.records.index_text``);
* two ``executemany`` calls in one transaction: no validation, triggers, summary tables,
  outbox, JSON parsing or merging. The index text is worked out before the clock starts,
  so the figure is the database's work alone.

``bench_limit`` also measures the store's own side of a first sync on the same rows
(:func:`first_sync_write`): the rows as the server sends them (JSON pages of 5,000),
parsed and applied by ``StoreSync.apply_pulled`` onto a fresh profile, then
``finish_first_sync`` (report index built, search backlog indexed): everything a new
laptop does with the records but the network. Its ratio to the limit is reported with
``cipher_memory_security`` as the store sets it (ON) and OFF, each pair in one process.

Threading: plain functions, run on the calling thread.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from bench.common import Result

# The store's records table (migration 1) without the tables and triggers that hang off
# it, and its search table as of migration 5.
SCHEMA = """
CREATE TABLE records (
    rid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    person_id  TEXT,
    data       TEXT NOT NULL,
    clocks     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX records_kind ON records(kind, deleted);
CREATE INDEX records_person ON records(person_id, kind);
CREATE VIRTUAL TABLE search USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""
COLUMNS = ("id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
           "updated_by, device_id, version, deleted")
# Rows as the laptop holds them (``records`` in the store), in the order they were written.
LAPTOP_ROWS = f"SELECT {COLUMNS} FROM records ORDER BY rid"


@dataclass(frozen=True)
class Limit:
    """One measurement of the limit."""

    records: int
    wall_ms: float
    cpu_ms: float

    def ratio(self, wall_ms: float) -> float:
        return wall_ms / self.wall_ms


def search_rows(rows: Sequence[Sequence[Any]]) -> list[tuple[int, str, str]]:
    """(rowid, title, body) of the search index for ``rows`` (``LAPTOP_ROWS`` order: the
    n-th row gets rowid n), exactly as the store would index them."""
    from outreach.store.records import index_text

    out = []
    for rid, row in enumerate(rows, start=1):
        if row[11]:
            continue
        text = index_text(row[1], json.loads(row[3]))
        if text is not None:
            out.append((rid, *text))
    return out


def open_database(path: Path, *, memory_security: str | None = None) -> Any:
    """A fresh SQLCipher database with the limit's schema, opened as the store opens
    (``memory_security``: ``"ON"``/``"OFF"``, default the store's own setting)."""
    from outreach.store.db import MEMORY_SECURITY

    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA cipher_memory_security = {memory_security or MEMORY_SECURITY}")
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.executescript(SCHEMA)
    return conn


def write(conn: Any, rows: Sequence[Sequence[Any]],
          index: Sequence[tuple[int, str, str]]) -> None:
    """The timed part: two ``executemany`` calls in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO records({COLUMNS}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO search(rowid, title, body) VALUES(?,?,?)", index)
    conn.execute("COMMIT")


def limit_write(rows: Sequence[Sequence[Any]], folder: Path, *,
                memory_security: str | None = None) -> Limit:
    """Write ``rows`` (``LAPTOP_ROWS`` columns) and their search rows into a new database
    in ``folder``, in one transaction of two ``executemany`` calls; the database is
    removed afterwards."""
    index = search_rows(rows)
    path = folder / f"limit-{os.getpid()}-{time.monotonic_ns()}.db"
    conn = open_database(path, memory_security=memory_security)
    try:
        cpu, start = time.process_time(), time.perf_counter()
        write(conn, rows, index)
        wall = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu) * 1000
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return Limit(len(rows), wall, cpu)


PAGE = 5000


def pulled_pages(rows: Sequence[Sequence[Any]]) -> list[bytes]:
    """``rows`` (``LAPTOP_ROWS`` columns) as the server's pull answers, in pages."""
    pages = []
    for start in range(0, len(rows), PAGE):
        items = []
        for seq, row in enumerate(rows[start:start + PAGE], start=start + 1):
            (id_, kind, person_id, data, clocks, created_at, created_by, updated_at,
             updated_by, device_id, version, deleted) = row
            items.append({"seq": seq, "type": "record", "record": {
                "id": id_, "kind": kind, "person_id": person_id, "data": json.loads(data),
                "clocks": json.loads(clocks), "deleted": bool(deleted),
                "created_at": created_at, "created_by": created_by,
                "updated_at": updated_at, "updated_by": updated_by,
                "device_id": device_id, "version": version}})
        pages.append(json.dumps({"protocol": 2, "items": items, "cursor": start + len(items),
                                 "more": start + PAGE < len(rows)}).encode())
    return pages


def first_sync_write(pages: Sequence[bytes], folder: Path) -> Limit:
    """A fresh laptop profile takes ``pages`` as a first sync does (parse, apply each
    page in its transaction, then finish: report index, search backlog); the profile is
    removed afterwards. No network: the laptop's own work only."""
    from outreach.ops.sync import finish_first_sync
    from outreach.store.profile import Profile
    from outreach.store.syncstore import StoreSync
    from sync.protocol import PullResponse

    kdf = {"name": "argon2id", "memory_cost": 8 * 1024, "iterations": 1, "lanes": 1}
    profile = Profile(folder, f"laptop-{os.getpid()}-{time.monotonic_ns()}",
                      vault_options={"kdf_params": kdf})
    store = profile.create("benchmark passphrase, synthetic data only", user="bench.a")
    try:
        adapter = StoreSync(store)
        records = 0
        cpu, start = time.process_time(), time.perf_counter()
        for raw in pages:
            page = PullResponse.model_validate_json(raw)
            records += adapter.apply_pulled(page.items, page.cursor).records
        finish_first_sync(store)
        wall = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu) * 1000
    finally:
        store.close()
        profile.wipe()
    return Limit(records, wall, cpu)


def caseload_rows(count: int) -> list[tuple[Any, ...]]:
    """The first ``count`` records of the cached benchmark caseload, in writing order:
    the same records the first-pull benchmark pulls (its outbox's first changes)."""
    from bench.dataset import PASSPHRASE, ensure_dataset

    store = ensure_dataset().unlock(PASSPHRASE)
    try:
        return [tuple(r) for r in store.execute(f"{LAPTOP_ROWS} LIMIT ?", (count,))]
    finally:
        store.close()


def bench_limit(count: int = 100_000, *, runs: int = 3) -> Result:
    """The limit alone, for the first ``count`` records of the benchmark caseload, as the
    store is set up, and with ``cipher_memory_security`` off (a process of its own, run
    alternately with the first: the setting is process-wide and cannot be turned off)."""
    from bench.common import median
    from outreach.store.db import MEMORY_SECURITY

    res = Result("limit", params={"records": count, "memory_security": MEMORY_SECURITY,
                                  "load_before": round(os.getloadavg()[0], 2)})
    rows = caseload_rows(count)
    mine: list[Limit] = []
    off: list[Limit] = []
    sync_on: list[Limit] = []
    sync_off: list[Limit] = []
    pages = pulled_pages(rows)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "rows.pickle"
        dump.write_bytes(pickle.dumps(rows))
        for _ in range(runs):
            mine.append(limit_write(rows, Path(tmp)))
            sync_on.append(first_sync_write(pages, Path(tmp)))
            got_off, got_sync_off = _in_own_process(dump, Path(tmp))
            off.append(got_off)
            sync_off.append(got_sync_off)
    for label, got in ((f"limit, cipher_memory_security {MEMORY_SECURITY} (as the store)",
                        mine), ("limit, cipher_memory_security OFF", off)):
        walls = [r.wall_ms for r in got]
        res.add(f"{label}: {len(rows):,} records + index, median of {runs}",
                median(walls) / 1000, "s",
                note=f"min {min(walls) / 1000:.1f} s, max {max(walls) / 1000:.1f} s; CPU "
                f"{median([r.cpu_ms for r in got]) / 1000:.1f} s")
    res.add("cost of cipher_memory_security on the limit (CPU)",
            median([r.cpu_ms for r in mine]) / median([r.cpu_ms for r in off]), "x")
    for label, got, limit in ((f"memory security {MEMORY_SECURITY} (as shipped)", sync_on,
                               mine), ("memory security OFF", sync_off, off)):
        cpu_ratio = median([r.cpu_ms for r in got]) / median([r.cpu_ms for r in limit])
        res.add(f"first sync's store work / limit, {label}, CPU", cpu_ratio, "x",
                budget=1.3, note=f"{median([r.cpu_ms for r in got]) / 1000:.1f} s CPU "
                f"(wall {median([r.wall_ms for r in got]) / 1000:.1f} s, ratio "
                f"{median([r.wall_ms for r in got]) / median([r.wall_ms for r in limit]):.2f}"
                "); pages parsed and applied, report index and search index built; "
                "no network")
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res


def _in_own_process(dump: Path, folder: Path) -> tuple[Limit, Limit]:
    """The limit and the first sync's store work with memory security off."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_limit", str(dump), str(folder)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    limit, first_sync = json.loads(out.stdout)
    return Limit(**limit), Limit(**first_sync)


if __name__ == "__main__":      # both with memory security off, in a fresh process
    import outreach.store.db

    outreach.store.db.MEMORY_SECURITY = "OFF"
    _rows = pickle.loads(Path(sys.argv[1]).read_bytes())
    _limit = limit_write(_rows, Path(sys.argv[2]), memory_security="OFF")
    _sync = first_sync_write(pulled_pages(_rows), Path(sys.argv[2]))
    print(json.dumps([asdict(_limit), asdict(_sync)]))
