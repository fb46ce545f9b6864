"""Structured log lines for the server (``event key=value ...``): ids and counts only,
never personal data. Its own module so routes and the app factory can both log without
importing each other."""

from __future__ import annotations

import json
import logging
from typing import Any

log = logging.getLogger("sync.server")


def log_event(event: str, **fields: Any) -> None:
    """One structured log line: ``event key=value ...`` (ids and counts only)."""
    log.info("%s %s", event, " ".join(f"{k}={json.dumps(v)}" for k, v in fields.items()))
