"""Admin actions, shared by the ``outreach-server admin`` CLI and the admin API.

Every function takes the engine and keyword arguments, runs in one transaction, and raises
:class:`AdminError` (a message fit to show) or :class:`~sync.server.errors.ApiError`.
``team_id`` arguments restrict an action to one team (the admin API passes the calling
admin's team; the CLI, run by the operator at base, passes none).
"""

from __future__ import annotations

import base64
import hmac
import logging
import time
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from outreach.core import roles as core_roles
from sync.protocol import (
    DeviceInfo,
    EnrollResponse,
    ErrorCode,
    TeamMember,
    TeamResponse,
    enroll_message,
)
from sync.server import db
from sync.server.auth import (
    check_locked,
    hash_secret,
    new_enroll_code,
    new_secret,
    normalise_code,
    record_failure,
)
from sync.server.batch import iso
from sync.server.errors import ApiError
from sync.server.sequence import lock_sequence, reserve
from sync.server.settings import Settings

RECOVERY_KEY = "recovery_public_key_pem"
log = logging.getLogger(__name__)


class AdminError(ValueError):
    """A refused admin action; the message says what to do."""


def _team_id(conn: Connection, name: str) -> int:
    tid = conn.execute(select(db.teams.c.id).where(db.teams.c.name == name)).scalar()
    if tid is None:
        raise AdminError(f"There is no team called {name!r}.")
    return int(tid)


def create_team(engine: Engine, name: str) -> int:
    name = name.strip()
    if not name or len(name) > 100:
        raise AdminError("A team name has 1 to 100 characters.")
    with engine.begin() as conn:
        if conn.execute(select(db.teams.c.id).where(db.teams.c.name == name)).first():
            raise AdminError(f"A team called {name!r} already exists.")
        result = conn.execute(insert(db.teams).values(name=name, created_at=time.time()))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


ROLES = core_roles.ROLES      # built in; a team may add its own (team_roles, add_role)


def team_id_of(engine: Engine, name: str) -> int:
    """The id of the team called ``name`` (:class:`AdminError` when there is none)."""
    with engine.connect() as conn:
        return _team_id(conn, name)


def _team_roles(conn: Connection, team_id: int) -> dict[str, str]:
    t = db.team_roles
    rows = conn.execute(select(t.c.code, t.c.label).where(t.c.team_id == team_id)
                        .order_by(t.c.label)).all()
    return {r[0]: r[1] for r in rows}


def _check_role(conn: Connection, team_id: int, role: str) -> None:
    if role in ROLES or role in _team_roles(conn, team_id):
        return
    raise AdminError(f"There is no role {role!r} in this team. A role is one of: "
                     f"{', '.join([*ROLES, *_team_roles(conn, team_id)])}; a team adds its "
                     "own with 'outreach-server admin add-role'.")


def list_roles(engine: Engine, *, team: str) -> dict[str, str]:
    """Every role a user of ``team`` may have, ``{code: label}``: built in, then the team's."""
    with engine.connect() as conn:
        return {**dict(core_roles.BUILT_IN), **_team_roles(conn, _team_id(conn, team))}


def add_role(engine: Engine, *, team: str, label: str, code: str | None = None) -> str:
    """Add a role of the team's own (for example "Employment advisor"); returns its code."""
    label = " ".join(label.split())
    if not label or len(label) > 60:
        raise AdminError("A role's name has 1 to 60 characters.")
    code = (code or core_roles.role_code(label)).strip()
    if not core_roles.CODE_PATTERN.match(code):
        raise AdminError("A role's code has 1 to 20 lower-case letters, digits or '_', "
                         "starting with a letter.")
    built_in = {c for c, _ in core_roles.BUILT_IN} | {
        lab.casefold() for _, lab in core_roles.BUILT_IN}
    if code in built_in or label.casefold() in built_in:
        raise AdminError(f"{label!r} is a built-in role already.")
    with engine.begin() as conn:
        tid = _team_id(conn, team)
        if code in _team_roles(conn, tid):
            raise AdminError(f"The team has a role {code!r} already.")
        conn.execute(insert(db.team_roles).values(team_id=tid, code=code, label=label,
                                                  created_at=time.time()))
    return code


