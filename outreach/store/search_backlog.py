"""Records not in the search index yet: indexed in the background after a first sync.

A first sync writes records without their search-index rows (``outreach/store/
firstsync.py``) and puts their row ids here: ranges in one ``meta`` row
(:data:`BACKLOG_KEY`), one range per pulled page. :func:`index_all` then indexes them in
large batches, each one transaction, so FTS5 writes few, large segments. Until it is
done, search finds what is indexed: every name (names come from the caseload summary)
and the notes indexed so far; :func:`progress` says how far it is ("Search is still
indexing: 62 %").

A record changed, deleted or removed before its turn needs nothing special: a change
indexes it at once (``Store.reindex``), so the backlog skips a row already in the index,
a deleted one and a missing one. The text indexed is ``outreach.store.records.index_text``,
exactly as a record written one at a time.

Threading: each function takes the store's lock per transaction; :func:`index_all`
releases it between batches, so the app's reads and writes go on while it runs. Run it
on a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from outreach.core import records as rk
from outreach.store.records import Store, dumps, index_text

BACKLOG_KEY = "search_backlog"              # JSON [[first rid, last rid], ...], in order
TOTAL_KEY = "search_backlog_total"          # row ids put in the backlog since it was empty
BATCH = 20_000


@dataclass(frozen=True)
class IndexProgress:
    """How much of the backlog is indexed (row ids, searchable or not)."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        """Whole per cent done, 99 at most until everything is."""
        if self.total <= 0:
            return 100
        return min(99, self.done * 100 // self.total) if self.done < self.total else 100


def _ranges(store: Store) -> list[list[int]]:
    raw = store.meta(BACKLOG_KEY)
    return json.loads(raw) if raw else []


def _save(store: Store, ranges: list[list[int]], total: int) -> None:
    store.set_meta(BACKLOG_KEY, dumps(ranges) if ranges else None)
    store.set_meta(TOTAL_KEY, str(total) if ranges else None)


def defer(store: Store, first: int, last: int) -> None:
    """Put row ids ``first``..``last`` in the backlog (inside the writing transaction)."""
    if last < first:
        return
    with store.transaction():
        ranges = _ranges(store)
        total = int(store.meta(TOTAL_KEY) or 0) + last - first + 1
        if ranges and ranges[-1][1] + 1 == first:
            ranges[-1][1] = last
        else:
            ranges.append([first, last])
        _save(store, ranges, total)


def pending(store: Store) -> int:
    """Row ids still waiting to be indexed."""
    return sum(last - first + 1 for first, last in _ranges(store))


def progress(store: Store) -> IndexProgress | None:
    """How far the background indexing is, or None when nothing waits (the usual case).
    Reads one ``meta`` row: cheap, but run it off the UI thread like any store read."""
    waiting = pending(store)
    if not waiting:
        return None
    total = max(int(store.meta(TOTAL_KEY) or 0), waiting)
    return IndexProgress(done=total - waiting, total=total)


def _searchable_kinds() -> tuple[str, ...]:
    return tuple(name for name, spec in rk.KINDS.items() if spec.searchable_fields)


def index_some(store: Store, *, limit: int = BATCH) -> int:
    """Index up to ``limit`` row ids from the front of the backlog, in one transaction;
    returns how many row ids left the backlog (0 when it is empty)."""
    kinds = _searchable_kinds()
    marks = ",".join("?" * len(kinds))
    with store.transaction() as conn:
        ranges = _ranges(store)
        if not ranges:
            return 0
        first, last = ranges[0]
        upto = min(last, first + limit - 1)
        rows = conn.execute(
            f"SELECT r.rid, r.kind, r.data FROM records AS r WHERE r.rid BETWEEN ? AND ? "
            f"AND r.deleted = 0 AND r.kind IN ({marks}) AND NOT EXISTS "
            "(SELECT 1 FROM search_content AS c WHERE c.id = r.rid) ORDER BY r.rid",
            (first, upto, *kinds)).fetchall()
        adds = []
        for rid, kind, data in rows:
            text = index_text(kind, json.loads(data))
            if text is not None:
                adds.append((rid, *text))
        store._flush_index()        # anything queued in this transaction goes first
        conn.executemany("INSERT INTO search(rowid, title, body) VALUES(?,?,?)", adds)
        if upto == last:
            ranges.pop(0)
        else:
            ranges[0][0] = upto + 1
        _save(store, ranges, int(store.meta(TOTAL_KEY) or 0))
    return upto - first + 1


def index_all(store: Store, *, progress_cb: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None, batch: int = BATCH) -> int:
    """Index the whole backlog, batch by batch; ``progress_cb(done, total)`` after each.
    Stops early (the rest waits for the next call) when ``cancelled()`` says so or the
    profile is locked. Returns the row ids indexed."""
    done = 0
    while not (cancelled and cancelled()):
        moved = index_some(store, limit=batch)
        if not moved:
            break
        done += moved
        if progress_cb is not None:
            now = progress(store) or IndexProgress(done=1, total=1)   # None: all done
            progress_cb(now.done, now.total)
    return done
