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
