"""Today: my caseload, who is waiting for a first conversation, follow-ups due (the
follow-up of each person's latest conversation, and huddle actions I own), care-plan
reviews due soon or overdue, and the team's huddle list of open risk flags, overdue
reviews first.

Threading: plain functions over an unlocked store; run off the UI thread (the window runs
:func:`today` through the background helper).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from outreach.core.rules import RISK_ORDER
from outreach.ops.people import PersonRow, caseload
from outreach.store.records import Store

REVIEW_SOON_DAYS = 14       # a care-plan review this close (or overdue) is listed on Today


@dataclass
class Today:
    my_caseload: list[PersonRow] = field(default_factory=list)
    waiting: list[PersonRow] = field(default_factory=list)
    follow_ups_due: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)
    huddle: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)
    # (person, open episode) whose review is due within REVIEW_SOON_DAYS or overdue,
    # most overdue first
    reviews_due: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)
    # (person, open huddle action) owned by the user, earliest due first
    actions: list[tuple[PersonRow, dict[str, Any]]] = field(default_factory=list)
    # who a huddle may discuss: people with open flags first, then everyone being
    # supported or waiting, by name; and the team's key workers (action owners)
    team_people: list[PersonRow] = field(default_factory=list)
    key_workers: list[str] = field(default_factory=list)
    on: dt.date = field(default_factory=dt.date.today)

    @property
    def flags_overdue(self) -> list[tuple[PersonRow, dict[str, Any]]]:
        """The huddle's flags past their review date (they lead the huddle list)."""
        return [pair for pair in self.huddle if flag_state(pair[1], self.on)[0] == "overdue"]


def days_late(date: str | None, on: dt.date) -> int | None:
    """Whole days ``date`` is behind ``on`` (negative: still ahead); ``None`` if no date."""
    return (on - dt.date.fromisoformat(date[:10])).days if date else None


def flag_state(flag: dict[str, Any], on: dt.date) -> tuple[str, int]:
    """An open flag's review state on ``on``: ``("overdue", days late)``,
    ``("no_date", 0)`` or ``("due", days until the review)``."""
    late = days_late(flag.get("review_on"), on)
    if late is None:
        return "no_date", 0
    return ("overdue", late) if late > 0 else ("due", -late)


def huddle_key(flag: dict[str, Any], on: dt.date) -> tuple[Any, ...]:
    """Overdue flags first (highest level, then longest overdue), then those with no
    review date, then the rest by level and when they were raised."""
    state, days = flag_state(flag, on)
    group = {"overdue": 0, "no_date": 1, "due": 2}[state]
    level = -RISK_ORDER.get(flag.get("level", ""), 0)
    return (group, level, -days if state == "overdue" else 0, flag.get("raised_on") or "")


def today(store: Store, *, user: str | None = None, on: dt.date | None = None,
          everyone: bool = False) -> Today:
    """Today's lists for ``user`` (default: the store's user), or with ``everyone`` the
    follow-ups, reviews and actions of the whole team."""
    day = on or dt.date.today()
    rows = caseload(store, on=day)
    by_id = {r.id: r for r in rows}
    me = None if everyone else user if user is not None else store.user
    t = Today(on=day)
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
    t.huddle.sort(key=lambda pair: huddle_key(pair[1], day))
    t.reviews_due = reviews_due(store, rows=rows, me=me, on=day)
    for action in store.query("huddle_action"):
        owner_row = by_id.get(action["person_id"])
        if action.get("status") == "open" and owner_row is not None and \
                (me is None or action.get("owner") == me):
            t.actions.append((owner_row, action))
    t.actions.sort(key=lambda pair: pair[1].get("due_on") or "")
    flagged = list(dict.fromkeys(row.id for row, _ in t.huddle))
    seen = set(flagged)
    others = sorted((r for r in rows if r.status in ("active", "waiting")
                     and r.id not in seen), key=lambda r: r.name.casefold())
    t.team_people = [by_id[pid] for pid in flagged] + others
    t.key_workers = sorted({r.key_worker for r in rows if r.key_worker})
    return t


def reviews_due(store: Store, *, rows: list[PersonRow], me: str | None,
                on: dt.date) -> list[tuple[PersonRow, dict[str, Any]]]:
    """Open periods of support whose review date is within :data:`REVIEW_SOON_DAYS` or
    past, for the people ``me`` is key worker of (everyone's when ``me`` is ``None``),
    most overdue first."""
    soon = (on + dt.timedelta(days=REVIEW_SOON_DAYS)).isoformat()
    mine = {r.id: r for r in rows if r.status == "active" and (me is None or
                                                                r.key_worker == me)}
    if me is not None:      # a caseload: each person's episodes through the person index
        episodes = [e for pid in mine for e in store.query("episode", person_id=pid)]
    else:
        episodes = store.query("episode")
    out = [(mine[e["person_id"]], e) for e in episodes
           if e["person_id"] in mine and not e.get("ended_on") and e.get("review_on")
           and e["review_on"] <= soon]
    out.sort(key=lambda pair: (pair[1]["review_on"], pair[0].name))
    return out
