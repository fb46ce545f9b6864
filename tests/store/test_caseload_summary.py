"""The caseload summary kept by triggers (migration 4) always equals a fresh computation
from the records, whatever wrote them: ops, import, deletes, evictions."""

from __future__ import annotations

import datetime as dt

from outreach.core.rules import RISK_ORDER
from outreach.ops import conversations, episodes, risk
from outreach.ops.demo import generate_caseload


def _expected(store) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for p in store.query("person"):
        out[p["id"]] = [None, None, None, None, 0, 0, None]
    for c in sorted(store.query("conversation"), key=lambda c: c["occurred_at"]):
        row = out[c["person_id"]]
        row[0] = max(row[0] or "", c["occurred_at"][:10])
        row[1] = c.get("follow_up_on")      # the latest conversation's follow-up
    for r in sorted(store.query("referral"), key=lambda r: r["received_on"]):
        out[r["person_id"]][2:4] = [r["status"], r["received_on"]]
    for e in store.query("episode"):
        row = out[e["person_id"]]
        row[5] += 1
        row[4] += 0 if e.get("ended_on") else 1
    for f in store.query("risk_flag"):
        if f["status"] == "open":
            row = out[f["person_id"]]
            row[6] = max(row[6] or 0, RISK_ORDER[f["level"]])
    return {pid: tuple(v) for pid, v in out.items() if any(x not in (None, 0) for x in v)}


def _summary(store) -> dict[str, tuple]:
    rows = store.execute("SELECT person_id, last_seen, follow_up_on, referral_status, "
                         "referral_received, open_episodes, episodes, risk_level "
                         "FROM caseload_summary").fetchall()
    return {r[0]: tuple(r[1:]) for r in rows if any(x not in (None, 0) for x in r[1:])}


def test_summary_follows_every_kind_of_write(store):
    generate_caseload(store, people=25, seed=3, today=dt.date(2026, 11, 1))
    assert _summary(store) == _expected(store)
    person = next(p for p in store.query("person") if store.query("episode", person_id=p["id"]))
    pid = person["id"]
    flag = risk.raise_flag(store, person_id=pid, level="high", concern="Synthetic concern").id
    conversations.record_conversation(store, person_id=pid, values={
        "setting": "phone", "notes": "Synthetic note", "occurred_at": "2026-11-20T10:00:00+00:00",
        "follow_up_on": "2026-11-27"})
    for ep in store.query("episode", person_id=pid):
        if not ep.get("ended_on"):
            episodes.end_episode(store, episode_id=ep["id"], reason="completed",
                                 ended_on="2026-11-20")
    assert _summary(store) == _expected(store)
    risk.close_flag(store, flag)
    store.delete(store.query("referral", person_id=pid)[0]["id"])
    assert _summary(store) == _expected(store)
    with store.transaction() as conn:        # what an eviction does
        conn.execute("DELETE FROM records WHERE person_id = ?", (pid,))
    assert store.execute("SELECT count(*) FROM caseload_summary WHERE person_id = ?",
                         (pid,)).fetchone()[0] == 0
    assert _summary(store) == _expected(store)
