"""A small, hand-worked scenario shared by the indicator, CLI, UI and server tests.

Seven people over the range 1 January to 31 March 2024 (``today`` 30 June 2024), chosen so
that every edge case in docs/indicators.md appears once. The expected figures in
tests/core/test_indicators.py are worked out by hand from the comments here.

Team "north": P1 (ann), P2 (ann), P3 (bob). Team "south": P4 (bob), P5 (no key worker),
P7 (cat). No team: P6 (ann).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from outreach.core.records import META_FIELDS

START = dt.date(2024, 1, 1)
END = dt.date(2024, 3, 31)
TODAY = dt.date(2024, 6, 30)

SW_3 = [3] * 7          # SWEMWBS raw 21 -> 19.25
SW_4 = [4] * 7          # raw 28 -> 25.03
SW_1 = [1] * 7          # raw 7  -> 7.0
SW_22 = [3] * 6 + [4]   # raw 22 -> 19.98
# SWEMWBS clinical range: metric below 20.5 (19.25 and 19.98 are in it, 25.03 is not).
# ReQoL-10 clinical range: total below 24 (20 and 22 are in it).
UCLA_8 = [3, 3, 2]      # UCLA-3 loneliness total 8 (higher = lonelier)
UCLA_5 = [2, 2, 1]      # 5
UCLA_4 = [2, 1, 1]      # 4
UCLA_6 = [2, 2, 2]      # 6
RQ_20 = [2] * 10                            # ReQoL-10 total 20
RQ_26 = [2, 4, 2, 4, 4, 2, 2, 2, 2, 2]      # items 2, 4 and 5 (not reversed) up by 2: 26
RQ_22 = [2, 4, 2, 2, 2, 2, 2, 2, 2, 2]      # item 2 up by 2: 22


def uid(name: str) -> str:
    """Record ids are UUIDs; the scenario names them ("P1") and derives the UUID."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:outreach:test:{name}"))


