"""``outreach-cli``: the headless tool for admins, scripts and tests.

The passphrase comes, in order, from ``--passphrase-fd N`` (one line per passphrase asked
for: the current one, then a new one), a 0600 file named by ``OUTREACH_PASSPHRASE_FILE``
(``OUTREACH_NEW_PASSPHRASE_FILE`` for a new one), ``OUTREACH_PASSPHRASE`` (kept for old
scripts; it puts the passphrase in the process environment, so avoid it), or a prompt;
the data folder from
``--data-dir``, ``OUTREACH_DATA_DIR`` or the platform default. Every error is one line on
stderr naming what is wrong, with an exit code that tells a script what happened
(:mod:`outreach.cli_exit`: a mistake in the command, an unreachable server, refused
credentials, a revoked laptop... listed in ``outreach-cli --help``).

Command groups live in their own modules (listed in :data:`COMMAND_MODULES`), each with
``add_commands(subparsers)``; every command function takes the parsed arguments and
returns an exit code.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from outreach import __version__, cli_exit
from outreach.config import DEFAULT_PROFILE, PASSPHRASE_ENV, data_dir
from outreach.core.validation import ValidationError
from outreach.ops import profiles as profile_ops
from outreach.ops.sync import SyncFailed
from outreach.store import outbox
from outreach.store.db import WrongKey
from outreach.store.migrations import SchemaTooNew
from outreach.store.profile import Profile
from outreach.store.records import Store
from outreach.store.search import search
from outreach.store.vault import TooSoon, VaultError, WrongPassphrase

COMMAND_MODULES: tuple[str, ...] = ("outreach.cli_data", "outreach.cli_sync",
                                     "outreach.cli_report", "outreach.cli_consent")

log = logging.getLogger("outreach.cli")


class CliError(Exception):
    """A refused action; the message is shown as it is, the exit is ``code``
    (default: a mistake in the command)."""

    def __init__(self, message: str, *, code: int = cli_exit.USAGE) -> None:
        super().__init__(message)
        self.code = code


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(f"outreach-cli: {text}\n")


PASSPHRASE_FILE_ENV = PASSPHRASE_ENV + "_FILE"
NEW_PASSPHRASE_ENV = "OUTREACH_NEW_PASSPHRASE"
NEW_PASSPHRASE_FILE_ENV = NEW_PASSPHRASE_ENV + "_FILE"
_FD_LINES: list[str] = []          # read once from --passphrase-fd, consumed in order


def _from_fd(fd: int) -> None:
    with os.fdopen(fd, "rb", closefd=True) as fh:
        data = fh.read(64 * 1024)
    _FD_LINES[:] = [line.rstrip("\r") for line in data.decode("utf-8").split("\n")
                    if line.strip("\r")]


def _from_file(name: str) -> str:
    path = os.path.expanduser(name)
    try:
        info = os.stat(path)
        if os.name == "posix" and info.st_mode & 0o077:
            raise CliError(f"{name} is a passphrase file others can read: "
                           f"run 'chmod 600 {name}'")
        with open(path, encoding="utf-8") as fh:
            return fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise CliError(f"cannot read the passphrase file {name}: {exc.strerror}") from None


def _given(file_env: str, env_name: str) -> str | None:
    if _FD_LINES:
        return _FD_LINES.pop(0)
    if os.environ.get(file_env):
        return _from_file(os.environ[file_env])
    if os.environ.get(env_name):
        return os.environ[env_name]
    return None


def passphrase_given() -> bool:
    """True when the passphrase comes from a descriptor, a file or the environment."""
    return bool(_FD_LINES or os.environ.get(PASSPHRASE_FILE_ENV)
                or os.environ.get(PASSPHRASE_ENV))


def read_passphrase(prompt: str = "Passphrase: ", *, env: bool = True) -> str:
    if env:
        given = _given(PASSPHRASE_FILE_ENV, PASSPHRASE_ENV)
        if given:
            return given
    if not sys.stdin.isatty():
        raise CliError("no passphrase: use --passphrase-fd N, set "
                       f"{PASSPHRASE_FILE_ENV} to a 0600 file, or run in a terminal")
    return getpass.getpass(prompt)


def read_new_passphrase() -> str:
    """A new passphrase: the next --passphrase-fd line, a file, the environment, or asked
    twice at a prompt."""
    given = _given(NEW_PASSPHRASE_FILE_ENV, NEW_PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CliError("no new passphrase: give it as the next --passphrase-fd line, set "
                       f"{NEW_PASSPHRASE_FILE_ENV} to a 0600 file, or run in a terminal")
    new = getpass.getpass("New passphrase: ")
    if getpass.getpass("Again: ") != new:
        raise CliError("the two passphrases differ")
    return new


def profile_of(args: argparse.Namespace) -> Profile:
    return Profile(data_dir(args.data_dir), args.profile)


def open_store(args: argparse.Namespace) -> Store:
    """Unlock the profile named by ``--profile`` (the caller closes the store)."""
    prof = profile_of(args)
    if not prof.exists():
        raise CliError(f"no profile {prof.name!r} in {prof.data_dir}: run 'outreach-cli init'")
    return prof.unlock(read_passphrase())


def with_store(func: Callable[[argparse.Namespace, Store], int]
               ) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        store = open_store(args)
        try:
            return func(args, store)
        finally:
            store.close()
    return run


# -- commands ------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    prof = profile_of(args)
    if prof.exists():
        raise CliError(f"a profile called {prof.name!r} already exists in {prof.data_dir}")
    given = passphrase_given()
    passphrase = read_passphrase("New passphrase: ")
    if not given and getpass.getpass("Again: ") != passphrase:
        raise CliError("the two passphrases differ")
    store = profile_ops.create_profile(prof.data_dir, prof.name, passphrase,
                                       user=args.user or prof.name)
    try:
        out(f"Created profile {prof.name!r} in {prof.folder}")
        out(f"Device id: {store.device_id}")
    finally:
        store.close()
    return 0


@with_store
def cmd_info(args: argparse.Namespace, store: Store) -> int:
    from outreach.core.records import KINDS
    from outreach.store.migrations import current_version

    out(f"Profile:        {args.profile}")
    out(f"Folder:         {store.folder}")
    out(f"User:           {store.user}")
    out(f"Device id:      {store.device_id}")
    out(f"Schema version: {current_version(store.conn)}")
    out(f"Server:         {store.meta('server_url') or 'not enrolled'}")
    out(f"Last sync:      {store.meta('last_sync_at') or 'never'}")
    out(f"Pending changes: {outbox.pending_count(store)}")
    for name, spec in KINDS.items():
        n = store.count(name)
        if n:
            out(f"  {spec.label + ':':<32}{n:>8}")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    prof = profile_of(args)
    if not prof.exists():
        raise CliError(f"no profile {prof.name!r} in {prof.data_dir}")
    old = read_passphrase("Current passphrase: ")
    new = read_new_passphrase()
    problem = profile_ops.passphrase_problem(new)
    if problem:
        raise CliError(problem)
    if args.no_rekey:
        profile_ops.change_passphrase(prof.data_dir, prof.name, old, new, rekey=False)
        out("Passphrase changed. The data key was kept (wrapped anew): an old copy of the "
            "key file still opens this profile with the old passphrase.")
        return 0
    profile_ops.change_passphrase_and_rekey(prof.data_dir, prof.name, old, new,
                                            progress=_progress_on_stderr())
    out("Passphrase changed and the data re-encrypted under a new key: an old copy of the "
        "key file no longer opens it.")
    return 0


def _progress_on_stderr() -> Callable[[int, int, str], None]:
    """Percentages on stderr, at most one line per 10 % (re-key of a large profile)."""
    shown = [-1]

    def report(done: int, total: int, text: str) -> None:
        tenth = (10 * done) // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            sys.stderr.write(f"{text}: {10 * tenth} %\n")
            sys.stderr.flush()
    return report


@with_store
def cmd_search(args: argparse.Namespace, store: Store) -> int:
    hits = search(store, " ".join(args.text), limit=args.limit)
    if not hits:
        out("No matches.")
        return 0
    names: dict[str, str] = {}
    from outreach.core.records import title_of
    for hit in hits:
        pid = hit.person_id or ""
        if pid and pid not in names:
            person = store.get(pid)
            names[pid] = title_of(person) if person else ""
        snippet = hit.plain_snippet().replace("\n", " ")
        out(f"{names.get(pid, '')} — {hit.title}: {snippet}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-cli", description="Outreach, headless: profiles, data, search, sync.",
        epilog=cli_exit.help_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"outreach {__version__}")
    parser.add_argument("--data-dir", help="folder holding the profiles "
                        "(default: $OUTREACH_DATA_DIR or the platform's data folder)")
    parser.add_argument("--profile", default=DEFAULT_PROFILE,
                        help=f"profile name (default: {DEFAULT_PROFILE})")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument("--passphrase-fd", type=int, metavar="N",
                        help="read the passphrase (and a new one, on the next line) from "
                        "file descriptor N instead of the environment or a prompt")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create a profile with a new passphrase")
    p.add_argument("--user", help="your user name (default: the profile name)")
    p.set_defaults(func=cmd_init)
    sub.add_parser("info", help="what this profile holds").set_defaults(func=cmd_info)
    p = sub.add_parser("passwd", help="change the passphrase and re-key (a new data key; "
                       "the database is copied under it, with progress)")
    p.add_argument("--rekey", action="store_true", default=True,
                   help="re-key as well (the default)")
    p.add_argument("--no-rekey", action="store_true",
                   help="only re-wrap the key (fast; an old key-file copy keeps working "
                   "with the old passphrase)")
    p.set_defaults(func=cmd_passwd)
    p = sub.add_parser("search", help="full-text search over names, notes and care plans")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.passphrase_fd is not None:
            _from_fd(args.passphrase_fd)
        return int(args.func(args) or 0)
    except CliError as exc:
        err(str(exc))
        return exc.code
    except SyncFailed as exc:
        err(str(exc))
        return cli_exit.for_sync(exc.code)
    except ValidationError as exc:
        for e in exc.errors:
            err(str(e))
        return cli_exit.FAILED
    except (WrongPassphrase, TooSoon, WrongKey) as exc:
        err(str(exc))
        return cli_exit.CREDENTIALS_REFUSED
    except (VaultError, SchemaTooNew, ValueError, OSError) as exc:
        err(str(exc))
        return cli_exit.FAILED
    except KeyboardInterrupt:
        err("interrupted")
        return cli_exit.INTERRUPTED


if __name__ == "__main__":
    # Run the imported module's main, so the errors that command modules raise (they
    # import outreach.cli, not __main__) are the classes main() catches.
    from outreach.cli import main as _main

    sys.exit(_main())
