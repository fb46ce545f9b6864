"""A person's record as FHIR R4 resources in a Bundle, built as plain dicts.

Pure Python: no Qt, no SQL, no FHIR library (the tests validate the output with
``fhir.resources``). Safe on any thread.

How our records map (see docs/indicators.md, "FHIR export"):

============  ===================================================================
person        Patient (names, preferred name as a "usual" name, pronouns extension,
              birth date, phone, email, address)
referral      ServiceRequest (intent ``order``; pending -> active, accepted ->
              completed, declined -> revoked)
episode       EpisodeOfCare (with its referral; key worker as careManager display;
              why it ended as an extension)
conversation  Encounter (kind and setting as types; notes and addenda, in the person's words, as
              the narrative)
care plan     CarePlan (what matters as description, each section as a note, goals)
goal          Goal; each progress rating an Observation (valueInteger 0-10) with the
              goal as focus and in Goal.outcomeReference
measure       QuestionnaireResponse (answers) plus an Observation with the score
risk flag     Flag
service       HealthcareService; a service link is a ServiceRequest to it
============  ===================================================================

References use ``urn:uuid:<record id>`` (every record id is a UUID made on the device), so
a Bundle stands alone. Our own code systems and extensions sit under :data:`NAMESPACE`.
Date-times are written with seconds and an offset, as FHIR requires.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from outreach.core import records as rk
from outreach.core.scoring import instrument_spec, score

NAMESPACE = "urn:outreach:fhir"
PRONOUNS_EXT = "http://hl7.org/fhir/StructureDefinition/individual-pronouns"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
XHTML = "http://www.w3.org/1999/xhtml"

Resource = dict[str, Any]
REFERRAL_STATUS = {"pending": "active", "accepted": "completed", "declined": "revoked"}
LINK_INTENT = {"suggested": "proposal"}
LINK_STATUS = {"suggested": "draft", "referred": "active", "attending": "active",
               "ended": "completed"}
GOAL_STATUS = {"active": "active", "achieved": "completed", "stopped": "cancelled"}
SETTING_CLASS = {"home": ("HH", "home health"), "phone": ("VR", "virtual"),
                 "video": ("VR", "virtual")}


def ref(record_id: str, display: str | None = None) -> dict[str, str]:
    out = {"reference": f"urn:uuid:{record_id}"}
    if display:
        out["display"] = display
    return out


def date_time(value: str) -> str:
    """A stored date-time as FHIR wants it: seconds and an offset (just the date if none)."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value[:10]
    if parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _code(kind: str, choices: tuple[tuple[str, str], ...], code: str) -> dict[str, Any]:
    label = dict(choices).get(code, code)
    return {"coding": [{"system": f"{NAMESPACE}:{kind}", "code": code, "display": label}],
            "text": label}


def _narrative(paragraphs: Iterable[str]) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return {"status": "additional", "div": f'<div xmlns="{XHTML}">{body or "<p/>"}</div>'}


def _drop_empty(resource: Resource) -> Resource:
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


# -- one resource per record kind --------------------------------------------------------
def patient(p: Mapping[str, Any]) -> Resource:
    names = [_drop_empty({"use": "official", "family": p.get("family_name"),
                          "given": [p["given_name"]] if p.get("given_name") else None})]
    if p.get("preferred_name"):
        names.append({"use": "usual", "given": [p["preferred_name"]]})
    telecom = [{"system": s, "value": p[f], "use": "home" if s == "email" else "mobile"}
               for s, f in (("phone", "phone"), ("email", "email")) if p.get(f)]
    ext = []
    if p.get("pronouns"):
        ext.append({"url": PRONOUNS_EXT, "extension": [
            {"url": "value", "valueCodeableConcept": {"text": p["pronouns"]}}]})
    return _drop_empty({
        "resourceType": "Patient", "id": p["id"], "extension": ext,
        "identifier": [{"system": f"{NAMESPACE}:person", "value": p["id"]}],
        "active": True, "name": names, "telecom": telecom,
        "birthDate": p.get("date_of_birth"),
        "address": [{"text": p["address"]}] if p.get("address") else None,
    })


def referral(r: Mapping[str, Any]) -> Resource:
    notes = [{"text": r["notes"]}] if r.get("notes") else []
    if r.get("decline_reason"):
        notes.append({"text": f"Declined: {r['decline_reason']}"})
    return _drop_empty({
        "resourceType": "ServiceRequest", "id": r["id"],
        "status": REFERRAL_STATUS.get(r.get("status", ""), "unknown"), "intent": "order",
        "code": {"text": "Referral to Living Well support"},
        "subject": ref(r["person_id"]), "authoredOn": r.get("received_on"),
        "requester": {"display": rk.REFERRAL.field("source").choice_label(r.get("source"))},
        "note": notes,
    })


