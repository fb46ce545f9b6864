"""What a device may write: the server's scope check for every pushed change.

The team check (a person belongs to one team; ``batch.Batch.team_of``) is not enough on
its own: a change may *refer* to other records, claim to come from someone else, or be
of a kind no laptop may write. :func:`check_change` refuses, with a reason the push
answer carries in ``details`` (``change_id`` and ``reason``):

* ``server_made``: ``conflict`` records are the server's alone to create (it makes one
  when two free-text edits clash, ``outreach.core.merge``). A laptop may only close one
  it received: an update of ``status`` and ``resolved_value`` of an existing conflict
  of its own team. Creating, deleting or rewriting one (its versions, its target) is
  refused, so no device can plant "the other version" of another team's text.
* ``role``: organisation-wide records (the service directory, and conflicts about it)
  are written only by admins or the roles in ``Settings.directory_roles``. A team's own
  records with no person (team-scoped kinds: the huddle) are not organisation-wide: any
  member of the team writes them, and no other team (``batch.Batch.team_of_record``).
* ``reference_other_team`` / ``reference_mismatch``: a field that names another record
  (a rating's goal, an addendum's conversation, a link's service) must name a record of
  the same person (so the same team) and of the declared kind, or an organisation-wide
  record for a directory reference. A reference to a record the server does not hold is
  let through: it reveals nothing and changes nothing.
* ``device_claim``: a change's ``device`` must be the authenticated device (or empty).
  The ``author`` a laptop writes is never used: the server records the authenticated
  user as the author of every change, in the change log, the record's metadata and the
  versions of any conflict it makes. Nor is the node part of a clock stamp ever taken as
  an identity. Far-future stamps are refused earlier (``push.check_changes``).

Pure functions over the batch's in-memory states: no database access, no locks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from outreach.core import records as rk
from sync.protocol import Change, ErrorCode
from sync.server.errors import ApiError

if TYPE_CHECKING:
    from sync.server.auth import Principal
    from sync.server.settings import Settings


class State(Protocol):
    """What the checks read of a record's current state (``batch.State`` has it)."""

    kind: str
    person_id: str | None
    team_id: int | None

CONFLICT_LAPTOP_FIELDS = frozenset({"status", "resolved_value"})


def refs_of(ch: Change) -> Iterator[str]:
    """The ids of the records a change's fields name (REF fields given as text)."""
    spec = rk.KINDS.get(ch.kind)
    if spec is None or ch.op != "upsert":
        return
    for name, value in ch.fields.items():
        f = spec.by_name.get(name)
        if f is not None and f.type is rk.FieldType.REF and isinstance(value, str):
            yield value


def may_write_directory(principal: Principal, settings: Settings) -> bool:
    return principal.is_admin or principal.role in settings.directory_roles


def _refuse(code: ErrorCode, message: str, ch: Change, reason: str) -> ApiError:
    return ApiError(code, message, details={"change_id": ch.change_id, "reason": reason})


def check_change(ch: Change, *, principal: Principal, settings: Settings,
                 person_id: str | None, state: State | None,
                 states: Mapping[str, State]) -> None:
    """Refuse ``ch`` (an :class:`ApiError`) if it lies outside ``principal``'s scope.
    ``state`` is the record's current state (None: new), ``states`` every record the
    batch read or wrote so far (referenced records included)."""
    if ch.device and ch.device != principal.device_id:
        raise _refuse(ErrorCode.FORBIDDEN_RECORD, "A change claims to come from another "
                      "device.", ch, "device_claim")
    if ch.kind == "conflict":
        if state is None or state.kind != "conflict" or ch.op != "upsert":
            raise _refuse(ErrorCode.FORBIDDEN_RECORD, "Conflict records are made by the "
                          "server only; a laptop may only resolve one.", ch, "server_made")
        if set(ch.fields) - CONFLICT_LAPTOP_FIELDS:
            raise _refuse(ErrorCode.FORBIDDEN_RECORD, "Only the status and the chosen "
                          "text of a conflict may change.", ch, "server_made")
    spec = rk.KINDS[ch.kind]
    # A team's own record (the huddle) and a conflict about one belong to the team, not
    # to the organisation: ``batch.Batch.team_of_record`` keeps them in the team.
    team_record = spec.team_scoped or (ch.kind == "conflict" and state is not None
                                       and state.team_id is not None)
    org_wide = person_id is None and not team_record and \
        (not spec.person_scoped or ch.kind == "conflict")
    if org_wide and not may_write_directory(principal, settings):
        raise _refuse(ErrorCode.FORBIDDEN_RECORD, "Only an admin may change the service "
                      "directory.", ch, "role")
    for name, value in ch.fields.items():
        f = spec.by_name.get(name)
        if f is None or f.type is not rk.FieldType.REF or not isinstance(value, str):
            continue
        target = states.get(value)
        if target is None:
            continue
        _check_ref(ch, f, target, person_id=person_id, team_id=principal.team_id)


def _check_ref(ch: Change, f: Any, target: State, *, person_id: str | None,
               team_id: int) -> None:
    if target.team_id is not None and target.team_id != team_id:
        raise _refuse(ErrorCode.FORBIDDEN_RECORD, "A change refers to a record of another "
                      "team.", ch, "reference_other_team")
    ref_spec = rk.KINDS.get(f.ref or "")
    if f.ref is not None and target.kind != f.ref:
        raise _refuse(ErrorCode.INVALID_RECORD, "A change refers to a record of the wrong "
                      "kind.", ch, "reference_mismatch")
    if ref_spec is not None and ref_spec.person_scoped and target.person_id != person_id:
        raise _refuse(ErrorCode.INVALID_RECORD, "A change refers to a record of another "
                      "person.", ch, "reference_mismatch")
