"""Reports and exports on the laptop: indicators for what this store holds, CSV files of
the caseload and of each indicator table, and FHIR R4 bundles.

The figures come from :func:`outreach.core.indicators.compute`, the same function the
server and ``outreach-cli report`` use. Files are written with
:func:`outreach.store.files.atomic_write` (0600, renamed into place), so a failed export
leaves no half-written file. Exported files are readable outside the encrypted store: the
caller says so to the user.

Threading: read-only over the store (whose lock makes it safe from a worker thread); the
write functions touch only the files they name. No Qt.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from outreach.core import fhir
from outreach.core.indicators import (
    FIELDS_USED,
    IDS_USED,
    KINDS_USED,
    Report,
    compute_grouped,
    report_tables,
)
from outreach.core.roles import RolesReport
from outreach.core.roles import roles_report as roles_report_of
from outreach.core.rules import may_share
from outreach.core.tabular import csv_bytes
from outreach.ops.consent import NotAgreedToShare
from outreach.ops.people import STATUS_LABELS, caseload
from outreach.store.files import atomic_write
from outreach.store.firstsync import ensure_report_index
from outreach.store.migrations import CONVERSATION_DAY, report_column
from outreach.store.records import NotFound, Store

log = logging.getLogger(__name__)

#: The record kinds a FHIR export carries (conflicts and drafts stay behind).
FHIR_KINDS = tuple(dict.fromkeys(KINDS_USED + ("addendum", "care_plan", "risk_flag",
                                               "service")))


#: A record as the report holds it: the fields it reads (no kind, no person id: the
#: records are held by person and kind).
Facts = dict[str, Any]


def _select(kind: str) -> tuple[str, tuple[str, ...]]:
    """The statement that reads the fields the indicators use of one kind, through the
    index of migration 8 (not the table, which holds the conversations' notes), person by
    person and each person's in the order the store wrote them (all the indicators need:
    they add people up one at a time); and the names of the values it returns, the
    person id last."""
    names = (("id",) if kind in IDS_USED else ()) + FIELDS_USED[kind] + ("person_id",)
    columns = [report_column(name) if name in FIELDS_USED[kind] else name for name in names]
    sql = (f"SELECT {', '.join(columns)} FROM records INDEXED BY report_facts "
           f"WHERE kind = '{kind}' AND deleted = 0 ORDER BY person_id, rid")
    return sql, names


@dataclass
class ReportInput:
    """What :func:`~outreach.core.indicators.compute_grouped` needs, read from the report
    index: each person's records by kind (``by_person``: everyone with a person record
    first, in id order), their group, the kinds of service, and the conversations in the
    range (:func:`report_conversations`)."""

    by_person: dict[str, dict[str, list[Facts]]]
    groups: dict[str, str]
    services: dict[str, str]
    conversations: dict[str, list[tuple[str, str]]]

    def records(self) -> int:
        """How many records are held (conversations not counted)."""
        return sum(len(rs) for kinds in self.by_person.values() for rs in kinds.values())

    def release(self) -> None:
        """Let go of everything a person at a time (worker threads, before returning: a
        thread that frees 170,000 records in one step holds the GIL all the while)."""
        for held in (self.by_person, self.conversations):
            while held:
                held.popitem()


def report_input(store: Store, *, group_by: str | None, start: dt.date,
                 as_of: dt.date) -> ReportInput:
    """Every live record the indicators need, gathered by person, holding only what the
    indicators read (:data:`~outreach.core.indicators.FIELDS_USED`); each person's
    records of a kind in the order the store wrote them. Conversations come as pairs,
    those dated ``start``..``as_of`` only (the others count for nothing): ``as_of`` must
    be the day the report is cut at, ``min(end, today)`` with the ``today`` it is
    computed with."""
    ensure_report_index(store)      # a first sync builds the indexes at its end
    by_person: dict[str, dict[str, list[Facts]]] = {}
    groups: dict[str, str] = {}
    services: dict[str, str] = {}
    for kind in KINDS_USED:
        if kind == "conversation":
            continue
        sql, names = _select(kind)
        rows = store.execute(sql)
        if kind == "person":
            at = names.index(group_by) if group_by else -1
            for row in rows:
                by_person[row[0]] = {}
                if at >= 0 and row[at]:
                    groups[row[0]] = str(row[at])
        elif kind == "service":
            services.update((str(sid), str(category or "")) for sid, category, _ in rows)
        else:
            _gather(by_person, kind, names, rows)
    return ReportInput(by_person, groups, services,
                       report_conversations(store, start=start, as_of=as_of))


def _gather(by_person: dict[str, dict[str, list[Facts]]], kind: str,
            names: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    """Add one kind's rows (person by person, person id last) to ``by_person``; records
    with no person are left out, as :func:`~outreach.core.indicators.compute` leaves
    them out."""
    at = names.index("answers") if "answers" in names else -1
    loads = _Answers()
    keys = names[:-1]                           # not the person id: held by person
    for pid, rows_of_one in groupby(rows, itemgetter(-1)):
        if not pid:
            continue
        # (zip stops at the person id; a keyword argument to zip would triple the cost)
        recs = [dict(zip(keys, row)) for row in rows_of_one]  # noqa: B905
        if at >= 0:
            for rec in recs:
                rec["answers"] = loads(rec["answers"])
        kinds = by_person.get(pid)
        if kinds is None:
            kinds = by_person[pid] = {}
        kinds[kind] = recs


class _Answers:
    """A measure's answers from their JSON text, each different text parsed once (the
    lists are shared: nothing changes them)."""

    def __init__(self) -> None:
        self.seen: dict[str, Any] = {}

    def __call__(self, text: str | None) -> Any:
        if text is None:
            return None
        parsed = self.seen.get(text)
        if parsed is None:
            parsed = self.seen[text] = json.loads(text)
        return parsed


# The live conversations dated in the range, person by person (the index's order: no
# sort), each as its person, day and setting, from the index of migration 9. The day is
# all the indicators read of ``occurred_at`` (its first ten characters); a setting not
# recorded is "", which they read as they read a missing one. (Not joined per person in
# SQL: group_concat costs three times as much as the rows, every string it grows being
# wiped as it is freed, cipher_memory_security.)
_CONVERSATIONS = (
    f"SELECT person_id, {CONVERSATION_DAY}, coalesce({report_column('setting')}, '') "
    "FROM records INDEXED BY report_conversations WHERE kind = 'conversation' "
    f"AND deleted = 0 AND {CONVERSATION_DAY} BETWEEN :start AND :as_of "
    "ORDER BY person_id, rid")
# Everyone with a live conversation (in the range or not), in one walk of the index.
_CONVERSING = ("SELECT DISTINCT person_id FROM records INDEXED BY report_conversations "
               "WHERE kind = 'conversation' AND deleted = 0")


def report_conversations(store: Store, *, start: dt.date, as_of: dt.date
                         ) -> dict[str, list[tuple[str, str]]]:
    """Each person's live conversations dated ``start``..``as_of`` (all the indicators
    count) as (day, setting) pairs, for :func:`~outreach.core.indicators.compute`, read
    from the index of migration 9 (no notes). Everyone with a live conversation has an
    entry, perhaps empty. Days and settings repeat, and each is held once."""
    ensure_report_index(store)      # a first sync builds the indexes at its end
    intern = sys.intern
    out: dict[str, list[tuple[str, str]]] = {}
    rows = store.execute(_CONVERSATIONS, {"start": start.isoformat(),
                                          "as_of": as_of.isoformat()})
    for pid, rows_of_one in groupby(rows, itemgetter(0)):
        if pid:                                             # none: left out, as before
            out[pid] = [(intern(day), intern(setting)) for _, day, setting in rows_of_one]
    for (pid,) in store.execute(_CONVERSING):
        if pid and pid not in out:
            out[pid] = []
    return out


def indicators_report(store: Store, *, start: dt.date, end: dt.date,
                      group_by: str | None = None, today: dt.date | None = None) -> Report:
    """The indicators over ``start``..``end`` for everyone on this laptop."""
    today = today or dt.date.today()
    with no_cyclic_gc():
        return compute_report(report_input(store, group_by=group_by, start=start,
                                           as_of=min(end, today)),
                              start=start, end=end, group_by=group_by, today=today)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the report's records are read and
    added up: they hold no cycles, but the collector would walk them, and every object
    the process holds, again and again as they are made (a fifth of the report's time at
    10,000 people). Paused, not left off: as it was on leaving (the app's workers
    already run with it off, :mod:`outreach.ui.background`)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def compute_report(held: ReportInput, *, start: dt.date, end: dt.date,
                   group_by: str | None = None, today: dt.date | None = None) -> Report:
    """The indicators of what :func:`report_input` read."""
    return compute_grouped(held.by_person, start=start, end=end, group_by=group_by,
                           today=today, groups=held.groups, services=held.services,
                           conversations=held.conversations)


def default_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last 365 days up to and including today."""
    end = today or dt.date.today()
    return end - dt.timedelta(days=364), end


