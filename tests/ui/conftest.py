"""UI test set-up: an unlocked profile (fast KDF) with a small synthetic caseload made
through the ops, and a main window that has not been unlocked yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from outreach.ops import conversations as conv_ops
from outreach.ops import people as people_ops
from outreach.ops import risk as risk_ops
from outreach.store.profile import Profile
from outreach.store.records import Store
from tests.conftest import FAST_KDF, PASSPHRASE


@dataclass
class Caseload:
    store: Store
    data_dir: Path
    ids: dict[str, str] = field(default_factory=dict)


def days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def add_caseload(store: Store) -> dict[str, str]:
    """Three synthetic people: one supported (with a follow-up due and a high risk flag),
    two waiting for a first conversation (20 and 5 days)."""
    ids: dict[str, str] = {}
    made = conv_ops.welcome(
        store, person={"given_name": "Aisha", "family_name": "Khan", "pronouns": "she/her"},
        consent_record=True, consent_share=False,
        what_matters="Getting back to my allotment and seeing my sister.",
        notes="We met by the pond. Aisha talked about the allotment.", setting="outdoors",
        occurred_at=days_ago(10) + "T10:00:00+00:00")
    ids["aisha"] = next(iter(made.records["person"]))
    conv_ops.record_conversation(store, person_id=ids["aisha"], values={
        "occurred_at": days_ago(3) + "T11:00:00+00:00", "setting": "community_venue",
        "type": "support", "notes": "Talked about the housing letter.",
        "follow_ups": "Ring the housing officer", "follow_up_on": days_ago(1)})
    risk_ops.raise_flag(store, person_id=ids["aisha"], level="high",
                        concern="Worried about the landlord's visits")
    ids["ben"] = people_ops.new_person(
        store, person={"given_name": "Ben", "family_name": "Jones"},
        referral={"source": "gp", "received_on": days_ago(20)}).id or ""
    ids["cara"] = people_ops.new_person(
        store, person={"given_name": "Cara", "family_name": "Lee"},
        referral={"source": "self", "received_on": days_ago(5)}).id or ""
    return ids


@pytest.fixture
def caseload(store: Store, data_dir: Path) -> Caseload:
    return Caseload(store=store, data_dir=data_dir, ids=add_caseload(store))


@pytest.fixture
def window(qtbot: Any, caseload: Caseload):
    """A main window over the caseload's profile, showing the unlock screen."""
    from outreach.ui.main_window import MainWindow

    caseload.store.close()
    win = MainWindow(data_dir=caseload.data_dir)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.session.shutdown()
    from outreach.ui.background import wait_for_all
    wait_for_all(5000)


# -- a real sync server on a loopback port (SQLite) -------------------------------------------
@pytest.fixture
def server(tmp_path: Path):
    from sync.server import admin as server_admin
    from sync.server.settings import Settings
    from tests.sync.conftest import start_server

    # Demo caseloads write the service directory from these practitioners' laptops.
    srv = start_server(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}",
                                directory_roles=server_admin.ROLES))
    server_admin.create_team(srv.engine, "north")
    for name in ("sam.worker", "priya.nair"):
        server_admin.create_user(srv.engine, team="north", username=name)
    yield srv
    srv.stop()


def code_for(server, username: str) -> str:
    from sync.server import admin as server_admin

    return server_admin.issue_enroll_code(server.engine, server.settings, username)[0]


def laptop(tmp_path: Path, name: str, user: str):
    return Profile(tmp_path / name, "main", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user=user)


