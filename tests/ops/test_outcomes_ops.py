"""The life-outcome ops (issue 14 items 10-11): goals carry the day they were achieved,
life records are checked before they are written, and the file lists them newest first."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import goals, outcomes, people


@pytest.fixture
def pid(store) -> str:
    return store.create("person", {"given_name": "Sam"})["id"]


def test_achieved_goal_carries_its_day_and_loses_it_when_reopened(store, pid) -> None:
    goal = goals.add_goal(store, person_id=pid, description="Synthetic goal",
                          life_area="work").id
    goals.update_goal(store, goal, {"status": "achieved"})
    assert store.get(goal)["achieved_on"] == dt.date.today().isoformat()
    # saving "achieved" again keeps the first day; an explicit day is kept as given
    goals.update_goal(store, goal, {"status": "achieved", "achieved_on": "2024-03-01"})
    assert store.get(goal)["achieved_on"] == "2024-03-01"
    goals.update_goal(store, goal, {"status": "achieved"})
    assert store.get(goal)["achieved_on"] == "2024-03-01"
    goals.update_goal(store, goal, {"status": "active"})
    assert not store.get(goal).get("achieved_on")


def test_life_records_are_checked_and_listed_newest_first(store, pid) -> None:
    with pytest.raises(ValueError, match="Choose how involved"):
        outcomes.record_life_check(store, person_id=pid)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError):
        outcomes.record_exit_feedback(store, person_id=pid, completed_on=tomorrow,
                                      listened="yes", joined_up="yes", use_again="yes")
    with pytest.raises(ValidationError):
        outcomes.record_exit_feedback(store, person_id=pid, listened="maybe",
                                      joined_up="yes", use_again="yes")
    outcomes.record_life_check(store, person_id=pid, checked_on="2024-01-05", work="study")
    outcomes.record_exit_feedback(store, person_id=pid, completed_on="2024-03-01",
                                  listened="yes", joined_up="no", use_again="partly")
    outcomes.record_job_start(store, person_id=pid, started_on=tomorrow, hours_per_week=20)
    life = people.person_file(store, pid).life
    assert [r["kind"] for r in life] == ["job_start", "exit_feedback", "life_check"]
    assert life[0]["hours_per_week"] == 20 and "ips" not in life[0]
