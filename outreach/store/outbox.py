"""The outbox: local changes waiting to be pushed, oldest first.

A change leaves the outbox only when the server has acknowledged it
(:func:`acknowledge`), so an interrupted push is simply sent again; the server recognises
change ids it has seen and does not apply them twice.
"""

from __future__ import annotations

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


def acknowledge(store: Store, change_ids: Iterable[str]) -> int:
    ids = list(change_ids)
    with store.transaction() as c:
        removed = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cur = c.execute(f"DELETE FROM outbox WHERE change_id IN "
                            f"({','.join('?' * len(chunk))})", chunk)
            removed += cur.rowcount
    return removed
