"""A person's record as FHIR R4 resources in a Bundle, built as plain dicts.

Pure Python: no Qt, no SQL, no FHIR library (the tests validate the output with
``fhir.resources``). Safe on any thread.

How our records map (see docs/indicators.md, "FHIR export"):

============  ======================================================================
person        Patient (names, preferred name as a "usual" name, pronouns extension,
              birth date, phone, email, address)
referral      ServiceRequest (intent ``order``, SNOMED CT "Patient referral"; pending ->
              active, accepted -> active while support goes on and completed once it has
              ended, declined -> revoked; a self-referral's requester is the Patient)
episode       EpisodeOfCare (with its referral; key worker as careManager display;
              why it ended as an extension)
conversation  Encounter (kind and setting as types; outdoors, community venues and Listening
              Lounges are *field* encounters; notes and addenda, in the person's words, as
              the narrative)
care plan     CarePlan (what matters as description, each section as a note, goals; its
              status and period follow the person's support: active while supported,
              completed once support has ended, draft before it starts, revoked when the
              referral was declined)
goal          Goal; each progress rating an Observation (valueInteger 0-10) with the
              goal as focus and in Goal.outcomeReference
measure       QuestionnaireResponse (answers as ticked, before any reversal) plus an
              Observation with the score (SNOMED CT code beside ours); one Questionnaire
              per instrument, whose answer options carry the scored value of each answer
              (``ordinalValue``), so every response resolves and a receiver can rescore
risk flag     Flag (category "safety" beside our risk level)
service       HealthcareService; a service link is a ServiceRequest to it (suggested ->
              draft proposal, lapsing to revoked once support has ended; referred and
              attending -> active; ended -> completed)
============  ======================================================================

Only people who agreed to share their record with partner services may be exported:
:func:`shareable` leaves the others out (the ops layer refuses a one-person export).

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
from functools import lru_cache
from typing import Any

from outreach.core import records as rk
from outreach.core import rules
from outreach.core.scoring import Instrument, instrument_spec, score

NAMESPACE = "urn:outreach:fhir"
PRONOUNS_EXT = "http://hl7.org/fhir/StructureDefinition/individual-pronouns"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SNOMED = "http://snomed.info/sct"
ORDINAL_EXT = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
XHTML = "http://www.w3.org/1999/xhtml"

Resource = dict[str, Any]
REFERRAL_STATUS = {"pending": "active", "accepted": "completed", "declined": "revoked"}
LINK_INTENT = {"suggested": "proposal"}
LINK_STATUS = {"suggested": "draft", "referred": "active", "attending": "active",
               "ended": "completed"}
GOAL_STATUS = {"active": "active", "achieved": "completed", "stopped": "cancelled"}
SETTING_CLASS = {"home": ("HH", "home health"), "phone": ("VR", "virtual"),
                 "video": ("VR", "virtual"), "outdoors": ("FLD", "field"),
                 "community_venue": ("FLD", "field"), "listening_lounge": ("FLD", "field")}
#: SNOMED CT concepts for our scores, from NHS England's Mental Health Services Data Set
#: assessment reference data (SWEMWBS: international edition; ReQoL-10: UK extension).
SCORE_CODES = {
    "swemwbs": ("718466001", "Short Warwick-Edinburgh Mental Well-being Scale score"),
    "reqol10": ("1091071000000100", "Recovering Quality of Life 10-item questionnaire score"),
}
REFERRAL_CODE = {"system": SNOMED, "code": "3457005", "display": "Patient referral"}


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


def support_state(episodes: Iterable[Mapping[str, Any]]) -> str | None:
    """``"open"`` while any of these periods of support is open, ``"ended"`` once all have
    ended, ``None`` when there are none."""
    ends = [e.get("ended_on") for e in episodes]
    if not ends:
        return None
    return "ended" if all(ends) else "open"


def referral(r: Mapping[str, Any], support: str | None = None) -> Resource:
    """A referral; ``support`` is the state of the support it led to (:func:`support_state`):
    an accepted referral stays active while support goes on and is completed once it ends."""
    notes = [{"text": r["notes"]}] if r.get("notes") else []
    if r.get("decline_reason"):
        notes.append({"text": f"Declined: {r['decline_reason']}"})
    status = REFERRAL_STATUS.get(r.get("status", ""), "unknown")
    if r.get("status") == "accepted" and support != "ended":
        status = "active"
    source = r.get("source")
    requester = ref(r["person_id"]) if source == "self" else {
        "display": rk.REFERRAL.field("source").choice_label(source)}
    return _drop_empty({
        "resourceType": "ServiceRequest", "id": r["id"], "status": status, "intent": "order",
        "code": {"coding": [REFERRAL_CODE], "text": "Referral to Living Well support"},
        "subject": ref(r["person_id"]), "authoredOn": r.get("received_on"),
        "requester": requester, "note": notes,
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


def care_plan(p: Mapping[str, Any], goal_ids: Iterable[str], *,
              episodes: Iterable[Mapping[str, Any]] = (), declined: bool = False) -> Resource:
    """A care plan whose status and period follow the person's ``episodes`` (see the
    module's table); ``declined``: their latest referral was declined."""
    episodes = list(episodes)
    support = support_state(episodes)
    status = {"open": "active", "ended": "completed"}.get(
        support or "", "revoked" if declined else "draft")
    period = {}
    if episodes:
        period["start"] = min(str(e.get("started_on")) for e in episodes)
        if support == "ended":
            period["end"] = max(str(e.get("ended_on")) for e in episodes)
    sections = [f for f in rk.CARE_PLAN.fields if f.type is rk.FieldType.TEXT
                and f.name != "what_matters" and p.get(f.name)]
    notes = [{"text": f"{f.label}: {p[f.name]}"} for f in sections]
    if p.get("basic_needs"):
        labels = [dict(rk.BASIC_NEEDS).get(n, n) for n in p["basic_needs"]]
        notes.insert(0, {"text": f"Basic needs first: {', '.join(labels)}"})
    return _drop_empty({
        "resourceType": "CarePlan", "id": p["id"], "status": status, "intent": "plan",
        "title": "My care plan", "description": p.get("what_matters"),
        "subject": ref(p["person_id"]), "period": period,
        "created": date_time(p["created_at"])
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


def questionnaire_url(code: str) -> str:
    """The canonical URL of an instrument's Questionnaire (what a response points at)."""
    return f"{NAMESPACE}:questionnaire:{code}"


@lru_cache(maxsize=32)
def item_scores(code: str) -> tuple[dict[int, int], ...]:
    """For each item of an instrument, the score each possible answer adds to the raw total
    (reversed items count ``min + max - answer``).

    Worked out with :func:`outreach.core.scoring.score` itself (an item whose top answer
    lowers the total is reversed), so it cannot disagree with how we score.
    """
    spec = instrument_spec(code)
    lo, hi = spec.answer_min, spec.answer_max
    floor = [lo] * len(spec.items)
    base = score(code, floor).raw
    out = []
    for i in range(len(spec.items)):
        probe = list(floor)
        probe[i] = hi
        flipped = score(code, probe).raw < base
        out.append({a: (lo + hi - a) if flipped else a for a in range(lo, hi + 1)})
    return tuple(out)


def _answer(spec: Instrument, answer: int) -> dict[str, Any]:
    return {"system": f"{NAMESPACE}:answer:{spec.code}", "code": str(answer),
            "display": spec.answer_labels[answer - spec.answer_min]}


def questionnaire(code: str) -> Resource:
    """An instrument as a Questionnaire: each item a choice whose options are the answers
    as ticked, each carrying (``ordinalValue``) what it adds to the raw total."""
    spec = instrument_spec(code)
    weights = item_scores(code)
    items = []
    for n, text in enumerate(spec.items, 1):
        options = [{"valueCoding": {**_answer(spec, a), "extension": [
            {"url": ORDINAL_EXT, "valueDecimal": weights[n - 1][a]}]}}
            for a in range(spec.answer_min, spec.answer_max + 1)]
        items.append({"linkId": str(n), "text": text, "type": "choice", "required": True,
                      "answerOption": options})
    return _drop_empty({
        "resourceType": "Questionnaire",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, questionnaire_url(spec.code))),
        "url": questionnaire_url(spec.code),
        "name": "".join(ch for ch in spec.name if ch.isalnum()), "title": spec.title,
        "status": "active", "subjectType": ["Patient"], "description": spec.instructions,
        "item": items,
    })


