"""Roles (issue 14 item 3): set by an admin on the server (built-in or the team's own),
sent to the laptop at enrolment and refreshed on every sync, scoped to the team; a
welcome's role travels with it to the rest of the team. A real client against a real
server, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.ops import conversations, team
from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.server import admin
from tests.conftest import PASSPHRASE


def _welcome(store, name: str) -> str:
    return conversations.welcome(
        store, person={"given_name": name}, consent_record=True, consent_share=False,
        what_matters="Company", notes="We met at the lounge.", setting="listening_lounge").id


def test_the_admin_adds_a_team_role_and_only_that_team_may_use_it(backend):
    engine, _ = backend
    admin.create_team(engine, "North")
    admin.create_team(engine, "South")
    code = admin.add_role(engine, team="North", label="Employment advisor")
    assert code == "employment_advisor"
    assert admin.list_roles(engine, team="North")["employment_advisor"] == "Employment advisor"
    assert "employment_advisor" not in admin.list_roles(engine, team="South")
    admin.create_user(engine, team="North", username="jo", role="employment_advisor")
    with pytest.raises(admin.AdminError, match="Employment advisor|add-role"):
        admin.create_user(engine, team="South", username="lee", role="employment_advisor")
    with pytest.raises(admin.AdminError):
        admin.add_role(engine, team="North", label="Peer mentor")   # a built-in role
    with pytest.raises(admin.AdminError):
        admin.set_role(engine, username="jo", role="astronaut")
    admin.set_role(engine, username="jo", role="peer_mentor")
    # another team's admin cannot change jo
    south = admin.list_roles(engine, team="South")
    assert set(south) == {"practitioner", "peer_mentor", "clinician", "admin"}
    with pytest.raises(admin.AdminError):
        admin.set_role(engine, username="jo", role="clinician",
                       team_id=admin.team_id_of(engine, "South"))


def _peer_mentor(laptops, name: str):
    """A laptop enrolled for ``name``, a peer mentor of North."""
    store = laptops.new(name, username=name, team="North", enroll=False)
    admin.set_role(laptops.server.engine, username=name, role="peer_mentor")
    sync_ops.enroll(store, server_url=laptops.server.url, code=laptops.code(name),
                    passphrase=PASSPHRASE)
    return store


def test_the_role_reaches_the_laptop_at_enrolment_and_changes_on_sync(laptops):
    srv = laptops.server
    pat = _peer_mentor(laptops, "pat")
    assert team.my_role(pat) == "peer_mentor"
    laptops.user("kim", team="North")                         # a practitioner
    laptops.user("lee", team="South")                         # another team: never listed
    admin.add_role(srv.engine, team="North", label="Employment advisor")
    admin.set_role(srv.engine, username="kim", role="employment_advisor")
    sync_ops.sync_now(pat)
    assert {m.user: m.role for m in team.members(pat)} == {
        "pat": "peer_mentor", "kim": "employment_advisor"}
    assert dict(team.team_roles(pat)) == {"employment_advisor": "Employment advisor"}
    # the admin makes pat a clinician: the next sync says so
    admin.set_role(srv.engine, username="pat", role="clinician")
    sync_ops.sync_now(pat)
    assert team.my_role(pat) == "clinician"
    assert StoreSync(pat).credentials().role == "clinician"


def test_a_welcome_by_a_peer_mentor_is_counted_by_the_team_and_the_server(laptops):
    srv = laptops.server
    pat = _peer_mentor(laptops, "pat")
    kim = laptops.new("kim", username="kim", team="North")
    robin = _welcome(pat, "Robin")
    team.set_peer_mentor(pat, person_id=robin, peer_mentor="pat")
    _welcome(kim, "Ash")
    for store in (pat, kim, pat, kim):
        sync_ops.sync_now(store)
    today = dt.date.today()
    from outreach.ops import reports
    figures = reports.roles_report(kim, start=today, end=today)
    assert (figures.welcomed.total, figures.welcomed.by_peer_mentor) == (2, 1)
    assert figures.welcomed.peer_mentor_percent == 50.0
    assert {r.role: r.count for r in figures.mix} == {"peer_mentor": 1, "practitioner": 1}
    from sync.server.report import server_roles
    on_server = server_roles(srv.engine, start=today, end=today, team="North")
    assert on_server.welcomed == figures.welcomed
    assert on_server.mix == figures.mix
    from outreach.ops import people
    assert people.person_file(kim, robin).person["peer_mentor"] == "pat"   # synced too
    from sync.server.report import api_report
    body = api_report(srv.engine, team_id=admin.team_id_of(srv.engine, "North"),
                      user_id=None, device_id=None, start=today, end=today, group_by=None)
    assert body["roles"]["welcomed"][-1] == ["All welcomes", 2, 100.0]
    assert ["Peer mentor", 1, 50.0] in body["roles"]["welcomed"]


def test_the_server_cli_adds_lists_and_sets_roles(db_url, capsys):
    from sync.server.cli import main

    assert main(["admin", "create-team", "North", "--db", db_url]) == 0
    assert main(["admin", "create-user", "--team", "North", "jo", "--db", db_url]) == 0
    assert main(["admin", "add-role", "--team", "North", "Debt advisor", "--db", db_url]) == 0
    assert main(["admin", "set-role", "jo", "debt_advisor", "--db", db_url]) == 0
    assert main(["admin", "set-role", "jo", "astronaut", "--db", db_url]) == 1
    assert main(["admin", "roles", "--team", "North", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "debt_advisor" in out and "Debt advisor" in out and "jo" in out
