"""``outreach-server``: run the sync server and administer it.

    outreach-server serve [--db URL] [--host 127.0.0.1] [--port 8443]
                          [--tls-cert FILE --tls-key FILE] [--tls-next-key FILE]
                          [--behind-proxy] [--insecure-pilot]
    outreach-server admin create-team NAME
    outreach-server admin create-user --team NAME [--admin] USERNAME
    outreach-server admin enroll-code USERNAME        (the code is the last line)
    outreach-server admin devices
    outreach-server admin revoke DEVICE
    outreach-server admin transfer PERSON_ID --team NAME
    outreach-server admin erase PERSON_ID [--yes]     (asks first unless --yes)
    outreach-server admin recovery-keygen --out DIR   (on an offline machine)
    outreach-server admin set-recovery-key PUBLIC.pem
    outreach-server report [--team NAME] [--from DATE --to DATE] [--by team|key_worker]
                           [--csv DIR]                (also as "admin report")

Every command takes ``--db`` (default ``$OUTREACH_SERVER_DB`` or an SQLite file in the
server's data folder). Errors are one line on stderr with exit code 1 (refused), 2 (a
mistake in the command), 78 (``serve`` refused an unsafe configuration:
``sync/server/serve_checks.py``) or 69 (the server extra is not installed).

FastAPI, SQLAlchemy and uvicorn are imported only inside commands, so a missing server
extra is one line saying how to install it, not a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sync.server import recovery_keys, serve_checks
from sync.server.errors import ApiError
from sync.server.recovery_keys import RecoveryKeyError

SERVER_EXTRA = frozenset({"fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic",
                          "psycopg"})
EX_UNAVAILABLE = 69     # sysexits.h: a program this one needs is not installed
NEEDS_EXTRA = "outreach-server needs the server extra: pip install 'outreach[server]'"


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(f"outreach-server: {text}\n")


def _engine(args: argparse.Namespace) -> Any:
    from sync.server import db
    from sync.server.settings import default_db_url

    engine = db.make_engine(args.db or default_db_url())
    db.migrate(engine)
    return engine


def _settings(args: argparse.Namespace, **more: Any) -> Any:
    from sync.server.settings import Settings, default_db_url

    return Settings(db_url=args.db or default_db_url(), **more)


def cmd_serve(args: argparse.Namespace) -> int:
    """Check the configuration (serve_checks), then serve. Refuses with exit 78."""
    from sync.server.settings import default_db_url

    options = serve_checks.ServeOptions(
        host=args.host, db_url=args.db or default_db_url(), tls_cert=args.tls_cert,
        tls_key=args.tls_key, behind_proxy=args.behind_proxy)
    found = serve_checks.problems(options)
    insecure = args.insecure_pilot or serve_checks.truthy(
        os.environ.get(serve_checks.INSECURE_PILOT_ENV))
    if found and not insecure:
        for problem in found:
            err(f"refusing to start: {problem}")
        return serve_checks.EX_CONFIG
    if insecure:
        for line in serve_checks.insecure_pilot_banner(found):
            err(line)
    from sync.tls import pin_of_pem
    try:
        next_pins = tuple(pin_of_pem(Path(f).read_bytes()) for f in args.tls_next_key)
    except (OSError, ValueError) as exc:
        err(f"refusing to start: --tls-next-key must be a PEM certificate or key ({exc})")
        return serve_checks.EX_CONFIG

    import uvicorn

    from sync.server.app import create_app

    settings = _settings(args, tls_next_pins=next_pins,
                         min_client_protocol=args.min_client_protocol)
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, ssl_certfile=args.tls_cert,
                ssl_keyfile=args.tls_key, log_level="info" if args.verbose else "warning",
                access_log=False,
                # X-Forwarded-For is the app's to judge (Settings.trusted_proxies)
                proxy_headers=False)
    return 0


def cmd_create_team(args: argparse.Namespace) -> int:
    from sync.server import admin

    admin.create_team(_engine(args), args.name)
    out(f"Created team {args.name!r}.")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from sync.server import admin

    admin.create_user(_engine(args), team=args.team, username=args.username,
                      is_admin=args.admin, role=args.role)
    out(f"Created {'admin ' if args.admin else ''}user {args.username!r} in team "
        f"{args.team!r}.")
    return 0


def cmd_add_role(args: argparse.Namespace) -> int:
    from sync.server import admin

    code = admin.add_role(_engine(args), team=args.team, label=args.label, code=args.code)
    out(f"Added the role {args.label!r} ({code}) to team {args.team!r}. Give it to a user "
        f"with: outreach-server admin set-role USER {code}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from sync.server import admin

    admin.set_role(_engine(args), username=args.username, role=args.role)
    out(f"{args.username!r} is now {args.role}; their team's laptops learn it at their next "
        "sync.")
    return 0


def cmd_roles(args: argparse.Namespace) -> int:
    from sync.server import admin

    engine = _engine(args)
    labels = admin.list_roles(engine, team=args.team)
    users = admin.team_users(engine, team=args.team)
    out(f"Roles in team {args.team!r}:")
    for code, label in labels.items():
        holders = sorted(u for u, r in users.items() if r == code)
        out(f"  {code:<20} {label:<24} {len(holders)} user(s)"
            + (f": {', '.join(holders)}" if holders else ""))
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from sync.server import admin

    code, expires = admin.issue_enroll_code(_engine(args), _settings(args), args.username)
    from sync.server.push import iso
    out(f"One-time enrollment code for {args.username!r}, valid until {iso(expires)}:")
    out(code)
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from sync.server import admin

    rows = admin.list_devices(_engine(args))
    if not rows:
        out("No devices enrolled.")
        return 0
    out(f"{'DEVICE':<37}{'USER':<20}{'TEAM':<20}{'LAST SYNC':<27}{'PENDING':>8}"
        f"{'REFUSED':>8}  STATE")
    for d in rows:
        pending = "" if d.pending_changes is None else str(d.pending_changes)
        refused = "" if d.quarantined_changes is None else str(d.quarantined_changes)
        out(f"{d.device_id:<37}{d.user[:19]:<20}{d.team[:19]:<20}"
            f"{d.last_sync_at or 'never':<27}{pending:>8}{refused:>8}  "
            f"{'revoked' if d.revoked else 'active'}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from sync.server import admin

    admin.revoke(_engine(args), args.device)
    out(f"Revoked device {args.device}: it will erase its data at its next contact.")
    return 0


def cmd_restored(args: argparse.Namespace) -> int:
    """After restoring a backup: a new epoch, so laptops re-send what the backup lacks."""
    from sync.server import epoch

    with _engine(args).begin() as conn:
        epoch.renew(conn)
    out("Marked this database as restored: laptops will pull afresh and re-send their "
        "recent changes at their next sync.")
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    from sync.server import admin

    moved = admin.transfer(_engine(args), args.person_id, team=args.team)
    out(f"Moved {moved} records to team {args.team!r}; the previous team's laptops will "
        "remove them at their next sync.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase a person; asks on the terminal unless ``--yes`` (refuses with no terminal)."""
    from sync.server import admin

    if not args.yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise admin.AdminError("Erasing a person cannot be undone; there is no terminal "
                                   "to ask, so run the command again with --yes to confirm.")
        sys.stdout.write(f"Erase every record of person {args.person_id} on the server and "
                         "on their team's laptops? This cannot be undone. Type 'yes' to "
                         "confirm: ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() != "yes":
            out("Nothing was erased.")
            return 1
    records = admin.erase_person(_engine(args), person_id=args.person_id)
    out(f"Erased person {args.person_id}: {records} records deleted on the server; their "
        "team's laptops will remove them at their next sync.")
    return 0


def _new_passphrase(args: argparse.Namespace) -> str:
    """From ``--passphrase-fd`` or the terminal (twice); never from the command line."""
    if args.passphrase_fd is not None:
        return recovery_keys.read_passphrase_fd(args.passphrase_fd)
    if sys.stdin is None or not sys.stdin.isatty():
        raise RecoveryKeyError("No terminal to ask for the recovery key's passphrase: run "
                               "in a terminal or give --passphrase-fd.")
    first = getpass.getpass("Passphrase for the recovery private key: ")
    if getpass.getpass("Again: ") != first:
        raise RecoveryKeyError("The two passphrases differ; nothing was written.")
    return first


def cmd_recovery_keygen(args: argparse.Namespace) -> int:
    """Make the recovery key pair (meant for an offline machine: no database used)."""
    private, public = recovery_keys.generate(Path(args.out), _new_passphrase(args))
    out(f"Wrote the encrypted recovery private key to {private}: keep it offline, with its "
        "passphrase stored separately.")
    out(f"Wrote the public key to {public}: give the server only this file, with "
        f"'outreach-server admin set-recovery-key {public}'.")
    return 0


def cmd_set_recovery_key(args: argparse.Namespace) -> int:
    from sync.server import admin

    pem = recovery_keys.public_pem(Path(args.public_key).read_bytes())
    admin.set_recovery_key(_engine(args), pem)
    out("The server now hands this recovery public key to laptops enrolled from now on.")
    return 0


def cmd_recovery_key_moved(_args: argparse.Namespace) -> int:
    raise RecoveryKeyError("The server no longer makes recovery keys. On an offline "
                           "machine run 'outreach-server admin recovery-keygen --out DIR', "
                           "then here 'outreach-server admin set-recovery-key "
                           "DIR/outreach-recovery-public.pem'.")


def cmd_report(args: argparse.Namespace) -> int:
    from sync.server import report

    return report.cmd_report(args, engine=_engine(args), out=out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="outreach-server",
                                     description="The Outreach sync server and its admin.")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help="database URL (default: $OUTREACH_SERVER_DB or an SQLite "
                       "file in the data folder; postgresql+psycopg://... in production)")
        return p

    p = with_db(sub.add_parser("serve", help="run the server"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--tls-cert", help="certificate chain (PEM)")
    p.add_argument("--tls-key", help="its private key (PEM)")
    p.add_argument("--tls-next-key", action="append", default=[], metavar="FILE",
                   help="the next TLS key or certificate (PEM): laptops are told to accept "
                   "it too, so the key can be replaced without enrolling them again")
    p.add_argument("--behind-proxy", action="store_true",
                   help="a proxy in front terminates TLS (plain HTTP behind it is allowed)")
    p.add_argument("--min-client-protocol", type=int, default=1, metavar="N",
                   help="refuse laptops whose sync protocol is older than N; they are "
                   "told to update Outreach (default 1: every laptop version)")
    p.add_argument("--insecure-pilot", action="store_true",
                   help=f"serve despite failed safety checks, with a loud warning (also "
                   f"${serve_checks.INSECURE_PILOT_ENV}=1); never for real records")
    p.set_defaults(func=cmd_serve)

    adm = sub.add_parser("admin", help="administer teams, users and devices")
    asub = adm.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    p = with_db(asub.add_parser("create-team", help="create a team"))
    p.add_argument("name")
    p.set_defaults(func=cmd_create_team)
    p = with_db(asub.add_parser("create-user", help="create a user in a team"))
    p.add_argument("--team", required=True)
    p.add_argument("--admin", action="store_true")
    p.add_argument("--role",
                   help="practitioner (default), peer_mentor, clinician, admin (the "
                        "default with --admin) or one the team added (add-role); decides "
                        "who may change the directory")
    p.add_argument("username")
    p.set_defaults(func=cmd_create_user)
    p = with_db(asub.add_parser("add-role", help="add a role of the team's own (for "
                                "example 'Employment advisor')"))
    p.add_argument("--team", required=True)
    p.add_argument("--code", help="short code (default: made from the name)")
    p.add_argument("label", help="the role's name as the laptops show it")
    p.set_defaults(func=cmd_add_role)
    p = with_db(asub.add_parser("set-role", help="give a user a role (laptops learn it at "
                                "their next sync)"))
    p.add_argument("username")
    p.add_argument("role", help="practitioner, peer_mentor, clinician, admin or a team's own")
    p.set_defaults(func=cmd_set_role)
    p = with_db(asub.add_parser("roles", help="a team's roles and who holds each"))
    p.add_argument("--team", required=True)
    p.set_defaults(func=cmd_roles)
    p = with_db(asub.add_parser("enroll-code", help="issue a one-time enrollment code"))
    p.add_argument("username")
    p.set_defaults(func=cmd_enroll_code)
    p = with_db(asub.add_parser("devices", help="list devices, last sync, pending changes"))
    p.set_defaults(func=cmd_devices)
    p = with_db(asub.add_parser("revoke", help="revoke a lost or retired device"))
    p.add_argument("device")
    p.set_defaults(func=cmd_revoke)
    p = with_db(asub.add_parser("restored", help="run after restoring a backup: laptops "
                                "then re-send what the backup lacks"))
    p.set_defaults(func=cmd_restored)
    p = with_db(asub.add_parser("transfer", help="move a person to another team"))
    p.add_argument("person_id")
    p.add_argument("--team", required=True)
    p.set_defaults(func=cmd_transfer)
    p = with_db(asub.add_parser("erase", help="erase a person on request (the right to "
                                "erasure): every record, on the server and the laptops"))
    p.add_argument("person_id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_erase)
    p = asub.add_parser("recovery-keygen", help="make the organisation's recovery key pair "
                        "on an offline machine: an encrypted private key and a public key")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the two files")
    p.add_argument("--passphrase-fd", type=int, metavar="FD",
                   help="read the private key's passphrase from this file descriptor "
                   "instead of asking")
    p.set_defaults(func=cmd_recovery_keygen)
    p = with_db(asub.add_parser("set-recovery-key", help="give the server the recovery "
                                "PUBLIC key (from recovery-keygen)"))
    p.add_argument("public_key", metavar="PUBLIC.pem")
    p.set_defaults(func=cmd_set_recovery_key)
    p = asub.add_parser("recovery-key", help=argparse.SUPPRESS)
    p.add_argument("--out")
    p.add_argument("--db")
    p.set_defaults(func=cmd_recovery_key_moved)
    from sync.server.report import add_arguments as report_arguments
    for parent in (sub, asub):
        p = with_db(parent.add_parser("report", help="Living Well indicators for a team or "
                                      "the whole organisation (docs/indicators.md)"))
        report_arguments(p)
        p.set_defaults(func=cmd_report)
    return parser


def _refusals() -> tuple[type[BaseException], ...]:
    admin = sys.modules.get("sync.server.admin")
    extra = (admin.AdminError,) if admin is not None else ()
    return (ApiError, RecoveryKeyError, *extra)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        # SQL statements are never logged (their parameters may be personal data).
        logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
        return int(args.func(args) or 0)
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in SERVER_EXTRA:
            raise
        sys.stderr.write(NEEDS_EXTRA + "\n")
        return EX_UNAVAILABLE
    except OSError as exc:
        err(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
        return 1
    except Exception as exc:
        if not isinstance(exc, _refusals()):
            raise
        err(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
