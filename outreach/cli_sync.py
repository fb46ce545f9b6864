"""``outreach-cli`` sync commands: ``enroll``, ``sync`` and ``recover``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from outreach.cli import (
    CliError,
    open_store,
    out,
    profile_of,
    read_new_passphrase,
    read_passphrase,
)
from outreach.ops import sync as sync_ops


def _progress(args: argparse.Namespace) -> Any:
    if not getattr(args, "verbose", False):
        return None

    def report(phase: str, done: int, total: int) -> None:
        sys.stderr.write(f"{phase}: {done}/{total}\n")
    return report


def cmd_enroll(args: argparse.Namespace) -> int:
    ca = Path(args.ca_cert).read_text("ascii") if args.ca_cert else None
    store = open_store(args)
    try:
        info = sync_ops.enroll(store, server_url=args.server, code=args.code, ca_cert_pem=ca,
                               passphrase=read_passphrase(), progress=_progress(args))
    except sync_ops.SyncFailed as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    out(f"Enrolled with {info['server_url']} as {info['user']} (team {info['team']}).")
    if info["recovery"]:
        out("Your organisation can recover this profile if you forget your passphrase.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        result = sync_ops.sync_now(store, progress=_progress(args))
    except sync_ops.ProfileWiped as exc:
        out(str(exc))
        return 1
    except sync_ops.SyncFailed as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    out(f"Sent {result.pushed} changes, received {result.pulled}.")
    if result.conflicts:
        out(f"{result.conflicts} notes were edited in two places: both versions are kept; "
            "please choose between them.")
    if result.pending:
        out(f"{result.pending} changes still wait to be sent.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    prof = profile_of(args)
    pem = Path(args.key).read_bytes()
    new = read_new_passphrase()
    try:
        sync_ops.recover_profile(prof.data_dir, prof.name, private_key_pem=pem,
                                 new_passphrase=new)
    except sync_ops.SyncFailed as exc:
        raise CliError(str(exc)) from None
    out(f"Profile {prof.name!r} recovered and re-keyed: it now opens with the new "
        "passphrase only. Nothing was lost.")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("enroll", help="enroll this laptop with the sync server")
    p.add_argument("--server", required=True, help="the server's address, https://...")
    p.add_argument("--code", required=True, help="the one-time code from your admin")
    p.add_argument("--ca-cert", help="the organisation's CA certificate (PEM)")
    p.set_defaults(func=cmd_enroll)
    sub.add_parser("sync", help="send and receive changes now").set_defaults(func=cmd_sync)
    p = sub.add_parser("recover", help="set a new passphrase with the organisation's "
                       "recovery key (admins)")
    p.add_argument("--key", required=True, help="the recovery private key (PEM)")
    p.set_defaults(func=cmd_recover)
