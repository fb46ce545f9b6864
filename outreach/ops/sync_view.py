"""What the Sync and Admin screens show and do beyond :mod:`outreach.ops.sync`: the sync
status (server, last sync and its outcome, changes waiting), the open conflicts, and
resolving one by keeping one version or a merged text.

Resolving writes the chosen text into the target record's field and closes the conflict
in ONE transaction; both changes go to the outbox, so the choice syncs to the team.

Threading: plain ops; safe on a background thread (the Store has its own lock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from outreach.ops import OpChanges
from outreach.store import outbox, pulled
from outreach.store.records import Store
from outreach.store.syncstore import StoreSync

OUTCOME_META = "last_sync_outcome"
ATTEMPT_META = "last_sync_attempt_at"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    user: str
    team: str
    is_admin: bool
    last_sync_at: str | None        # last successful sync (ISO, UTC)
    last_attempt_at: str | None     # last attempt, successful or not
    last_outcome: str               # plain words about the last attempt
    pending: int                    # local changes waiting to be sent
    open_conflicts: int


def sync_status(store: Store) -> SyncStatus:
    """The sync facts for this profile."""
    creds = StoreSync(store).credentials()
    conflicts = len(open_conflicts(store))
    return SyncStatus(
        enrolled=creds is not None,
        server_url=creds.server_url if creds else "",
        user=creds.user if creds else store.user,
        team=creds.team if creds else (store.meta("team") or ""),
        is_admin=bool(creds and creds.is_admin),
        last_sync_at=store.meta("last_sync_at"),
        last_attempt_at=store.meta(ATTEMPT_META),
        last_outcome=store.meta(OUTCOME_META) or "",
        pending=outbox.pending_count(store),
        open_conflicts=conflicts,
    )


def is_admin(store: Store) -> bool:
    """True when this laptop enrolled for a user with the admin role."""
    creds = StoreSync(store).credentials()
    return bool(creds and creds.is_admin)


def record_outcome(store: Store, text: str) -> None:
    """Remember the outcome of a sync attempt (shown on the Sync page; no personal data)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.set_meta(OUTCOME_META, text)
        store.set_meta(ATTEMPT_META, now)


def describe(result: Any) -> str:
    """Plain words for a :class:`outreach.ops.sync.SyncResult`."""
    def n(count: int, one: str, many: str) -> str:
        return f"{count:,} {one if count == 1 else many}"

    text = (f"Done: sent {n(result.pushed, 'change', 'changes')}, "
            f"received {n(result.pulled, 'change', 'changes')}.")
    if result.conflicts:
        text += f" {n(result.conflicts, 'conflict needs', 'conflicts need')} a decision."
    refused = getattr(result, "refused", 0)
    if refused:
        text += (f" The server refused {n(refused, 'change', 'changes')}: see "
                 "“Changes the server refused” below to fix or discard.")
    set_aside = list(getattr(result, "set_aside", ()) or ())
    if set_aside:
        text += (f" {n(len(set_aside), 'record', 'records')} from the server could not be "
                 f"used: {set_aside[0]}. {'It was' if len(set_aside) == 1 else 'They were'}"
                 " set aside and nothing else was affected; please tell your admin.")
    return text


def _conflict_problem(store: Store, conflict: dict[str, Any]) -> str | None:
    """Why a stored conflict cannot be shown or resolved (``outreach/store/pulled.py``)."""
    target_id = conflict.get("record_id")
    target = store.get(target_id) if isinstance(target_id, str) else None
    return pulled.conflict_problem(
        conflict, person_id=conflict.get("person_id"),
        target=(target["kind"], target.get("person_id")) if target else None)


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    """Open conflict records, oldest first, each with ``person_name`` when it has one.
    Malformed ones are left out (:func:`conflicts_inbox` says why)."""
    return conflicts_inbox(store)[0]


def may_resolve_directory(store: Store) -> bool:
    """Whether this laptop's user may change the service directory (so resolve its
    conflicts): the server refuses anyone else's directory changes."""
    creds = StoreSync(store).credentials()
    return creds is None or creds.is_admin or creds.may_write_directory


def conflicts_inbox(store: Store) -> tuple[list[dict[str, Any]], list[str]]:
    """The open conflicts that can be shown (as :func:`open_conflicts`), and why each
    malformed one cannot (they are set aside: never shown, never resolved). Conflicts in
    the service directory are left to those who may change it."""
    out = []
    problems: list[str] = []
    names: dict[str, str] = {}
    directory = may_resolve_directory(store)
    for conflict in store.query("conflict"):
        if conflict.get("status") != "open":
            continue
        if not conflict.get("person_id") and not directory:
            continue
        reason = _conflict_problem(store, conflict)
        if reason is not None:
            problems.append(reason)
            continue
        item = dict(conflict)
        pid = conflict.get("person_id")
        if pid and pid not in names:
            person = store.get(pid) or {}
            first = person.get("preferred_name") or person.get("given_name") or ""
            names[pid] = f"{first} {person.get('family_name') or ''}".strip()
        item["person_name"] = names.get(pid or "", "")
        out.append(item)
    out.sort(key=lambda c: c.get("created_at") or "")
    return out, problems


def resolve_conflict(store: Store, *, conflict_id: str, text: str) -> OpChanges:
    """Put ``text`` (one version, or a merge) into the field and close the conflict."""
    changes = OpChanges()
    with store.transaction():
        conflict = store.require(conflict_id)
        if conflict.get("kind") != "conflict":
            raise ValueError("That is not a conflict.")
        if conflict.get("status") != "open":
            raise ValueError("That conflict has already been resolved.")
        reason = _conflict_problem(store, conflict)
        if reason is not None:
            raise ValueError(f"This conflict cannot be used: {reason}. Please tell your "
                             "admin.")
        if not conflict.get("person_id") and not may_resolve_directory(store):
            raise ValueError("Only an admin can choose between two versions of a service "
                             "directory entry.")
        target = store.get(conflict["record_id"])
        if target is not None:
            changes.add(store.update(conflict["record_id"], {conflict["field"]: text}))
        changes.add(store.update(conflict_id, {"status": "closed", "resolved_value": text}))
    return changes
