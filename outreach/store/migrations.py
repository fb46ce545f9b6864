"""Numbered schema migrations, applied in order inside one transaction each.

``PRAGMA user_version`` holds the number of the last migration applied. A released schema
never changes: a change is a new migration, and ``tests/store/fixtures`` keeps a database of
every released schema so each upgrade is tested on real data.
"""

from __future__ import annotations

from typing import Any

from sqlcipher3 import complete_statement

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


def _summary_for(person: str) -> str:
    """SQL that recomputes one person's caseload summary row (used by triggers)."""
    conv = (f"FROM records WHERE person_id = {person} AND kind = 'conversation' "
            "AND deleted = 0")
    occurred = "json_extract(data, '$.occurred_at')"
    follow = "json_extract(data, '$.follow_up_on')"
    latest_ref = (f"FROM records WHERE person_id = {person} AND kind = 'referral' "
                  "AND deleted = 0 ORDER BY json_extract(data, '$.received_on') DESC LIMIT 1")
    eps = f"FROM records WHERE person_id = {person} AND kind = 'episode' AND deleted = 0"
    return f"""
    INSERT OR REPLACE INTO caseload_summary(person_id, last_seen, follow_up_on,
        referral_status, referral_received, open_episodes, episodes, risk_level)
    SELECT {person},
        (SELECT max(substr({occurred}, 1, 10)) {conv}),
        (SELECT {follow} {conv} ORDER BY {occurred} DESC LIMIT 1),
        (SELECT json_extract(data, '$.status') {latest_ref}),
        (SELECT json_extract(data, '$.received_on') {latest_ref}),
        (SELECT count(*) {eps} AND json_extract(data, '$.ended_on') IS NULL),
        (SELECT count(*) {eps}),
        (SELECT max(CASE json_extract(data, '$.level') WHEN 'high' THEN 3
                    WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END)
         FROM records WHERE person_id = {person} AND kind = 'risk_flag' AND deleted = 0
         AND json_extract(data, '$.status') = 'open')
    WHERE EXISTS (SELECT 1 FROM records WHERE id = {person} AND kind = 'person');"""


_SUMMARY_KINDS = "('conversation', 'referral', 'episode', 'risk_flag')"

MIGRATIONS.append((4, "caseload summary kept by triggers", f"""
CREATE TABLE caseload_summary (
    person_id         TEXT PRIMARY KEY,
    last_seen         TEXT,
    follow_up_on      TEXT,
    referral_status   TEXT,
    referral_received TEXT,
    open_episodes     INTEGER NOT NULL DEFAULT 0,
    episodes          INTEGER NOT NULL DEFAULT 0,
    risk_level        INTEGER
);
CREATE TRIGGER caseload_summary_insert AFTER INSERT ON records
WHEN (NEW.kind IN {_SUMMARY_KINDS} AND NEW.person_id IS NOT NULL) OR NEW.kind = 'person'
BEGIN {_summary_for("coalesce(NEW.person_id, NEW.id)")}
END;
CREATE TRIGGER caseload_summary_update AFTER UPDATE ON records
WHEN NEW.kind IN {_SUMMARY_KINDS} AND NEW.person_id IS NOT NULL
BEGIN {_summary_for("NEW.person_id")}
END;
CREATE TRIGGER caseload_summary_delete AFTER DELETE ON records
WHEN OLD.kind IN {_SUMMARY_KINDS} AND OLD.person_id IS NOT NULL
BEGIN {_summary_for("OLD.person_id")}
END;
CREATE TRIGGER caseload_summary_person_gone AFTER DELETE ON records
WHEN OLD.kind = 'person'
BEGIN DELETE FROM caseload_summary WHERE person_id = OLD.id;
END;
-- Fill the summary for existing data: touching one row per person fires the trigger.
UPDATE records SET version = version
    WHERE rid IN (SELECT min(rid) FROM records WHERE kind IN {_SUMMARY_KINDS}
                  AND person_id IS NOT NULL GROUP BY person_id);
"""))

