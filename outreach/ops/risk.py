"""Risk flags: concerns shared with the team for the daily huddle. Risk is held by the
team, not one worker, so flags sync to every laptop of the team."""

from __future__ import annotations

from outreach.core.rules import today_iso
from outreach.ops import OpChanges
from outreach.store.records import Store


def raise_flag(store: Store, *, person_id: str, level: str, concern: str,
               review_on: str | None = None) -> OpChanges:
    rec = store.create("risk_flag", {"level": level, "concern": concern,
                                     "raised_on": today_iso(), "review_on": review_on,
                                     "status": "open"}, person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def close_flag(store: Store, flag_id: str) -> OpChanges:
    return OpChanges().add(store.update(flag_id, {"status": "closed",
                                                  "closed_on": today_iso()}))
