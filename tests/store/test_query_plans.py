"""The store's per-person reads use the person index whatever SQLite's planner would
guess without statistics: on a laptop with 200,000 conversations, reading one person's
records through the (kind, deleted) index walked all of them (10 s instead of 1 ms)."""

from __future__ import annotations


def _plans_of(store, call) -> list[str]:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            rows = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            plans.append(" / ".join(str(r[-1]) for r in rows))
    return plans


def test_one_persons_records_of_a_kind_are_read_through_the_person_index(store):
    pid = store.create("person", {"given_name": "Indexa", "family_name": "Synthetic",
                                  "consent_record": True})["id"]
    for kind in ("conversation", "episode", "referral", "care_plan", "measure"):
        plans = _plans_of(store, lambda kind=kind: store.query(kind, person_id=pid))
        assert plans and all("records_person" in plan for plan in plans), (kind, plans)
