"""Rules of the Living Well record that do not belong to a single field.

Dates are ISO strings (``YYYY-MM-DD``) as stored; these helpers compare and count them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

RISK_ORDER = {"low": 1, "medium": 2, "high": 3}
DEFAULT_REVIEW_WEEKS = 12


def today_iso() -> str:
    return dt.date.today().isoformat()


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="minutes")


def may_share(person: Mapping[str, Any]) -> bool:
    """Whether this person agreed to their record being shared with partner services
    (``consent_share`` recorded as yes; not recorded counts as no). The one rule every
    gate reads, always the current value: the care plan PDF, FHIR and CSV exports that
    name the person, and a service referral that passes their details on (issue 14
    item 7). Earlier values are history (``consent_change`` records), never the rule."""
    return person.get("consent_share") is True


def days_between(start: str, end: str) -> int:
    """Whole days from date ``start`` to date ``end`` (both ``YYYY-MM-DD``)."""
    return (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days


def review_date(started_on: str, weeks: int = DEFAULT_REVIEW_WEEKS) -> str:
    return (dt.date.fromisoformat(started_on) + dt.timedelta(weeks=weeks)).isoformat()


def open_episode(episodes: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The period of support still open, if any (at most one is open at a time)."""
    open_ = [e for e in episodes if not e.get("ended_on")]
    return max(open_, key=lambda e: e["started_on"]) if open_ else None


def can_reopen(episodes: Iterable[Mapping[str, Any]],
               referrals: Iterable[Mapping[str, Any]]) -> bool:
    """A person who had support and has none open can come back without a new referral."""
    eps = list(episodes)
    return bool(eps) and open_episode(eps) is None and any(
        r.get("status") == "accepted" for r in referrals)


def first_conversation_after(conversations: Iterable[Mapping[str, Any]],
                             date: str) -> Mapping[str, Any] | None:
    """The earliest conversation on or after ``date``."""
    later = [c for c in conversations if c["occurred_at"][:10] >= date[:10]]
    return min(later, key=lambda c: c["occurred_at"]) if later else None