# -- CSV -----------------------------------------------------------------------------------
def write_report_csv(report: Report, folder: Path | str, *,
                     roles: RolesReport | None = None) -> list[Path]:
    """One CSV file per indicator table (``referrals.csv``, ``waiting.csv``, ...) in
    ``folder`` (created 0700 if missing), and with ``roles`` ``welcomed.csv`` and
    ``roles.csv``. Returns the files written."""
    from outreach.core.roles import roles_tables
    from outreach.store.files import secure_dir

    target = secure_dir(Path(folder))
    tables = {**report_tables(report), **(roles_tables(roles) if roles else {})}
    contents = {name: csv_bytes(rows) for name, rows in tables.items()}
    written = []
    for name, data in contents.items():
        path = target / f"{name}.csv"
        atomic_write(path, data)
        written.append(path)
    log.info("wrote %d indicator tables", len(written))
    return written


CASELOAD_HEADER = ["Person id", "Name", "Preferred name", "Pronouns", "Key worker", "Team",
                   "Status", "Days waiting", "Highest open risk", "Last seen", "Follow up by"]


#: What the Name column says for someone who has not agreed to share (issue 14 item 7).
NAME_WITHHELD = "Not agreed to share"


def teams(store: Store) -> dict[str, str]:
    """Each person's team (people with none recorded are left out): one pass over the
    people, reading only that field."""
    sql = ("SELECT id, json_extract(data, '$.team') FROM records "
           "WHERE kind = 'person' AND deleted = 0")
    return {pid: team for pid, team in store.execute(sql, ()).fetchall() if team}


