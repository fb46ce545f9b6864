"""Indicators on the server, for one team or the whole organisation.

The server's ``records`` table holds the same flat record data as the laptops (JSON fields
plus metadata columns), so this module only loads it and hands it to
:func:`outreach.core.indicators.compute` — the one computation the laptops use too. Which
people count is decided by the server (``records.team_id``), never by the client; within
them, "by team" and "by key worker" use the person record's own fields, exactly as on a
laptop, so both give the same figures on the same records.

Used by ``outreach-server report`` / ``outreach-server admin report`` (the operator: a team
or everyone) and ``GET /v1/admin/report`` (an admin: their own team). Each use is audited.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import and_, false, insert, or_, select
from sqlalchemy.engine import Engine

from outreach.core.indicators import GROUPINGS, KINDS_USED, Report, compute, report_tables
from outreach.core.roles import RolesReport, render_roles, roles_report, roles_tables
from outreach.core.tabular import csv_bytes, render_report
from sync.server import db
from sync.server.admin import AdminError

log = logging.getLogger(__name__)


class ReportError(AdminError):
    """A refused report request; the message says what to do."""


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` via a 0600 temporary file and a rename (nothing half-written).

    The temporary name is unpredictable and created exclusively (``mkstemp``), so a link
    planted at a guessable name is never followed."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_records(engine: Engine, *, team: str | None = None,
                 team_id: int | None = None) -> list[dict[str, Any]]:
    """Live records of the kinds the indicators read, for one team (by name or id) or for
    everyone, in the order the server stored them. The service directory is shared by the
    whole organisation (no team), so a team's report reads all of it: links are counted by
    kind of service."""
    r = db.records
    query = (select(r.c.id, r.c.kind, r.c.person_id, r.c.data, r.c.created_at, r.c.version)
             .where(r.c.deleted == false(), r.c.kind.in_(KINDS_USED)).order_by(r.c.seq))
    with engine.connect() as conn:
        if team is not None:
            team_id = conn.execute(select(db.teams.c.id).where(db.teams.c.name == team)
                                   ).scalar()
            if team_id is None:
                raise ReportError(f"There is no team called {team!r}.")
        if team_id is not None:
            query = query.where(or_(r.c.team_id == team_id,
                                    and_(r.c.team_id.is_(None), r.c.kind == "service")))
        rows = conn.execute(query).all()
    out = []
    for rid, kind, person_id, data, created_at, version in rows:
        rec = json.loads(data)
        rec.update(id=rid, kind=kind, person_id=person_id, created_at=created_at,
                   version=version)
        out.append(rec)
    return out


def server_report(engine: Engine, *, start: dt.date, end: dt.date, team: str | None = None,
                  team_id: int | None = None, group_by: str | None = None,
                  today: dt.date | None = None) -> Report:
    """The indicators over ``start``..``end`` for a team (or everyone when no team)."""
    records = load_records(engine, team=team, team_id=team_id)
    return compute(records, start=start, end=end, group_by=group_by, today=today)


def server_roles(engine: Engine, *, start: dt.date, end: dt.date, team: str | None = None,
                 team_id: int | None = None) -> RolesReport:
    """Who welcomed over ``start``..``end`` and the mix of roles, for a team (or everyone);
    the same computation as the laptops' (:func:`outreach.core.roles.roles_report`)."""
    records = load_records(engine, team=team, team_id=team_id)
    u, t = db.users, db.team_roles
    with engine.connect() as conn:
        if team is not None:
            team_id = conn.execute(select(db.teams.c.id).where(db.teams.c.name == team)
                                   ).scalar()
        users = select(u.c.username, u.c.role)
        labels = select(t.c.code, t.c.label)
        if team_id is not None:
            users, labels = users.where(u.c.team_id == team_id), labels.where(
                t.c.team_id == team_id)
        members = {r[0]: r[1] or "practitioner" for r in conn.execute(users)}
        own = {r[0]: r[1] for r in conn.execute(labels)}
    return roles_report(records, members, start=start, end=end, team_roles=own)


def _audit(engine: Engine, *, user_id: int | None, device_id: str | None, scope: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(db.audit).values(at=time.time(), user_id=user_id,
                                             device_id=device_id, action="report",
                                             record_id=None, detail=scope[:200]))


def report_body(report: Report) -> dict[str, Any]:
    """The JSON the admin API returns: the range and every table (header row first)."""
    return {"start": report.start.isoformat(), "end": report.end.isoformat(),
            "as_of": report.as_of.isoformat(), "group_by": report.group_by,
            "tables": report_tables(report)}


def api_report(engine: Engine, *, team_id: int, user_id: int | None, device_id: str | None,
               start: dt.date | None, end: dt.date | None,
               group_by: str | None) -> dict[str, Any]:
    """``GET /v1/admin/report``: the calling admin's team; the last 365 days by default."""
    end = end or dt.date.today()
    start = start or end - dt.timedelta(days=364)
    if start > end:
        raise ReportError("The start of the range is after its end.")
    if group_by is not None and group_by not in GROUPINGS:
        raise ReportError("Group by team or key_worker.")
    report = server_report(engine, start=start, end=end, team_id=team_id, group_by=group_by)
    _audit(engine, user_id=user_id, device_id=device_id, scope=f"team {team_id}")
    body = report_body(report)
    roles = server_roles(engine, start=start, end=end, team_id=team_id)
    body["roles"] = roles_tables(roles)      # who welcomed; the team's mix of roles
    return body


# -- outreach-server report ------------------------------------------------------------
def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-04-01") from None


def cmd_report(args: argparse.Namespace, *, engine: Engine,
               out: Callable[[str], None]) -> int:
    end = args.to or dt.date.today()
    start = args.start or end - dt.timedelta(days=364)
    if start > end:
        raise ReportError("--from is after --to")
    report = server_report(engine, start=start, end=end, team=args.team, group_by=args.by)
    _audit(engine, user_id=None, device_id=None,
           scope=f"team {args.team}" if args.team else "organisation")
    for line in render_report(report, scope=f"team {args.team}" if args.team
                              else "whole organisation"):
        out(line)
    for line in render_roles(server_roles(engine, start=start, end=end, team=args.team)):
        out(line)
    if args.csv:
        folder = Path(args.csv)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, rows in report_tables(report).items():
            _write_private(folder / f"{name}.csv", csv_bytes(rows))
        out(f"Wrote the tables as CSV files to {folder} (readable only by you).")
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--team", help="one team (default: the whole organisation)")
    p.add_argument("--from", dest="start", type=_date, metavar="DATE",
                   help="first day of the range (default: 364 days before --to)")
    p.add_argument("--to", type=_date, metavar="DATE", help="last day (default: today)")
    p.add_argument("--by", choices=GROUPINGS, help="also per team or key worker")
    p.add_argument("--csv", metavar="DIR", help="also write each table as CSV into DIR")
