"""Life outcomes recorded for a person: the exit questionnaire, a life outcomes check
(community involvement, work or study) and job starts (issue 14 item 11).

Loneliness is a questionnaire (UCLA-3) and is recorded with :mod:`outreach.ops.measures`;
goals achieved come from :mod:`outreach.ops.goals`. The figures are computed by
:func:`outreach.core.indicators.compute`, on the laptop and the server alike.

Threading: small local writes, safe on the UI thread; no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from outreach.core.rules import today_iso
from outreach.ops import OpChanges
from outreach.store.records import Store

#: The kinds of record shown in the person's "Life and feedback" tab, with their date field.
KINDS = {"exit_feedback": "completed_on", "life_check": "checked_on",
         "job_start": "started_on"}


def _create(store: Store, kind: str, person_id: str, values: dict[str, Any]) -> OpChanges:
    rec = store.create(kind, {k: v for k, v in values.items() if v not in (None, "")},
                       person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def record_exit_feedback(store: Store, *, person_id: str, listened: str, joined_up: str,
                         use_again: str, completed_on: str | None = None,
                         comments: str | None = None) -> OpChanges:
    """Record the short exit questionnaire (answers: yes, partly, no, not_answered)."""
    return _create(store, "exit_feedback", person_id, {
        "completed_on": completed_on or today_iso(), "listened": listened,
        "joined_up": joined_up, "use_again": use_again, "comments": comments})


def record_life_check(store: Store, *, person_id: str, community: str | None = None,
                      work: str | None = None, checked_on: str | None = None,
                      note: str | None = None) -> OpChanges:
    """Record where the person is with community involvement and work or study today.
    At least one of ``community`` and ``work`` is needed."""
    if not community and not work:
        raise ValueError("Choose how involved they are in their community, or their work "
                         "or study, then save.")
    return _create(store, "life_check", person_id, {
        "checked_on": checked_on or today_iso(), "community": community, "work": work,
        "note": note})


def record_job_start(store: Store, *, person_id: str, started_on: str | None = None,
                     job_title: str | None = None, hours_per_week: int | None = None,
                     ips: bool | None = None) -> OpChanges:
    """Record that the person started a job (for teams running IPS: ``ips``)."""
    return _create(store, "job_start", person_id, {
        "started_on": started_on or today_iso(), "job_title": job_title,
        "hours_per_week": hours_per_week, "ips": ips})


def life_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The person's exit questionnaires, life checks and job starts, newest first."""
    mine = [r for r in records if r.get("kind") in KINDS]
    return sorted(mine, key=lambda r: (str(r.get(KINDS[r["kind"]]) or ""),
                                       str(r.get("created_at") or "")), reverse=True)
