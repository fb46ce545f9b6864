"""The outbox: local changes waiting to be pushed, oldest first.

A change leaves the outbox only when the server has acknowledged it
(:func:`acknowledge`), so an interrupted push is simply sent again; the server recognises
change ids it has seen and does not apply them twice. An acknowledged change is kept in
the sent log for a while, to be sent again if the server is restored from an older backup
(:func:`requeue_sent`). A change the server refuses goes to the quarantine
(``outreach/store/quarantine.py``) so that the rest keep flowing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from outreach.store.records import Store

FIELDS = ("change_id", "record_id", "kind", "person_id", "op", "fields", "base", "hlc",
          "author", "device", "base_version", "created_at")


def pending(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    rows = store.execute(f"SELECT {', '.join(FIELDS)} FROM outbox ORDER BY seq LIMIT ?",
                         (limit,)).fetchall()
    out = []
    for row in rows:
        change = dict(zip(FIELDS, row, strict=True))
        change["fields"] = json.loads(change["fields"])
        change["base"] = json.loads(change["base"])
        out.append(change)
    return out


def pending_count(store: Store) -> int:
    return int(store.execute("SELECT count(*) FROM outbox").fetchone()[0])


SENT_LOG_DAYS = 35     # backups are kept 30 days (docs/deploy.md); a little more here
_COLS = ", ".join(FIELDS)


def acknowledge(store: Store, change_ids: Iterable[str], *, keep: bool = True) -> int:
    """Remove acknowledged changes from the outbox. With ``keep`` they move to the sent
    log for :data:`SENT_LOG_DAYS` days (re-sent if the server turns out to be restored
    from an older backup: :func:`requeue_sent`); changes for an erased person are not
    kept. Older sent-log entries are dropped here."""
    ids = list(change_ids)
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as c:
        removed = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            if keep:
                c.execute(f"INSERT OR IGNORE INTO sent_log(seq, {_COLS}, acked_at) "
                          f"SELECT seq, {_COLS}, ? FROM outbox WHERE change_id IN ({marks})",
                          [now.isoformat(timespec="seconds"), *chunk])
            cur = c.execute(f"DELETE FROM outbox WHERE change_id IN ({marks})", chunk)
            removed += cur.rowcount
        horizon = now - dt.timedelta(days=SENT_LOG_DAYS)
        c.execute("DELETE FROM sent_log WHERE acked_at < ?",
                  (horizon.isoformat(timespec="seconds"),))
    return removed


def requeue_sent(store: Store) -> int:
    """Put every change of the sent log back into the outbox, in its original place
    (before the changes not sent yet). Call inside a transaction."""
    conn = store.conn
    cur = conn.execute(f"INSERT OR IGNORE INTO outbox(seq, {_COLS}) "
                       f"SELECT seq, {_COLS} FROM sent_log ORDER BY seq")
    conn.execute("DELETE FROM sent_log")
    return int(cur.rowcount)