def questionnaire_response(m: Mapping[str, Any]) -> Resource:
    """The answers as ticked (before any reversal), as codes of the Questionnaire."""
    spec = instrument_spec(m["instrument"])
    answers = m.get("answers") or []
    items = [{"linkId": str(n), "text": text, "answer": [{"valueCoding": _answer(spec, int(a))}]}
             for n, (text, a) in enumerate(zip(spec.items, answers, strict=False), 1)]
    return {"resourceType": "QuestionnaireResponse", "id": m["id"],
            "questionnaire": questionnaire_url(spec.code), "status": "completed",
            "subject": ref(m["person_id"]), "authored": m["completed_on"], "item": items}


def measure_score(m: Mapping[str, Any], observation_id: str) -> Resource:
    spec = instrument_spec(m["instrument"])
    result = score(spec.code, m.get("answers") or [])
    codings = [{"system": f"{NAMESPACE}:questionnaire", "code": spec.code,
                "display": spec.name}]
    if spec.code in SCORE_CODES:
        code, display = SCORE_CODES[spec.code]
        codings.insert(0, {"system": SNOMED, "code": code, "display": display})
    out: Resource = {
        "resourceType": "Observation", "id": observation_id, "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": "survey",
                                  "display": "Survey"}]}],
        "code": {"coding": codings, "text": f"{spec.name} score"},
        "subject": ref(m["person_id"]), "effectiveDateTime": m["completed_on"],
        "valueQuantity": {"value": result.score, "unit": "score"},
        "derivedFrom": [ref(m["id"])],
        "component": [{"code": {"text": "Raw total (the items' scores after any reversal)"},
                       "valueQuantity": {"value": result.raw, "unit": "score"}}],
    }
    if result.band:
        out["interpretation"] = [{"text": result.band}]
    return out


