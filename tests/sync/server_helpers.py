"""Helpers for tests that call the server's functions directly (no HTTP)."""

from __future__ import annotations

import uuid

from sync.server import admin
from sync.server.auth import authenticate


def server_device(engine, settings, username: str, team: str, *, admin_role: bool = False):
    """A user of ``team`` (team created when missing; an admin with ``admin_role``, who may
    write the service directory) with one enrolled device; returns the authenticated
    principal of that device."""
    try:
        admin.create_team(engine, team)
    except admin.AdminError:
        pass
    admin.create_user(engine, team=team, username=username, is_admin=admin_role)
    code, _ = admin.issue_enroll_code(engine, settings, username)
    resp = admin.enroll(engine, settings, code=code, device_id=str(uuid.uuid4()),
                        device_name="", client="test")
    return authenticate(engine, settings, resp.token, "test")
