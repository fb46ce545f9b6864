"""Today: my caseload, who is waiting for a first conversation, follow-ups due, and the
team's huddle list of open risk flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from outreach.core.rules import RISK_ORDER
from outreach.ops.people import PersonRow, caseload
from outreach.store.records import Store


@dataclass
class Today:
    my_caseload: list[PersonRow] = field(default_factory=list)
    waiting: list[PersonRow] = field(default_factory=list)
    follow_ups_due: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)
    huddle: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)


def today(store: Store, *, user: str | None = None, on: dt.date | None = None) -> Today:
    day = on or dt.date.today()
    rows = caseload(store, on=day)
    by_id = {r.id: r for r in rows}
    me = user if user is not None else store.user
    t = Today()
    t.my_caseload = [r for r in rows if r.key_worker == me and r.status in ("active", "waiting")]
    t.waiting = sorted((r for r in rows if r.status == "waiting"),
                       key=lambda r: -(r.days_waiting or 0))
    horizon = day.isoformat()
    # The follow-up set at each person's latest conversation (kept in the caseload
    # summary), when it is due: an earlier conversation's follow-up is overtaken by later ones.
    for row in rows:
        if row.follow_up_on and row.follow_up_on <= horizon and row.status == "active" and \
                (me is None or row.key_worker == me):
            found = store.execute(
                "SELECT id FROM records INDEXED BY caseload_conversations "
                "WHERE person_id = ? AND kind = 'conversation' AND deleted = 0 "
                "ORDER BY json_extract(data, '$.occurred_at') DESC LIMIT 1",
                (row.id,)).fetchone()
            conv = store.get(found[0]) if found else None
            if conv is not None:
                t.follow_ups_due.append((row, conv))
    for flag in store.query("risk_flag"):
        flagged = by_id.get(flag["person_id"])
        if flag.get("status") == "open" and flagged is not None:
            t.huddle.append((flagged, flag))
    t.huddle.sort(key=lambda pair: (-RISK_ORDER.get(pair[1]["level"], 0),
                                    pair[1]["raised_on"]))
    return t
