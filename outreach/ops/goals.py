"""Goals in the person's own words, with progress ratings over time (0–10)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from outreach.core.rules import today_iso
from outreach.ops import OpChanges
from outreach.store.records import Store


def add_goal(store: Store, *, person_id: str, description: str, life_area: str,
             set_on: str | None = None) -> OpChanges:
    rec = store.create("goal", {"description": description, "life_area": life_area,
                                "set_on": set_on or today_iso(), "status": "active"},
                       person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def rate_goal(store: Store, *, goal_id: str, score: int, rated_on: str | None = None,
              note: str | None = None) -> OpChanges:
    goal = store.require(goal_id)
    rec = store.create("goal_rating", {"goal_id": goal_id, "score": score,
                                       "rated_on": rated_on or today_iso(), "note": note},
                       person_id=goal["person_id"])
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def update_goal(store: Store, goal_id: str, changes: Mapping[str, Any]) -> OpChanges:
    """Change a goal. Marking it achieved records the day (``achieved_on``, today unless
    given) so "goals achieved" counts it in the right range; moving it away from achieved
    clears that day."""
    values = dict(changes)
    status = values.get("status")
    if status == "achieved" and not values.get("achieved_on"):
        if store.require(goal_id).get("status") != "achieved":
            values["achieved_on"] = today_iso()
    elif status is not None and status != "achieved":
        values["achieved_on"] = None
    return OpChanges().add(store.update(goal_id, values))