def set_role(engine: Engine, *, username: str, role: str, team_id: int | None = None,
             by_user: int | None = None) -> None:
    """Give a user a role (built in or their team's own); laptops learn it at their next
    sync. ``team_id`` restricts the action to one team (the admin API)."""
    u = db.users
    with engine.begin() as conn:
        row = conn.execute(select(u.c.id, u.c.team_id).where(u.c.username == username)).first()
        if row is None or (team_id is not None and row[1] != team_id):
            raise AdminError(f"There is no user called {username!r}"
                             + (" in your team." if team_id is not None else "."))
        _check_role(conn, row[1], role)
        conn.execute(update(u).where(u.c.id == row[0]).values(role=role))
        conn.execute(insert(db.audit).values(at=time.time(), user_id=by_user, device_id=None,
                                             action="set_role", record_id=None,
                                             detail=f"user={row[0]} role={role}"))


def team_users(engine: Engine, *, team: str | None = None,
               team_id: int | None = None) -> dict[str, str]:
    """``{username: role}`` of one team's users."""
    with engine.connect() as conn:
        return _members(conn, team_id if team_id is not None else _team_id(conn, team or ""))


def _members(conn: Connection, team_id: int) -> dict[str, str]:
    u = db.users
    rows = conn.execute(select(u.c.username, u.c.role).where(u.c.team_id == team_id)
                        .order_by(u.c.username)).all()
    return {r[0]: r[1] or "practitioner" for r in rows}


def team_info(engine: Engine, settings: Settings, *, user_id: int) -> TeamResponse:
    """What a laptop keeps about its user and team (``GET /v1/team``)."""
    u, t = db.users, db.teams
    with engine.connect() as conn:       # one connection: every laptop asks on every sync
        me = conn.execute(select(u.c.username, t.c.name, u.c.is_admin, u.c.role, u.c.team_id)
                          .join(t, t.c.id == u.c.team_id).where(u.c.id == user_id)).one()
        own = _team_roles(conn, me[4])
        members = _members(conn, me[4])
    role = me[3] or "practitioner"
    return TeamResponse(user=me[0], team=me[1], role=role, is_admin=bool(me[2]),
                        may_write_directory=bool(me[2]) or role in settings.directory_roles,
                        members=[TeamMember(user=k, role=v) for k, v in members.items()],
                        roles=own)


def create_user(engine: Engine, *, team: str, username: str, is_admin: bool = False,
                role: str | None = None) -> int:
    """A new user of ``team``. ``role`` defaults to ``admin`` for an admin, else
    ``practitioner``; a built-in role or one the team added (:func:`add_role`). It decides
    who may write the service directory (``scope.py``) and is shown in reports."""
    username = username.strip()
    if not username or len(username) > 100:
        raise AdminError("A user name has 1 to 100 characters.")
    role = role or ("admin" if is_admin else "practitioner")
    with engine.begin() as conn:
        tid = _team_id(conn, team)
        _check_role(conn, tid, role)
        if conn.execute(select(db.users.c.id).where(db.users.c.username == username)).first():
            raise AdminError(f"A user called {username!r} already exists.")
        result = conn.execute(insert(db.users).values(
            username=username, team_id=tid, is_admin=is_admin, role=role,
            created_at=time.time()))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def issue_enroll_code(engine: Engine, settings: Settings, username: str, *,
                      team_id: int | None = None) -> tuple[str, float]:
    """A new one-time code for ``username``; returns (code, expires_at epoch)."""
    with engine.begin() as conn:
        row = conn.execute(select(db.users.c.id, db.users.c.team_id)
                           .where(db.users.c.username == username)).first()
        if row is None or (team_id is not None and row[1] != team_id):
            raise AdminError(f"There is no user called {username!r}"
                             + (" in your team." if team_id is not None else "."))
        code = new_enroll_code()
        now = time.time()
        expires = now + settings.enroll_code_ttl_seconds
        conn.execute(insert(db.enroll_codes).values(
            code_hash=hash_secret(normalise_code(code)), user_id=row[0], created_at=now,
            expires_at=expires))
    return code, expires


