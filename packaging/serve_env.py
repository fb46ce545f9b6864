"""Start ``outreach-server serve`` configured by environment variables, refusing unsafe
production set-ups. Used by the container (packaging/Containerfile) and the systemd unit
(packaging/outreach-server.service); see packaging/server.env.example and docs/deploy.md.

    python serve_env.py            check the configuration, then serve
    python serve_env.py --check    check only: print the problems, exit 78 if any
    python serve_env.py --health   GET /health on this machine (the container healthcheck)

Variables (safe defaults: a pilot on loopback, never production by accident):

=============================  ===========================================================
OUTREACH_SERVER_MODE           ``pilot`` (default) or ``production``
OUTREACH_SERVER_DB             database URL; default an SQLite file (pilots only)
OUTREACH_SERVER_HOST           address to listen on; default ``127.0.0.1``
OUTREACH_SERVER_PORT           default ``8443``
OUTREACH_SERVER_TLS_CERT       certificate chain (PEM); default ``$CREDENTIALS_DIRECTORY/tls.crt``
OUTREACH_SERVER_TLS_KEY        private key (PEM); default ``$CREDENTIALS_DIRECTORY/tls.key``
OUTREACH_SERVER_VERBOSE        ``1`` to log each request's outcome (never personal data)
=============================  ===========================================================

In production the server refuses to start (exit 78, EX_CONFIG, one line per reason on
stderr) when: the database is SQLite or unset; the database password is a default or
placeholder (``change-me``, ``postgres``...); TLS is not configured; or a TLS file is
missing. The server itself holds no other secret: device credentials and enrolment codes
are random and stored only as hashes.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger("outreach.serve_env")

MODES = ("pilot", "production")
DEFAULT_PASSWORDS = frozenset({
    "change-me", "changeme", "change_me", "password", "postgres", "outreach", "secret",
    "admin", "example", "default", "test", "123456",
})
LOOPBACK = ("127.0.0.1", "::1", "localhost")
EX_CONFIG = 78  # sysexits.h: the unit file tells systemd not to restart on this one


@dataclass(frozen=True)
class ServeConfig:
    """What ``outreach-server serve`` is started with."""

    mode: str
    db_url: str | None
    host: str
    port: int
    tls_cert: str | None
    tls_key: str | None
    verbose: bool

    @property
    def production(self) -> bool:
        return self.mode == "production"


class ConfigError(ValueError):
    """A variable has a value that cannot be used at all (in any mode)."""


def _credential(env: Mapping[str, str], name: str) -> str | None:
    """``$CREDENTIALS_DIRECTORY/name`` when systemd's LoadCredential= provided it."""
    folder = env.get("CREDENTIALS_DIRECTORY")
    if folder and (Path(folder) / name).is_file():
        return str(Path(folder) / name)
    return None


def config_from_env(env: Mapping[str, str]) -> ServeConfig:
    """Read the variables in the module docstring; raises :class:`ConfigError`."""
    mode = env.get("OUTREACH_SERVER_MODE", "pilot").strip().lower() or "pilot"
    if mode not in MODES:
        raise ConfigError(f"OUTREACH_SERVER_MODE must be one of {', '.join(MODES)}, "
                          f"not {mode!r}.")
    raw_port = env.get("OUTREACH_SERVER_PORT", "8443").strip() or "8443"
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise ConfigError(f"OUTREACH_SERVER_PORT must be a port number, not {raw_port!r}.")
    return ServeConfig(
        mode=mode,
        db_url=env.get("OUTREACH_SERVER_DB") or None,
        host=env.get("OUTREACH_SERVER_HOST", "").strip() or "127.0.0.1",
        port=int(raw_port),
        tls_cert=env.get("OUTREACH_SERVER_TLS_CERT") or _credential(env, "tls.crt"),
        tls_key=env.get("OUTREACH_SERVER_TLS_KEY") or _credential(env, "tls.key"),
        verbose=env.get("OUTREACH_SERVER_VERBOSE", "").strip().lower() in ("1", "true", "yes"),
    )


