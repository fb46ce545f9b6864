"""``outreach-server serve`` refuses unsafe configurations by itself (one line each, exit
78), the pilot escape hatch is explicit and loud, a new SQLite database is 0600 (with its
-wal and -shm), and SQL statement parameters never reach logs or error messages."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sync.server import cli, db

SECRET = "Robin-Example-Secret-Value"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand-ins for the app and uvicorn: records what would have been served."""
    import uvicorn

    import sync.server.app as app_module

    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(app_module, "create_app", lambda settings: ("app", settings))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append({"app": app, **kw}))
    monkeypatch.delenv("OUTREACH_SERVER_INSECURE_PILOT", raising=False)
    return runs


@pytest.fixture
def tls(tmp_path: Path) -> list[str]:
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    cert.write_text("certificate\n")
    key.write_text("key\n")
    return ["--tls-cert", str(cert), "--tls-key", str(key)]


def _sqlite(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'server.db'}"]


@pytest.mark.parametrize(("argv", "reason"), [
    (["--host", "0.0.0.0"], "without TLS"),
    (["--host", "192.0.2.10"], "without TLS"),
    (["--db", "postgresql+psycopg://outreach@db.example.org/outreach"], "no password"),
    (["--db", "postgresql+psycopg://outreach:change-me@db.example.org/outreach"],
     "default or placeholder"),
    (["--db", "postgresql+psycopg://outreach:outreach@db.example.org/outreach"],
     "default or placeholder"),
    (["--tls-cert", "/nonexistent/tls.crt"], "both"),
], ids=["any-address", "lan-address", "no-db-password", "placeholder-password",
        "password-is-user", "half-tls"])
def test_serve_refuses_an_unsafe_configuration(tmp_path, capsys, started, argv, reason):
    argv = argv if "--db" in argv else [*argv, *_sqlite(tmp_path)]
    assert cli.main(["serve", *argv]) == 78
    assert started == []
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert all(line.startswith("outreach-server: refusing to start: ")
               for line in err.strip().splitlines())


def test_serve_starts_when_safe(tmp_path, capsys, started, tls):
    assert cli.main(["serve", *_sqlite(tmp_path)]) == 0                 # loopback pilot
    assert cli.main(["serve", "--host", "0.0.0.0", *tls, *_sqlite(tmp_path)]) == 0
    assert cli.main(["serve", "--host", "0.0.0.0", "--behind-proxy", *_sqlite(tmp_path)]) == 0
    socket = "postgresql+psycopg://outreach@/outreach?host=/run/postgresql"   # peer auth
    assert cli.main(["serve", "--db", socket]) == 0
    assert len(started) == 4
    assert capsys.readouterr().err == ""


def test_the_insecure_pilot_escape_hatch_is_explicit_and_loud(tmp_path, capsys, started,
                                                              monkeypatch):
    assert cli.main(["serve", "--host", "0.0.0.0", "--insecure-pilot",
                     *_sqlite(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "INSECURE PILOT" in err and "without TLS" in err
    monkeypatch.setenv("OUTREACH_SERVER_INSECURE_PILOT", "1")
    assert cli.main(["serve", "--host", "0.0.0.0", *_sqlite(tmp_path)]) == 0
    assert "INSECURE PILOT" in capsys.readouterr().err          # on every start
    assert len(started) == 2


def test_serve_env_uses_the_same_checks(tmp_path):
    from tests.test_packaging import load_serve_env

    serve_env = load_serve_env()
    plain = serve_env.config_from_env({"OUTREACH_SERVER_HOST": "0.0.0.0"})
    assert any("without TLS" in p for p in serve_env.problems(plain))
    assert serve_env.main(["--check"], env={"OUTREACH_SERVER_HOST": "0.0.0.0"}) == 78
    pilot = serve_env.config_from_env({"OUTREACH_SERVER_HOST": "0.0.0.0",
                                       "OUTREACH_SERVER_INSECURE_PILOT": "1"})
    assert serve_env.problems(pilot) == []
    assert "--insecure-pilot" in serve_env.serve_args(pilot)
    production = serve_env.config_from_env({"OUTREACH_SERVER_MODE": "production",
                                            "OUTREACH_SERVER_INSECURE_PILOT": "1"})
    assert any("never production" in p for p in serve_env.problems(production))


def test_a_new_sqlite_database_is_private(tmp_path):
    old = os.umask(0o022)
    (tmp_path / "data").mkdir()
    try:
        engine = db.make_engine(f"sqlite:///{tmp_path / 'data' / 'server.db'}")
        db.migrate(engine)
        with engine.connect() as conn:         # a reader keeps the -wal and -shm open
            conn.execute(text("SELECT 1"))
            files = sorted((tmp_path / "data").iterdir())
            names = [f.name for f in files]
            assert {"server.db", "server.db-wal", "server.db-shm"} <= set(names)
            for f in files:
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
        engine.dispose()
    finally:
        os.umask(old)


def test_sql_parameters_never_reach_logs_or_errors(tmp_path, caplog):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    caplog.set_level(logging.DEBUG)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT :name"), {"name": SECRET})
            with pytest.raises(Exception) as failed:
                conn.execute(text("SELECT no_such_column WHERE :name"), {"name": SECRET})
        assert SECRET not in str(failed.value)
        assert SECRET not in caplog.text
    finally:
        engine.dispose()
