"""Build the database fixtures of released schemas (run by hand; the output is committed).

    .venv/bin/python -m tests.store.make_fixtures

``fixtures/schema_v1.db`` is a SQLCipher database at schema 1 (the first release), opened
with :data:`FIXTURE_KEY`, holding a few synthetic records, their outbox rows and search
entries written the way schema 1's code wrote them. A released fixture is never rebuilt
once committed: the migration test must upgrade the bytes the old version left behind.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlcipher3

from outreach.store.migrations import migrate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_KEY = bytes.fromhex("6f7574726561636820746573742066697874757265206b6579203031" + "00" * 4)
DEVICE = "0d5e1c2a-7b61-4c4e-9d3a-1f2b3c4d5e6f"
PERSON = "8a1d5a8e-2c47-4b8f-9f1e-3d2c1b0a9f8e"
CONVERSATION = "c3b2a190-8f7e-4d6c-b5a4-93827161504f"
PLAN = "5e4d3c2b-1a09-4f8e-a7d6-c5b4a3928170"
STAMP = f"{1_767_225_600_000:013d}-0000-{DEVICE}"
NOW = "2026-01-01T00:00:00+00:00"

RECORDS = [
    (PERSON, "person", PERSON, {"given_name": "Fixturina", "family_name": "Oldschema",
                                "pronouns": "she/her"}),
    (CONVERSATION, "conversation", PERSON, {
        "occurred_at": "2026-01-01T10:00:00+00:00", "setting": "outdoors", "type": "welcome",
        "notes": "We walked round the boating lake. She wants to get back to her pottery."}),
    (PLAN, "care_plan", PERSON, {"what_matters": "Pottery on Thursdays.",
                                 "strengths": "Patient with clay."}),
]


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def build_v1(path: Path) -> None:
    path.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{FIXTURE_KEY.hex()}'\"")
    conn.execute("PRAGMA journal_mode = DELETE")
    assert migrate(conn, target=1) == [1]
    conn.execute("BEGIN")
    for key, value in (("device_id", DEVICE), ("user", "fixture.worker"), ("hlc", STAMP)):
        conn.execute("INSERT INTO meta(key, value) VALUES(?, ?)", (key, value))
    for n, (rid, kind, pid, fields) in enumerate(RECORDS, start=1):
        conn.execute(
            "INSERT INTO records(rid, id, kind, person_id, data, clocks, created_at, "
            "created_by, updated_at, updated_by, device_id, version) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,1)",
            (n, rid, kind, pid, dumps(fields), dumps({k: STAMP for k in fields}), NOW,
             "fixture.worker", NOW, "fixture.worker", DEVICE))
        conn.execute(
            "INSERT INTO outbox(change_id, record_id, kind, person_id, op, fields, base, hlc, "
            "author, device, base_version, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (f"00000000-0000-4000-8000-00000000000{n}", rid, kind, pid, "upsert",
             dumps(fields), "{}", STAMP, "fixture.worker", DEVICE, 0, NOW))
        body = "" if kind == "person" else "\n".join(
            v for k, v in fields.items() if k in ("notes", "what_matters", "strengths"))
        title = "Fixturina Oldschema" if kind == "person" else kind
        conn.execute("INSERT INTO search(rowid, title, body) VALUES(?,?,?)", (n, title, body))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    FIXTURES.mkdir(exist_ok=True)
    build_v1(FIXTURES / "schema_v1.db")
    print(f"wrote {FIXTURES / 'schema_v1.db'}")  # noqa: T201
