"""The team as this laptop knows it: its users and their roles, and a person's peer mentor.

Roles are set by an admin on the server (``outreach-server admin set-role``); the laptop
learns its own user's role at enrolment and the whole team's list on every sync (kept with
the sync credentials in the encrypted store). A laptop never enrolled knows only its own
user, with no role.

Threading: plain ops; safe on a background thread (the Store has its own lock).
"""

from __future__ import annotations

from dataclasses import dataclass

from outreach.core import roles
from outreach.ops import OpChanges
from outreach.store.records import Store
from outreach.store.syncstore import StoreSync


@dataclass(frozen=True)
class Member:
    user: str
    role: str | None
    role_label: str


def _known(store: Store) -> tuple[dict[str, str | None], dict[str, str]]:
    creds = StoreSync(store).credentials()
    if creds is None:
        return ({store.user: None} if store.user else {}), {}
    members: dict[str, str | None] = dict(creds.team_members or {})
    members.setdefault(creds.user, creds.role)
    return members, dict(creds.team_roles or {})


def role_of(store: Store, user: str | None) -> str | None:
    """The role of a user of this team as last synced; None when not known."""
    if not user:
        return None
    return _known(store)[0].get(user)


def my_role(store: Store) -> str | None:
    """This laptop's user's role (None when the laptop was never enrolled)."""
    return role_of(store, store.user)


def team_roles(store: Store) -> dict[str, str]:
    """The labels of the team's own roles, ``{code: label}``."""
    return _known(store)[1]


def members(store: Store) -> list[Member]:
    """The team's users, by name, with their roles."""
    people, labels = _known(store)
    return [Member(user, role, roles.role_label(role, labels))
            for user, role in sorted(people.items(), key=lambda kv: kv[0].casefold())]


def peer_mentors(store: Store) -> list[str]:
    """The users of the team whose role is peer mentor."""
    return [m.user for m in members(store) if m.role == roles.PEER_MENTOR]


def role_mix(store: Store) -> tuple[roles.RoleCount, ...]:
    """The team's mix of roles (Reports)."""
    people, labels = _known(store)
    return roles.role_mix(people, team_roles=labels)


def set_peer_mentor(store: Store, *, person_id: str, peer_mentor: str | None) -> OpChanges:
    """Give a person a peer mentor alongside their key worker (None or "" removes it)."""
    name = (peer_mentor or "").strip() or None
    return OpChanges().add(store.update(person_id, {"peer_mentor": name}))


def refresh(store: Store) -> None:
    """Ask the server for the team list now (a sync does this too). Raises
    :class:`outreach.ops.sync.SyncFailed` with plain words when it cannot."""
    from outreach.ops import sync as sync_ops
    from sync.client import HttpClient, SyncError, refresh_team

    adapter = StoreSync(store)
    creds = adapter.credentials()
    if creds is None:
        raise sync_ops.SyncFailed(sync_ops.MESSAGES["not_enrolled"], code="not_enrolled")
    try:
        with HttpClient.from_credentials(creds) as http:
            refresh_team(adapter, http)
    except SyncError as exc:
        raise sync_ops._failed(exc) from None


def admin_set_role(store: Store, *, username: str, role: str) -> None:
    """An admin gives a user of their team a role on the server (built in or the team's
    own), then refreshes this laptop's team list. Network: run it off the UI thread."""
    from outreach.ops import sync as sync_ops
    from sync.client import SyncError

    try:
        with sync_ops._admin(store) as http:
            http.admin_set_role(username.strip(), role)
    except SyncError as exc:
        raise sync_ops._failed(exc) from None
    refresh(store)


def role_choices(store: Store) -> list[tuple[str, str]]:
    """Every role an admin may give in this team, ``(code, label)``: built in, then the
    team's own."""
    own = team_roles(store)
    return [*roles.BUILT_IN, *sorted(own.items(), key=lambda kv: kv[1].casefold())]
