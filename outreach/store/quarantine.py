"""Changes the server refused, kept aside so that the rest of the outbox keeps flowing
(issue 13 item 12).

When the server refuses a pushed batch because of one change (``details.change_id``: an
invalid value, a person of another team, a clock far ahead...), the sync engine moves that
change here with the server's code and message, and pushes the rest again. Nothing is
dropped silently: the Sync page lists what is here, with the reason, and the person can

* **edit and resend** (:func:`resend`): the corrected values are saved as an ordinary
  local edit (checked as any edit is) and the change goes back into the outbox, or
* **discard** (:func:`discard`), after confirming: the change is not sent; its row stays,
  emptied of values, as the record of who discarded which change and when, and the
  record goes back to what the server holds at the next sync (the laptop pulls afresh).

The counts are reported to the server at each sync (the admin sees them per laptop).

Threading: like the store, one thread at a time; every function is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from typing import Any

from outreach.store.outbox import FIELDS
from outreach.store.records import Store, dumps

log = logging.getLogger(__name__)
_COLS = ", ".join(FIELDS)
CURSOR_KEY = "sync_cursor"        # (syncstore.CURSOR_KEY: reset to pull afresh)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def put(store: Store, change_id: str, *, code: str, reason: str,
        details: Mapping[str, Any]) -> bool:
    """Move one change from the outbox into the quarantine (inside or outside a
    transaction). False when the outbox does not hold it."""
    safe = {k: v for k, v in details.items()
            if k in ("change_id", "reason", "fields", "max_batch") and len(str(v)) < 2000}
    with store.transaction() as c:
        cur = c.execute(
            f"INSERT OR IGNORE INTO quarantine(seq, {_COLS}, code, reason, details, "
            f"quarantined_at) SELECT seq, {_COLS}, ?, ?, ?, ? FROM outbox "
            "WHERE change_id = ?", (code, reason[:500], dumps(safe), _now(), change_id))
        c.execute("DELETE FROM outbox WHERE change_id = ?", (change_id,))
    if cur.rowcount:
        log.warning("sync: a change was refused by the server and kept aside code=%s", code)
    return bool(cur.rowcount)


def listing(store: Store) -> list[dict[str, Any]]:
    """The changes waiting for a person, oldest first: ``change_id``, ``record_id``,
    ``kind``, ``person_id``, ``op``, ``fields``, ``code``, ``reason``, ``details``,
    ``quarantined_at``."""
    rows = store.execute(
        "SELECT change_id, record_id, kind, person_id, op, fields, code, reason, details, "
        "quarantined_at FROM quarantine WHERE discarded_at IS NULL ORDER BY seq").fetchall()
    keys = ("change_id", "record_id", "kind", "person_id", "op", "fields", "code", "reason",
            "details", "quarantined_at")
    out = []
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        item["fields"] = json.loads(item["fields"])
        item["details"] = json.loads(item["details"])
        out.append(item)
    return out


def count(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM quarantine WHERE discarded_at IS NULL"
                             ).fetchone()[0])


def _row(store: Store, change_id: str) -> dict[str, Any]:
    row = store.execute(f"SELECT seq, {_COLS} FROM quarantine WHERE change_id = ? AND "
                        "discarded_at IS NULL", (change_id,)).fetchone()
    if row is None:
        raise KeyError(change_id)
    item = dict(zip(("seq", *FIELDS), row, strict=True))
    item["fields"] = json.loads(item["fields"])
    return item


def resend(store: Store, change_id: str, fixes: Mapping[str, Any] | None = None) -> None:
    """Save ``fixes`` (field -> corrected value) as a local edit of the record, then put
    the refused change, without the fixed fields, back at the end of the outbox. Raises
    the store's ``ValidationError`` (nothing changes) if the corrected values are not
    valid; ``KeyError`` if no such change waits here."""
    with store.transaction() as c:
        item = _row(store, change_id)
        fixes = dict(fixes or {})
        if fixes:
            store.update(item["record_id"], fixes)       # validated; its own outbox change
        rest = {k: v for k, v in item["fields"].items() if k not in fixes}
        if rest or item["op"] == "delete" or not fixes:
            values = [item[k] for k in FIELDS]
            values[FIELDS.index("fields")] = dumps(rest)
            c.execute(f"INSERT INTO outbox({_COLS}) VALUES({','.join('?' * len(FIELDS))})",
                      values)
        c.execute("DELETE FROM quarantine WHERE change_id = ?", (change_id,))
    log.info("sync: a refused change was corrected and queued again")


def discard(store: Store, change_id: str) -> None:
    """Do not send this change (the caller has asked the person). Its row stays as the
    record of the discard (values emptied). The record returns to the server's state at
    the next sync: the laptop's cursor is reset so it pulls afresh, and the discarded
    fields lose their local stamps so the server's values win; a discarded creation
    removes the record from this laptop."""
    with store.transaction() as c:
        item = _row(store, change_id)
        rid = item["record_id"]
        row = c.execute("SELECT rid, clocks, data FROM records WHERE id = ?",
                        (rid,)).fetchone()
        if row is not None:
            if item["op"] == "upsert" and item["base_version"] == 0:
                store.unindex(row[0])
                c.execute("DELETE FROM records WHERE id = ?", (rid,))
                c.execute("DELETE FROM outbox WHERE record_id = ?", (rid,))
            else:
                # Values this change set (and no later edit replaced) are taken away;
                # the pull from the start brings the server's back.
                clocks, data = json.loads(row[1]), json.loads(row[2])
                names = ["_deleted"] if item["op"] == "delete" else list(item["fields"])
                for name in names:
                    if clocks.get(name) == item["hlc"]:
                        clocks.pop(name)
                        data.pop(name, None)
                c.execute("UPDATE records SET data = ?, clocks = ?, deleted = ? WHERE id = ?",
                          (dumps(data), dumps(clocks), int("_deleted" in clocks), rid))
                store.reindex(rid)
        c.execute("UPDATE quarantine SET fields = '{}', base = '{}', discarded_at = ?, "
                  "discarded_by = ? WHERE change_id = ?", (_now(), store.user, change_id))
        store.set_meta(CURSOR_KEY, "0")
    log.info("sync: a refused change was discarded by the user")
