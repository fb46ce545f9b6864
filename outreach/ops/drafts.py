"""Drafts: what is being typed, kept in the encrypted store until it is saved or discarded.

One mechanism for every form that takes free text (a conversation, a care plan, the welcome
wizard, an addendum): the form's state is a JSON-friendly dict written to the store's
``drafts`` table (local only, never synced, removed with the person's other records when
they leave the laptop). A draft has a ``kind`` (what form it belongs to) and is bound to the
person it was typed for (``person_id``; ``None`` for a welcome of someone not yet on the
laptop). Saving the record a draft was for discards the draft in the same transaction (the
ops that save take a ``draft_id``).

Threading: each call is one small local write or read; callers run them on the UI thread
(well under the 100 ms budget) or from any single thread that owns the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from outreach.store.records import Store

#: The kinds of draft the app keeps (a kind names the form that wrote it).
KINDS = ("conversation", "care_plan", "welcome", "addendum", "goal", "risk_review",
         "episode")

_ANY: Any = object()


def save_draft(store: Store, *, draft_id: str, kind: str, person_id: str | None,
               data: Mapping[str, Any]) -> None:
    """Write (or overwrite) one draft."""
    store.save_draft(draft_id, kind=kind, person_id=person_id, data=data)


def drafts(store: Store, person_id: str | None = _ANY, *,
           kind: str | None = None) -> list[dict[str, Any]]:
    """Drafts, oldest first, each ``{id, kind, person_id, data, updated_at}``.

    ``person_id`` given (even ``None``) keeps only the drafts bound to that person (``None``:
    to nobody yet); ``kind`` keeps only one kind.
    """
    rows = store.drafts(person_id=person_id if isinstance(person_id, str) else None)
    if person_id is None:
        rows = [r for r in rows if r["person_id"] is None]
    if kind is not None:
        rows = [r for r in rows if r["kind"] == kind]
    return rows


def latest_draft(store: Store, *, kind: str, person_id: str | None) -> dict[str, Any] | None:
    """The newest draft of ``kind`` bound to ``person_id`` (``None``: to nobody), if any."""
    found = drafts(store, person_id=person_id, kind=kind)
    return max(found, key=lambda d: d.get("updated_at") or "") if found else None


def discard_draft(store: Store, draft_id: str) -> None:
    """Throw a draft away (nothing happens if it is not there)."""
    store.discard_draft(draft_id)
