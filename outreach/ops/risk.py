"""Risk flags: concerns shared with the team for the daily huddle. Risk is held by the
team, not one worker, so flags sync to every laptop of the team.

A flag is raised (level, concern, review date), reviewed any number of times (who, when,
what the review found, the next review date and perhaps a new level) and closed once (who,
when, why). A closed flag leaves the huddle and the person's header but stays in their
file. The flag keeps its latest review; every earlier one is in the change history that
syncs and the server's audit log.

Threading: plain functions over an unlocked store; safe on any one thread at a time.
"""

from __future__ import annotations

import datetime as dt

from outreach.core.rules import today_iso
from outreach.core.validation import FieldError, ValidationError
from outreach.ops import OpChanges
from outreach.store.records import Store

FLAG_REVIEW_DAYS = 14      # a flag raised with no review date is reviewed within two weeks


def raise_flag(store: Store, *, person_id: str, level: str, concern: str,
               review_on: str | None = None) -> OpChanges:
    """Raise a flag today; every flag has a review-by date (default
    :data:`FLAG_REVIEW_DAYS` from today), and an overdue one leads the huddle list."""
    raised = today_iso()
    if review_on is None:
        review_on = (dt.date.fromisoformat(raised)
                     + dt.timedelta(days=FLAG_REVIEW_DAYS)).isoformat()
    rec = store.create("risk_flag", {"level": level, "concern": concern,
                                     "raised_on": raised, "review_on": review_on,
                                     "status": "open"}, person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def _open_flag(store: Store, flag_id: str) -> dict:
    flag = store.require(flag_id)
    if flag["kind"] != "risk_flag":
        raise ValidationError([FieldError("risk_flag", "flag", "is not a risk flag", flag_id)])
    if flag.get("status") != "open":
        raise ValidationError([FieldError("risk_flag", "Status",
                                          "this flag is already closed", flag_id)])
    return flag


def review_flag(store: Store, flag_id: str, *, note: str, review_on: str | None = None,
                level: str | None = None) -> OpChanges:
    """Record a review of an open flag by the store's user today: what it found (required),
    the next review date (``None`` clears it) and, if given, a new level."""
    _open_flag(store, flag_id)
    if not note.strip():
        raise ValidationError([FieldError("risk_flag", "What the review found",
                                          "say what the review found", flag_id)])
    changes = {"reviewed_on": today_iso(), "reviewed_by": store.user or "",
               "review_note": note.strip(), "review_on": review_on}
    if level is not None:
        changes["level"] = level
    return OpChanges().add(store.update(flag_id, changes))


def close_flag(store: Store, flag_id: str, *, reason: str) -> OpChanges:
    """Close an open flag: the store's user, today, and why (required)."""
    _open_flag(store, flag_id)
    if not reason.strip():
        raise ValidationError([FieldError("risk_flag", "Why it was closed",
                                          "say why the flag can be closed", flag_id)])
    return OpChanges().add(store.update(flag_id, {
        "status": "closed", "closed_on": today_iso(), "closed_by": store.user or "",
        "close_reason": reason.strip()}))
