"""Whole rows in and out of the store, for export and import.

Unlike :meth:`~outreach.store.records.Store.create`, which stamps new metadata and clocks,
these functions read and write records *verbatim*: ids, metadata, field values and clock
stamps as they are, so an export imported into an empty profile is the same data.

:func:`read_all` returns flat records in a deterministic order; :func:`insert_rows` writes
records that the caller has already validated, in one transaction, each with an outbox
change (so imported records sync) and its search index entry.

Threading: like the store, every function takes the store's lock (through
:meth:`Store.transaction` or :meth:`Store.execute`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from outreach.core import records as rk
from outreach.store.records import Store, dumps, utcnow

KIND_ORDER = {name: n for n, name in enumerate(rk.KINDS)}
_COLUMNS = ("id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
            "updated_by, device_id, version, deleted")


def flat_record(row: Sequence[Any]) -> dict[str, Any]:
    """One record as export writes it: metadata, ``deleted`` if so, fields, ``clocks``.

    Keys come in a fixed order (metadata, then fields as declared, then clocks) so that
    the same record always serialises to the same text.
    """
    (id_, kind, person_id, data, clocks, created_at, created_by, updated_at, updated_by,
     device_id, version, deleted) = row
    values = json.loads(data)
    rec: dict[str, Any] = {
        "id": id_, "kind": kind, "person_id": person_id, "created_at": created_at,
        "created_by": created_by, "updated_at": updated_at, "updated_by": updated_by,
        "device_id": device_id, "version": version}
    if deleted:
        rec["deleted"] = True
    spec = rk.KINDS.get(kind)
    declared = [f.name for f in spec.fields] if spec else []
    for name in declared + sorted(k for k in values if k not in declared):
        if name in values:
            rec[name] = values[name]
    rec["clocks"] = dict(sorted(json.loads(clocks).items()))
    return rec


def iter_records(store: Store, *, include_deleted: bool = True) -> Iterator[dict[str, Any]]:
    """Every record, people first, then by kind (as declared), created_at and id.

    Rows are read one at a time from a cursor (so a large profile is never all in memory
    as objects); the store's lock is held until the iteration ends.
    """
    order = " ".join(f"WHEN '{name}' THEN {n}" for name, n in KIND_ORDER.items())
    sql = f"SELECT {_COLUMNS} FROM records"
    if not include_deleted:
        sql += " WHERE deleted = 0"
    sql += f" ORDER BY CASE kind {order} ELSE {len(KIND_ORDER)} END, created_at, id"
    with store.lock:
        for row in store.execute(sql):
            yield flat_record(row)


def read_all(store: Store, *, include_deleted: bool = True) -> list[dict[str, Any]]:
    """:func:`iter_records` as a list."""
    return list(iter_records(store, include_deleted=include_deleted))


def known_kinds(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """For each of ``ids`` that exists in the store (tombstones included), its kind."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, str] = {}
    with store.lock:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = store.execute(f"SELECT id, kind FROM records WHERE id IN "
                                 f"({','.join('?' * len(chunk))})", chunk).fetchall()
            found.update({r[0]: r[1] for r in rows})
    return found


def insert_rows(store: Store, records: Sequence[Mapping[str, Any]]) -> None:
    """Insert already validated flat records verbatim, in ONE transaction.

    Each record also gets an outbox change (``upsert`` of all its fields with an empty
    base; a tombstone gets a ``delete`` after it) stamped with a fresh clock stamp and
    the store's user and device, and a search index entry. The store's clock first
    observes every imported stamp, so later local edits are ordered after them.
    Either every record is written or none is (an id already present aborts it all).
    """
    with store.transaction() as c:
        for rec in records:
            for stamp in rec["clocks"].values():
                store.clock.observe(stamp)
        now = utcnow()
        for rec in records:
            spec = rk.KINDS[rec["kind"]]
            fields = {k: v for k, v in rec.items() if k in spec.by_name and v is not None}
            deleted = 1 if rec.get("deleted") else 0
            c.execute(
                f"INSERT INTO records({_COLUMNS}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec["id"], rec["kind"], rec.get("person_id"), dumps(fields),
                 dumps(dict(rec["clocks"])), rec["created_at"], rec["created_by"],
                 rec["updated_at"], rec["updated_by"], rec["device_id"], rec["version"],
                 deleted))
            _outbox(store, rec, "upsert", fields, now)
            if deleted:
                _outbox(store, rec, "delete", {}, now)
            store.reindex(rec["id"])


def _outbox(store: Store, rec: Mapping[str, Any], op: str, fields: Mapping[str, Any],
            now: str) -> None:
    store.conn.execute(
        "INSERT INTO outbox(change_id, record_id, kind, person_id, op, fields, base, hlc, "
        "author, device, base_version, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
        (str(uuid.uuid4()), rec["id"], rec["kind"], rec.get("person_id"), op,
         dumps(dict(fields)), dumps({}), store.clock.tick(), store.user, store.device_id,
         0, now))
