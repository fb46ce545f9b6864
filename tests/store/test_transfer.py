"""Export and import: an exact round trip, and all-or-nothing imports with clear errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from outreach.core.hlc import Stamp
from outreach.ops import transfer
from outreach.ops.demo import generate_caseload
from outreach.store import outbox
from outreach.store.search import search

TODAY = dt.date(2026, 3, 31)
MISSING = "3f0b6f4e-8d1c-4a57-9a6c-2b1e5d7c9a10"


@pytest.fixture
def other(new_store):
    return new_store("other", user="alex.other")


def body(text: str) -> str:
    """Everything but the header line that holds exported_at."""
    return text.split("\n", 1)[1]


def small_caseload(store) -> dict:
    pid = store.create("person", {"given_name": "Exporta", "family_name": "Roundtrip"})["id"]
    ref = store.create("referral", {"source": "gp", "received_on": "2026-01-05",
                                    "status": "accepted", "decided_on": "2026-01-06"},
                       person_id=pid)
    ep = store.create("episode", {"referral_id": ref["id"], "started_on": "2026-01-10"},
                      person_id=pid)
    store.create("conversation", {"episode_id": ep["id"], "setting": "home", "type": "welcome",
                                  "occurred_at": "2026-01-10T11:00:00+00:00",
                                  "notes": "Ünïcode notes — “quoted” and\nnew lines."},
                 person_id=pid)
    plan = store.create("care_plan", {"what_matters": "Dancing."}, person_id=pid)
    store.update(plan["id"], {"strengths": "Rhythm."})
    gone = store.create("risk_flag", {"level": "low", "concern": "Synthetic worry.",
                                      "raised_on": "2026-01-11", "status": "open"},
                        person_id=pid)
    store.delete(gone["id"])
    return {"person": pid, "plan": plan["id"], "gone": gone["id"]}


def test_export_import_export_is_exact(store, other) -> None:
    ids = small_caseload(store)
    first = transfer.export_json(store)
    doc = json.loads(first)
    assert doc["format"] == "outreach-export" and doc["version"] == 1
    kinds = [r["kind"] for r in doc["records"]]
    assert kinds[0] == "person" and kinds.index("referral") < kinds.index("conversation")
    plan = next(r for r in doc["records"] if r["id"] == ids["plan"])
    assert plan["version"] == 2 and plan["strengths"] == "Rhythm." and "clocks" in plan
    tomb = next(r for r in doc["records"] if r["id"] == ids["gone"])
    assert tomb["deleted"] is True and "_deleted" in tomb["clocks"]

    result = transfer.import_json(other, first)
    assert result.total == 6 and result.counts["person"] == 1
    second = transfer.export_json(other)
    assert body(second) == body(first)
    # imported records sync, with the importing user's device and fresh stamps
    changes = outbox.pending(other)
    assert len(changes) == 7           # 6 upserts and a delete for the tombstone
    assert {c["device"] for c in changes} == {other.device_id}
    assert all(c["base"] == {} for c in changes)
    assert changes[-1]["op"] == "delete" and changes[-1]["record_id"] == ids["gone"]
    # search works, tombstones stay hidden, and local edits come after imported stamps
    assert [h.record_id for h in search(other, "dancing")] == [ids["plan"]]
    assert other.get(ids["gone"]) is None
    newest = max(plan["clocks"].values())
    edited = other.update(ids["plan"], {"needs": "Shoes."})
    assert other.clocks(edited["id"])["needs"] > newest
    assert Stamp.parse(other.clocks(edited["id"])["needs"]).device == other.device_id


def test_live_only_export_leaves_out_tombstones(store) -> None:
    ids = small_caseload(store)
    doc = json.loads(transfer.export_json(store, include_deleted=False))
    assert ids["gone"] not in {r["id"] for r in doc["records"]}


def test_demo_caseload_round_trips(store, other) -> None:
    generate_caseload(store, people=15, seed=3, today=TODAY)
    first = transfer.export_json(store)
    transfer.import_json(other, first)
    assert body(transfer.export_json(other)) == body(first)


def problems_of(store, records: list, **doc) -> list[str]:
    text = json.dumps({"format": "outreach-export", "version": 1,
                       "exported_at": "2026-03-31T09:00:00+00:00", "records": records, **doc})
    with pytest.raises(transfer.ImportRejected) as rejected:
        transfer.import_json(store, text)
    return [str(p) for p in rejected.value.problems]


def test_bad_records_are_all_reported_and_nothing_is_written(store, other) -> None:
    small_caseload(store)
    records = json.loads(transfer.export_json(store))["records"]
    before = transfer.export_json(other)
    person, referral, episode, conversation = records[0], records[1], records[2], records[3]
    conversation["notes"] = "x" * 50_001
    conversation["mood"] = "fine"
    episode["started_on"] = "yesterday"
    referral["person_id"] = MISSING
    dup = dict(person)
    bad_kind = {**person, "id": "8b7a6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d", "kind": "spaceship"}
    nul = {**records[4], "what_matters": "bad\x00byte"}
    bad_id = {**records[5], "id": "not-a-uuid"}
    found = problems_of(other, [person, referral, episode, conversation, dup, bad_kind, nul,
                                bad_id])
    pid = person["id"]
    expected = [
        f"record 0 (person {pid}), id: appears 2 times in the file",
        f"record 1 (referral {referral['id']}), person_id: refers to {MISSING}, which is "
        "neither in the file nor in this profile",
        f"record 2 (episode {episode['id']}), started_on: must be a date like 2026-03-31",
        f"record 3 (conversation {conversation['id']}), mood: is not a field of this record",
        f"record 3 (conversation {conversation['id']}), notes: is too long (50,001 "
        "characters; at most 50,000)",
        f"record 4 (person {pid}), id: appears 2 times in the file",
        "record 5 (spaceship 8b7a6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d), kind: 'spaceship' is not",
        f"record 6 (care_plan {nul['id']}), what_matters: must not contain NUL characters",
        "record 7 (risk_flag not-a-uuid), id: must be a record id",
    ]
    for line in expected:
        assert any(f.startswith(line) for f in found), (line, found)
    assert transfer.export_json(other).split("\n", 1)[1] == before.split("\n", 1)[1]
    assert outbox.pending_count(other) == 0


def test_ids_already_in_the_profile_are_refused(store) -> None:
    small_caseload(store)
    text = transfer.export_json(store)
    with pytest.raises(transfer.ImportRejected) as rejected:
        transfer.import_json(store, text)
    assert all("already exists in this profile" in str(p) for p in rejected.value.problems)


def test_references_must_point_at_the_right_kind(other) -> None:
    pid = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    person = {"id": pid, "kind": "person", "person_id": pid, "given_name": "Refina"}
    goal_rating = {"id": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "kind": "goal_rating",
                   "person_id": pid, "goal_id": pid, "rated_on": "2026-03-01", "score": 4}
    (problem,) = problems_of(other, [person, goal_rating])
    assert problem.endswith("goal_id: refers to a person, not a goal")
    odd = {**goal_rating, "goal_id": [pid], "person_id": {"id": pid}}
    found = problems_of(other, [person, odd])
    assert any(p.endswith("goal_id: must be the id of a record") for p in found)
    assert any("person_id: is required" in p for p in found)


def test_wrong_types_and_metadata(other) -> None:
    pid = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    found = problems_of(other, [
        {"id": pid, "kind": "person", "person_id": None, "given_name": 7, "version": 0,
         "created_at": "last week", "created_by": ["x"], "deleted": False,
         "clocks": {"given_name": "nope", "shoe": "x"}},
        "not an object"])
    text = "\n".join(found)
    for part in ("person_id: of a person must be the person's own id",
                 "given_name: must be text", "version: must be a whole number",
                 "created_at: must be a date and time", "created_by: must be text",
                 "deleted: may only be true", "the stamp of 'given_name' is not a clock stamp",
                 "names 'shoe', which is not a field", "record 1 (record without an id), "
                 "record: must be an object"):
        assert part in text, part


def test_minimal_records_from_an_integrator_are_completed(other) -> None:
    pid = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    text = json.dumps({"format": "outreach-export", "version": 1, "records": [
        {"id": pid, "kind": "person", "person_id": pid, "given_name": "Minima"}]})
    result = transfer.import_json(other, text)
    assert result.counts == {"person": 1} and pid in result.changes.people
    rec = other.require(pid)
    assert rec["created_by"] == "alex.other" and rec["version"] == 1
    assert set(other.clocks(pid)) == {"given_name"}


@pytest.mark.parametrize("text,message", [
    ("not json", "file: is not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "file: is not valid JSON"),
    (b"\xff\xfe\x00", "file: is not valid JSON"),
    ("[]", "format: must be 'outreach-export'"),
    ('{"format": "outreach-export", "version": 99, "records": []}', "version: 99 is not"),
    ('{"format": "outreach-export", "version": 1, "records": {}}', "records: must be a list"),
])
def test_files_that_are_not_exports(other, text, message) -> None:
    with pytest.raises(transfer.ImportRejected) as rejected:
        transfer.import_json(other, text)
    assert str(rejected.value.problems[0]).startswith(message)


# -- the demo caseload ---------------------------------------------------------------------
def test_demo_caseload_is_realistic_and_reproducible(store, other) -> None:
    seen = []
    result = generate_caseload(store, people=40, seed=7, today=TODAY,
                               progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (40, 40) and len(seen) == 40
    assert result.counts["person"] == 40 and result.counts["service"] >= 35
    generate_caseload(other, people=40, seed=7, today=TODAY)
    volatile = {"created_at", "updated_at", "created_by", "updated_by", "device_id"}
    for kind in ("person", "referral", "conversation", "measure", "service_link",
                 "life_check", "job_start", "exit_feedback"):
        mine = [{k: v for k, v in r.items() if k not in volatile} for r in store.query(kind)]
        theirs = [{k: v for k, v in r.items() if k not in volatile} for r in other.query(kind)]
        assert mine == theirs, kind

    statuses = {r["status"] for r in store.query("referral")}
    assert statuses >= {"accepted"}
    assert {r["source"] for r in store.query("referral")} >= {"self", "gp"}
    conversations = store.query("conversation")
    assert {c["setting"] for c in conversations} >= {"outdoors", "home", "phone"}
    for c in conversations:
        assert 60 <= len(c["notes"].split()) <= 480
    for pid in {c["person_id"] for c in conversations}:
        mine = [c for c in conversations if c["person_id"] == pid]
        first = min(mine, key=lambda c: c["occurred_at"])
        assert first["type"] == "welcome" and 3 <= len(mine) <= 15
    shapes = {"swemwbs": (7, 1, 5), "reqol10": (10, 0, 4), "ucla3": (3, 1, 3)}
    for m in store.query("measure"):
        n, lo, hi = shapes[m["instrument"]]
        assert len(m["answers"]) == n and all(lo <= a <= hi for a in m["answers"])
    assert store.count("goal_rating") > store.count("goal")
    # issue 14: achieved goals carry their day; some people have life outcomes recorded
    assert all(g.get("achieved_on") for g in store.query("goal") if g["status"] == "achieved")
    assert store.count("life_check") > 0 and store.count("exit_feedback") > 0
    assert search(store, "walked") or search(store, "talked")


def test_demo_covers_every_exit_reason_and_reopening(store) -> None:
    generate_caseload(store, people=150, seed=1, today=TODAY)
    episodes = store.query("episode")
    assert {e.get("exit_reason") for e in episodes} >= {
        "completed", "met_goals", "linked", "chose_to_stop", "moved_away", "other"}
    assert any(e.get("referral_id") is None for e in episodes)          # reopened
    assert {r["status"] for r in store.query("referral")} == {"accepted", "declined", "pending"}
    assert {f["status"] for f in store.query("risk_flag")} == {"open", "closed"}
    assert store.count("addendum") > 0 and store.count("service_link") > 0
    with pytest.raises(ValueError, match="choose another seed"):
        generate_caseload(store, people=1, seed=1, today=TODAY)
    generate_caseload(store, people=1, seed=2, today=TODAY)