def problems(config: ServeConfig) -> list[str]:
    """Why this configuration must not serve; empty when it may. Pilots only get refused
    for half-configured TLS; production gets every check in the module docstring."""
    found: list[str] = []
    if bool(config.tls_cert) != bool(config.tls_key):
        found.append("Set both OUTREACH_SERVER_TLS_CERT and OUTREACH_SERVER_TLS_KEY, or "
                     "neither.")
    for name, path in (("OUTREACH_SERVER_TLS_CERT", config.tls_cert),
                       ("OUTREACH_SERVER_TLS_KEY", config.tls_key)):
        if path and not Path(path).is_file():
            found.append(f"{name} names a file that does not exist: {path}")
    if not config.production:
        return found
    url = config.db_url or ""
    if not url or url.startswith("sqlite"):
        found.append("Production runs on PostgreSQL: set OUTREACH_SERVER_DB to a "
                     "postgresql+psycopg:// URL (SQLite is for pilots).")
    elif not url.startswith("postgresql"):
        found.append("OUTREACH_SERVER_DB must be a postgresql+psycopg:// URL in production.")
    else:
        password = unquote(urlsplit(url).password or "")
        if password and password.lower() in DEFAULT_PASSWORDS:
            found.append("The database password in OUTREACH_SERVER_DB is a default or "
                         "placeholder: set a long random one (docs/deploy.md).")
    if not (config.tls_cert and config.tls_key):
        found.append("Production needs TLS: set OUTREACH_SERVER_TLS_CERT and "
                     "OUTREACH_SERVER_TLS_KEY (or systemd credentials tls.crt and tls.key).")
    return found


def warnings(config: ServeConfig) -> list[str]:
    """Set-ups that are allowed but worth a line in the log."""
    found: list[str] = []
    if not config.tls_cert and config.host not in LOOPBACK:
        found.append(f"Serving plain HTTP on {config.host}: laptops' credentials would cross "
                     "the network unencrypted. Use TLS outside a closed pilot.")
    if config.tls_key and Path(config.tls_key).is_file() and \
            Path(config.tls_key).stat().st_mode & 0o077:
        found.append("The TLS private key file is readable by other users (chmod 600).")
    return found


def serve_args(config: ServeConfig) -> list[str]:
    """The ``outreach-server`` command line for ``config``."""
    args = ["serve", "--host", config.host, "--port", str(config.port)]
    if config.verbose:
        args.insert(0, "--verbose")
    if config.db_url:
        args += ["--db", config.db_url]
    if config.tls_cert and config.tls_key:
        args += ["--tls-cert", config.tls_cert, "--tls-key", config.tls_key]
    return args


def health(config: ServeConfig) -> int:
    """0 when this machine's server answers /health (TLS not verified: it is local)."""
    import json
    import ssl
    import urllib.request

    scheme = "https" if config.tls_cert else "http"
    host = "127.0.0.1" if config.host in ("0.0.0.0", "::", "") else config.host
    url = f"{scheme}://{host}:{config.port}/health"
    context = ssl._create_unverified_context() if scheme == "https" else None  # noqa: S323
    try:
        with urllib.request.urlopen(url, timeout=5, context=context) as resp:  # noqa: S310
            return 0 if json.load(resp).get("status") == "ok" else 1
    except (OSError, ValueError):
        return 1


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    env = os.environ if env is None else env
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    try:
        config = config_from_env(env)
    except ConfigError as exc:
        sys.stderr.write(f"outreach-server: {exc}\n")
        return EX_CONFIG
    if args == ["--health"]:
        return health(config)
    found = problems(config)
    for problem in found:
        sys.stderr.write(f"outreach-server: refusing to start: {problem}\n")
    if found:
        return EX_CONFIG
    for warning in warnings(config):
        log.warning("%s", warning)
    if args == ["--check"]:
        sys.stdout.write(f"configuration ok ({config.mode})\n")
        return 0
    if args:
        sys.stderr.write("usage: serve_env.py [--check | --health]\n")
        return 2
    from sync.server.cli import main as server_main

    log.info("starting in %s mode on %s:%d (%s)", config.mode, config.host, config.port,
             "TLS" if config.tls_cert else "plain HTTP")
    return server_main(serve_args(config))


if __name__ == "__main__":
    sys.exit(main())
