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
OUTREACH_SERVER_BEHIND_PROXY   ``1`` when a proxy in front terminates TLS
OUTREACH_SERVER_TLS_NEXT_KEY   the next TLS key or certificate (PEM), announced to laptops;
                               default ``$CREDENTIALS_DIRECTORY/tls-next.pem``
OUTREACH_SERVER_INSECURE_PILOT ``1``: serve despite the checks, loudly (never production)
=============================  ===========================================================

The checks are ``sync.server.serve_checks`` (the same ``outreach-server serve`` runs
itself). The server refuses to start (exit 78, EX_CONFIG, one line per reason on stderr)
when: TLS is half configured or a TLS file is missing; it would listen on a non-loopback
address without TLS; the database password is a default or placeholder (``change-me``,
``postgres``...) or missing. In production also when the database is SQLite or unset, or
TLS is not configured. The server itself holds no other secret: device credentials and
enrolment codes are random and stored only as hashes.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sync.server.serve_checks import (
    EX_CONFIG,
    INSECURE_PILOT_ENV,
    ServeOptions,
    is_loopback,
    truthy,
)
from sync.server.serve_checks import problems as serve_problems

log = logging.getLogger("outreach.serve_env")

MODES = ("pilot", "production")


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
    behind_proxy: bool = False
    tls_next_key: str | None = None
    insecure_pilot: bool = False

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
        verbose=truthy(env.get("OUTREACH_SERVER_VERBOSE")),
        behind_proxy=truthy(env.get("OUTREACH_SERVER_BEHIND_PROXY")),
        tls_next_key=(env.get("OUTREACH_SERVER_TLS_NEXT_KEY")
                      or _credential(env, "tls-next.pem")),
        insecure_pilot=truthy(env.get(INSECURE_PILOT_ENV)),
    )


def problems(config: ServeConfig) -> list[str]:
    """Why this configuration must not serve; empty when it may (``serve_checks``, with
    production's extra checks in production mode). In a pilot with the insecure escape
    hatch on, ``outreach-server serve`` itself warns loudly instead of refusing."""
    options = ServeOptions(host=config.host, db_url=config.db_url, tls_cert=config.tls_cert,
                           tls_key=config.tls_key, behind_proxy=config.behind_proxy)
    found = serve_problems(options, production=config.production)
    if config.production and config.insecure_pilot:
        found.append(f"{INSECURE_PILOT_ENV} is for pilots only, never production.")
    if config.tls_next_key and not Path(config.tls_next_key).is_file():
        found.append("OUTREACH_SERVER_TLS_NEXT_KEY names a file that does not exist: "
                     f"{config.tls_next_key}")
    if config.insecure_pilot and not config.production:
        return []
    return found


def warnings(config: ServeConfig) -> list[str]:
    """Set-ups that are allowed but worth a line in the log."""
    found: list[str] = []
    if not config.tls_cert and not is_loopback(config.host):
        found.append(f"Serving plain HTTP on {config.host}: TLS must be terminated by the "
                     "proxy in front.")
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
    if config.tls_next_key:
        args += ["--tls-next-key", config.tls_next_key]
    if config.behind_proxy:
        args.append("--behind-proxy")
    if config.insecure_pilot:
        args.append("--insecure-pilot")
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
