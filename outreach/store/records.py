"""Records in the encrypted database, with their outbox entries and search index.

Every local write runs in one transaction that (1) validates the merged record, (2) writes
the record row with a fresh clock stamp on each changed field, (3) appends the change to
the outbox, and (4) updates the full-text index. Either all four happen or none.

Threading: a :class:`Store` may be shared between the UI thread and one background worker;
every public method takes the store's lock, and the database runs in WAL mode.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import Any

from sqlcipher3.dbapi2 import IntegrityError, OperationalError

from outreach.core import records as rk
from outreach.core.hlc import HybridClock
from outreach.core.validation import FieldError, ValidationError, validate, write_errors
from outreach.store.secret import forget_personal_data

# One encoder, made once: ``json.dumps`` with options builds a new encoder at every call,
# which was a tenth of a first sync's time (two calls for each pulled record).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(value: Any) -> str:
    """Compact JSON with sorted keys, as records, clocks and changes are stored."""
    return _ENCODER.encode(value)


# Set while a first sync is written in bulk (outreach/store/firstsync.py): the caseload
# summary's insert triggers are off, so Store.create keeps its person's row itself.
FIRST_SYNC_KEY = "first_sync_in_bulk"
_SUMMARY_KINDS = frozenset({"person", "conversation", "referral", "episode", "risk_flag"})


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def index_text(kind: str, values: Mapping[str, Any]) -> tuple[str, str] | None:
    """The (title, body) a record of ``kind`` puts in the search index, or None when it
    puts nothing there. Only a person's names go in the title (see store/search.py)."""
    fields = _searchable(kind)
    if not fields:
        return None
    if kind == "person":
        title = " ".join(str(values.get(f) or "") for f in
                         ("preferred_name", "given_name", "family_name")).strip()
        return (title, "") if title else None
    body = "\n".join(str(values[f]) for f in fields if values.get(f))
    return ("", body) if body else None


_SEARCHABLE: dict[str, tuple[str, ...]] = {}


def _searchable(kind: str) -> tuple[str, ...]:
    """The searchable fields of ``kind`` (none for an unknown kind), worked out once:
    ``RecordKind.searchable_fields`` builds its tuple at every call."""
    fields = _SEARCHABLE.get(kind)
    if fields is None:
        spec = rk.KINDS.get(kind)
        fields = _SEARCHABLE[kind] = spec.searchable_fields if spec is not None else ()
    return fields


class NotFound(KeyError):
    def __str__(self) -> str:
        return f"No record with id {self.args[0]}"


class AppendOnly(ValueError):
    pass


class Rows:
    """The rows of one statement run by :meth:`Store.execute`, already read: iterate, or
    ``fetchone()`` / ``fetchall()`` as with a cursor."""

    __slots__ = ("_rows", "_next")

    def __init__(self, rows: list[Any]) -> None:
        self._rows, self._next = rows, 0

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rows = self._rows if self._next == 0 else self._rows[self._next:]
        self._next = len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class ProfileLocked(RuntimeError):
    """The profile was locked (the store closed) before or while this ran.

    A background op that meets it counts as cancelled, not failed: locking while a list
    loads is normal. (A ``RuntimeError`` for code that caught that before.)"""

    def __init__(self) -> None:
        super().__init__("the profile is locked")


