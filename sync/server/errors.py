"""The one exception routes raise, and how every error becomes an :class:`ErrorResponse`."""

from __future__ import annotations

from typing import Any

from sync.protocol import ErrorCode

STATUS: dict[ErrorCode, int] = {
    ErrorCode.MALFORMED_JSON: 400,
    ErrorCode.INVALID_REQUEST: 422,
    ErrorCode.UNSUPPORTED_PROTOCOL: 426,
    ErrorCode.BODY_TOO_LARGE: 413,
    ErrorCode.BATCH_TOO_LARGE: 413,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.DEVICE_REVOKED: 403,
    ErrorCode.LOCKED_OUT: 429,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.FORBIDDEN_RECORD: 403,
    ErrorCode.UNKNOWN_KIND: 422,
    ErrorCode.INVALID_RECORD: 422,
    ErrorCode.CODE_INVALID: 400,
    ErrorCode.CODE_EXPIRED: 400,
    ErrorCode.CODE_USED: 400,
    ErrorCode.DEVICE_EXISTS: 409,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.INTERNAL: 500,
}


class ApiError(Exception):
    """A refused request: HTTP status from the code, a message without personal data."""

    def __init__(self, code: ErrorCode, message: str, *, details: dict[str, Any] | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}
        self.retry_after = retry_after

    @property
    def status(self) -> int:
        return STATUS[self.code]

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code.value, "message": self.message,
                          "details": self.details}}
