"""Risk flags: reviewing and closing a flag records who, when and why; closed flags leave
the huddle and the header but stay in the person's file; the "someone is with me" profile
setting."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import conversations, people, privacy, risk, today


def _person(store) -> str:
    pid = conversations.welcome(
        store, person={"given_name": "Robin"}, consent_record=True, consent_share=True,
        what_matters="Seeing my sister", notes="We met by the canal.", setting="outdoors").id
    assert pid
    return pid


def test_a_review_records_who_when_why_and_the_next_review(store):
    pid = _person(store)
    flag = risk.raise_flag(store, person_id=pid, level="high", concern="Synthetic concern").id
    next_review = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    risk.review_flag(store, flag, note="Talked it through; feels safer at home.",
                     review_on=next_review, level="medium")
    got = store.get(flag)
    assert got["status"] == "open"
    assert got["reviewed_by"] == "sam.worker"
    assert got["reviewed_on"] == dt.date.today().isoformat()
    assert got["review_note"] == "Talked it through; feels safer at home."
    assert got["review_on"] == next_review and got["level"] == "medium"
    assert [f["id"] for _, f in today.today(store).huddle] == [flag]


def test_closing_needs_a_reason_and_leaves_the_huddle_but_not_the_file(store):
    pid = _person(store)
    flag = risk.raise_flag(store, person_id=pid, level="high", concern="Synthetic concern").id
    with pytest.raises(ValidationError):
        risk.close_flag(store, flag, reason="   ")
    assert store.get(flag)["status"] == "open"
    with pytest.raises(ValidationError):
        risk.review_flag(store, flag, note="")
    risk.close_flag(store, flag, reason="Moved in with family; no longer a concern.")
    got = store.get(flag)
    assert (got["status"], got["closed_by"], got["closed_on"], got["close_reason"]) == (
        "closed", "sam.worker", dt.date.today().isoformat(),
        "Moved in with family; no longer a concern.")
    assert today.today(store).huddle == []
    pf = people.person_file(store, pid)
    assert pf.open_risks == [] and [f["id"] for f in pf.risk_flags] == [flag]
    with pytest.raises(ValidationError):
        risk.review_flag(store, flag, note="Too late")        # a closed flag stays closed


def test_the_with_me_profile_setting(store):
    assert privacy.opens_with_me(store) is False
    privacy.set_opens_with_me(store, True)
    assert privacy.opens_with_me(store) is True
    privacy.set_opens_with_me(store, False)
    assert privacy.opens_with_me(store) is False


def test_only_a_whole_name_finds_the_person_who_is_present(store):
    from outreach.ops import people as people_ops

    robin = _person(store)
    kit = people_ops.new_person(store, person={"given_name": "Kit", "family_name": "Moor",
                                               "preferred_name": "Kitty"}).id
    assert [r.id for r in privacy.people_named(store, "  robin ")] == [robin]
    assert [r.id for r in privacy.people_named(store, "KIT moor")] == [kit]
    assert [r.id for r in privacy.people_named(store, "Kitty Moor")] == [kit]
    for part in ("Kit", "Moor", "Rob", "", "Kit Mo"):
        assert privacy.people_named(store, part) == [], part
