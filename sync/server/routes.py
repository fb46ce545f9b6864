"""Thin routes: check the protocol version, authenticate, call one service, log, reply.

Routes are plain ``def`` functions: FastAPI runs them on its thread pool, and each uses
its own database connection from the engine's pool.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol import (
    PROTOCOL_VERSION,
    UUID_PATTERN,
    DeviceList,
    EnrollCodeRequest,
    EnrollCodeResponse,
    EnrollRequest,
    EnrollResponse,
    EraseResponse,
    ErrorCode,
    ErrorResponse,
    OkResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ReportRequest,
    RoleRequest,
    SnapshotRequest,
    SnapshotResponse,
    TeamResponse,
)
from sync.server import admin, epoch, versions
from sync.server.auth import Principal, authenticate
from sync.server.batch import iso
from sync.server.errors import ApiError
from sync.server.limits import client_address
from sync.server.logs import log_event
from sync.server.pull import pull_json
from sync.server.push import push_and_epoch as push_service
from sync.server.snapshot import snapshot_json

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="<device_id>.<secret> from enrollment")

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 413, 422, 426,
                                                    429)}


def client_of(request: Request) -> str:
    """The client's address: the peer, or what a trusted proxy says (``limits.py``)."""
    peer = request.client.host if request.client else "unknown"
    return client_address(peer, request.headers.get("x-forwarded-for"),
                          request.app.state.trusted_proxies)


def limit_address(request: Request) -> None:
    """Count a request that carries no device credential against its address."""
    st = request.app.state
    st.limits.hit(f"ip:{client_of(request)}", st.settings.rate_limit_per_address)


def check_protocol(request: Request, version: int | None = None) -> int:
    """The version the request speaks, if this server serves it (``versions.py``)."""
    return versions.check(request, version)


def epoch_of(request: Request) -> str:
    """The server's epoch (``epoch.of``)."""
    return epoch.of(request.app.state.engine)


def current_device(request: Request,
                   creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                   ) -> Principal:
    st = request.app.state
    try:
        # (counted against the device's rate limit when the credential is valid)
        return authenticate(st.engine, st.settings, creds.credentials if creds else None,
                            client_of(request), limits=st.limits)
    except ApiError as exc:
        if exc.code in (ErrorCode.UNAUTHORIZED, ErrorCode.LOCKED_OUT):
            limit_address(request)      # floods of bad credentials: by address
        raise


def current_admin(who: Annotated[Principal, Depends(current_device)]) -> Principal:
    if not who.is_admin:
        raise ApiError(ErrorCode.FORBIDDEN, "Only an admin may do this.")
    return who


Device = Annotated[Principal, Depends(current_device)]
Admin = Annotated[Principal, Depends(current_admin)]


@router.get("/health", tags=["service"])
def health(request: Request) -> dict[str, Any]:
    """Liveness: the process runs and its database answers."""
    from sqlalchemy import text
    with request.app.state.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    st = request.app.state
    return {"status": "ok", "protocol": PROTOCOL_VERSION,
            "min_client_protocol": max(1, st.settings.min_client_protocol),
            "epoch": epoch_of(request),
            "next_tls_pins": list(st.settings.tls_next_pins)}


@router.post("/v1/enroll", response_model=EnrollResponse, responses=ERRORS, tags=["sync"],
             dependencies=[Depends(limit_address)])
def enroll(body: EnrollRequest, request: Request) -> EnrollResponse:
    """Exchange a one-time enrollment code for this device's credential."""
    check_protocol(request, body.protocol)
    resp = admin.enroll(request.app.state.engine, request.app.state.settings, code=body.code,
                        device_id=body.device_id, device_name=body.device_name,
                        client=client_of(request), public_key=body.public_key,
                        signature=body.signature)
    log_event("enrolled", device=body.device_id)
    return resp


@router.post("/v1/push", response_model=PushResponse, responses=ERRORS, tags=["sync"],
             response_model_exclude_none=True)
def push(body: PushRequest, request: Request, who: Device) -> PushResponse:
    """Apply a batch of changes atomically; each change id is applied at most once."""
    version = check_protocol(request, body.protocol)
    st = request.app.state
    acks, current_epoch = push_service(st.engine, st.settings, st.clock, who, body.changes)
    log_event("push", device=who.device_id, changes=len(acks),
              applied=sum(a.status == "applied" for a in acks),
              conflicts=sum(a.conflicts for a in acks))
    # (version 1 laptops refuse fields they do not know: no epoch for them)
    if version >= 2 and current_epoch is None:
        current_epoch = epoch_of(request)
    return PushResponse(acks=acks, epoch=current_epoch if version >= 2 else None)


@router.post("/v1/pull", response_model=PullResponse, responses=ERRORS, tags=["sync"])
def pull(body: PullRequest, request: Request, who: Device) -> Response:
    """Record states and evictions for this device's team after ``cursor``, in order."""
    version = check_protocol(request, body.protocol)
    st = request.app.state
    # The body is built directly (sync.server.pull.pull_json): the same JSON a
    # PullResponse gives, without a model per record. The epoch (version 2 on) is read
    # in the page's own snapshot (PostgreSQL) or before it: a restore in between makes
    # the laptop pull afresh.
    content, items, more = pull_json(st.engine, st.settings, who, cursor=body.cursor,
                                     limit=body.limit, read_epoch=version >= 2)
    log_event("pull", device=who.device_id, cursor=body.cursor, items=items, more=more)
    return Response(content=content, media_type="application/json")


