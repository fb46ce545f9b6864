"""A new laptop's first sync, written in bulk (issue 15 item 2).

A first sync writes every record of the team into an empty store: 400,000 records at
10,000 people. Two things the store keeps for every record cost more there than the
records themselves, so a first sync defers them and does each once, in bulk:

* the two **caseload-summary triggers** that fire for each inserted record (migration
  6): each pulled page recomputes the summary of the people it touched instead, so
  Today and People are right page by page. The triggers are dropped once, at the first
  page, and created again by :func:`finish` (schema changes on a live connection are
  costly with ``cipher_memory_security`` on, so not once per page). Meanwhile a record
  the practitioner creates recomputes its person's row itself (``Store.create``);
* the **report indexes** (``report_facts``, migration 8: about thirty JSON fields of every
  record; ``report_conversations``, migration 9: each conversation's day and setting)
  are dropped when the first page arrives and built again from the whole table when the
  first sync ends (:func:`finish`). A report asked for in between builds them first
  (:func:`ensure_report_index`), so they are never missing when read;
* the **search index**: the new records' row ids are put in a backlog instead, and
  indexed in large batches in the background once the records are in
  (:mod:`outreach.store.search_backlog`); until then search finds what is indexed
  (names always: they come from the caseload summary).

Which sync is a first sync is decided by the store, not the sync engine: the first page
applied to a store that holds no record and has never pulled (``begin``). The state is
one ``meta`` row, so an interrupted first sync continues in bulk at the next sync, and
a later successful sync finishes it.

Threading: every function takes the store's lock (through its transaction); call from
the sync's worker thread (or, for :func:`ensure_report_index`, the report's).
"""

from __future__ import annotations

import json

from outreach.store.migrations import REPORT_INDEXES, report_index_sql
from outreach.store.records import FIRST_SYNC_KEY, Store, dumps
from outreach.store.summary import drop_insert_triggers


def active(store: Store) -> bool:
    """True while a first sync is being written in bulk (not finished yet)."""
    return store.meta(FIRST_SYNC_KEY) is not None


def begin(store: Store, *, cursor: int) -> bool:
    """Inside the first pulled page's transaction: when this store holds no record and
    has never pulled (``cursor`` 0), start a bulk first sync (drop the report index).
    Returns whether a bulk first sync is under way (begun now or before)."""
    with store.transaction() as conn:
        if store.meta(FIRST_SYNC_KEY) is not None:
            return True
        if cursor or conn.execute("SELECT 1 FROM records LIMIT 1").fetchone():
            return False
        triggers = drop_insert_triggers(conn)
        for index in REPORT_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {index}")
        # (the triggers' SQL is kept, so a first sync interrupted by a crash and
        # finished by a later version still puts back exactly what it took away)
        store.set_meta(FIRST_SYNC_KEY, dumps(triggers))
        store.summary_by_hand = True
    return True


def finish(store: Store) -> bool:
    """End a bulk first sync: build the report index from the whole table (seconds at
    10,000 people: one pass and one sort, instead of an index entry per record as it
    came). Returns False when no first sync was under way. The search backlog is left
    to :func:`outreach.store.search_backlog.index_all`."""
    if not active(store):       # the usual case: a read, no write transaction
        return False
    with store.transaction() as conn:
        saved = store.meta(FIRST_SYNC_KEY)
        if saved is None:
            return False
        for sql in json.loads(saved):
            conn.execute(sql)
        ensure_report_index(store)
        store.set_meta(FIRST_SYNC_KEY, None)
    store.summary_by_hand = False       # (only once committed: until then, by hand)
    return True


def ensure_report_index(store: Store) -> None:
    """Build the report indexes if a first sync dropped them (a read, and nothing else,
    when they are there); the report reads them by name. Later pages of that first sync
    then keep them up to date record by record, which costs that sync more but is always
    correct."""
    if not store.summary_by_hand:   # no first sync in bulk: nothing dropped, no query
        return

    def missing() -> list[str]:
        present = {name for (name,) in store.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
            f"({','.join('?' * len(REPORT_INDEXES))})", tuple(REPORT_INDEXES))}
        return [name for name in REPORT_INDEXES if name not in present]

    if missing():
        with store.transaction() as conn:
            for name in missing():
                conn.execute(report_index_sql(name))