def episode(e: Mapping[str, Any]) -> Resource:
    ext = []
    if e.get("exit_reason"):
        ext.append({"url": f"{NAMESPACE}:exit-reason", "valueCodeableConcept": _code(
            "exit-reason", rk.EXIT_REASONS, e["exit_reason"])})
    return _drop_empty({
        "resourceType": "EpisodeOfCare", "id": e["id"], "extension": ext,
        "status": "finished" if e.get("ended_on") else "active",
        "type": [{"text": "Living Well support"}], "patient": ref(e["person_id"]),
        "period": _drop_empty({"start": e.get("started_on"), "end": e.get("ended_on")}),
        "referralRequest": [ref(e["referral_id"])] if e.get("referral_id") else None,
        "careManager": {"display": e["key_worker"]} if e.get("key_worker") else None,
    })


def encounter(c: Mapping[str, Any], addenda: Iterable[Mapping[str, Any]] = ()) -> Resource:
    setting = c.get("setting") or ""
    code, display = SETTING_CLASS.get(setting, ("AMB", "ambulatory"))
    paragraphs = [c.get("notes") or ""]
    if c.get("follow_ups"):
        paragraphs.append(f"Follow-ups: {c['follow_ups']}")
    paragraphs += [f"Addendum: {a.get('text', '')}" for a in addenda]
    return _drop_empty({
        "resourceType": "Encounter", "id": c["id"], "text": _narrative(paragraphs),
        "status": "finished", "class": {"system": ACT_CODE, "code": code, "display": display},
        "type": [_code(name, choices, c[field]) for name, field, choices in
                 (("conversation-type", "type", rk.CONVERSATION_KINDS),
                  ("setting", "setting", rk.SETTINGS)) if c.get(field)],
        "subject": ref(c["person_id"]),
        "episodeOfCare": [ref(c["episode_id"])] if c.get("episode_id") else None,
        "participant": [{"individual": {"display": c["present"]}}] if c.get("present") else None,
        "period": {"start": date_time(c["occurred_at"])},
    })


def care_plan(p: Mapping[str, Any], goal_ids: Iterable[str]) -> Resource:
    sections = [f for f in rk.CARE_PLAN.fields if f.type is rk.FieldType.TEXT
                and f.name != "what_matters" and p.get(f.name)]
    notes = [{"text": f"{f.label}: {p[f.name]}"} for f in sections]
    if p.get("basic_needs"):
        labels = [dict(rk.BASIC_NEEDS).get(n, n) for n in p["basic_needs"]]
        notes.insert(0, {"text": f"Basic needs first: {', '.join(labels)}"})
    return _drop_empty({
        "resourceType": "CarePlan", "id": p["id"], "status": "active", "intent": "plan",
        "title": "My care plan", "description": p.get("what_matters"),
        "subject": ref(p["person_id"]), "created": date_time(p["created_at"])
        if p.get("created_at") else None,
        "goal": [ref(g) for g in goal_ids], "note": notes,
    })


def goal(g: Mapping[str, Any], rating_ids: Iterable[str]) -> Resource:
    status = g.get("status") or "active"
    return _drop_empty({
        "resourceType": "Goal", "id": g["id"],
        "lifecycleStatus": GOAL_STATUS.get(status, "active"),
        "achievementStatus": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
            "code": "achieved", "display": "Achieved"}]} if status == "achieved" else None,
        "category": [_code("life-area", rk.LIFE_AREAS, g["life_area"])]
        if g.get("life_area") else None,
        "description": {"text": g.get("description") or ""},
        "subject": ref(g["person_id"]), "startDate": g.get("set_on"),
        "outcomeReference": [ref(r) for r in rating_ids],
    })


def goal_rating(r: Mapping[str, Any]) -> Resource:
    return _drop_empty({
        "resourceType": "Observation", "id": r["id"], "status": "final",
        "code": {"text": "Progress towards goal (0 = not at all, 10 = reached)"},
        "subject": ref(r["person_id"]), "focus": [ref(r["goal_id"])],
        "effectiveDateTime": r.get("rated_on"), "valueInteger": int(r["score"]),
        "note": [{"text": r["note"]}] if r.get("note") else None,
    })


def questionnaire_response(m: Mapping[str, Any]) -> Resource:
    spec = instrument_spec(m["instrument"])
    answers = m.get("answers") or []
    items = [{"linkId": str(n), "text": text, "answer": [{"valueInteger": int(a)}]}
             for n, (text, a) in enumerate(zip(spec.items, answers, strict=False), 1)]
    return {"resourceType": "QuestionnaireResponse", "id": m["id"],
            "questionnaire": f"{NAMESPACE}:questionnaire:{spec.code}", "status": "completed",
            "subject": ref(m["person_id"]), "authored": m["completed_on"], "item": items}