@router.post("/v1/snapshot", response_model=SnapshotResponse, responses=ERRORS, tags=["sync"])
def snapshot(body: SnapshotRequest, request: Request, who: Device) -> Response:
    """A page of a first-sync snapshot: the team's records as they were at ``at``, the
    ones the first screens need first (``sync/server/snapshot.py``)."""
    version = check_protocol(request, body.protocol)
    st = request.app.state
    current_epoch = epoch_of(request) if version >= 2 else None
    content, items, more = snapshot_json(st.engine, st.settings, who, at=body.at,
                                         step=body.step, after=body.after,
                                         limit=body.limit, epoch=current_epoch)
    log_event("snapshot", device=who.device_id, step=body.step or "start", items=items,
              more=more)
    return Response(content=content, media_type="application/json")


@router.post("/v1/report", response_model=OkResponse, responses=ERRORS, tags=["sync"])
def report(body: ReportRequest, request: Request, who: Device) -> OkResponse:
    """The device's pending-change count at the end of a sync (shown to admins)."""
    check_protocol(request, body.protocol)
    admin.report(request.app.state.engine, device_id=who.device_id, pending=body.pending,
                 quarantined=body.quarantined)
    return OkResponse()


@router.get("/v1/team", response_model=TeamResponse, responses=ERRORS, tags=["sync"])
def team(request: Request, who: Device) -> TeamResponse:
    """This device's user and role, its team's users and roles, and the team's own roles
    (laptops refresh them on every sync)."""
    return admin.team_info(request.app.state.engine, request.app.state.settings,
                           user_id=who.user_id)


@router.post("/v1/admin/users/{username}/role", response_model=OkResponse, responses=ERRORS,
             tags=["admin"])
def set_role(username: Annotated[str, Path(min_length=1, max_length=100)], body: RoleRequest,
             request: Request, who: Admin) -> OkResponse:
    """Give a user of the admin's team a role (built in or the team's own)."""
    check_protocol(request, body.protocol)
    try:
        admin.set_role(request.app.state.engine, username=username, role=body.role,
                       team_id=who.team_id, by_user=who.user_id)
    except admin.AdminError as exc:
        raise ApiError(ErrorCode.NOT_FOUND, str(exc)) from None
    log_event("role_set", by=who.device_id)
    return OkResponse()


@router.get("/v1/admin/devices", response_model=DeviceList, responses=ERRORS, tags=["admin"])
def devices(request: Request, who: Admin) -> Any:
    """The devices of the admin's team, with last sync, pending and quarantined changes."""
    version = check_protocol(request)
    found = DeviceList(devices=admin.list_devices(request.app.state.engine,
                                                  team_id=who.team_id))
    if version < 2:     # a version 1 laptop refuses fields it does not know
        return JSONResponse(found.model_dump(
            mode="json", exclude={"devices": {"__all__": {"quarantined_changes"}}}))
    return found


@router.post("/v1/admin/devices/{device_id}/revoke", response_model=OkResponse,
             responses=ERRORS, tags=["admin"])
def revoke(device_id: Annotated[str, Path(pattern=UUID_PATTERN)], request: Request,
           who: Admin) -> OkResponse:
    """Revoke a device of the admin's team; it erases its data at its next contact."""
    admin.revoke(request.app.state.engine, device_id, team_id=who.team_id,
                 by_user=who.user_id)
    log_event("revoked", device=device_id, by=who.device_id)
    return OkResponse()


@router.post("/v1/admin/enroll-codes", response_model=EnrollCodeResponse, responses=ERRORS,
             tags=["admin"])
def enroll_code(body: EnrollCodeRequest, request: Request, who: Admin) -> EnrollCodeResponse:
    """A one-time enrollment code for a user of the admin's team."""
    check_protocol(request, body.protocol)
    try:
        code, expires = admin.issue_enroll_code(request.app.state.engine,
                                                request.app.state.settings, body.username,
                                                team_id=who.team_id)
    except admin.AdminError as exc:
        raise ApiError(ErrorCode.NOT_FOUND, str(exc)) from None
    return EnrollCodeResponse(code=code, expires_at=iso(expires))


@router.post("/v1/admin/persons/{person_id}/erase", response_model=EraseResponse,
             responses=ERRORS, tags=["admin"])
def erase_person(person_id: Annotated[str, Path(pattern=UUID_PATTERN)], request: Request,
                 who: Admin) -> EraseResponse:
    """Erase a person of the admin's team on request (the right to erasure): every record
    deleted on the server, and removed from the team's laptops at their next sync."""
    st = request.app.state
    try:
        records = admin.erase_person(st.engine, st.settings, person_id=person_id,
                                     team_id=who.team_id, by_user=who.user_id,
                                     by_device=who.device_id)
    except admin.AdminError as exc:
        raise ApiError(ErrorCode.NOT_FOUND, str(exc)) from None
    log_event("erased", records=records, by=who.device_id)
    return EraseResponse(person_id=person_id, records=records)


@router.get("/v1/admin/report", responses=ERRORS, tags=["admin"])
def indicators_report(request: Request, who: Admin,
                      start: Annotated[dt.date | None, Query(alias="from")] = None,
                      end: Annotated[dt.date | None, Query(alias="to")] = None,
                      by: Annotated[str | None, Query(pattern="^(team|key_worker)$")] = None
                      ) -> dict[str, Any]:
    """The Living Well indicators for the admin's team (definitions: docs/indicators.md)."""
    from sync.server.report import ReportError, api_report
    try:
        return api_report(request.app.state.engine, team_id=who.team_id,
                          user_id=who.user_id, device_id=who.device_id, start=start,
                          end=end, group_by=by)
    except ReportError as exc:
        raise ApiError(ErrorCode.INVALID_REQUEST, str(exc)) from None
