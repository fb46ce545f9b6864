"""``outreach-server``: run the sync server and administer it.

    outreach-server serve [--db URL] [--host 127.0.0.1] [--port 8443]
                          [--tls-cert FILE --tls-key FILE]
    outreach-server admin create-team NAME
    outreach-server admin create-user --team NAME [--admin] USERNAME
    outreach-server admin enroll-code USERNAME        (the code is the last line)
    outreach-server admin devices
    outreach-server admin revoke DEVICE
    outreach-server admin transfer PERSON_ID --team NAME
    outreach-server admin erase PERSON_ID [--yes]     (asks first unless --yes)
    outreach-server admin recovery-key --out FILE
    outreach-server report [--team NAME] [--from DATE --to DATE] [--by team|key_worker]
                           [--csv DIR]                (also as "admin report")

Every command takes ``--db`` (default ``$OUTREACH_SERVER_DB`` or an SQLite file in the
server's data folder). Errors are one line on stderr with exit code 1 (refused) or 2
(a mistake in the command).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.server import admin, db
from sync.server.errors import ApiError
from sync.server.settings import Settings, default_db_url


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    engine = db.make_engine(args.db or default_db_url())
    db.migrate(engine)
    return engine


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        raise SystemExit("outreach-server: give both --tls-cert and --tls-key, or neither")
    settings = Settings(db_url=args.db or default_db_url())
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, ssl_certfile=args.tls_cert,
                ssl_keyfile=args.tls_key, log_level="info" if args.verbose else "warning",
                access_log=False,
                # X-Forwarded-For is the app's to judge (Settings.trusted_proxies)
                proxy_headers=False)
    return 0


def cmd_create_team(args: argparse.Namespace) -> int:
    admin.create_team(_engine(args), args.name)
    out(f"Created team {args.name!r}.")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    admin.create_user(_engine(args), team=args.team, username=args.username,
                      is_admin=args.admin, role=args.role)
    out(f"Created {'admin ' if args.admin else ''}user {args.username!r} in team "
        f"{args.team!r}.")
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    settings = Settings(db_url=args.db or default_db_url())
    code, expires = admin.issue_enroll_code(_engine(args), settings, args.username)
    from sync.server.push import iso
    out(f"One-time enrollment code for {args.username!r}, valid until {iso(expires)}:")
    out(code)
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    rows = admin.list_devices(_engine(args))
    if not rows:
        out("No devices enrolled.")
        return 0
    out(f"{'DEVICE':<37}{'USER':<20}{'TEAM':<20}{'LAST SYNC':<27}{'PENDING':>8}  STATE")
    for d in rows:
        pending = "" if d.pending_changes is None else str(d.pending_changes)
        out(f"{d.device_id:<37}{d.user[:19]:<20}{d.team[:19]:<20}"
            f"{d.last_sync_at or 'never':<27}{pending:>8}  "
            f"{'revoked' if d.revoked else 'active'}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    admin.revoke(_engine(args), args.device)
    out(f"Revoked device {args.device}: it will erase its data at its next contact.")
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    moved = admin.transfer(_engine(args), args.person_id, team=args.team)
    out(f"Moved {moved} records to team {args.team!r}; the previous team's laptops will "
        "remove them at their next sync.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase a person; asks on the terminal unless ``--yes`` (refuses with no terminal)."""
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


def cmd_recovery_key(args: argparse.Namespace) -> int:
    admin.generate_recovery_key(_engine(args), Path(args.out))
    out(f"Wrote the recovery private key to {args.out}. Keep it offline; laptops enrolled "
        "from now on can be recovered with it.")
    return 0


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
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.set_defaults(func=cmd_serve)

    adm = sub.add_parser("admin", help="administer teams, users and devices")
    asub = adm.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    p = with_db(asub.add_parser("create-team", help="create a team"))
    p.add_argument("name")
    p.set_defaults(func=cmd_create_team)
    p = with_db(asub.add_parser("create-user", help="create a user in a team"))
    p.add_argument("--team", required=True)
    p.add_argument("--admin", action="store_true")
    p.add_argument("--role", choices=admin.ROLES,
                   help="practitioner (default), peer_mentor, clinician or admin (the "
                        "default with --admin); decides who may change the directory")
    p.add_argument("username")
    p.set_defaults(func=cmd_create_user)
    p = with_db(asub.add_parser("enroll-code", help="issue a one-time enrollment code"))
    p.add_argument("username")
    p.set_defaults(func=cmd_enroll_code)
    p = with_db(asub.add_parser("devices", help="list devices, last sync, pending changes"))
    p.set_defaults(func=cmd_devices)
    p = with_db(asub.add_parser("revoke", help="revoke a lost or retired device"))
    p.add_argument("device")
    p.set_defaults(func=cmd_revoke)
    p = with_db(asub.add_parser("transfer", help="move a person to another team"))
    p.add_argument("person_id")
    p.add_argument("--team", required=True)
    p.set_defaults(func=cmd_transfer)
    p = with_db(asub.add_parser("erase", help="erase a person on request (the right to "
                                "erasure): every record, on the server and the laptops"))
    p.add_argument("person_id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_erase)
    p = with_db(asub.add_parser("recovery-key", help="generate the organisation's recovery "
                                "key pair; writes the private half to --out"))
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_recovery_key)
    from sync.server.report import add_arguments as report_arguments
    for parent in (sub, asub):
        p = with_db(parent.add_parser("report", help="Living Well indicators for a team or "
                                      "the whole organisation (docs/indicators.md)"))
        report_arguments(p)
        p.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except (admin.AdminError, ApiError) as exc:
        sys.stderr.write(f"outreach-server: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