def measure_score(m: Mapping[str, Any], observation_id: str) -> Resource:
    spec = instrument_spec(m["instrument"])
    result = score(spec.code, m.get("answers") or [])
    out: Resource = {
        "resourceType": "Observation", "id": observation_id, "status": "final",
        "code": {"coding": [{"system": f"{NAMESPACE}:questionnaire", "code": spec.code,
                             "display": spec.name}], "text": f"{spec.name} score"},
        "subject": ref(m["person_id"]), "effectiveDateTime": m["completed_on"],
        "valueQuantity": {"value": result.score, "unit": "score"},
        "derivedFrom": [ref(m["id"])],
    }
    if result.band:
        out["interpretation"] = [{"text": result.band}]
    return out


def flag(f: Mapping[str, Any]) -> Resource:
    level = dict(rk.RISK_LEVELS).get(f.get("level", ""), f.get("level", ""))
    return _drop_empty({
        "resourceType": "Flag", "id": f["id"],
        "status": "active" if f.get("status") == "open" else "inactive",
        "category": [_code("risk-level", rk.RISK_LEVELS, f["level"])]
        if f.get("level") else None,
        "code": {"text": f"{level} risk: {f.get('concern', '')}"},
        "subject": ref(f["person_id"]),
        "period": _drop_empty({"start": f.get("raised_on"), "end": f.get("closed_on")}),
    })


def healthcare_service(s: Mapping[str, Any]) -> Resource:
    telecom = [{"system": system, "value": s[name]} for system, name in
               (("phone", "phone"), ("email", "email"), ("url", "website")) if s.get(name)]
    return _drop_empty({
        "resourceType": "HealthcareService", "id": s["id"], "active": True,
        "name": s.get("name"),
        "type": [_code("service-category", rk.SERVICE_CATEGORIES, s["category"])]
        if s.get("category") else None,
        "comment": s.get("description"), "telecom": telecom,
        "extraDetails": s.get("opening_times"),
    })


def service_link(link: Mapping[str, Any], service: Mapping[str, Any] | None) -> Resource:
    status = link.get("status") or "suggested"
    return _drop_empty({
        "resourceType": "ServiceRequest", "id": link["id"],
        "status": LINK_STATUS.get(status, "unknown"),
        "intent": LINK_INTENT.get(status, "order"),
        "category": [{"text": "Link to a community service"}],
        "code": {"text": f"Link to {service.get('name') if service else 'a service'}"},
        "subject": ref(link["person_id"]), "authoredOn": link.get("linked_on"),
        "performer": [ref(link["service_id"], service.get("name") if service else None)],
        "note": [{"text": link["notes"]}] if link.get("notes") else None,
    })


# -- the bundle --------------------------------------------------------------------------
def resources(records: Iterable[Mapping[str, Any]]) -> list[Resource]:
    """FHIR resources for these records (deleted ones and conflicts are left out).

    A service link needs its service among ``records`` to name it; services are included
    whether or not anyone is linked to them.
    """
    by_kind: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for rec in records:
        if not rec.get("deleted"):
            by_kind[str(rec.get("kind"))].append(rec)
    services = {s["id"]: s for s in by_kind["service"]}
    addenda: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for a in sorted(by_kind["addendum"], key=lambda a: str(a.get("created_at"))):
        addenda[a["conversation_id"]].append(a)
    ratings: dict[str, list[str]] = defaultdict(list)
    for r in by_kind["goal_rating"]:
        ratings[r["goal_id"]].append(r["id"])
    goals_of: dict[str, list[str]] = defaultdict(list)
    for g in by_kind["goal"]:
        goals_of[g["person_id"]].append(g["id"])

    out: list[Resource] = [patient(p) for p in by_kind["person"]]
    out += [referral(r) for r in by_kind["referral"]]
    out += [episode(e) for e in by_kind["episode"]]
    out += [encounter(c, addenda.get(c["id"], [])) for c in
            sorted(by_kind["conversation"], key=lambda c: str(c.get("occurred_at")))]
    out += [care_plan(p, goals_of.get(p["person_id"], [])) for p in by_kind["care_plan"]]
    out += [goal(g, ratings.get(g["id"], [])) for g in by_kind["goal"]]
    out += [goal_rating(r) for r in by_kind["goal_rating"]]
    for m in sorted(by_kind["measure"], key=lambda m: str(m.get("completed_on"))):
        out.append(questionnaire_response(m))
        out.append(measure_score(m, score_id(m["id"])))
    out += [flag(f) for f in by_kind["risk_flag"]]
    out += [service_link(link, services.get(link["service_id"]))
            for link in by_kind["service_link"]]
    out += [healthcare_service(s) for s in services.values()]
    return out


def score_id(measure_id: str) -> str:
    """The id of a measure's score Observation: a UUID derived from the measure's id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}:score:{measure_id}"))


def bundle(records: Iterable[Mapping[str, Any]], *,
           timestamp: dt.datetime | None = None) -> Resource:
    """A FHIR R4 Bundle (type ``collection``) of everything in ``records``."""
    when = (timestamp or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    return {
        "resourceType": "Bundle", "type": "collection", "timestamp": when,
        "meta": {"tag": [{"system": f"{NAMESPACE}:export", "code": "fhir-r4"}]},
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r}
                  for r in resources(records)],
    }