def sharing(store: Store) -> set[str]:
    """The ids of the people who agreed to share (``rules.may_share``): one pass over the
    people, reading only that field."""
    sql = ("SELECT id, json_extract(data, '$.consent_share') FROM records "
           "WHERE kind = 'person' AND deleted = 0")
    return {pid for pid, agreed in store.execute(sql, ()).fetchall()
            if may_share({"consent_share": agreed in (1, True)})}


def caseload_rows(store: Store, *, key_worker: str | None = None) -> list[list[Any]]:
    """The caseload as table rows, the header first; the status in the words of the
    person's file (``STATUS_LABELS``). The file names people, so for anyone who has not
    agreed to share the name, preferred name and pronouns are left out (the Name column
    says so) and only the record id, the team and the figures remain."""
    rows: list[list[Any]] = [list(CASELOAD_HEADER)]
    team_of = teams(store)
    agreed = sharing(store)
    for r in caseload(store, key_worker=key_worker):
        named = r.id in agreed
        rows.append([r.id, r.name if named else NAME_WITHHELD,
                     r.preferred_name if named else "", r.pronouns if named else "",
                     r.key_worker, team_of.get(r.id, ""),
                     STATUS_LABELS.get(r.status, r.status),
                     r.days_waiting, r.risk_level, r.last_seen, r.follow_up_on])
    return rows


def write_caseload_csv(store: Store, path: Path | str, *,
                       key_worker: str | None = None) -> int:
    """Write the caseload to ``path`` (names only of people who agreed to share); returns
    the number of people written."""
    rows = caseload_rows(store, key_worker=key_worker)
    atomic_write(Path(path), csv_bytes(rows))
    return len(rows) - 1


