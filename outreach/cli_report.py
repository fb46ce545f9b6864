"""``outreach-cli`` commands for reporting: ``report`` and ``export-fhir``.

``report`` prints the Living Well indicators (docs/indicators.md) for everyone on this
laptop, overall and optionally per team or key worker, and with ``--csv DIR`` also writes
each table and the caseload as UTF-8 CSV files. The figures come from the same function as
the Reports view and ``outreach-server report``.

``export-fhir`` writes one person's record (or everyone's) as a FHIR R4 Bundle in JSON,
only for people who agreed to their record being shared (docs/indicators.md, "FHIR export").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from outreach import cli_exit
from outreach.cli import CliError, err, out, with_store
from outreach.core.roles import render_roles
from outreach.core.tabular import render_report
from outreach.ops import reports
from outreach.store.records import NotFound, Store


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-04-01") from None


@with_store
def cmd_report(args: argparse.Namespace, store: Store) -> int:
    start, end = reports.default_range()
    end = args.to or end
    start = args.start or (end - dt.timedelta(days=364))
    if start > end:
        raise CliError("--from is after --to")
    report = reports.indicators_report(store, start=start, end=end, group_by=args.by)
    for line in render_report(report):
        out(line)
    roles = reports.roles_report(store, start=start, end=end)
    for line in render_roles(roles):
        out(line)
    if args.csv:
        folder = Path(args.csv)
        written = reports.write_report_csv(report, folder, roles=roles)
        reports.write_caseload_csv(store, folder / "caseload.csv")
        err(f"wrote {len(written) + 1} CSV files to {folder} (NOT encrypted: keep them safe "
            "and delete them when done)")
        unnamed = reports.names_withheld(store)
        if unnamed:
            err(f"names left out of the caseload (not agreed to share): {unnamed}")
    return 0


def export_fhir(store: Store, *, person_id: str | None, output: str | None) -> int:
    """Write the FHIR bundle to ``output`` (atomically) or to stdout; only people who
    agreed to share their record are exported."""
    try:
        export = reports.fhir_export(store, person_id)
    except NotFound:
        raise CliError(f"no person with id {person_id}") from None
    except reports.NotAgreedToShare:
        raise CliError(f"person {person_id} has not agreed to their record being shared "
                       "with partner services, so nothing was exported. Check with them; "
                       "if they agree, record it on their file first.",
                       code=cli_exit.FAILED) from None
    if output:
        path = Path(output)
        if not path.parent.is_dir():
            raise CliError(f"no folder {path.parent} to write the export into")
        count = reports.write_bundle(export, path)
        err(f"wrote {count} FHIR resources to {path} (NOT encrypted: keep it safe and "
            "delete it when done)")
    else:
        from outreach.cli_data import refuse_shared_stdout

        refuse_shared_stdout()
        sys.stdout.write(json.dumps(export.bundle, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    if export.withheld:
        err(f"left out {len(export.withheld)} people who have not agreed to their record "
            "being shared")
    return 0


@with_store
def cmd_export_fhir(args: argparse.Namespace, store: Store) -> int:
    return export_fhir(store, person_id=args.person, output=args.output)


def add_commands(sub: Any) -> None:
    p = sub.add_parser("report", help="Living Well indicators for a date range")
    p.add_argument("--from", dest="start", type=_date, metavar="DATE",
                   help="first day of the range (default: 364 days before --to)")
    p.add_argument("--to", type=_date, metavar="DATE", help="last day (default: today)")
    p.add_argument("--by", choices=("team", "key_worker"), help="also per team or key worker")
    p.add_argument("--csv", metavar="DIR",
                   help="also write each table and the caseload as CSV files into DIR")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("export-fhir", help="a person's record (or everyone's) as a FHIR R4 "
                       "Bundle (not encrypted); only people who agreed to share")
    p.add_argument("--person", metavar="ID", help="the person's id (default: everyone)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_export_fhir)
