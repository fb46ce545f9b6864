"""Keeping the caseload summary in step with records written in bulk.

The caseload summary (migration 6) is kept by triggers that fire for each inserted
record: each recomputes its person's row from all their records so far (a referral, an
episode, a risk flag) or updates it (a conversation). Writing records in bulk (a pulled
page, a first sync, the benchmark caseload) suspends the two insert triggers and
recomputes the rows of the people touched once instead (``migrations.recompute_summary``:
the same SQL as the migration, so the rows are the same).

Threading: everything here runs inside the caller's write transaction, so a failure
rolls back to the triggers as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from outreach.store.migrations import recompute_summary

#: The triggers that keep the caseload summary in step with each inserted record.
SUMMARY_INSERT_TRIGGERS = ("caseload_summary_insert", "caseload_summary_conversation")


def drop_insert_triggers(conn: Any) -> list[str]:
    """Drop the summary's insert triggers; returns the SQL that creates them again (in
    name order), empty when they are already dropped."""
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
        f"'records' AND name IN ({','.join('?' * len(SUMMARY_INSERT_TRIGGERS))}) "
        "ORDER BY name", SUMMARY_INSERT_TRIGGERS).fetchall()
    for name, _sql in saved:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _name, sql in saved]


@contextmanager
def caseload_summary_once(conn: Any, people: set[str], *, dropped: bool = False
                          ) -> Iterator[None]:
    """Insert records without the per-record summary triggers, then recompute the summary
    rows of ``people`` (every person a new record names, or the new person itself) and
    put the triggers back. ``dropped``: the triggers are already off for a whole first
    sync (``firstsync.py``), and stay off.

    Per record, the triggers were a third of a first sync's insert time."""
    saved = [] if dropped else drop_insert_triggers(conn)
    yield
    recompute_summary(conn, people)
    for sql in saved:
        conn.execute(sql)
