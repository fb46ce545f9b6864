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
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "rows.pickle"
        dump.write_bytes(pickle.dumps(rows))
        for _ in range(runs):
            mine.append(limit_write(rows, Path(tmp)))
            off.append(_in_own_process(dump, Path(tmp)))
    for label, got in ((f"limit, cipher_memory_security {MEMORY_SECURITY} (as the store)",
                        mine), ("limit, cipher_memory_security OFF", off)):
        walls = [r.wall_ms for r in got]
        res.add(f"{label}: {len(rows):,} records + index, median of {runs}",
                median(walls) / 1000, "s",
                note=f"min {min(walls) / 1000:.1f} s, max {max(walls) / 1000:.1f} s; CPU "
                f"{median([r.cpu_ms for r in got]) / 1000:.1f} s")
    res.add("cost of cipher_memory_security on the limit (CPU)",
            median([r.cpu_ms for r in mine]) / median([r.cpu_ms for r in off]), "x")
    res.params["load_after"] = round(os.getloadavg()[0], 2)
    return res


def _in_own_process(dump: Path, folder: Path) -> Limit:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_limit", str(dump), str(folder)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    return Limit(**json.loads(out.stdout))


if __name__ == "__main__":      # the limit with memory security off, in a fresh process
    _rows = pickle.loads(Path(sys.argv[1]).read_bytes())
    print(json.dumps(asdict(limit_write(_rows, Path(sys.argv[2]), memory_security="OFF"))))
