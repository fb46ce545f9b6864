"""The sync contract: wire messages shared by the client (``sync.client``) and the server.

Every request body carries ``protocol`` (:data:`PROTOCOL_VERSION`); the server refuses any
other version with :attr:`ErrorCode.UNSUPPORTED_PROTOCOL` (HTTP 426) so an old laptop is
told to update instead of misreading data. Messages refuse unknown fields.

Endpoints (all JSON, all under ``/v1`` except ``/health``):

``POST /v1/enroll``            :class:`EnrollRequest` -> :class:`EnrollResponse`
``POST /v1/push``              :class:`PushRequest` -> :class:`PushResponse`
``POST /v1/pull``              :class:`PullRequest` -> :class:`PullResponse`
``POST /v1/snapshot``          :class:`SnapshotRequest` -> :class:`SnapshotResponse`
``POST /v1/report``            :class:`ReportRequest` -> :class:`OkResponse`
``GET  /v1/admin/devices``     -> :class:`DeviceList` (admins only)
``POST /v1/admin/devices/{id}/revoke``  -> :class:`OkResponse` (admins only)
``POST /v1/admin/enroll-codes`` :class:`EnrollCodeRequest` -> :class:`EnrollCodeResponse`
``POST /v1/admin/persons/{id}/erase``   -> :class:`EraseResponse` (admins only)

Authenticated requests send ``Authorization: Bearer <device_id>.<secret>``.
Errors always have the body :class:`ErrorResponse` with a stable :class:`ErrorCode`.

This module imports only pydantic and the standard library: both ends use it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PROTOCOL_VERSION = 2
"""Version 2 added the server's ``epoch`` to push and pull answers (and ``/health``), the
``quarantined`` count in a report, and the version headers. A version 1 laptop still
syncs with a version 2 server: the server leaves out what version 1 does not know."""
OLDEST_PROTOCOL = 1       # the oldest version this code can still speak or serve
MIN_SERVER_PROTOCOL = 1   # a laptop refuses to sync with a server older than this
PROTOCOL_HEADER = "Outreach-Protocol"              # on every request: the laptop's version
SERVER_PROTOCOL_HEADER = "Outreach-Server-Protocol"  # on every answer: the server's
MIN_CLIENT_HEADER = "Outreach-Min-Client-Protocol"  # on every answer: oldest laptop served
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
STAMP_PATTERN = r"^[0-9]{13}-[0-9]{4}-[A-Za-z0-9._:-]{1,80}$"
KIND_PATTERN = r"^[a-z_]{1,40}$"
FIELD_PATTERN = r"^[a-z_]{1,60}$"


class ErrorCode(StrEnum):
    """Machine-readable error codes. Never renamed: clients act on them."""

    MALFORMED_JSON = "malformed_json"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"   # details.reason: client_too_old / _new
    BODY_TOO_LARGE = "body_too_large"
    BATCH_TOO_LARGE = "batch_too_large"
    UNAUTHORIZED = "unauthorized"
    DEVICE_REVOKED = "device_revoked"
    LOCKED_OUT = "locked_out"
    RATE_LIMITED = "rate_limited"
    FORBIDDEN = "forbidden"
    FORBIDDEN_RECORD = "forbidden_record"
    UNKNOWN_KIND = "unknown_kind"
    INVALID_RECORD = "invalid_record"
    CODE_INVALID = "code_invalid"
    CODE_EXPIRED = "code_expired"
    CODE_USED = "code_used"
    DEVICE_EXISTS = "device_exists"
    NOT_FOUND = "not_found"
    INTERNAL = "internal"


MAX_SEQ = 2**62           # cursors and sequence numbers fit a signed 64-bit column
MAX_DEPTH = 32            # nesting of JSON values in a request


def check_storable(value: Any, depth: int = 0) -> None:
    """Refuse what no database column can hold as text, anywhere in a request: NUL
    characters (PostgreSQL text refuses them), unpaired surrogates (not encodable as
    UTF-8), numbers that are not finite (``NaN`` would break every later answer's JSON),
    and absurd nesting. Raises ``ValueError`` (a 422 ``invalid_request``)."""
    if depth > MAX_DEPTH:
        raise ValueError("values are nested too deeply")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text must be valid Unicode (no unpaired surrogates)") from None
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("numbers must be finite")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_storable(key, depth + 1)
            check_storable(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_storable(item, depth + 1)


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Request(Message):
    """A message a client sends: checked whole with :func:`check_storable` first."""

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        check_storable(data)
        return data


class ErrorBody(Message):
    code: ErrorCode
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(Message):
    error: ErrorBody


class Answer(Message):
    """A message the server sends. A laptop ignores fields it does not know, so a newer
    server may add some without breaking older laptops (requests still refuse them)."""

    model_config = ConfigDict(extra="ignore")


class OkResponse(Answer):
    protocol: int = PROTOCOL_VERSION
    ok: bool = True


# -- enrollment ----------------------------------------------------------------------------
KEY_PATTERN = r"^[A-Za-z0-9+/]{43}=$"            # a raw Ed25519 public key, base64
SIGNATURE_PATTERN = r"^[A-Za-z0-9+/]{86}==$"     # an Ed25519 signature, base64


def enroll_message(*, code: str, device_id: str, public_key: str) -> bytes:
    """What a laptop signs with its device key to enrol (``code`` normalised: letters
    and digits, upper case). Domain-separated so the signature means nothing else."""
    norm = "".join(c for c in code.upper() if c.isalnum())
    return f"outreach-enroll/1\n{norm}\n{device_id.lower()}\n{public_key}".encode()


class EnrollRequest(Request):
    """``public_key`` and ``signature`` (over :func:`enroll_message`) prove the laptop
    holds the private half of a key it made and keeps: only a request signed by the same
    key may retry an enrolment whose answer was lost. A request without a key is served
    but can never be retried."""

    protocol: int
    code: str = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=UUID_PATTERN)
    device_name: str = Field(default="", max_length=100)
    public_key: str | None = Field(default=None, pattern=KEY_PATTERN)
    signature: str | None = Field(default=None, pattern=SIGNATURE_PATTERN)


class EnrollResponse(Answer):
    protocol: int = PROTOCOL_VERSION
    device_id: str
    token: str
    user: str
    team: str
    is_admin: bool = False
    recovery_public_key_pem: str | None = None
    role: str = "practitioner"
    may_write_directory: bool = False     # the server accepts service-directory changes


class TeamMember(Message):
    user: str
    role: str


class TeamResponse(Message):
    """``GET /v1/team``: this device's user and role, and its team's users and own roles
    (set by an admin on the server; the laptop refreshes them on every sync)."""

    protocol: int = PROTOCOL_VERSION
    user: str
    team: str
    role: str
    is_admin: bool = False
    may_write_directory: bool = False
    members: list[TeamMember] = Field(default_factory=list)
    roles: dict[str, str] = Field(default_factory=dict)   # the team's own: code -> label


class RoleRequest(Request):
    """An admin sets the role of a user of their team."""

    protocol: int
    role: str = Field(min_length=1, max_length=20)


# -- push ------------------------------------------------------------------------------------
class Change(Message):
    """One local write, exactly as the outbox holds it."""

    change_id: str = Field(pattern=UUID_PATTERN)
    record_id: str = Field(pattern=UUID_PATTERN)
    kind: str = Field(pattern=KIND_PATTERN)
    person_id: str | None = Field(default=None, pattern=UUID_PATTERN)
    op: Literal["upsert", "delete"]
    fields: dict[str, Any] = Field(default_factory=dict)
    base: dict[str, str | None] = Field(default_factory=dict)
    hlc: str = Field(pattern=STAMP_PATTERN)
    author: str = Field(default="", max_length=100)
    device: str = Field(default="", max_length=100)
    base_version: int = Field(default=0, ge=0)
    created_at: str = Field(default="", max_length=40)


class PushRequest(Request):
    protocol: int
    changes: list[Change]


class Ack(Answer):
    """``applied``; ``duplicate`` (seen before, not applied again); ``erased`` (the change
    is for a person erased on the server: acknowledged, never applied)."""

    change_id: str
    status: Literal["applied", "duplicate", "erased"]
    conflicts: int = 0


class PushResponse(Answer):
    protocol: int = PROTOCOL_VERSION
    acks: list[Ack]
    epoch: str | None = None    # the server database's epoch (version 2; see docs/sync.md)


# -- pull ------------------------------------------------------------------------------------
class RecordState(Answer):
    """The server's merged state of one record: every field with the stamp of its value."""

    id: str
    kind: str
    person_id: str | None
    data: dict[str, Any]
    clocks: dict[str, str]
    deleted: bool = False
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    device_id: str
    version: int


class PullItem(Answer):
    """``record``: merge this state in. ``evict``: remove everything of ``person_id``."""

    seq: int
    type: Literal["record", "evict"]
    record: RecordState | None = None
    person_id: str | None = None


class PullRequest(Request):
    protocol: int
    cursor: int = Field(default=0, ge=0, le=MAX_SEQ)
    limit: int = Field(default=2000, ge=1, le=100_000)


class PullResponse(Answer):
    protocol: int = PROTOCOL_VERSION
    items: list[PullItem]
    cursor: int
    more: bool
    epoch: str | None = None    # version 2


# -- first-sync snapshot -------------------------------------------------------------------
SNAPSHOT_STEP_PATTERN = r"^[a-z_]{1,40}$"


class SnapshotRequest(Request):
    """A page of a first-sync snapshot (``sync/server/snapshot.py``): the team's records
    as they were at sequence number ``at`` (0: start a new snapshot now), in the order
    the laptop's screens need them, from the position (``step``, ``after``) the previous
    page's answer gave. An empty ``step`` starts at the first step."""

    protocol: int
    at: int = Field(default=0, ge=0, le=MAX_SEQ)
    step: str = Field(default="", max_length=40)
    after: int = Field(default=0, ge=0, le=MAX_SEQ)
    limit: int = Field(default=2000, ge=1, le=100_000)


class SnapshotResponse(Answer):
    """``items`` as in a pull (each with its ``seq``, never above ``at``). ``at`` is the
    snapshot's point: once ``more`` is false the laptop continues with an ordinary pull
    from ``cursor`` (equal to ``at``). ``step``/``after``: where the next page starts.
    ``first_done``: every record the first screens need (people, care plans, risk flags,
    referrals, episodes) has been sent."""

    protocol: int = PROTOCOL_VERSION
    items: list[PullItem]
    at: int
    step: str
    after: int
    more: bool
    first_done: bool
    cursor: int
    epoch: str | None = None


# -- device status and admin -------------------------------------------------------------------
class ReportRequest(Request):
    protocol: int
    pending: int = Field(ge=0, le=10_000_000)
    # changes the server refused, kept on the laptop for a person to fix (version 2)
    quarantined: int | None = Field(default=None, ge=0, le=10_000_000)


class DeviceInfo(Answer):
    device_id: str
    user: str
    team: str
    name: str
    enrolled_at: str
    last_sync_at: str | None
    pending_changes: int | None
    revoked: bool
    quarantined_changes: int | None = None


class DeviceList(Answer):
    protocol: int = PROTOCOL_VERSION
    devices: list[DeviceInfo]


class EnrollCodeRequest(Request):
    protocol: int
    username: str = Field(min_length=1, max_length=100)


class EnrollCodeResponse(Answer):
    protocol: int = PROTOCOL_VERSION
    code: str
    expires_at: str


class EraseResponse(Answer):
    """A person erased: ``records`` is how many of their records the server deleted."""

    protocol: int = PROTOCOL_VERSION
    person_id: str
    records: int
