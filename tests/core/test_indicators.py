"""Indicators against figures worked out by hand (see tests/core/scenario.py comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.core.indicators import compute, median, percentile, report_tables
from tests.core.scenario import END, START, TODAY, Records, build

D = dt.date


@pytest.fixture(scope="module")
def report():
    return compute(build(), start=START, end=END, today=TODAY, group_by="team")


def test_referrals_declined_and_pending(report) -> None:
    o = report.overall
    # Received in range: P1 accepted, P2 declined, P3 pending, P6 accepted, P7 accepted.
    assert (o.referrals_received, o.referrals_accepted, o.referrals_declined,
            o.referrals_pending) == (5, 3, 1, 1)
    assert o.accepted_pct == 75.0          # 3 of the 4 decided


def test_waiting_times_and_still_waiting(report) -> None:
    o = report.overall
    # P1 14 days, P6 5 days, P7 30 days (20 Jan -> 19 Feb; its 2023 conversation is before
    # the referral); P2 declined: no wait; P3 no conversation by 31 Mar.
    assert o.first_conversations == 3
    assert o.wait_median_days == 14
    assert o.wait_p90_days == 30          # nearest rank: ceil(0.9 * 3) = 3rd of 5, 14, 30
    # P3: pending since 1 Mar, its 5 Apr conversation is after the range: 30 days at 31 Mar.
    assert (o.still_waiting, o.still_waiting_median_days, o.longest_wait_days) == (1, 30, 30)


def test_people_supported_seen_returned_linked(report) -> None:
    o = report.overall
    # Supported: P1, P4, P5 (episode spanning the range), P6, P7. Not P2 (declined) nor P3.
    assert o.people_supported == 5
    assert o.people_seen == 4               # P5's only conversation was in 2023
    assert o.people_returned == 2           # P4 (reopened) and P7 (new referral)
    # Linked: P1 only (P4's link is a suggestion; P5's was made before the range).
    assert (o.people_linked, o.linked_pct) == (1, 20.0)


def test_conversations_by_setting_ignore_deleted_and_later_ones(report) -> None:
    o = report.overall
    assert o.conversations == 5
    assert o.conversations_by_setting == {
        "outdoors": 1, "community_venue": 1, "listening_lounge": 0, "home": 1,
        "clinic": 1, "phone": 0, "video": 1}


def test_goal_progress(report) -> None:
    o = report.overall
    # Rated on two days or more: P1 (one of two goals up), P4 (both up), P7 (down).
    # P5's two ratings share a day; P6 has one rating.
    assert o.people_with_rated_goals == 3
    assert (o.progress_one, o.progress_one_pct) == (2, 66.7)
    assert (o.progress_two, o.progress_two_pct) == (1, 33.3)


def test_wellbeing_reliable_change(report) -> None:
    sw = report.overall.wellbeing["swemwbs"]
    # P1 19.25 -> 25.03 improved (the April measure is after the range); P5 25.03 -> 19.25
    # deteriorated; P6 19.25 -> 19.98 no change; P4's two are on one day: not counted.
    assert (sw.people, sw.improved, sw.no_change, sw.deteriorated) == (3, 1, 1, 1)
    assert (sw.improved_pct, sw.no_change_pct, sw.deteriorated_pct) == (33.3, 33.3, 33.3)
    rq = report.overall.wellbeing["reqol10"]
    # P4: 20, then 26 and 22 on one day: the later-recorded 22 counts: +2, no change.
    assert (rq.people, rq.improved, rq.no_change, rq.deteriorated) == (1, 0, 1, 0)


def test_endings_and_planned_share(report) -> None:
    o = report.overall
    # Ended in range: P7 5 Jan (other), P4 20 Mar (chose to stop), P6 31 Mar (met
    # goals). P5 ends after the range, P4's first period ended in 2023.
    assert o.episodes_started == 4          # P1, P4, P6, P7
    assert o.episodes_ended == 3
    assert o.exits_by_reason == {"completed": 0, "met_goals": 1, "linked": 0,
                                 "chose_to_stop": 1, "moved_away": 0, "other": 1, "": 0}
    assert (o.planned_exits, o.planned_pct) == (1, 33.3)


def test_per_team(report) -> None:
    assert list(report.groups) == ["north", "south", ""]
    north, south, none = (report.groups[k] for k in ("north", "south", ""))
    assert (north.referrals_received, north.accepted_pct, north.still_waiting) == (3, 50.0, 1)
    assert (north.people_supported, north.wait_median_days) == (1, 14)
    assert north.wellbeing["reqol10"].improved_pct is None          # nobody to count
    assert (south.people_supported, south.people_seen, south.people_returned) == (3, 2, 2)
    assert (south.progress_one, south.progress_two, south.people_with_rated_goals) == (1, 1, 2)
    assert (south.episodes_ended, south.planned_pct) == (2, 0.0)
    assert south.wellbeing["swemwbs"].deteriorated == 1
    assert (none.wait_median_days, none.planned_pct, none.progress_one_pct) == (5, 100.0, None)
    # The groups add up to the whole.
    total = sum(g.referrals_received for g in report.groups.values())
    assert total == report.overall.referrals_received


def test_per_key_worker() -> None:
    rep = compute(build(), start=START, end=END, today=TODAY, group_by="key_worker")
    assert list(rep.groups) == ["ann", "bob", "cat", ""]
    ann, bob = rep.groups["ann"], rep.groups["bob"]
    # ann: P1, P2, P6. bob: P3, P4. cat: P7. none: P5.
    assert (ann.referrals_received, ann.people_supported, ann.wait_median_days) == (3, 2, 9.5)
    assert (bob.still_waiting, bob.people_returned, bob.episodes_ended) == (1, 1, 1)
    assert rep.groups[""].wellbeing["swemwbs"].deteriorated == 1


def test_range_cut_at_today() -> None:
    # On 10 March, P6's referral (25 Mar) has not happened and P3 has waited 9 days.
    rep = compute(build(), start=START, end=END, today=D(2024, 3, 10))
    o = rep.overall
    assert rep.as_of == D(2024, 3, 10)
    assert (o.referrals_received, o.still_waiting, o.longest_wait_days) == (4, 1, 9)
    assert o.episodes_ended == 1            # only P7's; P4 ends 20 Mar
    assert o.people_supported == 4          # P6 not yet


def test_earlier_range_sees_an_open_wait() -> None:
    # In January P7 (referred 20 Jan) is still waiting at the end of the month: 11 days.
    rep = compute(build(), start=D(2024, 1, 1), end=D(2024, 1, 31), today=TODAY)
    o = rep.overall
    assert (o.referrals_received, o.first_conversations, o.still_waiting) == (3, 1, 1)
    assert o.longest_wait_days == 11


def test_nothing_in_range_gives_zeros_and_no_percentages() -> None:
    rep = compute(build(), start=D(2020, 1, 1), end=D(2020, 12, 31), today=TODAY)
    o = rep.overall
    assert (o.referrals_received, o.people_supported, o.conversations) == (0, 0, 0)
    assert (o.accepted_pct, o.wait_median_days, o.planned_pct, o.linked_pct) == (
        None, None, None, None)
    assert compute([], start=START, end=END, today=TODAY).overall.people_supported == 0


def test_unusable_measure_is_left_out_and_unknown_person_is_not_recorded() -> None:
    r = Records()
    r.add("episode", "ghost", started_on="2024-01-05")
    r.measure("ghost", "swemwbs", "2024-01-05", [9] * 7)      # answers out of range
    r.measure("ghost", "swemwbs", "2024-02-05", [3] * 7)
    rep = compute(r.records, start=START, end=END, today=TODAY, group_by="team")
    assert rep.overall.people_supported == 1
    assert rep.overall.wellbeing["swemwbs"].people == 0
    assert list(rep.groups) == [""]


def test_an_ending_with_no_reason_counts_as_not_recorded_and_unplanned() -> None:
    r = Records()
    r.person("Q1", team="east", key_worker=None)
    r.add("episode", "Q1", started_on="2023-10-01", ended_on="2024-01-05")   # imported data
    r.add("episode", "Q1", started_on="2024-02-01", ended_on="2024-02-20",
          exit_reason="linked")
    o = compute(r.records, start=START, end=END, today=TODAY).overall
    assert (o.episodes_ended, o.exits_by_reason[""], o.exits_by_reason["linked"]) == (2, 1, 1)
    assert (o.planned_exits, o.planned_pct) == (1, 50.0)
    assert o.people_returned == 1
    table = report_tables(compute(r.records, start=START, end=END, today=TODAY))["endings"]
    assert table[0][table[0].index("Not recorded")] == "Not recorded"
    assert table[1][table[0].index("Not recorded")] == 1


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="after its end"):
        compute([], start=END, end=START)
    with pytest.raises(ValueError, match="team or key_worker"):
        compute([], start=START, end=END, group_by="postcode")


def test_median_and_percentile_rules() -> None:
    assert median([3, 1, 2, 10]) == 2.5
    assert median([]) is None
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 21)), 90) == 18
    assert percentile([7], 90) == 7
    assert percentile([], 90) is None


def test_tables_have_headers_and_one_row_per_group(report) -> None:
    tables = report_tables(report)
    assert list(tables) == ["referrals", "waiting", "people", "conversations", "goals",
                            "wellbeing", "endings", "links", "experience", "loneliness",
                            "life"]
    assert tables["referrals"][0][0] == "Team"
    assert tables["referrals"][1] == ["All", 5, 3, 1, 1, 75.0]
    assert [row[0] for row in tables["people"]] == ["Team", "All", "north", "south",
                                                   "Not recorded"]
    assert tables["waiting"][3] == ["south", 1, 30, 30, 0, None, None]
    assert len(tables["wellbeing"]) == 1 + 4 * 2          # two questionnaires per group
    assert tables["endings"][0][-2:] == ["Planned endings", "Planned %"]
    assert tables["endings"][1][-2:] == [1, 33.3]
    for rows in tables.values():
        assert all(len(row) == len(rows[0]) for row in rows)


# -- issue 14 items 9-12: outcomes the evaluations report ---------------------------------


def test_reliable_and_clinically_significant_improvement(report) -> None:
    sw = report.overall.wellbeing["swemwbs"]
    # SWEMWBS first -> latest: P1 19.25 -> 25.03, P5 25.03 -> 19.25, P6 19.25 -> 19.98.
    # In the clinical range (below 20.5) at first: P1 and P6. P1 improved reliably (+5.78)
    # and ended outside the range: reliable and clinically significant. P6 did not change
    # reliably. P5 started outside the range (and deteriorated).
    assert (sw.started_clinical, sw.improved_clinically, sw.improved_clinically_pct) == \
        (2, 1, 50.0)
    rq = report.overall.wellbeing["reqol10"]
    # ReQoL-10: P4 20 -> 22 (the later of the two on 10 Feb): below 24, no reliable change.
    assert (rq.started_clinical, rq.improved_clinically, rq.improved_clinically_pct) == \
        (1, 0, 0.0)
    # UCLA-3 has no reliable change threshold: it is reported on its own, not here.
    assert set(report.overall.wellbeing) == {"swemwbs", "reqol10"}
    rows = report_tables(report)["wellbeing"]
    assert rows[0][-3:] == ["Started in the clinical range",
                            "Reliable and clinically significant improvement",
                            "Reliable and clinically significant improvement %"]
    assert rows[1][:2] == ["All", "SWEMWBS"] and rows[1][-3:] == [2, 1, 50.0]
    north = next(r for r in rows if r[:2] == ["north", "SWEMWBS"])
    assert north[-3:] == [1, 1, 100.0]          # P1
    south = next(r for r in rows if r[:2] == ["south", "SWEMWBS"])
    assert south[-3:] == [0, 0, None]           # P5 only, started outside: no percentage


def test_goals_achieved_beside_progress(report) -> None:
    life = report.overall.life
    # People supported with goals: P1, P4, P5, P6, P7. Achieved by 31 Mar: P1 one (1 Mar),
    # P4 two (10 Feb 2024 and Sept 2023: before the range still counts, like ratings), P5
    # one (no date recorded: counts). P7's was achieved 10 Apr, after the range.
    assert life.people_with_goals == 5
    assert (life.achieved_one, life.achieved_one_pct) == (3, 60.0)
    assert (life.achieved_two, life.achieved_two_pct) == (1, 20.0)
    goals = report_tables(report)["goals"]
    assert goals[0][-5:] == ["People with goals", "Achieved 1 or more goals",
                             "Achieved 1 or more %", "Achieved 2 or more goals",
                             "Achieved 2 or more %"]
    assert goals[1] == ["All", 3, 2, 66.7, 1, 33.3, 5, 3, 60.0, 1, 20.0]


def test_exit_questionnaire(report) -> None:
    life = report.overall.life
    # In range: P4 (yes, partly, yes) and P6 (yes, yes, did not want to say). P5's came
    # after the range.
    assert life.feedback_people == 2
    assert life.feedback_yes == {"listened": 2, "joined_up": 1, "use_again": 1}
    assert life.feedback_answered == {"listened": 2, "joined_up": 2, "use_again": 1}
    assert life.feedback_yes_pct == {"listened": 100.0, "joined_up": 50.0,
                                     "use_again": 100.0}
    rows = report_tables(report)["experience"]
    assert rows[1] == ["All", 2, 2, 2, 100.0, 1, 2, 50.0, 1, 1, 100.0]
    assert rows[0][1:5] == ["People who answered an exit questionnaire",
                            "I felt listened to: yes", "I felt listened to: answered",
                            "I felt listened to: yes %"]


def test_loneliness_community_and_work(report) -> None:
    life = report.overall.life
    # UCLA-3: P1 8 -> 5 (less lonely), P5 4 -> 6 (lonelier); P7 has one measure; P3 is
    # not supported.
    assert (life.loneliness_people, life.less_lonely, life.same_lonely, life.lonelier) == \
        (2, 1, 0, 1)
    assert (life.less_lonely_pct, life.lonelier_pct) == (50.0, 50.0)
    # Community: P1 rarely -> most weeks (more involved), P7 now and then twice (same);
    # P4 checked once.
    assert (life.community_people, life.more_involved, life.more_involved_pct,
            life.less_involved) == (2, 1, 50.0, 0)
    # Work or study at the latest check: P1 volunteering (no), P4 paid work, P7 study.
    assert (life.work_people, life.in_work_or_study, life.in_work_or_study_pct) == \
        (3, 2, 66.7)
    # Job starts in range: P4 (1 Mar) and P6 (31 Mar); P5's is after the range.
    assert (life.job_starts, life.people_with_job_start) == (2, 2)
    tables = report_tables(report)
    assert tables["loneliness"][1] == ["All", 2, 1, 50.0, 0, 1, 50.0]
    assert tables["life"][1] == ["All", 2, 1, 50.0, 0, 3, 2, 66.7, 2, 2]
    assert tables["life"][2] == ["north", 1, 1, 100.0, 0, 1, 0, 0.0, 0, 0]     # P1


def test_links_by_kind_of_service(report) -> None:
    life = report.overall.life
    # People supported: 5. P1 is linked to a walking group and a talking therapy; P4's
    # link is only suggested, P5's was made before the range, P6's talking therapy is
    # only suggested.
    assert life.links_by_kind["walking_group"] == 1
    assert life.links_by_kind["talking_therapy"] == 1
    assert life.links_by_kind["housing"] == 0
    assert life.links_by_kind_pct["talking_therapy"] == 20.0
    rows = report_tables(report)["links"]
    assert rows[0] == ["Team", "Kind of service", "People supported", "People linked",
                       "Linked % of people supported"]
    assert ["All", "Talking therapy", 5, 1, 20.0] in rows
    assert ["All", "Voluntary and community group", 5, 0, 0.0] in rows
    assert ["north", "Walking group", 1, 1, 100.0] in rows
    assert ["Not recorded", "Walking group", 1, 0, 0.0] in rows      # P6


def test_links_to_a_service_this_store_does_not_hold() -> None:
    r = Records()
    r.person("A", team="t", key_worker=None)
    r.add("episode", "A", started_on="2024-01-01")
    r.add("service_link", "A", service_id="not-here", linked_on="2024-01-02",
          status="referred")
    life = compute(r.records, start=START, end=END, today=TODAY).overall.life
    assert life.links_by_kind[""] == 1 and life.links_by_kind_pct[""] == 100.0
    rows = report_tables(compute(r.records, start=START, end=END, today=TODAY))["links"]
    assert ["All", "Not recorded", 1, 1, 100.0] in rows


def test_life_outcomes_are_empty_without_records() -> None:
    life = compute([], start=START, end=END, today=TODAY).overall.life
    assert life.achieved_one_pct is None and life.feedback_yes_pct["listened"] is None
    assert life.in_work_or_study_pct is None and life.job_starts == 0
