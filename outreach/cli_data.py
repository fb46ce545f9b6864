"""``outreach-cli`` commands that move data: ``import``, ``export`` and ``demo-data``.

``import FILE`` writes every record of an export file or none: each problem is printed on
stderr naming the record (position, kind, id) and the field, and the exit code is 1.
``export`` writes JSON to stdout, or atomically to a 0600 file with ``--output``.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from outreach.cli import CliError, err, out, with_store
from outreach.core.records import KINDS
from outreach.ops import transfer
from outreach.ops.demo import generate_caseload
from outreach.store.files import atomic_write
from outreach.store.records import Store


def _counts(counts: dict[str, int]) -> None:
    for name, spec in KINDS.items():
        if counts.get(name):
            out(f"  {spec.label + ':':<32}{counts[name]:>8}")


@with_store
def cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    try:
        result = transfer.import_json(store, data)
    except transfer.ImportRejected as exc:
        for problem in exc.problems:
            err(str(problem))
        err(f"nothing was imported: {len(exc.problems)} problem(s) in {args.file}")
        return 1
    out(f"Imported {result.total} records:")
    _counts(result.counts)
    return 0


@with_store
def cmd_export(args: argparse.Namespace, store: Store) -> int:
    if not args.output:
        refuse_shared_stdout()
    if args.format == "fhir":
        from outreach.cli_report import export_fhir
        return export_fhir(store, person_id=args.person, output=args.output)
    text = transfer.export_json(store, include_deleted=not args.live_only)
    if args.output:
        path = Path(args.output)
        if not path.parent.is_dir():
            raise CliError(f"no folder {path.parent} to write the export into")
        atomic_write(path, text.encode("utf-8"))
        err(f"wrote {path} (readable only by you; it is NOT encrypted: keep it safe "
            "and delete it when done)")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def refuse_shared_stdout() -> None:
    """Refuse to write an export into a regular file on stdout that others can read.

    ``outreach-cli export > file`` makes ``file`` with the shell's umask (often 0644):
    the export is not encrypted, so we stop rather than leave it readable by everyone.
    Pipes and terminals are fine.
    """
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return                      # not a real file (an in-process capture)
    if stat.S_ISREG(mode) and mode & 0o077:
        raise CliError("standard output is a file others can read "
                       f"(mode {stat.S_IMODE(mode):04o}) and the export is not encrypted: "
                       "use --output FILE (written readable only by you), or "
                       "'chmod 600' the file first")


@with_store
def cmd_demo(args: argparse.Namespace, store: Store) -> int:
    if args.people < 0:
        raise CliError("--people cannot be negative")
    step = max(1, args.people // 10)

    def progress(done: int, total: int) -> None:
        if args.verbose and (done % step == 0 or done == total):
            err(f"{done}/{total} people")

    started = time.perf_counter()
    result = generate_caseload(store, people=args.people, seed=args.seed, progress=progress)
    took = time.perf_counter() - started
    out(f"Wrote a synthetic caseload of {args.people} people "
        f"({sum(result.counts.values())} records) in {took:.1f} s:")
    _counts(result.counts)
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("import", help="import an export file: every record or none")
    p.add_argument("file", help="the JSON export file ('-' for standard input)")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="export every record as JSON (not encrypted)")
    p.add_argument("--format", choices=("json", "fhir"), default="json",
                   help="json: every record, for import; fhir: a FHIR R4 Bundle")
    p.add_argument("--person", metavar="ID", help="with --format fhir: one person only")
    p.add_argument("--output", "-o", help="write to this file (0600) instead of stdout")
    p.add_argument("--live-only", action="store_true",
                   help="leave out deleted records (tombstones)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("demo-data", help="add a synthetic caseload for demos and tests")
    p.add_argument("--people", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_demo)
