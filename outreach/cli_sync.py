"""``outreach-cli`` sync commands: ``enroll``, ``sync`` and ``recover``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from outreach.cli import (
    CliError,
    err,
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
    try:      # a SyncFailed goes to cli.main, which picks the exit code from its code
        info = sync_ops.enroll(store, server_url=args.server, code=args.code, ca_cert_pem=ca,
                               passphrase=read_passphrase(), progress=_progress(args))
    finally:
        store.close()
    out(f"Enrolled with {info['server_url']} as {info['user']} (team {info['team']}).")
    if info["recovery"]:
        out("Your organisation can recover this profile if you forget your passphrase.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:      # SyncFailed (ProfileWiped too) goes to cli.main: one line, its exit code
        result = sync_ops.sync_now(store, progress=_progress(args))
    finally:
        store.close()
    out(f"Sent {result.pushed} changes, received {result.pulled}.")
    if result.conflicts:
        out(f"{result.conflicts} notes were edited in two places: both versions are kept; "
            "please choose between them.")
    if result.pending:
        out(f"{result.pending} changes still wait to be sent.")
    return 0


def _key_passphrase(args: argparse.Namespace, pem: bytes) -> str | None:
    """The recovery key's own passphrase: from ``--key-passphrase-fd`` or a prompt, never
    the command line. ``None`` for an old unencrypted key (with a warning)."""
    if b"ENCRYPTED PRIVATE KEY" not in pem:
        err("this recovery key file is not encrypted: make a new pair with "
            "'outreach-server admin recovery-keygen' (docs/admin.md)")
        return None
    if args.key_passphrase_fd is not None:
        with os.fdopen(args.key_passphrase_fd, "r", encoding="utf-8") as fh:
            return fh.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no passphrase for the recovery key: run in a terminal or give "
                       "--key-passphrase-fd")
    return getpass.getpass("Recovery key passphrase: ")


def cmd_recover(args: argparse.Namespace) -> int:
    prof = profile_of(args)
    try:
        pem = Path(args.key).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.key}: {exc.strerror}") from None
    key_passphrase = _key_passphrase(args, pem)
    new = read_new_passphrase()
    sync_ops.recover_profile(prof.data_dir, prof.name, private_key_pem=pem,
                             new_passphrase=new, key_passphrase=key_passphrase)
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
    p.add_argument("--key", required=True,
                   help="the organisation's encrypted recovery private key (PEM)")
    p.add_argument("--key-passphrase-fd", type=int, metavar="FD",
                   help="read the recovery key's passphrase from this file descriptor "
                   "instead of asking")
    p.set_defaults(func=cmd_recover)
