"""A small team for the roles figures (issue 14 item 3): three welcomes in October 2026,
two by a peer mentor; four users, two of them peer mentors."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
MEMBERS = {"sam.worker": "peer_mentor", "ali.peer": "peer_mentor", "kim.nurse": "clinician",
           "jo.ips": "employment_advisor"}


def roles_team(store: Any) -> None:
    from outreach.ops import conversations
    from outreach.store.syncstore import StoreSync
    from sync.client import Credentials

    StoreSync(store).set_credentials(Credentials(
        server_url="https://sync.example.org", device_id=str(uuid.uuid4()), token="t",
        user="sam.worker", team="north", role="peer_mentor", team_members=dict(MEMBERS),
        team_roles={"employment_advisor": "Employment advisor"}))
    for name, day, who in (("Robin", "2026-10-02", "sam.worker"),
                           ("Ash", "2026-10-09", "ali.peer"),
                           ("Kit", "2026-10-20", "kim.nurse")):
        conversations.welcome(store, person={"given_name": name}, consent_record=True,
                              consent_share=False, what_matters="Company", notes="Tea.",
                              setting="community_venue", occurred_at=f"{day}T10:00:00+01:00",
                              welcomed_by=who)
