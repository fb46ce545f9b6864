"""Life outcomes recorded on one laptop (issue 14 items 10-12) reach the team's other
laptops through the real server, stay out of another team's, and give the same figures on
the receiving laptop and on the server."""

from __future__ import annotations

import datetime as dt

from outreach.core.indicators import report_tables
from outreach.ops import goals, measures, outcomes
from outreach.ops import reports as laptop_reports
from outreach.ops import sync as sync_ops
from sync.server.report import server_report

DAY = "2024-03-01"
START, END = dt.date(2024, 1, 1), dt.date(2024, 3, 31)


def test_life_outcomes_travel_to_the_team_only(laptops, server):
    # alice adds a service to the organisation-wide directory: only an admin may
    a = laptops.new("a", username="alice", team="North", admin=True)
    b = laptops.new("b", username="bob", team="North")
    east = laptops.new("c", username="cath", team="East")
    person = a.create("person", {"given_name": "Robin", "family_name": "Example",
                                 "team": "North"})
    pid = person["id"]
    a.create("episode", {"started_on": "2024-01-10"}, person_id=pid)
    service = a.create("service", {"name": "Synthetic talking therapy",
                                   "category": "talking_therapy"})
    a.create("service_link", {"service_id": service["id"], "linked_on": DAY,
                              "status": "referred"}, person_id=pid)
    goal = goals.add_goal(a, person_id=pid, description="Synthetic goal",
                          life_area="connection", set_on="2024-01-10").id
    goals.update_goal(a, goal, {"status": "achieved", "achieved_on": DAY})
    outcomes.record_exit_feedback(a, person_id=pid, completed_on=DAY, listened="yes",
                                  joined_up="partly", use_again="yes")
    outcomes.record_life_check(a, person_id=pid, checked_on="2024-01-10",
                               community="rarely", work="looking")
    outcomes.record_life_check(a, person_id=pid, checked_on=DAY, community="weekly",
                               work="paid_work")
    outcomes.record_job_start(a, person_id=pid, started_on=DAY, ips=True)
    measures.record_measure(a, person_id=pid, instrument="ucla3", answers=[3, 3, 3],
                            completed_on="2024-01-10")
    measures.record_measure(a, person_id=pid, instrument="ucla3", answers=[1, 2, 1],
                            completed_on=DAY)
    assert sync_ops.sync_now(a).pending == 0
    sync_ops.sync_now(b)
    sync_ops.sync_now(east)
    for kind in ("exit_feedback", "life_check", "job_start"):
        assert len(b.query(kind)) == len(a.query(kind)) > 0, kind
        assert east.query(kind) == [], kind
    on_b = laptop_reports.indicators_report(b, start=START, end=END)
    life = on_b.overall.life
    assert (life.achieved_one, life.feedback_people, life.less_lonely, life.more_involved,
            life.in_work_or_study, life.job_starts) == (1, 1, 1, 1, 1, 1)
    assert life.links_by_kind["talking_therapy"] == 1
    on_server = server_report(server.engine, start=START, end=END, team="North")
    assert report_tables(on_server) == report_tables(on_b)
