"""Protocol versions between laptops and this server (issue 13 item 14).

Every request says which sync protocol the laptop speaks: the ``Outreach-Protocol`` header
(version 2 on), else the body's ``protocol`` field (every version). Every answer, errors
included, carries this server's version and the oldest laptop version it serves
(``Outreach-Server-Protocol``, ``Outreach-Min-Client-Protocol``), so a laptop can say
what is wrong in plain words instead of failing on an answer it cannot read.

A laptop older than ``Settings.min_client_protocol``, or newer than this server, is
refused with ``426 unsupported_protocol`` (an error code every laptop version knows), with
``details``: ``reason`` (``client_too_old`` or ``client_too_new``), ``server_protocol``
and ``min_client_protocol``. A version 1 laptop is answered in version 1's shapes: no
field it does not know (its messages refuse unknown fields).

Threading: pure functions and a stateless ASGI middleware.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    MIN_CLIENT_HEADER,
    OLDEST_PROTOCOL,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SERVER_PROTOCOL_HEADER,
    ErrorCode,
)
from sync.server.errors import ApiError


def requested(request: Request, body_protocol: int | None = None) -> int:
    """The version a request speaks: its header, else its body's ``protocol``, else 1."""
    raw = request.headers.get(PROTOCOL_HEADER, "")
    if raw.isdigit() and len(raw) < 6:
        return int(raw)
    return body_protocol if body_protocol is not None else OLDEST_PROTOCOL


def check(request: Request, body_protocol: int | None = None) -> int:
    """The request's version, or :class:`ApiError` when this server does not serve it."""
    version = requested(request, body_protocol)
    minimum = max(OLDEST_PROTOCOL, request.app.state.settings.min_client_protocol)
    details = {"server_protocol": PROTOCOL_VERSION, "min_client_protocol": minimum,
               "client_protocol": version}
    if version < minimum:
        raise ApiError(ErrorCode.UNSUPPORTED_PROTOCOL,
                       f"Update Outreach on this laptop to sync with this server (the "
                       f"server needs sync protocol version {minimum} or later; this "
                       f"laptop has {version}).",
                       details={**details, "reason": "client_too_old"})
    if version > PROTOCOL_VERSION:
        raise ApiError(ErrorCode.UNSUPPORTED_PROTOCOL,
                       f"The server is older than this laptop (it speaks sync protocol "
                       f"{PROTOCOL_VERSION}; this laptop speaks {version}). Ask your "
                       f"admin to update the Outreach server.",
                       details={**details, "reason": "client_too_new"})
    return version


class VersionHeaders:
    """Adds this server's version and the oldest laptop version it serves to every
    answer, errors included."""

    def __init__(self, app: ASGIApp, min_client: int) -> None:
        self.app = app
        self.extra = [(SERVER_PROTOCOL_HEADER.lower().encode(), str(PROTOCOL_VERSION).encode()),
                      (MIN_CLIENT_HEADER.lower().encode(),
                       str(max(OLDEST_PROTOCOL, min_client)).encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message,
                           "headers": [*message.get("headers", []), *self.extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