def _verify(public_key: str | None, signature: str | None, *, code: str,
            device_id: str) -> None:
    """Check the laptop's proof of possession of its device key (when it sent a key)."""
    if public_key is None and signature is None:
        return
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key or ""))
        key.verify(base64.b64decode(signature or ""),
                   enroll_message(code=code, device_id=device_id, public_key=public_key or ""))
    except (InvalidSignature, ValueError):
        raise ApiError(ErrorCode.INVALID_REQUEST, "The enrolment request's signature is not "
                       "valid.", details={"reason": "signature"}) from None


def _is_enroll_retry(conn: Connection, settings: Settings, row: Any, *, device_id: str,
                     public_key: str | None, now: float) -> bool:
    """True when this is the same laptop asking again because it never received the
    answer: the code was used by this device id, the request is signed by the key that
    device enrolled with, within ``enroll_retry_seconds`` of the first answer, and the
    credential given then has never been used (nor the device revoked). Anything else
    asking with a used code is refused and changes nothing: a working device is never
    invalidated by a second attempt."""
    if row[2] is None or row[3] != device_id or row[1] < now or public_key is None:
        return False
    if now - row[2] > settings.enroll_retry_seconds:
        return False
    d = db.devices
    dev = conn.execute(select(d.c.revoked_at, d.c.last_sync_at, d.c.used_at, d.c.public_key)
                       .where(d.c.id == device_id)).first()
    return (dev is not None and dev[0] is None and dev[1] is None and dev[2] is None
            and dev[3] is not None and hmac.compare_digest(dev[3], public_key))


def enroll(engine: Engine, settings: Settings, *, code: str, device_id: str,
           device_name: str, client: str, public_key: str | None = None,
           signature: str | None = None) -> EnrollResponse:
    """Exchange a one-time code for a device credential bound to the code's user.

    With ``public_key`` (and its ``signature`` over ``protocol.enroll_message``) the
    device is bound to that key; only a request signed by it may retry (see
    :func:`_is_enroll_retry`)."""
    keys = [f"ip:{client}"]
    check_locked(engine, keys)
    _verify(public_key, signature, code=code, device_id=device_id)
    now = time.time()
    code_hash = hash_secret(normalise_code(code))
    secret = new_secret()
    failure: ApiError | None = None
    with engine.begin() as conn:
        c = db.enroll_codes
        row = conn.execute(select(c.c.user_id, c.c.expires_at, c.c.used_at, c.c.device_id)
                           .where(c.c.code_hash == code_hash)).first()
        retry = row is not None and _is_enroll_retry(conn, settings, row, device_id=device_id,
                                                     public_key=public_key, now=now)
        if row is None:
            failure = ApiError(ErrorCode.CODE_INVALID, "That enrollment code is not valid.")
        elif retry:
            # The same laptop (same key) asks again with its code: the first answer was
            # lost on the way. A new secret replaces the one it never received.
            conn.execute(update(db.devices).where(db.devices.c.id == device_id,
                                                  db.devices.c.used_at.is_(None))
                         .values(token_hash=hash_secret(secret)))
        elif row[2] is not None:
            failure = ApiError(ErrorCode.CODE_USED, "That enrollment code has been used "
                               "already; ask an admin for a new one.")
        elif row[1] < now:
            failure = ApiError(ErrorCode.CODE_EXPIRED, "That enrollment code has expired; "
                               "ask an admin for a new one.")
        elif conn.execute(select(db.devices.c.id).where(db.devices.c.id == device_id)).first():
            failure = ApiError(ErrorCode.DEVICE_EXISTS, "This device is enrolled already.")
        else:
            done = conn.execute(update(c).where(c.c.code_hash == code_hash,
                                                c.c.used_at.is_(None))
                                .values(used_at=now, device_id=device_id))
            if done.rowcount != 1:
                failure = ApiError(ErrorCode.CODE_USED, "That enrollment code has been used.")
            else:
                conn.execute(insert(db.devices).values(
                    id=device_id, user_id=row[0], name=device_name[:100],
                    token_hash=hash_secret(secret), enrolled_at=now, public_key=public_key))
        if failure is None:
            assert row is not None
            user = conn.execute(
                select(db.users.c.username, db.teams.c.name, db.users.c.is_admin,
                       db.users.c.role)
                .join(db.teams, db.teams.c.id == db.users.c.team_id)
                .where(db.users.c.id == row[0])).one()
            key = conn.execute(select(db.org_settings.c.value).where(
                db.org_settings.c.key == RECOVERY_KEY)).scalar()
            conn.execute(insert(db.audit).values(
                at=now, user_id=row[0], device_id=device_id, action="enroll",
                record_id=None, detail="retry" if retry else ""))
    if failure is not None:
        if failure.code in (ErrorCode.CODE_INVALID, ErrorCode.CODE_USED,
                            ErrorCode.CODE_EXPIRED):
            record_failure(engine, settings, keys)
        raise failure
    role = user[3] or "practitioner"
    return EnrollResponse(device_id=device_id, token=f"{device_id}.{secret}", user=user[0],
                          team=user[1], is_admin=bool(user[2]), recovery_public_key_pem=key,
                          role=role, may_write_directory=bool(user[2])
                          or role in settings.directory_roles)


