"""The laptop's side of protocol versions (issue 13 item 14): what it sends, what it
accepts, and the plain words it gives when the two ends cannot sync.

The laptop says its version on every request (``Outreach-Protocol`` header and the body's
``protocol``). A server older than that refuses it (``426 unsupported_protocol``, with its
own version in ``details``); the laptop then speaks the server's version if it still can
(down to :data:`~sync.protocol.MIN_SERVER_PROTOCOL`) and sends the request again, so a
newer laptop still syncs with an older server without an extra round trip. Every answer
carries the server's version in a header and is checked, so a server older than the
laptop accepts is named as such even when it would have taken the request.

Pure functions, no I/O: safe on any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync import protocol


def update_outreach(minimum: Any, mine: int) -> str:
    need = f" (the server needs version {minimum} or later; this laptop has {mine})" \
        if isinstance(minimum, int) else ""
    return (f"Update Outreach to sync with this server{need}. Your changes are kept on "
            "this laptop and will be sent once Outreach is updated.")


def server_older(server: Any, mine_min: int) -> str:
    have = f" (it speaks sync version {server}; this laptop needs {mine_min} or later)" \
        if isinstance(server, int) else ""
    return (f"The server is older than this laptop{have}. Ask your admin to update the "
            "Outreach server; your changes are kept on this laptop until then.")


def speak(server_protocol: Any, *, own: int, min_server: int) -> tuple[int | None, str]:
    """The version to speak with a server of ``server_protocol``, or (None, message)."""
    if not isinstance(server_protocol, int) or isinstance(server_protocol, bool):
        return own, ""          # an answer without a version: try our own
    if server_protocol < min_server:
        return None, server_older(server_protocol, min_server)
    return min(own, server_protocol), ""


def refusal(code: str, details: Mapping[str, Any], *, own: int,
            min_server: int) -> tuple[str, str] | None:
    """A server's ``unsupported_protocol`` refusal as (local code, plain message):
    ``client_too_old`` (update Outreach) or ``server_too_old``; None for other codes."""
    if code != protocol.ErrorCode.UNSUPPORTED_PROTOCOL.value:
        return None
    reason = details.get("reason")
    server = details.get("server_protocol")
    if reason == "client_too_new" or (reason is None and isinstance(server, int)
                                      and server < own):
        return "server_too_old", server_older(server, min_server)
    return "client_too_old", update_outreach(details.get("min_client_protocol"), own)
