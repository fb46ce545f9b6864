"""The welcome and the referral (issue 14 items 1-2): a pending referral is accepted, never
doubled; a walk-in's self-referral carries the day they first asked for help."""

from __future__ import annotations

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import conversations, people

ON = "2026-11-20T10:00:00+00:00"


def _welcome(store, person, **kw):
    return conversations.welcome(
        store, person=person, consent_record=True, consent_share=False,
        what_matters="Getting out of the house", notes="We met in the park.",
        setting="outdoors", occurred_at=ON, **kw).id


def test_welcoming_someone_with_a_pending_referral_accepts_it_and_makes_no_other(store):
    pid = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-11-06"}).id
    _welcome(store, {"id": pid, "given_name": "Kit"})
    (ref,) = people.person_file(store, pid).referrals
    assert (ref["source"], ref["status"], ref["received_on"], ref["decided_on"]) == (
        "gp", "accepted", "2026-11-06", "2026-11-20")
    episode = people.person_file(store, pid).current_episode
    assert episode is not None and episode["referral_id"] == ref["id"]


def test_a_first_asked_date_given_with_a_pending_referral_does_not_make_a_second(store):
    pid = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-11-06"}).id
    _welcome(store, {"id": pid, "given_name": "Kit"}, first_asked_on="2026-11-01")
    (ref,) = people.person_file(store, pid).referrals
    assert (ref["source"], ref["status"], ref["received_on"]) == ("gp", "accepted",
                                                                  "2026-11-06")


def test_a_walk_in_self_referral_carries_the_day_they_first_asked(store):
    pid = _welcome(store, {"given_name": "Robin"}, first_asked_on="2026-11-06")
    (ref,) = people.person_file(store, pid).referrals
    assert (ref["source"], ref["status"], ref["received_on"], ref["decided_on"]) == (
        "self", "accepted", "2026-11-06", "2026-11-20")


def test_without_a_first_asked_date_the_walk_in_asked_on_the_welcome_day(store):
    pid = _welcome(store, {"given_name": "Robin"})
    (ref,) = people.person_file(store, pid).referrals
    assert ref["received_on"] == "2026-11-20"


@pytest.mark.parametrize("asked", ["2026-11-21", "not a date"])
def test_a_first_asked_date_after_the_welcome_is_refused_and_nothing_is_saved(store, asked):
    with pytest.raises(ValidationError) as got:
        _welcome(store, {"given_name": "Robin"}, first_asked_on=asked)
    assert "first asked for help" in str(got.value)
    assert people.caseload(store) == []


def test_a_second_welcome_during_support_makes_no_new_referral(store):
    pid = _welcome(store, {"given_name": "Robin"}, first_asked_on="2026-11-06")
    _welcome(store, {"id": pid, "given_name": "Robin"}, first_asked_on="2026-11-10")
    assert len(people.person_file(store, pid).referrals) == 1


def test_a_declined_referral_is_left_alone_and_the_walk_in_gets_its_own(store):
    pid = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-09-01"}).id
    from outreach.ops import episodes
    (old,) = people.person_file(store, pid).referrals
    episodes.decide_referral(store, referral_id=old["id"], accept=False, reason="Out of area",
                             on="2026-09-02")
    _welcome(store, {"id": pid, "given_name": "Kit"}, first_asked_on="2026-11-15")
    refs = sorted(people.person_file(store, pid).referrals, key=lambda r: r["received_on"])
    assert [(r["source"], r["status"], r["received_on"]) for r in refs] == [
        ("gp", "declined", "2026-09-01"), ("self", "accepted", "2026-11-15")]


def test_hand_worked_acceptance_and_waits_after_three_welcomes(store):
    """November 2026, all welcomed on the 20th:

    * Kit: GP referral received 6 Nov, waiting for a decision → accepted by the welcome;
      wait 6 → 20 Nov = 14 days.
    * Robin: walked in, first asked for help on 10 Nov → self-referral received 10 Nov;
      wait 10 days (before: received on the 20th, a 0-day wait).
    * Sam: walked in and asked that day → 0 days.

    Received 3, accepted 3 (before: 2, Kit's "awaiting decision"), declined 0, pending 0;
    accepted 100 %. Waits 0, 10, 14: median 10 (before: 0, 0, 14 → median 0).
    """
    import datetime as dt

    from outreach.ops import reports

    kit = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-11-06"}).id
    _welcome(store, {"id": kit, "given_name": "Kit"})
    _welcome(store, {"given_name": "Robin"}, first_asked_on="2026-11-10")
    _welcome(store, {"given_name": "Sam"})
    o = reports.indicators_report(store, start=dt.date(2026, 11, 1),
                                  end=dt.date(2026, 11, 30),
                                  today=dt.date(2026, 11, 30)).overall
    assert (o.referrals_received, o.referrals_accepted, o.referrals_declined,
            o.referrals_pending, o.accepted_pct) == (3, 3, 0, 0, 100.0)
    assert (o.first_conversations, o.wait_median_days, o.still_waiting) == (3, 10, 0)
