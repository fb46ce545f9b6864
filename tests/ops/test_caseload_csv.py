"""The caseload as CSV (Reports' export and ``outreach-cli report --csv``): a byte-order
mark, the team of each person, and a declined person's status in the words of their file."""

from __future__ import annotations

import codecs
import csv
import io

from outreach.ops import conversations, episodes, people, reports


def _rows(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "Excel needs the mark to read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_caseload_csv_carries_the_team_and_reads_declined_as_on_the_file(store, tmp_path):
    zoe = people.new_person(store, person={"given_name": "Zoë", "family_name": "Ó Briain",
                                           "team": "north", "consent_share": True},
                            referral={"source": "gp", "received_on": "2026-11-02"}).id
    (ref,) = people.person_file(store, zoe).referrals
    episodes.decide_referral(store, referral_id=ref["id"], accept=False,
                             reason="Better helped by the crisis team", on="2026-11-03")
    conversations.welcome(store, person={"given_name": "Siân", "team": "south"},
                          consent_record=True, consent_share=True, what_matters="Synthetic",
                          notes="Synthetic", setting="outdoors")
    kit = people.new_person(store, person={"given_name": "Kit"}).id   # no team, no consent

    path = tmp_path / "caseload.csv"
    assert reports.write_caseload_csv(store, path) == 3
    rows = {r["Name"]: r for r in _rows(path)}
    assert {n: r["Team"] for n, r in rows.items()} == {
        "Zoë Ó Briain": "north", "Siân": "south", "Not agreed to share": ""}
    assert rows["Not agreed to share"]["Person id"] == kit      # Kit: never named
    assert rows["Zoë Ó Briain"]["Status"] == "Referral declined"
    assert rows["Siân"]["Status"] == "Being supported"
    assert people.STATUS_LABELS["declined"] == "Referral declined"
    (row,) = [r for r in people.caseload(store) if r.id == zoe]
    assert row.status == "declined"


def test_declined_after_an_earlier_period_of_support_reads_declined(store):
    pid = conversations.welcome(store, person={"given_name": "Ola"}, consent_record=True,
                                consent_share=True, what_matters="Synthetic",
                                notes="Synthetic", setting="home",
                                occurred_at="2026-01-05T10:00:00+00:00").id
    (ep,) = people.person_file(store, pid).episodes
    episodes.end_episode(store, episode_id=ep["id"], reason="met_goals", ended_on="2026-04-01")
    assert people.caseload(store)[0].status == "ended"
    ref = store.create("referral", {"source": "gp", "received_on": "2026-10-01",
                                    "status": "pending"}, person_id=pid)
    episodes.decide_referral(store, referral_id=ref["id"], accept=False, reason="Synthetic")
    assert people.caseload(store)[0].status == "declined"
