"""Conversations, drafts, care plan, goals, measures and the directory."""

from __future__ import annotations

import pytest

from outreach.core.validation import ValidationError
from outreach.ops import careplan, conversations, directory, goals, measures, people
from outreach.store.records import AppendOnly


@pytest.fixture
def pid(store):
    return people.new_person(store, person={"given_name": "Robin", "family_name": "Ash"}).id


def test_conversation_is_append_only_and_addenda_correct_it(store, pid):
    cid = conversations.record_conversation(store, person_id=pid, values={
        "setting": "community_venue", "notes": "Robin said the bus is hard."}).id
    with pytest.raises(AppendOnly):
        store.update(cid, {"notes": "changed"})
    conversations.add_addendum(store, conversation_id=cid, text="It was the 42 bus.")
    (conv,) = people.person_file(store, pid).conversations
    assert [a["text"] for a in conv["addenda"]] == ["It was the 42 bus."]


def test_saving_a_conversation_discards_its_draft_in_the_same_transaction(store, pid):
    conversations.save_draft(store, draft_id="d1", kind="conversation", person_id=pid,
                             data={"notes": "half typed"})
    assert [d["data"] for d in conversations.drafts(store, pid)] == [{"notes": "half typed"}]
    with pytest.raises(ValidationError):
        conversations.record_conversation(store, person_id=pid, values={"notes": "x"},
                                          draft_id="d1")     # no setting: refused
    assert len(conversations.drafts(store, pid)) == 1, "a refused save keeps the draft"
    conversations.record_conversation(store, person_id=pid, values={
        "setting": "home", "notes": "done"}, draft_id="d1")
    assert conversations.drafts(store, pid) == []


def test_care_plan_created_then_updated_with_changed_fields_only(store, pid):
    careplan.update_care_plan(store, person_id=pid, changes={"what_matters": "My garden"})
    careplan.update_care_plan(store, person_id=pid, changes={"what_matters": "My garden",
                                                             "strengths": "Patience"})
    (plan,) = store.query("care_plan", person_id=pid)
    assert plan["version"] == 2
    last = store.execute("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert last == '{"strengths":"Patience"}'


def test_care_plan_html_is_readable_and_escaped(store, pid):
    careplan.update_care_plan(store, person_id=pid, changes={
        "what_matters": "Being <outside>\nMy dog", "basic_needs": ["housing"]})
    goals.add_goal(store, person_id=pid, description="Walk to the park", life_area="leisure")
    html = careplan.care_plan_html(store, pid)
    assert "Robin Ash's care plan" in html
    assert "<p>Being &lt;outside&gt;</p><p>My dog</p>" in html
    assert "<li>Housing</li>" in html and "Walk to the park" in html
    assert '"' not in html.split("<body>")[1].split("Robin")[0]


def test_goal_progress_over_time(store, pid):
    gid = goals.add_goal(store, person_id=pid, description="Sleep better",
                         life_area="physical_health", set_on="2026-09-01").id
    goals.rate_goal(store, goal_id=gid, score=2, rated_on="2026-09-01")
    goals.rate_goal(store, goal_id=gid, score=6, rated_on="2026-10-15")
    with pytest.raises(ValidationError):
        goals.rate_goal(store, goal_id=gid, score=11)
    (goal,) = people.person_file(store, pid).goals
    assert [r["score"] for r in goal["ratings"]] == [2, 6]


def test_measures_scored_with_reliable_change_marks(store, pid):
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[2] * 7,
                            completed_on="2026-09-01")   # raw 14 -> 15.32
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[3] * 7,
                            completed_on="2026-10-01")   # raw 21 -> 19.25 (+3.93)
    measures.record_measure(store, person_id=pid, instrument="swemwbs",
                            answers=[3, 3, 3, 3, 3, 3, 4], completed_on="2026-11-01")
    points = measures.measure_history(store, pid, "swemwbs")
    assert [p.score for p in points][:2] == [15.32, 19.25]
    assert [p.change for p in points] == [None, "improved", "no_change"]
    with pytest.raises(ValidationError, match="7 questions"):
        measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[3] * 6)


def test_directory_csv_import_all_or_nothing(store, pid, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,category,phone\nCanal Walkers,Walking group,01234\n,peer_group,\n"
                   "Zoo,zoo,\n", "utf-8")
    result = directory.import_services_csv(store, bad)
    assert result.added == 0
    assert [(e.row, e.field) for e in result.errors] == [(3, "Name"), (4, "Kind of service")]
    assert store.count("service") == 0
    good = tmp_path / "good.csv"
    good.write_text("\ufeffName,Category,Area\nCanal Walkers,Walking group,East\n"
                    "Money Matters,debt_advice,\n", "utf-8")
    assert directory.import_services_csv(store, good).added == 2
    (walk,) = directory.services(store, "walk")
    assert walk["category"] == "walking_group" and walk["area"] == "East"
    directory.link_service(store, person_id=pid, service_id=walk["id"])
    (link,) = people.person_file(store, pid).service_links
    assert link["service"]["name"] == "Canal Walkers"


def test_directory_csv_rejects_binary_and_unknown_header(store, tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b"name,category\n\x00\x01,peer_group\n")
    assert directory.import_services_csv(store, f).errors[0].field == "file"
    f.write_text("title,kind\nA,B\n", "utf-8")
    assert directory.import_services_csv(store, f).errors[0].field == "header"
