"""Roles in the team, and the figures about who does what (issue 14 item 3).

Each user has one role, set by an admin on the server and sent to the laptops at
enrolment and on every sync: the four built-in roles below, or one a team added itself
(a short code and a label). A welcome records who welcomed and their role at the time, so
a later change of role does not rewrite history.

Two figures, computed here once for the laptop (Reports, ``outreach-cli report``) and the
server (``outreach-server report``):

* **Welcomes by role**: welcome conversations held in the period, counted by the role of
  who welcomed; the headline is the share welcomed by a peer mentor. A welcome recorded
  before roles were kept has no role and counts as "Not recorded" (in the total).
* **The team's mix of roles**: how many users hold each role.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PEER_MENTOR = "peer_mentor"
BUILT_IN = (("practitioner", "Practitioner"), ("peer_mentor", "Peer mentor"),
            ("clinician", "Clinician"), ("admin", "Admin"))
ROLES = tuple(code for code, _ in BUILT_IN)
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,19}$")   # fits the server's role column
NOT_RECORDED = "Not recorded"


def role_code(label: str) -> str:
    """A code for a team-defined role from its label: "Employment advisor" →
    ``employment_advisor`` (lower case, underscores, at most 20 characters)."""
    code = re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")[:20].strip("_")
    if code and not code[0].isalpha():
        code = f"r_{code}"[:20]
    return code


def role_label(code: str | None, team_roles: Mapping[str, str] | None = None) -> str:
    """How a role is named on screen; a team's own label wins for its own roles."""
    if not code:
        return NOT_RECORDED
    labels = {**dict(BUILT_IN), **(team_roles or {})}
    return labels.get(code, code.replace("_", " ").capitalize())


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    count: int
    percent: float | None


@dataclass(frozen=True)
class WhoWelcomed:
    """Welcomes in a period by the welcomer's role."""

    total: int
    by_peer_mentor: int
    rows: tuple[RoleCount, ...]

    @property
    def peer_mentor_percent(self) -> float | None:
        return round(100 * self.by_peer_mentor / self.total, 1) if self.total else None


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _rows(counts: Counter[str], total: int,
          team_roles: Mapping[str, str] | None) -> tuple[RoleCount, ...]:
    order = {code: i for i, code in enumerate(ROLES)}

    def key(code: str) -> tuple[int, int, str]:
        return (code == "", order.get(code, len(order)), role_label(code, team_roles))

    return tuple(RoleCount(code, role_label(code, team_roles), n, _pct(n, total))
                 for code, n in sorted(counts.items(), key=lambda kv: key(kv[0])))


def who_welcomed(records: Iterable[Mapping[str, object]], *, start: dt.date, end: dt.date,
                 team_roles: Mapping[str, str] | None = None) -> WhoWelcomed:
    """Welcome conversations held from ``start`` to ``end`` (inclusive), by role."""
    lo, hi = start.isoformat(), end.isoformat()
    counts: Counter[str] = Counter()
    for rec in records:
        if rec.get("kind") != "conversation" or rec.get("type") != "welcome":
            continue
        day = str(rec.get("occurred_at") or "")[:10]
        if lo <= day <= hi:
            counts[str(rec.get("welcomed_by_role") or "")] += 1
    total = sum(counts.values())
    return WhoWelcomed(total=total, by_peer_mentor=counts.get(PEER_MENTOR, 0),
                       rows=_rows(counts, total, team_roles))


def role_mix(members: Mapping[str, str | None], *,
             team_roles: Mapping[str, str] | None = None) -> tuple[RoleCount, ...]:
    """The team's mix of roles from ``{user: role}``."""
    counts = Counter(str(role or "") for role in members.values())
    return _rows(counts, len(members), team_roles)


@dataclass(frozen=True)
class RolesReport:
    """Who welcomed in a period, and the team's mix of roles now."""

    welcomed: WhoWelcomed
    mix: tuple[RoleCount, ...]


def roles_report(records: Iterable[Mapping[str, object]], members: Mapping[str, str | None],
                 *, start: dt.date, end: dt.date,
                 team_roles: Mapping[str, str] | None = None) -> RolesReport:
    """The one computation behind the laptop's and the server's figures."""
    return RolesReport(who_welcomed(records, start=start, end=end, team_roles=team_roles),
                       role_mix(members, team_roles=team_roles))


def _pct_text(value: float | None) -> str:
    return "–" if value is None else f"{value:g}%"


def render_roles(report: RolesReport) -> list[str]:
    """Plain text lines for the CLI reports (laptop and server)."""
    welcomed, mix = report.welcomed, report.mix
    lines = ["", "Who welcomed",
             f"  Welcomes: {welcomed.total}; by a peer mentor: {welcomed.by_peer_mentor} "
             f"({_pct_text(welcomed.peer_mentor_percent)})"]
    lines += [f"  {r.label}: {r.count} ({_pct_text(r.percent)})" for r in welcomed.rows]
    lines += ["", "The team's mix of roles"]
    lines += [f"  {r.label}: {r.count} ({_pct_text(r.percent)})" for r in mix] or [
        "  No users known yet: sync once to learn the team."]
    return lines


ROLES_TABLE_TITLES = {"welcomed": "Who welcomed", "roles": "The team's mix of roles"}


def roles_tables(report: RolesReport) -> dict[str, list[list[str | int | float | None]]]:
    """The two tables (header row first) the Reports page shows beside the indicators."""
    welcomed = report.welcomed
    return {
        "welcomed": [["Role of who welcomed", "Welcomes", "% of welcomes"],
                     *[[r.label, r.count, r.percent] for r in welcomed.rows],
                     ["All welcomes", welcomed.total, 100.0 if welcomed.total else None]],
        "roles": [["Role", "Users", "% of the team"],
                  *[[r.label, r.count, r.percent] for r in report.mix]],
    }