class Store:
    """An unlocked profile: the open database plus who is writing on which device."""

    def __init__(self, conn: Any, *, folder: Any = None) -> None:
        self.conn = conn
        self.folder = folder
        self.lock = threading.RLock()
        self._depth = 0
        self.generation = 0     # goes up with every committed write: a cache key for reads
        # Search-index rows waiting for the end of the transaction: (rid, title, body) to
        # add, or a rid to remove. See _flush_index for why they wait.
        self._index_queue: list[tuple[int, str, str] | int] = []
        self._closing = False   # see close()
        self.device_id = self.meta("device_id") or ""
        self.user = self.meta("user") or ""
        self.clock = HybridClock(self.device_id or "unset", last=self.meta("hlc"))
        # True while a bulk first sync has the summary's insert triggers off (see above)
        self.summary_by_hand = self.meta(FIRST_SYNC_KEY) is not None

    # -- connection life ----------------------------------------------------------------
    def close(self) -> None:
        """Close the database (locking the profile); safe from any thread.

        A long read running on another thread (a report, say) is interrupted: it fails
        with an error its op reports, instead of holding up the lock for seconds. A write
        transaction in progress is waited for, so nothing being saved is lost; one not
        yet begun is refused. (Flags, not the lock, decide between the two: ``_closing``
        is set before the transaction depth is read here, and the other way round in
        :meth:`transaction`, so at least one side sees the other.)
        """
        if self.conn is None:
            return
        self.begin_close()
        with self.lock:
            if self.conn is not None:
                # Free the page cache first (SQLCipher zeroes every page it frees, up to
                # 64 MiB: 100-350 ms): the driver releases the GIL while a statement runs
                # but holds it through close(), which would stop every other thread,
                # the UI thread too, for that long.
                with suppress(Exception):
                    self.conn.execute("PRAGMA shrink_memory")
                self.conn.close()
                self.conn = None
        forget_personal_data()          # caches of personal text (outreach.store.secret)

    def begin_close(self) -> None:
        """The first half of :meth:`close`, which never waits: refuse new writes and
        interrupt a running read. The profile locker calls it on the UI thread and leaves
        :meth:`close` (freeing SQLCipher's page cache, which it zeroes: 100-150 ms of CPU
        after a session at 10,000 people) to a background thread."""
        conn = self.conn
        if conn is None:
            return
        self._closing = True
        if not self._depth:
            conn.interrupt()

    @property
    def closed(self) -> bool:
        return self.conn is None

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction; nested uses join the outer one."""
        with self.lock:
            if self.conn is None:
                raise ProfileLocked()
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self._depth = 1         # set before _closing is read: see close()
            try:
                if self._closing:
                    raise ProfileLocked()
                self.conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self._depth = 0
                raise
            try:
                yield self.conn
                self._flush_index()
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES('hlc', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (self.clock.last,))
                self.conn.execute("COMMIT")
                self.generation += 1
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0
                self._index_queue.clear()

    def execute(self, sql: str, params: Any = ()) -> Rows:
        """Run one statement and read all its rows while holding the lock: a cursor read
        later could race :meth:`close` on another thread (SQLite would step a statement
        of a closed connection)."""
        with self.lock:
            if self.conn is None:
                raise ProfileLocked()
            try:
                return Rows(self.conn.execute(sql, params).fetchall())
            except OperationalError:
                if self._closing:       # interrupted by close(): the profile is locking
                    raise ProfileLocked() from None
                raise

    # -- meta -------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction() as c:
            if value is None:
                c.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                c.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) "
                          "DO UPDATE SET value = excluded.value", (key, value))
        if key == "user":
            self.user = value or ""

    def set_identity(self, *, device_id: str, user: str) -> None:
        with self.transaction():
            self.set_meta("device_id", device_id)
            self.set_meta("user", user)
        self.device_id, self.user = device_id, user
        self.clock = HybridClock(device_id, last=self.meta("hlc"))

    # -- reading ----------------------------------------------------------------------
    @staticmethod
    def _row_to_record(row: Any) -> dict[str, Any]:
        (rid, id_, kind, person_id, data, _clocks, created_at, created_by, updated_at,
         updated_by, device_id, version, deleted) = row
        rec = json.loads(data)
        rec.update(id=id_, kind=kind, person_id=person_id, created_at=created_at,
                   created_by=created_by, updated_at=updated_at, updated_by=updated_by,
                   device_id=device_id, version=version)
        if deleted:
            rec["deleted"] = True
        return rec

    COLUMNS = ("rid, id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
               "updated_by, device_id, version, deleted")

    def get(self, record_id: str, *, include_deleted: bool = False) -> dict[str, Any] | None:
        row = self.execute(f"SELECT {self.COLUMNS} FROM records WHERE id = ?",
                           (record_id,)).fetchone()
        if row is None or (row[12] and not include_deleted):
            return None
        return self._row_to_record(row)

    def require(self, record_id: str) -> dict[str, Any]:
        rec = self.get(record_id)
        if rec is None:
            raise NotFound(record_id)
        return rec

    def query(self, kind: str, *, person_id: str | None = None,
              include_deleted: bool = False) -> list[dict[str, Any]]:
        sql = f"SELECT {self.COLUMNS} FROM records WHERE kind = ?"
        params: list[Any] = [kind]
        if person_id is not None:
            # Without statistics SQLite prefers the (kind, deleted) index, which walks
            # every record of the kind: 200,000 conversations, 10 s, for one person's 20.
            sql = (f"SELECT {self.COLUMNS} FROM records INDEXED BY records_person "
                   "WHERE kind = ? AND person_id = ?")
            params.append(person_id)
        if not include_deleted:
            sql += " AND deleted = 0"
        return [self._row_to_record(r) for r in self.execute(sql + " ORDER BY rid", params)]

    def person_records(self, person_id: str) -> list[dict[str, Any]]:
        """Every live record of one person, the person first."""
        rows = self.execute(f"SELECT {self.COLUMNS} FROM records WHERE person_id = ? "
                            "AND deleted = 0 ORDER BY kind != 'person', rid", (person_id,))
        return [self._row_to_record(r) for r in rows]

    def count(self, kind: str) -> int:
        return int(self.execute("SELECT count(*) FROM records WHERE kind = ? AND deleted = 0",
                                (kind,)).fetchone()[0])

    def clocks(self, record_id: str) -> dict[str, str]:
        row = self.execute("SELECT clocks FROM records WHERE id = ?", (record_id,)).fetchone()
        return json.loads(row[0]) if row else {}

    # -- writing ----------------------------------------------------------------------
    def create(self, kind: str, values: Mapping[str, Any], *, person_id: str | None = None,
               record_id: str | None = None) -> dict[str, Any]:
        """Validate and save a new record; returns it with its metadata."""
        spec = rk.KINDS.get(kind)
        rid = record_id or str(uuid.uuid4())
        fields = {k: v for k, v in values.items() if v is not None}
        errors = validate(kind, fields, record_id=rid)
        if not errors:      # dates in the future, a phone number that is not one, ...
            errors = write_errors(kind, fields, record_id=rid)
        if spec is not None:
            if spec.person_scoped and not person_id:
                errors.append(FieldError(kind, "person", "must belong to a person", rid))
            if kind == "person":
                person_id = rid
        if errors:
            raise ValidationError(errors)
        assert spec is not None
        with self.transaction() as c:
            if person_id and kind != "person" and not self._exists(person_id, "person"):
                raise ValidationError([FieldError(kind, "person", "no such person", rid)])
            self._check_refs(spec, fields, rid)
            stamp = self.clock.tick()
            now = utcnow()
            clocks = {name: stamp for name in fields}
            data = dumps(fields)
            try:
                cur = c.execute(
                    "INSERT INTO records(id, kind, person_id, data, clocks, created_at, "
                    "created_by, updated_at, updated_by, device_id, version) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,1)",
                    (rid, kind, person_id, data, dumps(clocks), now, self.user, now,
                     self.user, self.device_id))
            except IntegrityError as exc:   # nothing was written
                if "records.id" not in str(exc):
                    raise
                raise ValidationError([FieldError(kind, "id", "is already used", rid)]) from None
            self._append_change(rid, kind, person_id, "upsert", fields, {}, stamp, 0, now,
                                fields_json=data)
            self._index(cur.lastrowid, kind, fields, replace=False)
            if self.summary_by_hand and kind in _SUMMARY_KINDS and person_id:
                from outreach.store.migrations import recompute_summary
                recompute_summary(c, {person_id})
        return {**fields, "id": rid, "kind": kind, "person_id": person_id, "created_at": now,
                "created_by": self.user, "updated_at": now, "updated_by": self.user,
                "device_id": self.device_id, "version": 1}

    def update(self, record_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some fields of a record. Unchanged values are not written or sent."""
        with self.transaction() as c:
            current = self.require(record_id)
            kind = current["kind"]
            spec = rk.KINDS[kind]
            if spec.append_only:
                raise AppendOnly(f"A saved {spec.label.lower()} cannot be changed; "
                                 "add an addendum instead.")
            if kind == "conflict" and set(changes) - {"status", "resolved_value"}:
                raise AppendOnly("Only the status and the chosen text of a conflict change.")
            data = {k: v for k, v in current.items() if k in spec.by_name}
            changed = {k: v for k, v in changes.items() if data.get(k) != v}
            if not changed:
                return current
            merged = {**data, **changed}
            merged = {k: v for k, v in merged.items() if v is not None}
            errors = validate(kind, merged, record_id=record_id) or write_errors(
                kind, {k: v for k, v in changed.items() if v is not None},
                record_id=record_id)
            if errors:
                raise ValidationError(errors)
            self._check_refs(spec, changed, record_id)
            clocks = self.clocks(record_id)
            base = {k: clocks.get(k) for k in changed}
            stamp = self.clock.tick()
            for k in changed:
                clocks[k] = stamp
            now = utcnow()
            c.execute("UPDATE records SET data = ?, clocks = ?, updated_at = ?, updated_by = ?, "
                      "device_id = ?, version = version + 1 WHERE id = ?",
                      (dumps(merged), dumps(clocks), now, self.user, self.device_id,
                       record_id))
            self._append_change(record_id, kind, current["person_id"], "upsert", changed, base,
                                stamp, current["version"], now)
            self.reindex(record_id)
        return self.require(record_id)

    def delete(self, record_id: str) -> None:
        """Mark a record deleted (a tombstone that syncs); append-only records refuse."""
        with self.transaction() as c:
            current = self.require(record_id)
            if rk.KINDS[current["kind"]].append_only:
                raise AppendOnly("A saved conversation cannot be deleted; add an addendum.")
            stamp = self.clock.tick()
            now = utcnow()
            clocks = self.clocks(record_id)
            clocks["_deleted"] = stamp
            c.execute("UPDATE records SET deleted = 1, clocks = ?, updated_at = ?, "
                      "updated_by = ?, version = version + 1 WHERE id = ?",
                      (dumps(clocks), now, self.user, record_id))
            self._append_change(record_id, current["kind"], current["person_id"], "delete",
                                {}, {}, stamp, current["version"], now)
            self.reindex(record_id)

    def _exists(self, record_id: str, kind: str | None = None) -> bool:
        sql = "SELECT 1 FROM records WHERE id = ? AND deleted = 0"
        params: tuple[Any, ...] = (record_id,)
        if kind:
            sql += " AND kind = ?"
            params = (record_id, kind)
        return self.execute(sql, params).fetchone() is not None

    def _check_refs(self, spec: rk.RecordKind, fields: Mapping[str, Any], rid: str) -> None:
        errors = []
        for f in spec.fields:
            if f.type is rk.FieldType.REF and f.ref and fields.get(f.name):
                if not self._exists(fields[f.name], f.ref):
                    errors.append(FieldError(spec.name, f.label,
                                             f"refers to a {rk.KINDS[f.ref].label.lower()} "
                                             "that does not exist", rid))
        if errors:
            raise ValidationError(errors)

    def _append_change(self, record_id: str, kind: str, person_id: str | None, op: str,
                       fields: Mapping[str, Any], base: Mapping[str, Any], stamp: str,
                       base_version: int, now: str, *, fields_json: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO outbox(change_id, record_id, kind, person_id, op, fields, base, hlc, "
            "author, device, base_version, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (str(uuid.uuid4()), record_id, kind, person_id, op,
             fields_json if fields_json is not None else dumps(dict(fields)),
             dumps(dict(base)), stamp, self.user, self.device_id, base_version, now))

    # -- search index -----------------------------------------------------------------
    def reindex(self, record_id: str) -> None:
        """Bring the full-text index in step with one record (inside a transaction)."""
        row = self.conn.execute("SELECT rid, kind, data, deleted, person_id FROM records "
                                "WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return
        rid, kind, data, deleted, _person_id = row
        if deleted:
            self.unindex(rid)
            return
        self._index(rid, kind, json.loads(data), replace=True)

    def unindex(self, rid: int) -> None:
        """Take one record (by its row id) out of the full-text index."""
        self._index_queue.append(rid)
        self._flush_index_outside_transaction()

    def _index(self, rid: int, kind: str, values: Mapping[str, Any], *, replace: bool) -> None:
        if not _searchable(kind):
            return
        if replace:
            self._index_queue.append(rid)
        text = index_text(kind, values)
        if text is not None:
            self._index_queue.append((rid, *text))
        self._flush_index_outside_transaction()

    def _flush_index_outside_transaction(self) -> None:
        if not self._depth:
            self._flush_index()

    def _flush_index(self) -> None:
        """Write the queued search-index changes, in order, just before the commit.

        Why they wait: FTS5 keeps new index entries in memory and writes them as one
        segment, but it must write them out whenever another statement in the transaction
        opens a statement savepoint -- and every insert into ``records`` does, because the
        caseload triggers hang off it. Indexing row by row therefore wrote one tiny
        segment per record and spent most of a bulk write merging them (a 5x slower
        record insert, measured on 6,000 conversations). Queued, a transaction writes one
        segment however many records it holds. Reads inside the writing transaction see
        the index as it was when the transaction began.
        """
        queue, self._index_queue = self._index_queue, []
        adds: list[tuple[int, str, str]] = []
        for item in queue:
            if isinstance(item, tuple):
                adds.append(item)
                continue
            if adds:
                self.conn.executemany("INSERT INTO search(rowid, title, body) VALUES(?,?,?)",
                                      adds)
                adds = []
            self.conn.execute("DELETE FROM search WHERE rowid = ?", (item,))
        if adds:
            self.conn.executemany("INSERT INTO search(rowid, title, body) VALUES(?,?,?)", adds)

    # -- drafts (local only, never synced) ---------------------------------------------
    def save_draft(self, draft_id: str, *, kind: str, person_id: str | None,
                   data: Mapping[str, Any]) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO drafts(id, kind, person_id, data, updated_at) "
                      "VALUES(?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
                      "updated_at = excluded.updated_at",
                      (draft_id, kind, person_id, dumps(dict(data)), utcnow()))

    def drafts(self, *, person_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, kind, person_id, data, updated_at FROM drafts"
        params: tuple[Any, ...] = ()
        if person_id is not None:
            sql += " WHERE person_id = ?"
            params = (person_id,)
        return [{"id": r[0], "kind": r[1], "person_id": r[2], "data": json.loads(r[3]),
                 "updated_at": r[4]} for r in self.execute(sql + " ORDER BY updated_at", params)]

    def discard_draft(self, draft_id: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
