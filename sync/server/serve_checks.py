"""What ``outreach-server serve`` refuses to start with: one implementation, used by the
``serve`` command itself and by ``packaging/serve_env.py`` (which adds its production
mode). Pure Python: no FastAPI or SQLAlchemy, so the checks run before anything heavy.

Always refused (each problem is one line saying what to do):

* TLS half configured, or a TLS file that does not exist;
* a non-loopback address without TLS, unless ``behind_proxy`` says a proxy in front
  terminates TLS;
* a database password that is a default or placeholder, or the user name again;
* a PostgreSQL URL without a password, unless it connects over a Unix socket
  (``?host=/run/postgresql``: peer authentication, configured on purpose).

Production (serve_env's ``OUTREACH_SERVER_MODE=production``) also refuses SQLite or no
database, and serving without TLS even on loopback (unless behind a proxy).

An explicit pilot escape hatch (``--insecure-pilot`` or ``OUTREACH_SERVER_INSECURE_PILOT=1``)
serves anyway, with a loud warning on every start; production never allows it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

INSECURE_PILOT_ENV = "OUTREACH_SERVER_INSECURE_PILOT"
EX_CONFIG = 78   # sysexits.h; the systemd unit does not restart on it

DEFAULT_PASSWORDS = frozenset({
    "change-me", "changeme", "change_me", "password", "postgres", "outreach", "secret",
    "admin", "example", "default", "test", "123456",
})


@dataclass(frozen=True)
class ServeOptions:
    """What the server is about to be started with."""

    host: str
    db_url: str | None
    tls_cert: str | None = None
    tls_key: str | None = None
    behind_proxy: bool = False


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _database_problems(url: str) -> list[str]:
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql"):
        return []
    password = unquote(parts.password or "")
    user = unquote(parts.username or "")
    if not password:
        socket = (parse_qs(parts.query).get("host") or [""])[0]
        if socket.startswith("/"):
            return []        # Unix socket: peer authentication, chosen on purpose
        return ["The PostgreSQL URL has no password: set a long random one "
                "(docs/deploy.md), or connect over the Unix socket with peer "
                "authentication (?host=/run/postgresql)."]
    if password.lower() in DEFAULT_PASSWORDS or password == user:
        return ["The database password is a default or placeholder: set a long random one "
                "(docs/deploy.md)."]
    return []


def problems(options: ServeOptions, *, production: bool = False) -> list[str]:
    """Why the server must not start with ``options``; empty when it may."""
    found: list[str] = []
    cert, key = options.tls_cert, options.tls_key
    if bool(cert) != bool(key):
        found.append("Give both the TLS certificate and its key, or neither.")
    for what, path in (("TLS certificate", cert), ("TLS key", key)):
        if path and not Path(path).is_file():
            found.append(f"The {what} file does not exist: {path}")
    tls = bool(cert and key)
    if not tls and not options.behind_proxy and not is_loopback(options.host):
        found.append(f"Listening on {options.host} without TLS would send laptops' "
                     "credentials and records unencrypted: give a TLS certificate and key, "
                     "or say a proxy in front terminates TLS (--behind-proxy).")
    url = options.db_url or ""
    found += _database_problems(url)
    if production:
        if not url or url.startswith("sqlite"):
            found.append("Production runs on PostgreSQL: set the database to a "
                         "postgresql+psycopg:// URL (SQLite is for pilots).")
        elif not url.startswith("postgresql"):
            found.append("The database must be a postgresql+psycopg:// URL in production.")
        if not tls and not options.behind_proxy:
            found.append("Production needs TLS: give a TLS certificate and key (or say a "
                         "proxy in front terminates TLS).")
    return found


def insecure_pilot_banner(ignored: list[str]) -> list[str]:
    """The loud lines printed on every start with the escape hatch on."""
    lines = ["!" * 72,
             "INSECURE PILOT: this server runs with checks switched off. Never use it for "
             "real people's records."]
    lines += [f"  ignored: {problem}" for problem in ignored]
    lines.append("!" * 72)
    return lines
