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
        consent_record=True, consent_share=True, what_matters="My garden & my dog",
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
                     "HealthcareService", "Observation", "Patient", "Questionnaire",
                     "QuestionnaireResponse", "ServiceRequest"]


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


# -- issue 14 item 13: a receiving system can use what we send ---------------------------
SNOMED = "http://snomed.info/sct"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
PID = "00000000-0000-4000-8000-000000000001"


def _rec(kind: str, n: int, **values) -> dict:
    out = {"kind": kind, "id": f"00000000-0000-4000-8000-{n:012d}", **values}
    if kind not in ("person", "service"):
        out["person_id"] = PID
    return out


def _by_type(records) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in fhir.resources(records):
        out.setdefault(r["resourceType"], []).append(r)
    return out


def _codings(concept: dict, system: str) -> list[str]:
    return [c["code"] for c in concept.get("coding", []) if c["system"] == system]


def test_standard_codes_sit_beside_the_local_ones(person_records) -> None:
    by_type = _by_type(person_records)
    (referral,) = [s for s in by_type["ServiceRequest"] if "performer" not in s]
    assert _codings(referral["code"], SNOMED) == ["3457005"]            # Patient referral
    scores = {o["code"]["coding"][-1]["code"]: o for o in by_type["Observation"]
              if "valueQuantity" in o}
    assert _codings(scores["swemwbs"]["code"], SNOMED) == ["718466001"]
    assert _codings(scores["reqol10"]["code"], SNOMED) == ["1091071000000100"]
    for obs in scores.values():   # the local code is still there, beside the standard one
        assert _codings(obs["code"], f"{fhir.NAMESPACE}:questionnaire")
        assert obs["category"][0]["coding"][0]["code"] == "survey"
    for flag in by_type["Flag"]:
        systems = {c["system"] for cat in flag["category"] for c in cat["coding"]}
        assert "http://terminology.hl7.org/CodeSystem/flag-category" in systems
        assert f"{fhir.NAMESPACE}:risk-level" in systems


def test_every_questionnaire_response_resolves_to_a_questionnaire(person_records) -> None:
    bundle = fhir.bundle(person_records)
    for entry in bundle["entry"]:
        _validate(entry["resource"])
    by_type = _by_type(person_records)
    questionnaires = {q["url"]: q for q in by_type["Questionnaire"]}
    assert len(questionnaires) == 2, "one Questionnaire per instrument used"
    for qr in by_type["QuestionnaireResponse"]:
        q = questionnaires[qr["questionnaire"]]
        assert q["status"] == "active"
        options = {i["linkId"]: {o["valueCoding"]["code"] for o in i["answerOption"]}
                   for i in q["item"]}
        for item in qr["item"]:
            (answer,) = item["answer"]
            assert answer["valueCoding"]["code"] in options[item["linkId"]]


def test_answers_are_sent_as_given_so_a_receiver_can_rescore() -> None:
    """ReQoL-10, hand-worked: answers 0,1,2,3,4,0,1,2,3,4 as ticked; items 1, 3, 6 and 9
    are reversed (4 - answer): 4+1+2+3+4+4+1+2+1+4 = 26."""
    given = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]
    records = [_rec("person", 1, given_name="Ada"),
               _rec("measure", 2, instrument="reqol10", completed_on="2024-02-01",
                    answers=given)]
    by_type = _by_type(records)
    (qr,) = by_type["QuestionnaireResponse"]
    assert [int(i["answer"][0]["valueCoding"]["code"]) for i in qr["item"]] == given
    (q,) = by_type["Questionnaire"]
    weight = {(i["linkId"], o["valueCoding"]["code"]): ext["valueDecimal"]
              for i in q["item"] for o in i["answerOption"]
              for ext in o["valueCoding"]["extension"] if ext["url"] == ORDINAL}
    rescored = sum(weight[(i["linkId"], i["answer"][0]["valueCoding"]["code"])]
                   for i in qr["item"])
    assert rescored == 26
    (obs,) = by_type["Observation"]
    assert obs["valueQuantity"]["value"] == 26.0


@pytest.mark.parametrize(("setting", "act"), [
    ("outdoors", "FLD"), ("community_venue", "FLD"), ("listening_lounge", "FLD"),
    ("home", "HH"), ("clinic", "AMB"), ("phone", "VR"), ("video", "VR")])
