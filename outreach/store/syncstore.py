"""The local store as the sync engine sees it (``sync.client.SyncStore``).

Pulled record states merge field by field with ``outreach.core.merge.merge_state`` (the
higher stamp wins; a local edit not pushed yet keeps its value when its stamp is higher,
and is pushed next). A page of pulled items and the cursor after it are saved in ONE
transaction, so an interrupted sync resumes from the last page fully applied. An
``evict`` item removes every record of a person (and their drafts and unsent changes):
the laptop's team no longer has access to them.

Every pulled record is checked first (``outreach/store/pulled.py``): one that is malformed
(an unknown kind, a conflict naming a record not held here or under another person,
unreadable versions, missing required fields) is **set aside**, not stored: its id, kind
and the reason (no personal data) are kept in ``meta`` (:data:`SET_ASIDE_KEY`, shown on
the Sync page) and the sync carries on.

The credentials (server address, device token, pinned certificate) live in the encrypted
database's ``meta`` table, never in a plain file.

Threading: every method takes the store's lock through ``store.transaction()``; run a
sync on one background thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from outreach.core.merge import merge_state
from outreach.store import firstsync, outbox, pulled, quarantine, search_backlog
from outreach.store.records import Store, dumps
from outreach.store.summary import caseload_summary_once
from outreach.store.vault import wipe_profile
from sync.client import ApplyResult, Credentials
from sync.protocol import PullItem, RecordState

CURSOR_KEY = "sync_cursor"
SNAPSHOT_KEY = "sync_snapshot"      # a first-sync snapshot in progress: where it stopped
CREDENTIALS_KEY = "sync_credentials"
EPOCH_KEY = "sync_epoch"
SET_ASIDE_KEY = "sync_set_aside"
DEVICE_KEY = "sync_device_key"
log = logging.getLogger(__name__)


# data, clocks, version, kind, person_id, created_at, created_by, updated_at,
# updated_by, device_id
Row = tuple[Any, ...]


class StoreSync:
    """Adapter from :class:`Store` to the sync engine's interface."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- outbox ---------------------------------------------------------------------------
    def outbox_batch(self, limit: int) -> list[dict[str, Any]]:
        return outbox.pending(self.store, limit=limit)

    def acknowledge(self, change_ids: Sequence[str], *, keep: bool = True) -> None:
        outbox.acknowledge(self.store, change_ids, keep=keep)

    def pending_count(self) -> int:
        return outbox.pending_count(self.store)

    def quarantine(self, change_id: str, *, code: str, reason: str,
                   details: dict[str, Any]) -> bool:
        return quarantine.put(self.store, change_id, code=code, reason=reason,
                              details=details)

    def quarantined_count(self) -> int:
        return quarantine.count(self.store)

    # -- the server's epoch ----------------------------------------------------------------
    def epoch(self) -> str | None:
        return self.store.meta(EPOCH_KEY)

    def adopt_epoch(self, epoch: str) -> int:
        """Remember the server's epoch. When it replaces another (the server was restored
        from a backup), in one transaction: every recently acknowledged change goes back
        into the outbox and the cursor goes back to 0. Returns the changes re-queued."""
        with self.store.transaction():
            known = self.store.meta(EPOCH_KEY)
            requeued = 0
            if known is not None and known != epoch:
                requeued = outbox.requeue_sent(self.store)
                self.store.set_meta(CURSOR_KEY, "0")
                self.store.set_meta(SNAPSHOT_KEY, None)     # taken from the old server
            self.store.set_meta(EPOCH_KEY, epoch)
        return requeued

    # -- cursor and credentials -----------------------------------------------------------
    def cursor(self) -> int:
        return int(self.store.meta(CURSOR_KEY) or 0)

    def snapshot_position(self) -> str | None:
        """Where a first-sync snapshot in progress stopped (``sync.client``), or None."""
        return self.store.meta(SNAPSHOT_KEY)

    def credentials(self) -> Credentials | None:
        raw = self.store.meta(CREDENTIALS_KEY)
        if not raw:
            return None
        known = set(Credentials.__dataclass_fields__)
        return Credentials(**{k: v for k, v in json.loads(raw).items() if k in known})

    def set_credentials(self, creds: Credentials | None) -> None:
        self.store.set_meta(CREDENTIALS_KEY, dumps(asdict(creds)) if creds else None)

    def device_key(self) -> str:
        """This laptop's enrolment key (Ed25519, private, base64), made and kept in the
        encrypted store on first use: a retried enrolment must sign with the same key."""
        from sync.client import new_device_key

        with self.store.transaction():
            key = self.store.meta(DEVICE_KEY)
            if not key:
                key = new_device_key()
                self.store.set_meta(DEVICE_KEY, key)
        return key

    def wipe(self) -> None:
        """Destroy the local key and data (the device was revoked)."""
        folder = self.store.folder
        self.store.close()
        if folder is not None:
            wipe_profile(folder)

    # -- applying a pulled page -----------------------------------------------------------
    def apply_pulled(self, items: Sequence[PullItem], cursor: int, *,
                     snapshot: str | None = None) -> ApplyResult:
        """Apply one pulled page and save ``cursor`` after it, in one transaction, with
        ``snapshot``: the position of a first-sync snapshot in progress (None: there is
        none; a position kept before is dropped, as the snapshot's last page does).

        Records not held here yet (all of them, at a first sync) are checked one by one
        and then written together (:class:`_NewRows`); anything else (an evict, a record
        held here, a conflict) first writes the new rows queued before it, so the page is
        applied in its order."""
        result = ApplyResult()
        with self.store.transaction():
            bulk = firstsync.begin(self.store, cursor=self.cursor())
            current = self._current([i.record.id for i in items if i.record is not None])
            new = _NewRows(self.store, first_sync=bulk)
            latest = ""
            for item in items:
                if item.type == "evict" and item.person_id:
                    result.records += new.write()
                    self._evict(item.person_id)
                    current = self._current(list(current))     # some rows are gone
                    result.evicted += 1
                elif item.record is not None:
                    rec = item.record
                    if rec.id in new.ids:       # the same record twice in one page
                        result.records += new.write()
                        current.update(self._current([rec.id]))
                    row = current.get(rec.id)
                    if row is not None or rec.kind == "conflict":
                        result.records += new.write()   # a conflict's check reads records
                    reason = self._problem(rec, row)
                    if reason is not None:
                        self._set_aside(rec, reason)
                        result.set_aside.append(reason)
                        continue
                    latest = max(latest, max(rec.clocks.values(), default=""))
                    if row is None and rec.kind != "conflict":
                        new.add(rec)
                    elif self._apply_record(rec, row):
                        result.records += 1
                        if rec.kind == "conflict" and rec.data.get("status") == "open":
                            result.conflicts += 1
            result.records += new.write()
            if latest:
                # (after the records: observing moves no stamp of what was just stored)
                self.store.clock.observe(latest)
            self.store.set_meta(CURSOR_KEY, str(cursor))
            self.store.set_meta(SNAPSHOT_KEY, snapshot)
        return result

    def finish_first_sync(self) -> bool:
        """After a sync that pulled everything: end a bulk first sync (the report index
        is built once, ``outreach/store/firstsync.py``); False when none was under way.
        The search backlog is indexed separately (``search_backlog.index_all``)."""
        return firstsync.finish(self.store)

    def _current(self, ids: list[str]) -> dict[str, Row]:
        """(data, clocks, version, kind, person_id, created_at, created_by, updated_at,
        updated_by, device_id) of the records that exist here, in few queries."""
        out: dict[str, Row] = {}
        conn = self.store.conn
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = conn.execute("SELECT id, data, clocks, version, kind, person_id, created_at, "
                                "created_by, updated_at, updated_by, device_id FROM records "
                                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            out.update((r[0], tuple(r[1:])) for r in rows)
        return out

    def _problem(self, rec: RecordState, row: Row | None) -> str | None:
        """Why ``rec`` cannot be stored here, or None (``pulled.py``)."""
        reason = pulled.problem(kind=rec.kind, record_id=rec.id, person_id=rec.person_id,
                                data=rec.data, deleted=rec.deleted or "_deleted" in rec.clocks,
                                held=(row[3], row[4]) if row is not None else None)
        if reason is None and rec.kind == "conflict" and not (
                rec.deleted or "_deleted" in rec.clocks):
            target_id = rec.data.get("record_id")
            target = self.store.conn.execute(
                "SELECT kind, person_id FROM records WHERE id = ?",
                (target_id,)).fetchone() if isinstance(target_id, str) else None
            reason = pulled.conflict_problem(rec.data, person_id=rec.person_id,
                                             target=tuple(target) if target else None,
                                             target_may_follow=True)
        return reason

    def _set_aside(self, rec: RecordState, reason: str) -> None:
        """Keep a note of a record not stored (ids and the reason only), newest last."""
        log.warning("sync: a pulled record was set aside kind=%s id=%s", rec.kind[:40],
                    rec.id[:40])
        notes = self.set_aside()
        notes = [n for n in notes if n.get("id") != rec.id]
        notes.append({"id": rec.id, "kind": rec.kind[:40], "reason": reason,
                      "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        self.store.set_meta(SET_ASIDE_KEY, dumps(notes[-pulled.MAX_SET_ASIDE:]))

    def set_aside(self) -> list[dict[str, str]]:
        """The notes on records set aside at pulls (``id``, ``kind``, ``reason``, ``at``)."""
        raw = self.store.meta(SET_ASIDE_KEY)
        try:
            notes = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [n for n in notes if isinstance(n, dict)] if isinstance(notes, list) else []

    def _apply_record(self, rec: RecordState, row: Row | None) -> bool:
        """Merge one record state; True when it changed anything here."""
        conn = self.store.conn
        if row is None:
            data = {k: v for k, v in rec.data.items() if v is not None}
            deleted = "_deleted" in rec.clocks or rec.deleted
            cur = conn.execute(
                "INSERT INTO records(id, kind, person_id, data, clocks, created_at, created_by, "
                "updated_at, updated_by, device_id, version, deleted) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec.id, rec.kind, rec.person_id, dumps(data), dumps(rec.clocks),
                 rec.created_at, rec.created_by, rec.updated_at, rec.updated_by,
                 rec.device_id, rec.version, int(deleted)))
            if not deleted:
                # A new row: index the values in hand, as Store.create does (reindex would
                # read the row back, parse it and delete an index entry that cannot exist).
                self.store._index(cur.lastrowid, rec.kind, data, replace=False)
            return True
        merged = merge_state(json.loads(row[0]), json.loads(row[1]), rec.data, rec.clocks)
        # Never return early just because no field moved: the laptop whose own value won a
        # concurrent edit holds the server's values but its own metadata (issue 13 item 15).
        # When this laptop holds exactly the server's values, it takes the server's
        # metadata whole; when it holds a newer edit not pushed yet, it keeps the higher
        # version (the next pull, after the push, brings the server's).
        server_data = {k: v for k, v in rec.data.items() if v is not None}
        same = merged.data == server_data and merged.clocks == rec.clocks
        version = rec.version if same else max(row[2], rec.version)
        meta = (rec.created_at, rec.created_by, rec.updated_at, rec.updated_by,
                rec.device_id, version)
        if not merged.changed and (*row[5:10], row[2]) == meta:
            return False
        conn.execute(
            "UPDATE records SET data = ?, clocks = ?, deleted = ?, created_at = ?, "
            "created_by = ?, updated_at = ?, updated_by = ?, device_id = ?, version = ? "
            "WHERE id = ?",
            (dumps(merged.data), dumps(merged.clocks), int(merged.deleted), *meta, rec.id))
        if merged.changed:
            self.store.reindex(rec.id)
        return True

    def _evict(self, person_id: str) -> None:
        conn = self.store.conn
        rids = [r[0] for r in conn.execute("SELECT rid FROM records WHERE person_id = ?",
                                           (person_id,))]
        for rid in rids:
            self.store.unindex(rid)
        conn.execute("DELETE FROM records WHERE person_id = ?", (person_id,))
        for table in ("outbox", "sent_log", "quarantine"):
            conn.execute(f"DELETE FROM {table} WHERE person_id = ? OR record_id = ?",
                         (person_id, person_id))
        conn.execute("DELETE FROM drafts WHERE person_id = ?", (person_id,))


class _NewRows:
    """Records not held here, queued and written with one ``executemany``: a first sync
    inserts hundreds of thousands, and one statement per record (plus its cursor and
    Python call) was a large part of its time. Row ids are given explicitly (the next
    after the largest, as SQLite would choose) so each search-index row is known without
    reading the records back. In a bulk first sync (``first_sync``) the search index is
    not written: the row ids go to the search backlog, indexed in the background. Used
    inside the store's write transaction only."""

    __slots__ = ("store", "rows", "index", "ids", "first_sync")

    def __init__(self, store: Store, *, first_sync: bool = False) -> None:
        self.store = store
        self.first_sync = first_sync
        self.rows: list[tuple[Any, ...]] = []
        self.index: list[tuple[str, dict[str, Any]]] = []
        self.ids: set[str] = set()

    def add(self, rec: RecordState) -> None:
        data = {k: v for k, v in rec.data.items() if v is not None}
        deleted = "_deleted" in rec.clocks or rec.deleted
        self.rows.append((rec.id, rec.kind, rec.person_id, dumps(data), dumps(rec.clocks),
                          rec.created_at, rec.created_by, rec.updated_at, rec.updated_by,
                          rec.device_id, rec.version, int(deleted)))
        self.index.append((rec.kind, data if not deleted else {}))
        self.ids.add(rec.id)

    def write(self) -> int:
        """Insert the queued rows and queue their search-index rows; returns how many."""
        if not self.rows:
            return 0
        conn = self.store.conn
        first = int(conn.execute("SELECT coalesce(max(rid), 0) FROM records").fetchone()[0]) + 1
        rows = [(first + i, *row) for i, row in enumerate(self.rows)]
        if len(rows) >= SUMMARY_ONCE_FROM or self.first_sync:
            with caseload_summary_once(conn, {r[3] or r[1] for r in rows},
                                       dropped=self.first_sync):
                conn.executemany(INSERT_ROW, rows)
        else:
            conn.executemany(INSERT_ROW, rows)
        if self.first_sync:
            search_backlog.defer(self.store, first, first + len(rows) - 1)
            self.index = []
        for i, (kind, data) in enumerate(self.index):
            if data:
                # A new row: index the values in hand, as Store.create does.
                self.store._index(first + i, kind, data, replace=False)
        written = len(self.rows)
        self.rows, self.index, self.ids = [], [], set()
        return written


INSERT_ROW = ("INSERT INTO records(rid, id, kind, person_id, data, clocks, created_at, "
              "created_by, updated_at, updated_by, device_id, version, deleted) "
              "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")
# The number of new records from which a page suspends the summary's insert triggers and
# recomputes the summary of the people it touched once instead (``summary.py``).
SUMMARY_ONCE_FROM = 200
