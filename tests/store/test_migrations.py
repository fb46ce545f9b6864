"""Schema upgrades on a database left behind by the first release, and failed upgrades."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from outreach.store import migrations
from outreach.store.db import connect
from outreach.store.migrations import LATEST, current_version, migrate
from outreach.store.records import Store
from outreach.store.search import search
from tests.store.make_fixtures import CONVERSATION, FIXTURE_KEY, FIXTURES, PERSON, PLAN

BAD_SQL = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "profile" / "outreach.db"
    path.parent.mkdir()
    shutil.copyfile(FIXTURES / "schema_v1.db", path)
    return path


def raw_open(path: Path):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{FIXTURE_KEY.hex()}'\"")
    return conn


def test_the_fixture_is_at_schema_1(v1_copy: Path) -> None:
    conn = raw_open(v1_copy)
    assert current_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "drafts" not in tables and "records" in tables
    conn.close()


def test_schema_1_upgrades_to_the_latest_with_its_data(v1_copy: Path) -> None:
    store = Store(connect(v1_copy, FIXTURE_KEY), folder=v1_copy.parent)
    try:
        assert current_version(store.conn) == LATEST
        assert store.user == "fixture.worker"
        person = store.require(PERSON)
        assert (person["given_name"], person["family_name"]) == ("Fixturina", "Oldschema")
        assert store.require(CONVERSATION)["notes"].startswith("We walked round")
        assert store.require(PLAN)["strengths"] == "Patient with clay."
        assert store.execute("SELECT count(*) FROM outbox").fetchone()[0] == 3
        assert {h.record_id for h in search(store, "pottery")} == {PLAN, CONVERSATION}
        # drafts (schema 2) work on the upgraded database
        store.save_draft("draft-1", kind="conversation", person_id=PERSON,
                         data={"notes": "Started after the upgrade"})
        assert store.drafts(person_id=PERSON)[0]["data"] == {
            "notes": "Started after the upgrade"}
        # and new writes carry on after the old clock
        updated = store.update(PLAN, {"strengths": "Patient with clay and people."})
        assert store.clocks(PLAN)["strengths"] > store.clocks(PLAN)["what_matters"]
        assert updated["version"] == 2
    finally:
        store.close()


def test_upgrading_again_does_nothing(v1_copy: Path) -> None:
    connect(v1_copy, FIXTURE_KEY).close()
    conn = connect(v1_copy, FIXTURE_KEY)
    assert migrate(conn) == []
    conn.close()


def test_a_failing_migration_rolls_back_to_the_previous_version(
        v1_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = raw_open(v1_copy)
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [migrations.MIGRATIONS[0], (2, "broken", BAD_SQL)])
    with pytest.raises(sqlcipher3.OperationalError):
        migrate(conn, target=2)
    assert current_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 3
    conn.close()


def test_earlier_migrations_stay_applied_when_a_later_one_fails(
        v1_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = raw_open(v1_copy)
    broken = (LATEST + 1, "broken", BAD_SQL)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(sqlcipher3.OperationalError):
        migrate(conn, target=LATEST + 1)
    assert current_version(conn) == LATEST
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "drafts" in tables and "half_done" not in tables
    conn.close()


def test_a_newer_schema_is_refused(v1_copy: Path) -> None:
    conn = raw_open(v1_copy)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(migrations.SchemaTooNew):
        connect(v1_copy, FIXTURE_KEY)


def test_the_wrong_key_is_refused(v1_copy: Path) -> None:
    from outreach.store.db import WrongKey

    with pytest.raises(WrongKey):
        connect(v1_copy, bytes(32))
