"""Many devices: 20 laptops of two teams edit overlapping people offline, with clocks
skewed by hours, and sync in random order through two server processes on one PostgreSQL.

Afterwards: every laptop of a team holds identical data; every free-text edit made
concurrently with another is kept (as the value or in a conflict record); no laptop holds
anything of the other team; and a laptop whose clock is hours slow, editing after it has
seen a newer edit, still wins (the hybrid clock orders by causality, not wall time).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from typing import Any

from outreach.core.hlc import HybridClock
from outreach.ops import sync as sync_ops
from outreach.store import outbox
from sync.server import db
from sync.server.settings import Settings
from tests.reliability.conftest import (
    ServerProcess,
    new_laptop,
    setup_user,
    snapshot,
    sync_until_done,
)

HOUR = 3600.0
SKEWS = [-7 * HOUR, -3 * HOUR, -1 * HOUR, -0.1 * HOUR, 0.0, 0.5 * HOUR, 2 * HOUR, 6 * HOUR]
PER_TEAM = 10
SHARED = 6                       # people every laptop of a team works with
NEEDS = ["housing", "money", "benefits", "work", "physical_health", "relationships",
         "loneliness"]


def _skew(store: Any, seconds: float) -> None:
    """Give the laptop a wall clock ``seconds`` off (the store's clock is replaced before
    it issues any stamp of its own)."""
    store.clock = HybridClock(store.device_id, last=store.meta("hlc"),
                              now=lambda: time.time() + seconds)


def _edit_offline(store: Any, rng: random.Random, shared: list[tuple[str, str]], *,
                  tag: str, written: dict[tuple[str, str], dict[str, str]]) -> None:
    """Edit the free text of some shared care plans (each field at most once), a
    structured field, and add a conversation and a new person."""
    for pid, plan in rng.sample(shared, 3):
        text = f"{tag} wrote this about what matters"
        store.update(plan, {"what_matters": text,
                            "basic_needs": sorted(rng.sample(NEEDS, 2))})
        written[(plan, "what_matters")][store.device_id] = text
        store.create("conversation", {"occurred_at": "2026-03-02T10:00:00+00:00",
                                      "setting": "community_venue", "type": "support",
                                      "notes": f"{tag} met them"}, person_id=pid)
    store.create("person", {"given_name": f"{tag} new person"})


def test_twenty_devices_two_teams_skewed_clocks_two_servers(pg_url, tmp_path):
    rng = random.Random(20)
    servers = [ServerProcess(pg_url).start(), ServerProcess(pg_url).start()]
    engine = db.make_engine(pg_url)
    settings = Settings(db_url=pg_url)
    teams: dict[str, list[Any]] = {"North": [], "South": []}
    try:
        n = 0
        for team, devices in teams.items():
            for i in range(PER_TEAM):
                user = f"{team.lower()}{i}"
                store = new_laptop(tmp_path, user, user=user)
                _skew(store, rng.choice(SKEWS))
                code = setup_user(engine, settings, user, team=team)
                sync_ops.enroll(store, server_url=servers[n % 2].url, code=code)
                devices.append(store)
                n += 1
        everyone = [s for devices in teams.values() for s in devices]

        # Each team's first laptop registers the people the whole team works with.
        shared: dict[str, list[tuple[str, str]]] = {}
        for team, devices in teams.items():
            first = devices[0]
            shared[team] = []
            for i in range(SHARED):
                person = first.create("person", {"given_name": f"{team} shared {i}",
                                                 "family_name": f"{team}-only"})
                plan = first.create("care_plan", {"what_matters": f"{team} original {i}"},
                                    person_id=person["id"])
                shared[team].append((person["id"], plan["id"]))
            sync_until_done(first)
        for store in everyone:
            sync_until_done(store)

        # Two rounds of offline edits, each followed by syncs in random order.
        rounds: list[dict[tuple[str, str], dict[str, str]]] = []
        for r in range(2):
            written: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
            for team, devices in teams.items():
                for store in devices:
                    _edit_offline(store, rng, shared[team], tag=f"{store.user} r{r}",
                                  written=written)
            rounds.append(written)
            order = everyone[:]
            rng.shuffle(order)
            for store in order:
                sync_until_done(store)
        for _ in range(2):                          # settle: everyone hears everything
            for store in everyone:
                sync_until_done(store)

        for team, devices in teams.items():
            first = snapshot(devices[0])
            for store in devices[1:]:
                assert snapshot(store) == first, (team, store.user)
            assert all(outbox.pending_count(s) == 0 for s in devices)
            assert devices[0].count("person") == SHARED + 2 * PER_TEAM
            assert devices[0].count("conversation") == 2 * 3 * PER_TEAM

            # Every concurrent free-text edit survives, as the value or in a conflict.
            kept: dict[tuple[str, str], set[str]] = defaultdict(set)
            for c in devices[0].query("conflict"):
                for v in c["versions"]:
                    kept[(c["record_id"], c["field"])].add(v["value"])
            for _pid, plan in shared[team]:
                kept[(plan, "what_matters")].add(devices[0].require(plan)["what_matters"])
            concurrent = 0
            for written in rounds:
                for key, by_device in written.items():
                    if key[0] not in {p for _, p in shared[team]} or len(by_device) < 2:
                        continue
                    concurrent += 1
                    lost = set(by_device.values()) - kept[key]
                    assert not lost, (team, key, lost)
            assert concurrent >= 3

        # No laptop holds anything of the other team.
        for team, devices in teams.items():
            other = "South" if team == "North" else "North"
            theirs = {pid for pid, _plan in shared[other]}
            for store in devices:
                rows = store.execute("SELECT person_id, data FROM records").fetchall()
                assert not [r for r in rows if r[0] in theirs]
                assert not [r for r in rows if f"{other}-only" in r[1] or
                            other.lower() in r[1]], store.user

        # A laptop 7 hours slow edits after seeing a newer edit: its edit wins.
        north = teams["North"]
        slow = min(north, key=lambda s: s.clock._now() - time.time())
        fast = max(north, key=lambda s: s.clock._now() - time.time())
        assert fast.clock._now() - slow.clock._now() > 4 * HOUR
        _pid, plan = shared["North"][0]
        fast.update(plan, {"basic_needs": ["money"]})
        sync_until_done(fast)
        sync_until_done(slow)
        slow.update(plan, {"basic_needs": ["housing"]})
        sync_until_done(slow)
        for store in north:
            sync_until_done(store)
            assert store.require(plan)["basic_needs"] == ["housing"]
    finally:
        for devices in teams.values():
            for s in devices:
                s.close()
        errors = [srv.stop() for srv in servers]
        engine.dispose()
    assert not [e for e in errors if "Traceback" in e], errors