def flag(f: Mapping[str, Any]) -> Resource:
    level = dict(rk.RISK_LEVELS).get(f.get("level", ""), f.get("level", ""))
    return _drop_empty({
        "resourceType": "Flag", "id": f["id"],
        "status": "active" if f.get("status") == "open" else "inactive",
        "category": [{"coding": [{"system": FLAG_CATEGORY, "code": "safety",
                                  "display": "Safety"}]}]
        + ([_code("risk-level", rk.RISK_LEVELS, f["level"])] if f.get("level") else []),
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


def service_link(link: Mapping[str, Any], service: Mapping[str, Any] | None,
                 support: str | None = None) -> Resource:
    """A link to a service; a suggestion still open when support has ended lapses."""
    status = link.get("status") or "suggested"
    fhir_status = LINK_STATUS.get(status, "unknown")
    if status == "suggested" and support == "ended":
        fhir_status = "revoked"
    return _drop_empty({
        "resourceType": "ServiceRequest", "id": link["id"], "status": fhir_status,
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
    episodes_of: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    episodes_from: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for e in by_kind["episode"]:
        episodes_of[e["person_id"]].append(e)
        if e.get("referral_id"):
            episodes_from[e["referral_id"]].append(e)
    latest_referral: dict[str, Mapping[str, Any]] = {}
    for r in sorted(by_kind["referral"], key=lambda r: str(r.get("received_on"))):
        latest_referral[r["person_id"]] = r

    def support(person_id: str) -> str | None:
        return support_state(episodes_of.get(person_id, []))

    out: list[Resource] = [patient(p) for p in by_kind["person"]]
    out += [referral(r, support_state(episodes_from[r["id"]]) if episodes_from.get(r["id"])
                     else support(r["person_id"])) for r in by_kind["referral"]]
    out += [episode(e) for e in by_kind["episode"]]
    out += [encounter(c, addenda.get(c["id"], [])) for c in
            sorted(by_kind["conversation"], key=lambda c: str(c.get("occurred_at")))]
    out += [care_plan(p, goals_of.get(p["person_id"], []),
                      episodes=episodes_of.get(p["person_id"], []),
                      declined=latest_referral.get(p["person_id"], {}).get("status")
                      == "declined") for p in by_kind["care_plan"]]
    out += [goal(g, ratings.get(g["id"], [])) for g in by_kind["goal"]]
    out += [goal_rating(r) for r in by_kind["goal_rating"]]
    for m in sorted(by_kind["measure"], key=lambda m: str(m.get("completed_on"))):
        out.append(questionnaire_response(m))
        out.append(measure_score(m, score_id(m["id"])))
    out += [questionnaire(code) for code in sorted({m["instrument"] for m in by_kind["measure"]})]
    out += [flag(f) for f in by_kind["risk_flag"]]
    out += [service_link(link, services.get(link["service_id"]), support(link["person_id"]))
            for link in by_kind["service_link"]]
    out += [healthcare_service(s) for s in services.values()]
    return out


def may_share(person: Mapping[str, Any]) -> bool:
    """Whether this person agreed to their record being shared with partner services:
    the one rule every export and referral gate uses (:func:`outreach.core.rules.may_share`)."""
    return rules.may_share(person)


def shareable(records: Iterable[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], list[str]]:
    """``records`` less everyone who has not agreed to share (see :func:`may_share`) and
    everything recorded about them; also the ids of the people left out, in order.
    Services and other records that belong to no person stay."""
    records = list(records)
    withheld = [str(r["id"]) for r in records
                if r.get("kind") == "person" and not may_share(r)]
    gone = set(withheld)
    kept = [r for r in records if r.get("id") not in gone and r.get("person_id") not in gone]
    return kept, withheld


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
