"""A risk flag reviewed and closed on one laptop is reviewed and closed on the team's other
laptops: the new fields (who, when, why) travel through the real server; two reviews
written at once keep both texts; a closed flag leaves every laptop's huddle."""

from __future__ import annotations

from outreach.ops import risk, today
from outreach.ops import sync as sync_ops
from tests.sync.conftest import snapshot


def test_review_and_close_travel_to_the_team(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    person = a.create("person", {"given_name": "Robin", "family_name": "Example"})
    flag = risk.raise_flag(a, person_id=person["id"], level="high",
                           concern="Synthetic concern").id
    sync_ops.sync_now(a)
    sync_ops.sync_now(b)
    assert b.get(flag)["status"] == "open"
    risk.review_flag(a, flag, note="Alice's synthetic review")
    risk.review_flag(b, flag, note="Bob's synthetic review")          # at the same time
    for store in (a, b, a, b):
        sync_ops.sync_now(store)
    assert snapshot(a) == snapshot(b)
    both = [c for c in a.query("conflict") if c["status"] == "open"]
    assert len(both) == 1
    texts = {v["value"] for v in both[0]["versions"]}
    assert texts == {"Alice's synthetic review", "Bob's synthetic review"}
    risk.close_flag(b, flag, reason="Synthetic reason to close")
    sync_ops.sync_now(b)
    sync_ops.sync_now(a)
    got = a.get(flag)
    assert (got["status"], got["closed_by"], got["close_reason"]) == (
        "closed", "bob", "Synthetic reason to close")
    assert got["closed_on"] and today.today(a).huddle == [] == today.today(b).huddle
