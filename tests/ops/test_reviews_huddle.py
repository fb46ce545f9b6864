"""Issue 14 items 4–6 at the ops layer: care-plan reviews due on Today and the review step;
risk flags' review-by date with overdue flags leading the huddle; the huddle as a record
whose actions reach their owner's follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import conversations, episodes, huddle, people, risk, today

DAY = dt.date(2026, 11, 20)


def _welcome(store, name: str, *, on: str) -> str:
    pid = conversations.welcome(
        store, person={"given_name": name}, consent_record=True, consent_share=True,
        what_matters="Synthetic", notes="Synthetic notes.", setting="outdoors",
        occurred_at=on + "T10:00:00+00:00").id
    assert pid
    return pid


def test_reviews_due_and_overdue_are_listed_most_overdue_first(store):
    # 12-week reviews: started 2026-08-01 → due 2026-10-24 (27 days overdue on DAY);
    # 2026-09-01 → 2026-11-24 (due in 4 days); 2026-10-01 → 2026-12-24 (34 days away:
    # not yet listed, the horizon is 14 days).
    late = _welcome(store, "Late", on="2026-08-01")
    soon = _welcome(store, "Soon", on="2026-09-01")
    _welcome(store, "Later", on="2026-10-01")
    t = today.today(store, user="sam.worker", on=DAY)
    assert [(r.id, e["review_on"]) for r, e in t.reviews_due] == [
        (late, "2026-10-24"), (soon, "2026-11-24")]
    assert today.days_late("2026-10-24", DAY) == 27
    assert today.today(store, user="someone.else", on=DAY).reviews_due == []


def test_a_review_is_recorded_and_sets_the_next_review_date(store):
    pid = _welcome(store, "Late", on="2026-08-01")
    ep = people.person_file(store, pid).current_episode["id"]
    episodes.record_review(store, episode_id=ep, note="Goals still right; housing sorted.",
                           next_review_on="2027-02-12", reviewed_on="2026-11-20")
    got = store.get(ep)
    assert (got["reviewed_on"], got["reviewed_by"], got["review_on"]) == (
        "2026-11-20", "sam.worker", "2027-02-12")
    assert got["review_note"] == "Goals still right; housing sorted."
    assert today.today(store, user="sam.worker", on=DAY).reviews_due == []
    with pytest.raises(ValidationError, match="say what the review found"):
        episodes.record_review(store, episode_id=ep, note=" ", next_review_on=None)
    with pytest.raises(ValidationError, match="after this one"):
        episodes.record_review(store, episode_id=ep, note="x", next_review_on="2026-11-01",
                               reviewed_on="2026-11-20")
    episodes.end_episode(store, episode_id=ep, reason="met_goals")
    with pytest.raises(episodes.EpisodeError, match="has ended"):
        episodes.record_review(store, episode_id=ep, note="x", next_review_on=None)


def test_every_new_flag_has_a_review_by_date(store):
    pid = _welcome(store, "Robin", on="2026-11-02")
    flag = store.get(risk.raise_flag(store, person_id=pid, level="low", concern="c").id)
    assert flag["review_on"] == (dt.date.fromisoformat(flag["raised_on"])
                                 + dt.timedelta(days=risk.FLAG_REVIEW_DAYS)).isoformat()


def test_overdue_flags_lead_the_huddle_even_a_medium_before_a_new_high(store):
    a = _welcome(store, "A", on="2026-11-02")
    b = _welcome(store, "B", on="2026-11-02")
    c = _welcome(store, "C", on="2026-11-02")
    new_high = risk.raise_flag(store, person_id=a, level="high", concern="new",
                               review_on="2026-11-27").id
    old_medium = risk.raise_flag(store, person_id=b, level="medium", concern="old",
                                 review_on="2026-11-10").id
    # an open high flag five months past its review date
    forgotten = risk.raise_flag(store, person_id=c, level="high", concern="forgotten",
                                review_on="2026-06-20").id
    t = today.today(store, on=DAY)
    assert [f["id"] for _, f in t.huddle] == [forgotten, old_medium, new_high]
    assert [f["id"] for _, f in t.flags_overdue] == [forgotten, old_medium]
    assert today.flag_state(store.get(forgotten), DAY) == ("overdue", 153)


def test_a_huddle_is_recorded_and_its_actions_reach_the_owner(store):
    a = _welcome(store, "Aisha", on="2026-11-02")
    b = _welcome(store, "Ben", on="2026-11-02")
    made = huddle.record_huddle(
        store, held_on="2026-11-20", attendees="sam.worker, priya.nair",
        notes="Short huddle.",
        discussed=[{"person_id": a, "notes": "Landlord visits worrying her."}],
        actions=[{"person_id": a, "action": "Ring the housing officer",
                  "owner": "priya.nair", "due_on": "2026-11-22"},
                 {"person_id": b, "action": "Check in by phone", "owner": "sam.worker",
                  "due_on": "2026-11-21"}])
    rec = huddle.read_huddle(store, made.id)
    assert rec.huddle["attendees"] == "sam.worker, priya.nair"
    assert rec.huddle["person_id"] is None
    assert [name for name, _ in rec.discussed] == ["Aisha", "Ben"]   # Ben via his action
    assert [(n, x["owner"], x["due_on"]) for n, x in rec.actions] == [
        ("Ben", "sam.worker", "2026-11-21"), ("Aisha", "priya.nair", "2026-11-22")]
    mine = today.today(store, user="sam.worker", on=DAY).actions
    assert [(r.id, x["action"]) for r, x in mine] == [(b, "Check in by phone")]
    priya = today.today(store, user="priya.nair", on=DAY).actions
    assert [x["action"] for _, x in priya] == ["Ring the housing officer"]
    huddle.complete_action(store, priya[0][1]["id"])
    assert today.today(store, user="priya.nair", on=DAY).actions == []
    assert [h["id"] for h in huddle.huddles(store)] == [made.id]


def test_a_huddle_without_attendees_or_an_owner_saves_nothing(store):
    a = _welcome(store, "Aisha", on="2026-11-02")
    with pytest.raises(ValidationError, match="who was at the huddle"):
        huddle.record_huddle(store, held_on="2026-11-20", attendees=" ")
    with pytest.raises(ValidationError, match="who will do it"):
        huddle.record_huddle(store, held_on="2026-11-20", attendees="sam.worker", actions=[
            {"person_id": a, "action": "Ring", "owner": "", "due_on": "2026-11-22"}])
    assert store.query("huddle") == [] and store.query("huddle_action") == []


def test_a_huddle_survives_export_and_import(store, profile, new_store):
    from outreach.ops import transfer

    a = _welcome(store, "Aisha", on="2026-11-02")
    made = huddle.record_huddle(store, held_on="2026-11-20", attendees="sam.worker",
                                actions=[{"person_id": a, "action": "Ring",
                                          "owner": "sam.worker", "due_on": "2026-11-22"}])
    text = transfer.export_json(store)
    other = new_store("other", user="priya.nair")
    transfer.import_json(other, text)
    rec = huddle.read_huddle(other, made.id)
    assert rec.huddle["attendees"] == "sam.worker"
    assert [x["action"] for _, x in rec.actions] == ["Ring"]
