"""Who welcomed, and the team's mix of roles (issue 14 item 3), on a hand-worked scenario.

October 2026 (1st to 31st inclusive) holds five welcomes:

=====  ==========  ==================  =======================================
 #      day         role of welcomer    counts?
=====  ==========  ==================  =======================================
 W1     3 Oct       peer mentor         yes
 W2     10 Oct      peer mentor         yes
 W3     12 Oct      practitioner        yes
 W4     20 Oct      (none: recorded     yes, as "Not recorded"
                    before roles)
 W5     31 Oct      employment advisor  yes (the last day is in the range)
                    (the team's own)
 W6     1 Nov       peer mentor         no: after the range
 W7     30 Sep      peer mentor         no: before the range
 S1     5 Oct       peer mentor         no: a support conversation, not a welcome
=====  ==========  ==================  =======================================

Welcomes 5; by a peer mentor 2, so 2/5 = 40%. Each other role 1/5 = 20%.

The team has 7 users: 2 peer mentors (2/7 = 28.571… → 28.6%), one each of practitioner,
clinician, admin and employment advisor (1/7 = 14.285… → 14.3%), and one whose role the
laptop has not learnt yet (Not recorded).
"""

from __future__ import annotations

import datetime as dt

from outreach.core import roles

START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
TEAM_ROLES = {"employment_advisor": "Employment advisor"}


def _conv(day: str, role: str | None, kind: str = "welcome") -> dict[str, object]:
    return {"kind": "conversation", "type": kind, "occurred_at": f"{day}T10:00:00+01:00",
            "welcomed_by_role": role}


RECORDS = [
    _conv("2026-10-03", "peer_mentor"), _conv("2026-10-10", "peer_mentor"),
    _conv("2026-10-12", "practitioner"), _conv("2026-10-20", None),
    _conv("2026-10-31", "employment_advisor"), _conv("2026-11-01", "peer_mentor"),
    _conv("2026-09-30", "peer_mentor"), _conv("2026-10-05", "peer_mentor", kind="support"),
    {"kind": "person", "given_name": "Not a conversation"},
]
MEMBERS = {"ali": "peer_mentor", "bo": "peer_mentor", "cy": "practitioner",
           "di": "clinician", "ed": "admin", "fi": "employment_advisor", "gu": None}


def test_who_welcomed_by_role_on_the_hand_worked_scenario() -> None:
    got = roles.who_welcomed(RECORDS, start=START, end=END, team_roles=TEAM_ROLES)
    assert (got.total, got.by_peer_mentor, got.peer_mentor_percent) == (5, 2, 40.0)
    assert [(r.label, r.count, r.percent) for r in got.rows] == [
        ("Practitioner", 1, 20.0), ("Peer mentor", 2, 40.0),
        ("Employment advisor", 1, 20.0), ("Not recorded", 1, 20.0)]


def test_the_team_mix_of_roles_on_the_hand_worked_scenario() -> None:
    mix = roles.role_mix(MEMBERS, team_roles=TEAM_ROLES)
    assert [(r.label, r.count, r.percent) for r in mix] == [
        ("Practitioner", 1, 14.3), ("Peer mentor", 2, 28.6), ("Clinician", 1, 14.3),
        ("Admin", 1, 14.3), ("Employment advisor", 1, 14.3), ("Not recorded", 1, 14.3)]


def test_no_welcomes_gives_no_share_rather_than_zero() -> None:
    got = roles.who_welcomed([], start=START, end=END)
    assert (got.total, got.peer_mentor_percent, got.rows) == (0, None, ())


def test_tables_and_cli_lines_carry_the_same_figures() -> None:
    report = roles.roles_report(RECORDS, MEMBERS, start=START, end=END, team_roles=TEAM_ROLES)
    tables = roles.roles_tables(report)
    assert tables["welcomed"][0] == ["Role of who welcomed", "Welcomes", "% of welcomes"]
    assert tables["welcomed"][2] == ["Peer mentor", 2, 40.0]
    assert tables["welcomed"][-1] == ["All welcomes", 5, 100.0]
    assert tables["roles"][2] == ["Peer mentor", 2, 28.6]
    lines = roles.render_roles(report)
    assert "  Welcomes: 5; by a peer mentor: 2 (40%)" in lines
    assert "  Employment advisor: 1 (14.3%)" in lines


def test_a_team_role_code_is_made_from_its_name() -> None:
    assert roles.role_code("Employment advisor") == "employment_advisor"
    assert roles.role_code("  IPS / employment  specialist!! ") == "ips_employment_speci"
    assert roles.role_code("1st contact") == "r_1st_contact"
    assert roles.role_label("debt_advisor") == "Debt advisor"
    assert roles.role_label(None) == "Not recorded"
