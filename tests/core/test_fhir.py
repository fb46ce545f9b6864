"""FHIR export: every resource and the Bundle validate with fhir.resources.

fhir.resources (8.x, pydantic 2) ships FHIR R5 at its root and R4B (4.3.0) as a
sub-package; there is no plain R4 package for pydantic 2. R4B is R4 with changes confined
to resources we do not use (medication definition, Subscription, Evidence), so the R4B
models check our R4 resources. They do not check codes against value sets, so the required
status bindings are checked here by hand, from the R4 specification.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fhir.resources.R4B import get_fhir_model_class

from outreach.core import fhir
from outreach.ops import careplan, conversations, directory, episodes, goals, measures, risk

REQUIRED_CODES = {  # (resource, element) -> the R4 required value set
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                                   "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order",
                                   "reflex-order", "filler-order", "instance-order",
                                   "option"},
    ("EpisodeOfCare", "status"): {"planned", "waitlist", "active", "onhold", "finished",
                                  "cancelled", "entered-in-error"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave",
                              "finished", "cancelled", "entered-in-error", "unknown"},
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                             "entered-in-error", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("Goal", "lifecycleStatus"): {"proposed", "planned", "accepted", "active", "on-hold",
                                  "completed", "cancelled", "entered-in-error", "rejected"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended",
                                          "entered-in-error", "stopped"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended"},
    ("Flag", "status"): {"active", "inactive", "entered-in-error"},
}


@pytest.fixture
def person_records(store):
    """One person with a record of every kind, made through the real ops."""
    made = conversations.welcome(
        store, person={"given_name": "Robin", "family_name": "Ash", "preferred_name": "Rob",
                       "pronouns": "they/them", "date_of_birth": "1990-04-01",
                       "phone": "07700 900123", "team": "north"},
        consent_record=True, consent_share=False, what_matters="My garden & my dog",
        goals=[{"description": "Walk to the park", "life_area": "leisure"},
               {"description": "Sort out my debts", "life_area": "money"}],
        notes="Rob said <mornings> are hard.", setting="outdoors",
        occurred_at="2024-01-16T10:30+00:00")
    pid = made.id
    careplan.update_care_plan(store, person_id=pid, changes={
        "strengths": "Patience", "basic_needs": ["money"]})
    conv = conversations.record_conversation(store, person_id=pid, values={
        "setting": "home", "notes": "Talked about the garden.", "present": "Rob and sister",
        "occurred_at": "2024-02-01T14:00+00:00", "follow_ups": "Call the debt line"}).id
    conversations.add_addendum(store, conversation_id=conv, text="It was Tuesday.")
    goal_ids = [g["id"] for g in store.query("goal", person_id=pid)]
    goals.rate_goal(store, goal_id=goal_ids[0], score=3, rated_on="2024-01-16")
    goals.rate_goal(store, goal_id=goal_ids[0], score=6, rated_on="2024-03-01",
                    note="Made it twice")
    goals.update_goal(store, goal_ids[1], {"status": "achieved"})
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[3] * 7,
                            completed_on="2024-01-16")
    measures.record_measure(store, person_id=pid, instrument="reqol10", answers=[1] * 10,
                            completed_on="2024-01-16")
    risk.raise_flag(store, person_id=pid, level="high", concern="Lost their job")
    risk.close_flag(store, risk.raise_flag(store, person_id=pid, level="low",
                                           concern="Sleeping badly").id,
                    reason="Sleeping well again")
    svc = directory.add_service(store, {"name": "Debt Line", "category": "debt_advice",
                                        "phone": "0800 000 000",
                                        "website": "https://debt.example"}).id
    directory.link_service(store, person_id=pid, service_id=svc, status="referred")
    directory.link_service(store, person_id=pid, service_id=svc)
    (ep,) = store.query("episode", person_id=pid)
    episodes.end_episode(store, episode_id=ep["id"], reason="met_goals", ended_on="2024-03-30")
    return store.person_records(pid) + store.query("service")


def _validate(resource: dict) -> None:
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)
    for (rtype, element), allowed in REQUIRED_CODES.items():
        if resource["resourceType"] == rtype and element in resource:
            assert resource[element] in allowed, (rtype, element, resource[element])


def test_every_resource_and_the_bundle_validate(person_records) -> None:
    bundle = fhir.bundle(person_records, timestamp=dt.datetime(2024, 4, 1, 9, 0,
                                                               tzinfo=dt.UTC))
    for entry in bundle["entry"]:
        _validate(entry["resource"])
    parsed = get_fhir_model_class("Bundle").model_validate(bundle)
    kinds = sorted({e.resource.get_resource_type() for e in parsed.entry})
    assert kinds == ["CarePlan", "Encounter", "EpisodeOfCare", "Flag", "Goal",
                     "HealthcareService", "Observation", "Patient", "QuestionnaireResponse",
                     "ServiceRequest"]


def test_references_resolve_inside_the_bundle(person_records) -> None:
    bundle = fhir.bundle(person_records)
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert len(urls) == len(bundle["entry"]), "every resource once"

    def refs(value):
        if isinstance(value, dict):
            if "reference" in value:
                yield value["reference"]
            for v in value.values():
                yield from refs(v)
        elif isinstance(value, list):
            for v in value:
                yield from refs(v)

    found = list(refs(bundle["entry"]))
    assert found and set(found) <= urls


def test_content_maps_as_documented(person_records) -> None:
    by_type: dict[str, list[dict]] = {}
    for r in fhir.resources(person_records):
        by_type.setdefault(r["resourceType"], []).append(r)
    (patient,) = by_type["Patient"]
    assert patient["name"][0] == {"use": "official", "family": "Ash", "given": ["Robin"]}
    assert patient["name"][1] == {"use": "usual", "given": ["Rob"]}
    assert patient["extension"][0]["extension"][0]["valueCodeableConcept"]["text"] == \
        "they/them"
    (episode,) = by_type["EpisodeOfCare"]
    assert episode["status"] == "finished" and episode["period"]["end"] == "2024-03-30"
    assert episode["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "met_goals"
    welcome, home = by_type["Encounter"]
    assert welcome["period"]["start"] == "2024-01-16T10:30:00+00:00"
    assert "&lt;mornings&gt;" in welcome["text"]["div"]
    assert "Addendum: It was Tuesday." in home["text"]["div"]
    assert home["class"]["code"] == "HH"
    assert [t["coding"][0]["code"] for t in home["type"]] == ["support", "home"]
    scores = [o for o in by_type["Observation"] if "valueQuantity" in o]
    assert sorted(o["valueQuantity"]["value"] for o in scores) == [18.0, 19.25]  # ReQoL: 6x1 + 4x3
    ratings = [o for o in by_type["Observation"] if "valueInteger" in o]
    assert sorted(o["valueInteger"] for o in ratings) == [3, 6]
    goals_ = {g["description"]["text"]: g for g in by_type["Goal"]}
    assert goals_["Sort out my debts"]["lifecycleStatus"] == "completed"
    assert len(goals_["Walk to the park"]["outcomeReference"]) == 2
    (qr_sw,) = [q for q in by_type["QuestionnaireResponse"] if q["questionnaire"].endswith(
        "swemwbs")]
    assert len(qr_sw["item"]) == 7
    assert sorted(f["status"] for f in by_type["Flag"]) == ["active", "inactive"]
    links = [s for s in by_type["ServiceRequest"] if "performer" in s]
    assert sorted(s["intent"] for s in links) == ["order", "proposal"]
    (plan,) = by_type["CarePlan"]
    assert plan["description"] == "My garden & my dog" and len(plan["goal"]) == 2


def test_date_times_gain_seconds_and_naive_ones_become_dates() -> None:
    assert fhir.date_time("2024-01-16T10:30+01:00") == "2024-01-16T10:30:00+01:00"
    assert fhir.date_time("2024-01-16T10:30") == "2024-01-16"
    assert fhir.date_time("nonsense") == "nonsense"[:10]