def names_withheld(store: Store) -> int:
    """How many people a caseload file leaves unnamed (not agreed to share)."""
    return store.count("person") - len(sharing(store))


# -- FHIR ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FhirExport:
    """A FHIR Bundle ready to write, and the ids of the people it leaves out because they
    have not agreed to share."""

    bundle: dict[str, Any]
    withheld: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.bundle["entry"])


def fhir_records(store: Store, person_id: str | None = None) -> list[dict[str, Any]]:
    """The records a FHIR export of one person (or of everyone) carries, consent or not
    (:func:`fhir_export` applies consent).

    One person's export holds only the services they are linked to. Raises
    :class:`~outreach.store.records.NotFound` for an unknown person.
    """
    if person_id is None:
        return [rec for kind in FHIR_KINDS for rec in store.query(kind)]
    records = store.person_records(person_id)
    if not records or records[0]["kind"] != "person":
        raise NotFound(person_id)
    records = [r for r in records if r["kind"] in FHIR_KINDS]
    wanted = {r["service_id"] for r in records if r["kind"] == "service_link"}
    records += [s for s in (store.get(sid) for sid in sorted(wanted)) if s]
    return records


def fhir_export(store: Store, person_id: str | None = None) -> FhirExport:
    """A FHIR R4 ``collection`` Bundle of one person's record (or everyone's), respecting
    consent: everyone's leaves out the people who have not agreed to share (named in
    ``withheld``); one person's raises :class:`NotAgreedToShare` for such a person (and
    :class:`~outreach.store.records.NotFound` for an unknown one)."""
    records = fhir_records(store, person_id)
    if person_id is not None and not fhir.may_share(records[0]):
        raise NotAgreedToShare(person_id)
    kept, withheld = fhir.shareable(records)
    if withheld:
        log.info("FHIR export leaves out %d people who have not agreed to share",
                 len(withheld))
    return FhirExport(fhir.bundle(kept), withheld)


def fhir_bundle(store: Store, person_id: str | None = None) -> dict[str, Any]:
    """The Bundle of :func:`fhir_export` alone."""
    return fhir_export(store, person_id).bundle


def write_bundle(export: FhirExport, path: Path | str) -> int:
    """Write an export's Bundle as JSON to ``path`` (0600, atomically); returns how many
    resources it holds."""
    data = json.dumps(export.bundle, ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write(Path(path), data)
    return export.count


def write_fhir(store: Store, path: Path | str, *, person_id: str | None = None) -> int:
    """Write the Bundle as JSON to ``path``; returns how many resources it holds."""
    return write_bundle(fhir_export(store, person_id), path)


# -- who does what (issue 14 item 3) -----------------------------------------------------------
def roles_report(store: Store, *, start: dt.date, end: dt.date) -> RolesReport:
    """Who welcomed over ``start``..``end`` and the team's mix of roles (as last synced);
    the same computation as the server's (:func:`outreach.core.roles.roles_report`)."""
    from outreach.ops import team

    people = {m.user: m.role for m in team.members(store)}
    return roles_report_of(welcomes(store), people, start=start, end=end,
                           team_roles=team.team_roles(store))


_WELCOMES = ("SELECT {day}, {role} FROM records INDEXED BY report_conversations "
             "WHERE kind = 'conversation' AND deleted = 0 AND {type} = 'welcome'").format(
    day=CONVERSATION_DAY, role=report_column("welcomed_by_role"),
    type=report_column("type"))


def welcomes(store: Store) -> list[dict[str, Any]]:
    """The live welcome conversations, holding what the roles report reads of them (of
    ``occurred_at`` its day), from the index of migration 9 rather than every
    conversation's notes."""
    ensure_report_index(store)      # a first sync builds the indexes at its end
    return [{"kind": "conversation", "type": "welcome", "occurred_at": occurred,
             "welcomed_by_role": role} for occurred, role in store.execute(_WELCOMES)]
