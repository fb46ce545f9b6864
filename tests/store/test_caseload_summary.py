"""The caseload summary kept by triggers (migrations 4 and 6) always equals a fresh
computation from the records, whatever wrote them: ops, import, deletes, evictions, and
conversations saved out of date order."""

from __future__ import annotations

import datetime as dt

from outreach.core.rules import RISK_ORDER
from outreach.ops import conversations, episodes, risk
from outreach.ops.demo import generate_caseload


def _expected(store) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for p in store.query("person"):
        out[p["id"]] = [None, None, None, None, 0, 0, None] + [
            p.get(f) for f in ("given_name", "family_name", "preferred_name", "pronouns",
                               "key_worker")]
    def live(kind: str) -> list[dict]:        # records of people still on the list
        return [r for r in store.query(kind) if r["person_id"] in out]

    for c in sorted(live("conversation"), key=lambda c: c["occurred_at"]):   # stable sort:
        row = out[c["person_id"]]                           # the later-saved of a tie wins
        row[0] = max(row[0] or "", c["occurred_at"][:10])
        row[1] = c.get("follow_up_on")      # the latest conversation's follow-up
    for r in sorted(live("referral"), key=lambda r: r["received_on"]):
        out[r["person_id"]][2:4] = [r["status"], r["received_on"]]
    for e in live("episode"):
        row = out[e["person_id"]]
        row[5] += 1
        row[4] += 0 if e.get("ended_on") else 1
    for f in live("risk_flag"):
        if f["status"] == "open":
            row = out[f["person_id"]]
            row[6] = max(row[6] or 0, RISK_ORDER[f["level"]])
    return {pid: tuple(v) for pid, v in out.items()}


def _summary(store) -> dict[str, tuple]:
    rows = store.execute("SELECT person_id, last_seen, follow_up_on, referral_status, "
                         "referral_received, open_episodes, episodes, risk_level, "
                         "given_name, family_name, preferred_name, pronouns, key_worker "
                         "FROM caseload_summary").fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


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
    risk.close_flag(store, flag, reason="Synthetic reason")
    store.delete(store.query("referral", person_id=pid)[0]["id"])
    assert _summary(store) == _expected(store)
    with store.transaction() as conn:        # what an eviction does
        conn.execute("DELETE FROM records WHERE person_id = ?", (pid,))
    assert store.execute("SELECT count(*) FROM caseload_summary WHERE person_id = ?",
                         (pid,)).fetchone()[0] == 0
    assert _summary(store) == _expected(store)


def test_conversations_saved_out_of_order_and_people_renamed_or_deleted(store):
    generate_caseload(store, people=6, seed=5, today=dt.date(2026, 11, 1))
    pid = store.query("person")[0]["id"]

    def talk(when: str, follow: str | None) -> None:
        values = {"setting": "phone", "notes": "Synthetic note", "occurred_at": when}
        if follow:
            values["follow_up_on"] = follow
        conversations.record_conversation(store, person_id=pid, values=values)

    talk("2026-11-20T10:00:00+00:00", "2026-11-30")
    talk("2026-11-02T10:00:00+00:00", "2026-11-09")    # written up late: an older one
    talk("2026-11-20T15:30:00+00:00", None)            # later the same day, no follow-up
    assert _summary(store) == _expected(store)
    row = store.execute("SELECT last_seen, follow_up_on FROM caseload_summary "
                        "WHERE person_id = ?", (pid,)).fetchone()
    assert row == ("2026-11-20", None)
    store.update(pid, {"preferred_name": "Synthetic Sky", "key_worker": "New Worker"})
    assert _summary(store) == _expected(store)
    store.delete(pid)
    assert pid not in _summary(store)
    assert _summary(store) == _expected(store)
