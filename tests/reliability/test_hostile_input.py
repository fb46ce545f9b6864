"""Hostile input to the importer and the CSV directory import: a clear error naming the
problem, nothing stored half, nothing crashes; right-to-left text and emoji survive.

The server's hand-written corpus and stateful run are in ``test_hostile_server.py``.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from outreach.ops import directory, transfer
from outreach.store.search import search

PID = "5e0a7c1e-3b4d-4f6a-9c8b-7d6e5f4a3b2c"
RTL = "\u0645\u0631\u064a\u0645 \u05e9\u05e8\u05d4 \u202eevil\u202c"
EMOJI = "Zo\u00eb \U0001f33b\U0001f469\u200d\U0001f467 \U0001f1ec\U0001f1e7"


def _doc(records) -> str:
    return json.dumps({"format": "outreach-export", "version": 1, "records": records})


def _person(**over):
    rec = {"id": PID, "kind": "person", "person_id": PID, "given_name": "Robin"}
    rec.update(over)
    return rec


def _counts(store) -> tuple[int, int, int]:
    one = lambda sql: store.execute(sql).fetchone()[0]  # noqa: E731
    return (one("SELECT count(*) FROM records"), one("SELECT count(*) FROM outbox"),
            one("SELECT count(*) FROM search"))


MALFORMED = [
    b"", b"{", b"\xff\xfe\x00garbage", b"[]", b"null", b'"outreach-export"',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"format": "outreach-export", "version": 1, "records": {}}',
    b'{"format": "outreach-export", "version": "1", "records": []}',
    b'{"format": "something-else", "version": 1, "records": []}',
    b'{"format": "outreach-export", "version": 1, "records": [1, "x", null, []]}',
]

BAD_RECORDS = [
    ("wrong type", _person(given_name=42), "given_name"),
    ("wrong type", _person(person_id=5), "person_id"),
    ("wrong type", _person(clocks="yesterday"), "clocks"),
    ("wrong type", _person(version="1"), "version"),
    ("wrong type", _person(deleted="yes"), "deleted"),
    ("wrong type", _person(created_at=1760000000), "created_at"),
    ("wrong type", {"id": 7, "kind": ["person"]}, "kind"),
    ("huge string", _person(given_name="x" * 1_000_000), "given_name"),
    ("huge string", _person(created_by="y" * 100_000), "created_by"),
    ("NUL byte", _person(given_name="Rob\x00in"), "given_name"),
    ("NUL byte", _person(device_id="dev\x00"), "device_id"),
    ("NUL byte", _person(**{"given\x00name": "x"}), "given\x00name"),
    ("lone surrogate", _person(given_name="Rob\ud800in"), "given_name"),
    ("lone surrogate", _person(created_by="\udfff"), "created_by"),
    ("far-future clock", _person(clocks={"given_name": "9999999999999-9999-evil"}), "clocks"),
    ("bad clock", _person(clocks={"given_name": "1760000000000-0000-"}), "clocks"),
]


@pytest.mark.parametrize("text", MALFORMED, ids=lambda t: repr(t[:30]))
def test_files_that_are_not_exports_are_refused_with_nothing_written(store, text) -> None:
    before = _counts(store)
    with pytest.raises(transfer.ImportRejected) as refused:
        transfer.import_json(store, text)
    assert refused.value.problems and all(str(p) for p in refused.value.problems)
    assert _counts(store) == before


@pytest.mark.parametrize(("why", "record", "field"), BAD_RECORDS,
                         ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_RECORDS)])
def test_a_bad_record_among_good_ones_imports_nothing(store, why, record, field) -> None:
    good = _person(id=str(uuid.uuid4()), given_name="Fine")
    good["person_id"] = good["id"]
    before = _counts(store)
    with pytest.raises(transfer.ImportRejected) as refused:
        transfer.import_json(store, _doc([good, record]))
    problems = refused.value.problems
    assert any(p.index == 1 and field in p.field for p in problems), (why, problems)
    assert all(p.index == 1 for p in problems), problems   # the good one is not blamed
    assert len(str(problems[0])) < 500                       # huge values are not echoed
    assert _counts(store) == before


def test_right_to_left_text_and_emoji_round_trip_exactly(store, tmp_path: Path) -> None:
    conv = {"id": str(uuid.uuid4()), "kind": "conversation", "person_id": PID,
            "occurred_at": "2026-03-02T10:00:00+00:00", "setting": "home",
            "type": "welcome", "notes": f"{RTL} {EMOJI} \u0000"[:-2] + " end"}
    result = transfer.import_json(store, _doc([_person(given_name=RTL, family_name=EMOJI),
                                               conv]))
    assert result.total == 2
    assert store.require(PID)["given_name"] == RTL
    assert store.require(PID)["family_name"] == EMOJI
    assert store.require(conv["id"])["notes"] == conv["notes"]
    assert any(h.record_id == conv["id"] for h in search(store, "\U0001f33b end"))
    exported = json.loads(transfer.export_json(store))
    names = {r["id"]: r for r in exported["records"]}
    assert names[PID]["given_name"] == RTL and names[conv["id"]]["notes"] == conv["notes"]


# -- the service directory's CSV import ------------------------------------------------------
def _csv(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "services.csv"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


BAD_CSV: list[tuple[str, bytes | str, str]] = [
    ("empty", b"", "header"),
    ("no header", "Harbour Walkers,walking_group\n", "header"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file"),
    ("latin-1", "name,category\nCaf\u00e9 Club,peer_group\n".encode("latin-1"), "file"),
    ("NUL", "name,category\nA\x00,housing\n", "file"),
    ("huge cell", "name,category\n" + "x" * 200_000 + ",housing\n", "file"),
    ("huge file", "name,category\n" + "Club,housing\n" * 500_000, "file"),
    ("ragged", "name,category\nClub,housing,extra,cells\n", "row"),
    ("unknown column", "name,category,password\nClub,housing,x\n", "header"),
    ("unclosed quote", 'name,category\n"Club,housing\nOther,housing\n', "kind of service"),
    ("bad category", "name,category\nClub,astrology\n", "kind of service"),
    ("one bad of many", "name,category\n" + "Club,housing\n" * 50 + "Bad,astrology\n",
     "row 52"),
]


@pytest.mark.parametrize(("why", "content", "field"), BAD_CSV, ids=[b[0] for b in BAD_CSV])
def test_bad_csv_is_refused_whole_with_a_clear_error(store, tmp_path, why, content,
                                                     field) -> None:
    before = _counts(store)
    result = directory.import_services_csv(store, _csv(tmp_path, content))
    assert result.added == 0 and result.errors, why
    assert any(field in e.field.lower() or field in str(e).lower() for e in result.errors), \
        [str(e) for e in result.errors]
    assert all(len(str(e)) < 500 for e in result.errors)
    assert _counts(store) == before


def test_csv_with_right_to_left_text_emoji_and_a_bom_is_imported(store, tmp_path) -> None:
    text = "\ufeffname,category,description\n" \
           f"\"{RTL}, Lounge\",peer_group,{EMOJI}\nWalkers,walking_group,\"Line one\nline two\"\n"
    result = directory.import_services_csv(store, _csv(tmp_path, text))
    assert result.errors == [] and result.added == 2
    names = {s["name"]: s for s in directory.services(store)}
    assert names[f"{RTL}, Lounge"]["description"] == EMOJI
    assert names["Walkers"]["description"] == "Line one\nline two"
