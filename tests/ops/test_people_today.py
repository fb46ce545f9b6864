"""Caseload, person file and Today, on small hand-built caseloads."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.ops import conversations, episodes, people, risk, today
from outreach.store.records import NotFound

DAY = dt.date(2026, 11, 20)


def _welcome(store, name="Robin", *, on="2026-11-02T10:00:00+00:00", **kw):
    return conversations.welcome(
        store, person={"given_name": name, **kw}, consent_record=True, consent_share=True,
        what_matters="Seeing my sister", notes="We met by the canal.", setting="outdoors",
        occurred_at=on).id


def test_waiting_person_counts_days_from_referral(store):
    pid = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-11-06"}).id
    (row,) = people.caseload(store, on=DAY)
    assert row.id == pid
    assert row.status == "waiting"
    assert row.days_waiting == 14


def test_welcome_makes_person_active_with_episode_and_care_plan(store):
    pid = _welcome(store, pronouns="she/her")
    pf = people.person_file(store, pid)
    assert pf.person["consent_record"] is True
    assert pf.current_episode is not None
    assert pf.current_episode["review_on"] == "2027-01-25"   # 12 weeks after 2 November
    assert pf.care_plan["what_matters"] == "Seeing my sister"
    assert [c["type"] for c in pf.conversations] == ["welcome"]
    assert pf.referrals[0]["status"] == "accepted"
    (row,) = people.caseload(store, on=DAY)
    assert (row.status, row.days_waiting, row.last_seen) == ("active", None, "2026-11-02")


def test_caseload_filters_by_key_worker_and_sorts_by_name(store):
    people.new_person(store, person={"given_name": "Zed", "key_worker": "sam.worker"})
    people.new_person(store, person={"given_name": "amy", "key_worker": "sam.worker"})
    people.new_person(store, person={"given_name": "Bo", "key_worker": "jo.other"})
    assert [r.name for r in people.caseload(store)] == ["amy", "Bo", "Zed"]
    assert [r.name for r in people.caseload(store, key_worker="jo.other")] == ["Bo"]


def test_preferred_name_leads(store):
    people.new_person(store, person={"given_name": "Alexandra", "preferred_name": "Lex",
                                     "family_name": "Moor"})
    assert people.caseload(store)[0].name == "Lex Moor"


def test_highest_open_risk_shows_and_closed_ones_do_not(store):
    pid = _welcome(store)
    risk.raise_flag(store, person_id=pid, level="low", concern="Missed two meetings")
    high = risk.raise_flag(store, person_id=pid, level="high", concern="Talked of ending it").id
    assert people.caseload(store)[0].risk_level == "high"
    risk.close_flag(store, high, reason="Synthetic reason")
    assert people.caseload(store)[0].risk_level == "low"


def test_ended_and_reopened_support(store):
    pid = _welcome(store)
    ep = people.person_file(store, pid).current_episode["id"]
    episodes.end_episode(store, episode_id=ep, reason="met_goals", ended_on="2026-11-10")
    assert people.caseload(store, on=DAY)[0].status == "ended"
    episodes.reopen(store, person_id=pid, started_on="2026-11-15")
    with pytest.raises(episodes.EpisodeError, match="already has an open"):
        episodes.start_episode(store, person_id=pid)
    pf = people.person_file(store, pid)
    assert len(pf.referrals) == 1, "a return needs no new referral"
    assert pf.current_episode["referral_id"] == pf.referrals[0]["id"]
    assert people.caseload(store, on=DAY)[0].status == "active"


def test_reopen_needs_an_earlier_episode(store):
    pid = people.new_person(store, person={"given_name": "New"}).id
    with pytest.raises(episodes.EpisodeError):
        episodes.reopen(store, person_id=pid)


def test_person_file_of_unknown_id(store):
    with pytest.raises(NotFound):
        people.person_file(store, "00000000-0000-4000-8000-000000000000")


def test_today_lists_waiting_oldest_first_follow_ups_and_huddle(store):
    a = people.new_person(store, person={"given_name": "A"},
                          referral={"source": "self", "received_on": "2026-11-10"}).id
    b = people.new_person(store, person={"given_name": "B"},
                          referral={"source": "gp", "received_on": "2026-10-01"}).id
    c = _welcome(store, "C")
    conversations.record_conversation(store, person_id=c, values={
        "setting": "listening_lounge", "notes": "Talked about work.",
        "occurred_at": "2026-11-12T15:00:00+00:00", "follow_up_on": "2026-11-19"})
    risk.raise_flag(store, person_id=c, level="medium", concern="Money worries")
    risk.raise_flag(store, person_id=a, level="high", concern="Not eating")
    t = today.today(store, user="sam.worker", on=DAY)
    assert [r.id for r in t.waiting] == [b, a]
    assert [r.days_waiting for r in t.waiting] == [50, 10]
    assert [(r.id, conv["follow_up_on"]) for r, conv in t.follow_ups_due] == [(c, "2026-11-19")]
    assert [f["level"] for _, f in t.huddle] == ["high", "medium"]
    assert {r.id for r in t.my_caseload} == {a, b, c}


def test_follow_up_not_due_after_a_later_conversation(store):
    c = _welcome(store)
    conversations.record_conversation(store, person_id=c, values={
        "setting": "phone", "notes": "Check-in.", "occurred_at": "2026-11-12T15:00:00+00:00",
        "follow_up_on": "2026-11-14"})
    conversations.record_conversation(store, person_id=c, values={
        "setting": "phone", "notes": "Followed up.",
        "occurred_at": "2026-11-15T15:00:00+00:00"})
    assert today.today(store, on=DAY).follow_ups_due == []