class Records:
    """Builds flat records the way the store returns them (ids, kind, person_id, stamps)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def add(self, kind: str, person: str | None = None, *, id: str | None = None,
            **values: Any) -> str:
        n = len(self.records) + 1
        rid = uid(id or f"{kind}-{n}")
        owner = uid(person) if person else None
        rec = {"id": rid, "kind": kind, "person_id": rid if kind == "person" else owner,
               "created_at": f"2024-01-01T00:00:00.{n:06d}+00:00", "version": 1, **values}
        self.records.append(rec)
        return rid

    def person(self, pid: str, *, team: str | None, key_worker: str | None) -> str:
        return self.add("person", id=pid, given_name=pid, team=team, key_worker=key_worker)

    def conversation(self, pid: str, when: str, setting: str, type: str = "support",
                     **more: Any) -> str:
        return self.add("conversation", pid, occurred_at=f"{when}T10:00:00+00:00",
                        setting=setting, type=type, notes="Talked about the week.", **more)

    def goal(self, pid: str, *ratings: tuple[str, int], achieved_on: str | None = None,
             achieved: bool = False) -> str:
        """A goal with its ratings; ``achieved`` (or an ``achieved_on`` day) marks it
        achieved (no day: achieved on an unknown date, as imported data may be)."""
        more = {"achieved_on": achieved_on} if achieved_on else {}
        gid = self.add("goal", pid, description="Get out more", life_area="connection",
                       set_on=ratings[0][0] if ratings else "2024-01-01",
                       status="achieved" if achieved or achieved_on else "active", **more)
        for day, score in ratings:
            self.add("goal_rating", pid, goal_id=gid, rated_on=day, score=score)
        return gid

    def measure(self, pid: str, instrument: str, day: str, answers: list[int]) -> str:
        return self.add("measure", pid, instrument=instrument, completed_on=day,
                        answers=answers)


def build() -> list[dict[str, Any]]:
    r = Records()
    # P1: referred 2 Jan, first conversation 16 Jan (14 days); two goals (3->6, 5->5);
    # linked to a service; SWEMWBS 19.25 -> 25.03 (improved); a later measure after the
    # range end and a deleted conversation must be ignored.
    r.person("P1", team="north", key_worker="ann")
    r.add("referral", "P1", source="gp", received_on="2024-01-02", status="accepted",
          decided_on="2024-01-03")
    r.add("episode", "P1", started_on="2024-01-16", key_worker="ann")
    r.conversation("P1", "2024-01-16", "community_venue")
    r.conversation("P1", "2024-02-01", "outdoors")
    r.conversation("P1", "2024-02-02", "phone", deleted=True)
    r.goal("P1", ("2024-01-16", 3), ("2024-03-01", 6))
    r.goal("P1", ("2024-01-16", 5), ("2024-03-01", 5), achieved_on="2024-03-01")
    svc = r.add("service", None, name="Walking group", category="walking_group")
    r.add("service_link", "P1", service_id=svc, linked_on="2024-02-01", status="referred")
    # P1 (issue 14): also linked to a talking therapy (attending); UCLA-3 8 -> 5 (less
    # lonely); community rarely -> most weeks (more involved); looking for work then
    # volunteering (latest: not in work or study).
    talking = r.add("service", None, name="Talking therapy", category="talking_therapy")
    r.add("service_link", "P1", service_id=talking, linked_on="2024-03-01", status="attending")
    r.measure("P1", "ucla3", "2024-01-16", UCLA_8)
    r.measure("P1", "ucla3", "2024-03-01", UCLA_5)
    r.add("life_check", "P1", checked_on="2024-01-16", community="rarely", work="looking")
    r.add("life_check", "P1", checked_on="2024-03-01", community="weekly",
          work="volunteering")
    r.measure("P1", "swemwbs", "2024-01-16", SW_3)
    r.measure("P1", "swemwbs", "2024-03-01", SW_4)
    r.measure("P1", "swemwbs", "2024-04-20", SW_1)
    # P2: referral declined: no wait, not waiting, not supported.
    r.person("P2", team="north", key_worker="ann")
    r.add("referral", "P2", source="self", received_on="2024-01-10", status="declined",
          decided_on="2024-01-11", decline_reason="Better helped by the crisis team")
    # P3: pending referral 1 Mar, no conversation by 31 Mar (one on 5 Apr is after the end):
    # still waiting, 30 days.
    r.person("P3", team="north", key_worker="bob")
    r.add("referral", "P3", source="self", received_on="2024-03-01", status="pending")
    # (issue 14) two UCLA-3 measures, but P3 is not supported: not counted.
    r.measure("P3", "ucla3", "2024-01-05", UCLA_8)
    r.measure("P3", "ucla3", "2024-03-05", UCLA_4)
    r.conversation("P3", "2024-04-05", "phone")
    # P4: returns (episode 2023 ended; a new one 10 Feb 2024, no new referral), ends it
    # 20 Mar (chose to stop); two goals both progressed; ReQoL-10 20 then two on the same
    # day (26 then 22: the later one counts -> no change); two SWEMWBS on one day only.
    r.person("P4", team="south", key_worker="bob")
    r.add("referral", "P4", source="gp", received_on="2023-04-20", status="accepted",
          decided_on="2023-04-20")
    r.add("episode", "P4", started_on="2023-05-01", ended_on="2023-11-30",
          exit_reason="completed")
    r.add("episode", "P4", started_on="2024-02-10", ended_on="2024-03-20",
          exit_reason="chose_to_stop")
    r.conversation("P4", "2024-02-10", "home")
    # (issue 14) both goals achieved, one before the range: 2 achieved by the end; exit
    # questionnaire on 20 Mar (listened yes, joined up partly, use again yes); one life
    # check (in paid work; community checked once only); a job start 1 Mar.
    r.goal("P4", ("2023-06-01", 2), ("2024-02-10", 4), achieved_on="2024-02-10")
    r.goal("P4", ("2023-06-01", 1), ("2024-02-10", 7), achieved_on="2023-09-01")
    r.add("exit_feedback", "P4", completed_on="2024-03-20", listened="yes",
          joined_up="partly", use_again="yes")
    r.add("life_check", "P4", checked_on="2024-02-10", community="monthly", work="paid_work")
    r.add("job_start", "P4", started_on="2024-03-01", job_title="Café assistant",
          hours_per_week=16, ips=True)
    r.add("service_link", "P4", service_id=svc, linked_on="2024-02-10", status="suggested")
    r.measure("P4", "reqol10", "2023-06-01", RQ_20)
    r.measure("P4", "reqol10", "2024-02-10", RQ_26)
    r.measure("P4", "reqol10", "2024-02-10", RQ_22)
    r.measure("P4", "swemwbs", "2024-02-10", SW_3)
    r.measure("P4", "swemwbs", "2024-02-10", SW_4)
    # P5: an episode spanning the whole range (Dec 2023 to 15 Apr 2024): supported, not seen,
    # not ended in the range; goal rated twice on one day (not counted); a link made before
    # the range; SWEMWBS 25.03 -> 19.25 (deteriorated).
    r.person("P5", team="south", key_worker=None)
    r.add("referral", "P5", source="health", received_on="2023-11-25", status="accepted",
          decided_on="2023-11-25")
    r.add("episode", "P5", started_on="2023-12-01", ended_on="2024-04-15",
          exit_reason="completed")
    r.conversation("P5", "2023-12-01", "phone")
    r.goal("P5", ("2024-02-01", 4), ("2024-02-01", 6), achieved=True)
    # (issue 14) the goal is achieved on an unknown date (counts); UCLA-3 4 -> 6
    # (lonelier); an exit questionnaire and a job start after the range (not counted).
    r.measure("P5", "ucla3", "2023-12-01", UCLA_4)
    r.measure("P5", "ucla3", "2024-03-15", UCLA_6)
    r.add("exit_feedback", "P5", completed_on="2024-04-15", listened="no", joined_up="no",
          use_again="no")
    r.add("job_start", "P5", started_on="2024-04-20")
    r.add("service_link", "P5", service_id=svc, linked_on="2023-12-05", status="attending")
    r.measure("P5", "swemwbs", "2023-12-01", SW_4)
    r.measure("P5", "swemwbs", "2024-03-15", SW_3)
    # P6 (no team): referred 25 Mar, seen 30 Mar (5 days), support 30-31 Mar ended "met
    # goals"; one goal rating only; SWEMWBS 19.25 -> 19.98 (no reliable change).
    r.person("P6", team=None, key_worker="ann")
    r.add("referral", "P6", source="self", received_on="2024-03-25", status="accepted",
          decided_on="2024-03-25")
    r.add("episode", "P6", started_on="2024-03-30", ended_on="2024-03-31",
          exit_reason="met_goals")
    r.conversation("P6", "2024-03-30", "video")
    r.goal("P6", ("2024-03-30", 2))
    # (issue 14) exit questionnaire 31 Mar (yes, yes, did not want to say); a job start
    # 31 Mar; a talking therapy only suggested (not a link).
    r.add("exit_feedback", "P6", completed_on="2024-03-31", listened="yes", joined_up="yes",
          use_again="not_answered")
    r.add("job_start", "P6", started_on="2024-03-31", ips=False)
    r.add("service_link", "P6", service_id=talking, linked_on="2024-03-30",
          status="suggested")
    r.measure("P6", "swemwbs", "2024-03-30", SW_3)
    r.measure("P6", "swemwbs", "2024-03-31", SW_22)
    # P7: an episode ended 5 Jan ("other"); a new referral 20 Jan, first
    # conversation 19 Feb (30 days; the 2023 conversation is before the referral), a new
    # episode (a return); goal 5 -> 3 (rated, no progress).
    r.person("P7", team="south", key_worker="cat")
    r.add("episode", "P7", started_on="2023-10-01", ended_on="2024-01-05",
          exit_reason="other")
    r.conversation("P7", "2023-10-01", "outdoors")
    r.add("referral", "P7", source="gp", received_on="2024-01-20", status="accepted",
          decided_on="2024-01-22")
    r.add("episode", "P7", started_on="2024-02-19")
    r.conversation("P7", "2024-02-19", "clinic")
    r.goal("P7", ("2024-01-10", 5), ("2024-03-10", 3), achieved_on="2024-04-10")
    # (issue 14) the goal was achieved after the range (not counted); one UCLA-3 only;
    # community now and then twice (the same); not working, then studying (in work or study).
    r.measure("P7", "ucla3", "2024-02-19", UCLA_8)
    r.add("life_check", "P7", checked_on="2024-02-19", community="monthly",
          work="not_working")
    r.add("life_check", "P7", checked_on="2024-03-10", community="monthly", work="study")
    return r.records


def load(store: Any, records: list[dict[str, Any]]) -> None:
    """Write the scenario into a real store (deleted records are left out: the store keeps
    conversations append-only, so it cannot hold a deleted one)."""
    for rec in records:
        if rec.get("deleted"):
            continue
        values = {k: v for k, v in rec.items() if k not in META_FIELDS and v is not None}
        store.create(rec["kind"], values, record_id=rec["id"],
                     person_id=None if rec["kind"] == "person" else rec["person_id"])