def test_meetings_out_in_the_community_are_field_encounters(setting, act) -> None:
    records = [_rec("person", 1, given_name="Ada"),
               _rec("conversation", 2, occurred_at="2024-02-01T10:00+00:00",
                    setting=setting, type="support", notes="Synthetic")]
    (enc,) = _by_type(records)["Encounter"]
    assert enc["class"]["code"] == act
    _validate(enc)


def _support(*, ended: bool = False, referral: str = "accepted", source: str = "gp",
             episode: bool = True) -> list[dict]:
    recs = [_rec("person", 1, given_name="Ada"),
            _rec("referral", 2, source=source, received_on="2024-01-02", status=referral),
            _rec("care_plan", 4, what_matters="Synthetic"),
            _rec("service", 5, name="Walking group", category="walking_group"),
            _rec("service_link", 6, service_id=_rec("x", 5)["id"], linked_on="2024-01-20",
                 status="suggested"),
            _rec("service_link", 7, service_id=_rec("x", 5)["id"], linked_on="2024-01-21",
                 status="attending")]
    if episode:
        recs.append(_rec("episode", 3, referral_id=_rec("x", 2)["id"], started_on="2024-01-10",
                         ended_on="2024-03-30" if ended else None,
                         exit_reason="met_goals" if ended else None))
    return recs


def test_care_plan_and_requests_follow_the_persons_support() -> None:
    open_ = _by_type(_support())
    (plan,) = open_["CarePlan"]
    assert plan["status"] == "active" and plan["period"] == {"start": "2024-01-10"}
    requests = {s["id"][-1]: s for s in open_["ServiceRequest"]}
    assert requests["2"]["status"] == "active", "an accepted referral is in force"
    assert (requests["6"]["status"], requests["6"]["intent"]) == ("draft", "proposal")
    assert requests["7"]["status"] == "active"

    ended = _by_type(_support(ended=True))
    (plan,) = ended["CarePlan"]
    assert plan["status"] == "completed"
    assert plan["period"] == {"start": "2024-01-10", "end": "2024-03-30"}
    requests = {s["id"][-1]: s for s in ended["ServiceRequest"]}
    assert requests["2"]["status"] == "completed"
    assert requests["6"]["status"] == "revoked", "a suggestion never taken up lapses"
    assert requests["7"]["status"] == "active", "they may still go to the walking group"

    declined = _by_type(_support(referral="declined", episode=False))
    assert declined["CarePlan"][0]["status"] == "revoked"
    waiting = _by_type(_support(referral="pending", episode=False))
    assert waiting["CarePlan"][0]["status"] == "draft"
    for variant in (open_, ended, declined, waiting):
        for resources_ in variant.values():
            for r in resources_:
                _validate(r)


def test_a_self_referral_is_requested_by_the_patient() -> None:
    (own,) = [s for s in _by_type(_support(source="self"))["ServiceRequest"]
              if s["id"].endswith("2")]
    assert own["requester"] == {"reference": f"urn:uuid:{PID}"}
    (gp,) = [s for s in _by_type(_support(source="gp"))["ServiceRequest"]
             if s["id"].endswith("2")]
    assert gp["requester"] == {"display": "GP"}


def test_only_people_who_agreed_to_share_are_exported() -> None:
    yes, no, unknown = (f"00000000-0000-4000-8000-00000000010{n}" for n in range(3))
    records = [{"kind": "person", "id": yes, "given_name": "Yes", "consent_share": True},
               {"kind": "person", "id": no, "given_name": "No", "consent_share": False},
               {"kind": "person", "id": unknown, "given_name": "Unknown"},
               _rec("service", 5, name="Walking group", category="walking_group")]
    for n, pid in enumerate((yes, no, unknown)):
        records.append({"kind": "goal", "id": f"00000000-0000-4000-8000-00000000020{n}",
                        "person_id": pid, "description": "Synthetic", "life_area": "other",
                        "set_on": "2024-01-01", "status": "active"})
    kept, withheld = fhir.shareable(records)
    assert withheld == [no, unknown]
    assert {r.get("person_id") or r["id"] for r in kept} == {yes, _rec("x", 5)["id"]}
    assert fhir.may_share({"consent_share": True})
    assert not fhir.may_share({"consent_share": None})
