"""Numbered schema migrations, applied in order inside one transaction each.

``PRAGMA user_version`` holds the number of the last migration applied. A released schema
never changes: a change is a new migration, and ``tests/store/fixtures`` keeps a database of
every released schema so each upgrade is tested on real data.
"""

from __future__ import annotations

from typing import Any

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "records, outbox, search", """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE records (
    rid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    person_id  TEXT,
    data       TEXT NOT NULL,              -- JSON object: the record's fields
    clocks     TEXT NOT NULL,              -- JSON object: field -> clock stamp of its value
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX records_kind ON records(kind, deleted);
CREATE INDEX records_person ON records(person_id, kind);
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id    TEXT NOT NULL UNIQUE,
    record_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    person_id    TEXT,
    op           TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    fields       TEXT NOT NULL,            -- JSON object: the changed fields' new values
    base         TEXT NOT NULL,            -- JSON object: field -> stamp it was edited from
    hlc          TEXT NOT NULL,
    author       TEXT NOT NULL,
    device       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX outbox_record ON outbox(record_id);
CREATE VIRTUAL TABLE search USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""),
    (2, "drafts that autosave as you type", """
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    person_id  TEXT,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX drafts_person ON drafts(person_id);
"""),
    (3, "covering indexes for the caseload list", """
CREATE INDEX caseload_people ON records(
    id, json_extract(data, '$.given_name'), json_extract(data, '$.family_name'),
    json_extract(data, '$.preferred_name'), json_extract(data, '$.pronouns'),
    json_extract(data, '$.key_worker'), json_extract(data, '$.team')
) WHERE kind = 'person' AND deleted = 0;
CREATE INDEX caseload_conversations ON records(
    person_id, json_extract(data, '$.occurred_at'), json_extract(data, '$.follow_up_on')
) WHERE kind = 'conversation' AND deleted = 0;
CREATE INDEX caseload_referrals ON records(
    person_id, json_extract(data, '$.received_on'), json_extract(data, '$.status')
) WHERE kind = 'referral' AND deleted = 0;
CREATE INDEX caseload_episodes ON records(
    person_id, json_extract(data, '$.ended_on')
) WHERE kind = 'episode' AND deleted = 0;
CREATE INDEX caseload_risks ON records(
    person_id, json_extract(data, '$.status'), json_extract(data, '$.level')
) WHERE kind = 'risk_flag' AND deleted = 0;
UPDATE search SET title = '' WHERE rowid IN (SELECT rid FROM records WHERE kind != 'person');
"""),
]

LATEST = MIGRATIONS[-1][0]


class SchemaTooNew(Exception):
    pass


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, *, target: int = LATEST) -> list[int]:
    """Apply every migration above the database's version up to ``target``.

    Each migration and its version bump commit together; a failure rolls that one back
    and leaves the database at the previous version. Returns the numbers applied.
    """
    version = current_version(conn)
    if version > LATEST:
        raise SchemaTooNew(f"This profile was written by a newer version of Outreach "
                           f"(schema {version}; this version knows up to {LATEST}).")
    applied = []
    for number, _title, sql in MIGRATIONS:
        if number <= version or number > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration script on semicolons that end a line."""
    parts, current = [], []
    for line in sql.splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            parts.append("\n".join(current).strip())
            current = []
    tail = "\n".join(current).strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]