MIGRATIONS.append((5, "prefix indexes for search as you type", """
CREATE VIRTUAL TABLE search_new USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO search_new(rowid, title, body) SELECT rowid, title, body FROM search;
DROP TABLE search;
ALTER TABLE search_new RENAME TO search;
"""))

# Migration 6: the caseload list reads one small table. The summary row of each living
# person also carries the names the list shows (so no JSON is parsed when the list
# loads), and saving a conversation -- the commonest write by far -- updates its row in
# place instead of recomputing it from all of that person's records.
_CONV_OCCURRED = "json_extract(NEW.data, '$.occurred_at')"
_SUMMARY_COLUMNS = ("person_id, given_name, family_name, preferred_name, pronouns, "
                    "key_worker, last_seen, last_occurred, follow_up_on, referral_status, "
                    "referral_received, open_episodes, episodes, risk_level")


def _summary_select(person: str) -> str:
    """A SELECT of one summary row per living person matched by ``person`` (an SQL
    expression naming the person's id, evaluated against ``p``, the person's record)."""
    conv = (f"FROM records WHERE person_id = {person} AND kind = 'conversation' "
            "AND deleted = 0")
    occurred = "json_extract(data, '$.occurred_at')"
    latest_ref = (f"FROM records WHERE person_id = {person} AND kind = 'referral' "
                  "AND deleted = 0 ORDER BY json_extract(data, '$.received_on') DESC, "
                  "rid DESC LIMIT 1")
    eps = f"FROM records WHERE person_id = {person} AND kind = 'episode' AND deleted = 0"
    return f"""SELECT p.id, json_extract(p.data, '$.given_name'),
        json_extract(p.data, '$.family_name'), json_extract(p.data, '$.preferred_name'),
        json_extract(p.data, '$.pronouns'), json_extract(p.data, '$.key_worker'),
        (SELECT max(substr({occurred}, 1, 10)) {conv}),
        (SELECT max({occurred}) {conv}),
        (SELECT json_extract(data, '$.follow_up_on') {conv}
         ORDER BY {occurred} DESC, rid DESC LIMIT 1),
        (SELECT json_extract(data, '$.status') {latest_ref}),
        (SELECT json_extract(data, '$.received_on') {latest_ref}),
        (SELECT count(*) {eps} AND json_extract(data, '$.ended_on') IS NULL),
        (SELECT count(*) {eps}),
        (SELECT max(CASE json_extract(data, '$.level') WHEN 'high' THEN 3
                    WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END)
         FROM records WHERE person_id = {person} AND kind = 'risk_flag' AND deleted = 0
         AND json_extract(data, '$.status') = 'open')
    FROM records AS p WHERE p.kind = 'person' AND p.deleted = 0"""


def _recompute(person: str) -> str:
    """Trigger body: recompute one person's row, or drop it if the person is gone."""
    return f"""
    DELETE FROM caseload_summary WHERE person_id = {person} AND NOT EXISTS (
        SELECT 1 FROM records WHERE id = {person} AND kind = 'person' AND deleted = 0);
    INSERT OR REPLACE INTO caseload_summary({_SUMMARY_COLUMNS})
    {_summary_select(person)} AND p.id = {person};"""