def list_devices(engine: Engine, *, team_id: int | None = None) -> list[DeviceInfo]:
    d, u, t = db.devices, db.users, db.teams
    query = (select(d.c.id, u.c.username, t.c.name, d.c.name, d.c.enrolled_at,
                    d.c.last_sync_at, d.c.pending_changes, d.c.revoked_at,
                    d.c.quarantined_changes)
             .join(u, u.c.id == d.c.user_id).join(t, t.c.id == u.c.team_id)
             .order_by(t.c.name, u.c.username, d.c.enrolled_at))
    if team_id is not None:
        query = query.where(u.c.team_id == team_id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [DeviceInfo(device_id=r[0], user=r[1], team=r[2], name=r[3],
                       enrolled_at=iso(r[4]), last_sync_at=iso(r[5]) if r[5] else None,
                       pending_changes=r[6], revoked=r[7] is not None,
                       quarantined_changes=r[8]) for r in rows]


def revoke(engine: Engine, device_id: str, *, team_id: int | None = None,
           by_user: int | None = None) -> None:
    """Revoke a device: its next contact is refused and tells it to erase its data."""
    d, u = db.devices, db.users
    with engine.begin() as conn:
        row = conn.execute(select(d.c.id, u.c.team_id).join(u, u.c.id == d.c.user_id)
                           .where(d.c.id == device_id)).first()
        if row is None or (team_id is not None and row[1] != team_id):
            raise ApiError(ErrorCode.NOT_FOUND, "There is no such device"
                           + (" in your team." if team_id is not None else "."))
        conn.execute(update(d).where(d.c.id == device_id, d.c.revoked_at.is_(None))
                     .values(revoked_at=time.time()))
        conn.execute(insert(db.audit).values(at=time.time(), user_id=by_user,
                                             device_id=device_id, action="revoke",
                                             record_id=None, detail=""))


def report(engine: Engine, *, device_id: str, pending: int,
           quarantined: int | None = None) -> None:
    """A device's own report at the end of a sync: its pending changes, the changes it
    keeps in quarantine (refused by the server; version 2 laptops), and when."""
    values: dict[str, Any] = {"last_sync_at": time.time(), "pending_changes": pending}
    if quarantined is not None:
        values["quarantined_changes"] = quarantined
    with engine.begin() as conn:
        conn.execute(update(db.devices).where(db.devices.c.id == device_id).values(values))


def transfer(engine: Engine, person_id: str, *, team: str) -> int:
    """Move a person (and every record of theirs) to another team.

    The old team's devices receive an ``evict`` item; the new team's devices receive every
    record, because each gets a fresh sequence number. Returns the number of records moved.
    """
    r, p = db.records, db.persons
    with engine.begin() as conn:
        lock_sequence(conn)
        new_team = _team_id(conn, team)
        old_team = conn.execute(select(p.c.team_id).where(p.c.person_id == person_id)
                                ).scalar()
        if old_team is None:
            raise AdminError("There is no such person on the server.")
        if old_team == new_team:
            return 0
        ids = list(conn.execute(select(r.c.id).where(r.c.person_id == person_id)
                                .order_by(r.c.seq)).scalars())
        first = reserve(conn, len(ids) + 1)
        conn.execute(insert(db.evictions).values(seq=first, team_id=old_team,
                                                 person_id=person_id))
        for i, rid in enumerate(ids, start=1):
            conn.execute(update(r).where(r.c.id == rid).values(team_id=new_team,
                                                                seq=first + i))
        conn.execute(update(p).where(p.c.person_id == person_id).values(team_id=new_team))
        conn.execute(insert(db.audit).values(at=time.time(), user_id=None, device_id=None,
                                             action="transfer", record_id=person_id,
                                             detail=""))
    return len(ids)


def erase_person(engine: Engine, settings: Settings | None = None, *, person_id: str,
                 team_id: int | None = None, by_user: int | None = None,
                 by_device: str | None = None) -> int:
    """Erase a person on request (the right to erasure); returns the records deleted.

    In one transaction under the sequence lock (so the eviction's ``seq`` obeys "sequence
    order equals commit order"): every record of the person (their own record and every
    record that names them, conflicts included) is deleted for real, with the change-log
    rows of those records (their stamps say when care happened); the person's team mapping
    is replaced by an ``erased_persons`` row, so a later push for them is acknowledged as
    ``erased`` and never applied (``push.py``); an eviction tells every laptop of the
    person's team to remove them at its next pull; and the erasure is audited (ids only:
    the audit table never holds personal text). Earlier audit rows (ids only) are kept:
    they say who saw what. ``team_id`` restricts the action to one team (the admin API);
    ``settings`` is accepted for symmetry with the other services and not needed here.
    """
    del settings
    r, p, c = db.records, db.persons, db.changes
    with engine.begin() as conn:
        lock_sequence(conn)
        team = conn.execute(select(p.c.team_id).where(p.c.person_id == person_id)).scalar()
        if team is None or (team_id is not None and team != team_id):
            erased = conn.execute(select(db.erased_persons.c.person_id).where(
                db.erased_persons.c.person_id == person_id)).first()
            if erased is not None and team_id is None:
                raise AdminError("That person has been erased already.")
            raise AdminError("There is no such person on the server"
                             + (" in your team." if team_id is not None else "."))
        ids = list(conn.execute(select(r.c.id).where(r.c.person_id == person_id)).scalars())
        for i in range(0, len(ids), 500):
            conn.execute(c.delete().where(c.c.record_id.in_(ids[i:i + 500])))
        conn.execute(r.delete().where(r.c.person_id == person_id))
        conn.execute(p.delete().where(p.c.person_id == person_id))
        now = time.time()
        conn.execute(insert(db.erased_persons).values(person_id=person_id, erased_at=now))
        conn.execute(insert(db.evictions).values(seq=reserve(conn, 1), team_id=team,
                                                 person_id=person_id))
        conn.execute(insert(db.audit).values(at=now, user_id=by_user, device_id=by_device,
                                             action="erase", record_id=person_id,
                                             detail=f"records={len(ids)}"))
    log.info("erased a person records=%d", len(ids))
    return len(ids)


def set_recovery_key(engine: Engine, public_pem: str) -> None:
    """Store the organisation's recovery PUBLIC key (the private key is made offline:
    ``sync/server/recovery_keys.py``) for laptops enrolled from now on."""
    with engine.begin() as conn:
        t = db.org_settings
        if conn.execute(select(t.c.key).where(t.c.key == RECOVERY_KEY)).first():
            conn.execute(update(t).where(t.c.key == RECOVERY_KEY).values(value=public_pem))
        else:
            conn.execute(insert(t).values(key=RECOVERY_KEY, value=public_pem))


def stats(engine: Engine) -> dict[str, Any]:
    """Counts for a quick look (no personal data)."""
    from sqlalchemy import func
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)).scalar()
                for name, table in (("teams", db.teams), ("users", db.users),
                                    ("devices", db.devices), ("records", db.records),
                                    ("changes", db.changes))}