MIGRATIONS.append((6, "caseload list from one table; conversations update it in place", f"""
ALTER TABLE caseload_summary ADD COLUMN last_occurred TEXT;
ALTER TABLE caseload_summary ADD COLUMN given_name TEXT;
ALTER TABLE caseload_summary ADD COLUMN family_name TEXT;
ALTER TABLE caseload_summary ADD COLUMN preferred_name TEXT;
ALTER TABLE caseload_summary ADD COLUMN pronouns TEXT;
ALTER TABLE caseload_summary ADD COLUMN key_worker TEXT;
DROP TRIGGER caseload_summary_insert;
DROP TRIGGER caseload_summary_update;
DROP TRIGGER caseload_summary_delete;
DROP INDEX caseload_people;
CREATE TRIGGER caseload_summary_conversation AFTER INSERT ON records
WHEN NEW.kind = 'conversation' AND NEW.deleted = 0 AND NEW.person_id IS NOT NULL
     AND {_CONV_OCCURRED} IS NOT NULL
BEGIN
    UPDATE caseload_summary SET
        follow_up_on = CASE WHEN last_occurred IS NULL OR {_CONV_OCCURRED} >= last_occurred
                            THEN json_extract(NEW.data, '$.follow_up_on')
                            ELSE follow_up_on END,
        last_seen = max(coalesce(last_seen, ''), substr({_CONV_OCCURRED}, 1, 10)),
        last_occurred = max(coalesce(last_occurred, ''), {_CONV_OCCURRED})
    WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER caseload_summary_insert AFTER INSERT ON records
WHEN (NEW.kind IN ('referral', 'episode', 'risk_flag') AND NEW.person_id IS NOT NULL)
     OR NEW.kind = 'person'
BEGIN {_recompute("coalesce(NEW.person_id, NEW.id)")}
END;
CREATE TRIGGER caseload_summary_update AFTER UPDATE ON records
WHEN (NEW.kind IN {_SUMMARY_KINDS} AND NEW.person_id IS NOT NULL) OR NEW.kind = 'person'
BEGIN {_recompute("coalesce(NEW.person_id, NEW.id)")}
END;
CREATE TRIGGER caseload_summary_delete AFTER DELETE ON records
WHEN OLD.kind IN {_SUMMARY_KINDS} AND OLD.person_id IS NOT NULL
BEGIN {_recompute("OLD.person_id")}
END;
DELETE FROM caseload_summary;
INSERT INTO caseload_summary({_SUMMARY_COLUMNS})
{_summary_select("p.id")};
"""))

_CHANGE_COLUMNS = """
    change_id    TEXT NOT NULL UNIQUE,
    record_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    person_id    TEXT,
    op           TEXT NOT NULL,
    fields       TEXT NOT NULL,
    base         TEXT NOT NULL,
    hlc          TEXT NOT NULL,
    author       TEXT NOT NULL,
    device       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    created_at   TEXT NOT NULL,"""

MIGRATIONS.append((7, "changes the server refused (quarantine) and recently sent", f"""
-- A change the server refused, with its reason, for a person to fix and resend or
-- discard (sync/quarantine). seq is the outbox position it had. A discarded change keeps
-- its row (ids, reason, who and when; fields emptied) as the audit of the discard.
CREATE TABLE quarantine (
    seq            INTEGER PRIMARY KEY,{_CHANGE_COLUMNS}
    code           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    details        TEXT NOT NULL,      -- JSON: the server's details (ids, field names)
    quarantined_at TEXT NOT NULL,
    discarded_at   TEXT,
    discarded_by   TEXT
);
CREATE INDEX quarantine_person ON quarantine(person_id);
-- Changes the server acknowledged, kept for a while: if the server is restored from an
-- older backup (a new epoch), they are sent again.
CREATE TABLE sent_log (
    seq      INTEGER PRIMARY KEY,{_CHANGE_COLUMNS}
    acked_at TEXT NOT NULL
);
CREATE INDEX sent_log_acked ON sent_log(acked_at);
CREATE INDEX sent_log_person ON sent_log(person_id);
"""))


# What the indicator report reads of each kind (outreach.core.indicators.FIELDS_USED as
# it was when migration 8 was written, and a welcome's role for the roles report; a change
# there needs a new migration, and tests/ops/test_report_reads.py says so). ``created_at``
# is a column, the rest JSON.
_REPORT_FIELDS_8: dict[str, tuple[str, ...]] = {
    "person": ("team", "key_worker"),
    "referral": ("received_on", "status"),
    "episode": ("started_on", "ended_on", "exit_reason"),
    "conversation": ("occurred_at", "setting", "type", "welcomed_by_role"),
    "goal": ("set_on", "status", "achieved_on"),
    "goal_rating": ("goal_id", "rated_on", "score", "created_at"),
    "measure": ("instrument", "completed_on", "answers", "created_at"),
    "service_link": ("linked_on", "status", "service_id"),
    "service": ("category",),
    "exit_feedback": ("completed_on", "created_at", "listened", "joined_up", "use_again"),
    "life_check": ("checked_on", "community", "work", "created_at"),
    "job_start": ("started_on",),
}


def report_column(field: str) -> str:
    """How the report reads one field (and how the index of migration 8 holds it: the
    expressions must be the same for SQLite to answer from the index alone)."""
    return field if field == "created_at" else f"json_extract(data, '$.{field}')"


#: Every field the report index holds, each once, in the order of the index.
REPORT_FIELDS = tuple(dict.fromkeys(f for fs in _REPORT_FIELDS_8.values() for f in fs))

# Number 7 is taken by the sync quarantine (branch syncx): keep the two in this order.
MIGRATIONS.append((8, "what the indicator report reads, in one index", f"""
-- The report reads a few fields of each record; without this index it reads every record
-- whole, conversations' notes included, from pages spread over the whole file (14-22 s
-- at 10,000 people). By kind, then person, then in the order the store wrote them, so the
-- report needs no sort (not even to gather each person's conversations). A field a kind
-- does not have costs a byte. One index, not one per kind, so that upgrading reads the
-- table once.
CREATE INDEX IF NOT EXISTS report_facts ON records(
    kind, person_id, rid, id, {", ".join(report_column(f) for f in REPORT_FIELDS)}
) WHERE deleted = 0;
"""))

#: How the report reads a conversation's day (and how migration 9's index holds it).
CONVERSATION_DAY = f"substr({report_column('occurred_at')}, 1, 10)"

MIGRATIONS.append((9, "conversations' days and settings in an index of their own", f"""
-- The report reads every live conversation's day and setting (and the roles report its
-- type and the welcomer's role). In report_facts they take 37 MB at 10,000 people, and
-- with the other kinds' 31 MB the report read more than the 64 MiB page cache holds, so
-- every report decrypted every page again. Here, without the fields of other kinds and
-- with only the day of occurred_at, they take about a third of that, and the report's
-- pages stay in the cache. By person, then in the order the store wrote them.
CREATE INDEX IF NOT EXISTS report_conversations ON records(
    person_id, rid, {CONVERSATION_DAY}, {report_column("setting")}, {report_column("type")},
    {report_column("welcomed_by_role")}
) WHERE kind = 'conversation' AND deleted = 0;
"""))

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
    """Split a migration script into complete statements (trigger bodies stay whole)."""
    parts, current = [], []
    for line in sql.splitlines():
        current.append(line)
        chunk = "\n".join(current).strip()
        if chunk and complete_statement(chunk):
            parts.append(chunk)
            current = []
    tail = "\n".join(current).strip()
    if tail and not tail.startswith("--"):
        parts.append(tail)
    return parts


#: The indexes only the report reads, by the migration that made each: a first sync drops
#: them while it writes and builds them again at its end (outreach/store/firstsync.py).
REPORT_INDEXES = {"report_facts": 8, "report_conversations": 9}


def report_index_sql(name: str) -> str:
    """The statement of the migration that builds report index ``name`` (``CREATE INDEX IF
    NOT EXISTS``), to run again after a first sync dropped it."""
    sql = next(m[2] for m in MIGRATIONS if m[0] == REPORT_INDEXES[name])
    return next(s for s in _statements(sql) if f"EXISTS {name} ON" in s)


def recompute_summary(conn: Any, people: set[str]) -> None:
    """Inside a write transaction: recompute the caseload summary rows of ``people`` (ids)
    from their records, as migration 6 made them, and drop those of people gone."""
    import json

    ids = json.dumps(sorted(people))
    conn.execute(
        "DELETE FROM caseload_summary WHERE person_id IN (SELECT value FROM json_each(?)) "
        "AND NOT EXISTS (SELECT 1 FROM records WHERE id = caseload_summary.person_id "
        "AND kind = 'person' AND deleted = 0)", (ids,))
    conn.execute(f"INSERT OR REPLACE INTO caseload_summary({_SUMMARY_COLUMNS}) "
                 f"{_summary_select('p.id')} AND p.id IN (SELECT value FROM json_each(?))",
                 (ids,))
