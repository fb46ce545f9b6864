"""outreach-cli end to end, in-process through ``main`` (real KDF parameters, so few runs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outreach.cli import main
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    """A data folder with one profile holding a 20-person demo caseload (built once)."""
    data = tmp_path_factory.mktemp("cli") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
        assert main(["--data-dir", str(data), "init", "--user", "sam.worker"]) == 0
        assert main(["--data-dir", str(data), "demo-data", "--people", "20", "--seed", "5"]) == 0
    return data


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    return monkeypatch


def copy_of(populated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(populated, target)
    return target


def test_info_and_search(populated: Path, env, capsys) -> None:
    code, out, _ = run(capsys, populated, "info")
    assert code == 0
    assert "User:           sam.worker" in out and "Person:" in out
    assert "Schema version:" in out
    code, out, _ = run(capsys, populated, "search", "walked")
    assert code == 0 and " — " in out and "walked" in out.lower()
    code, out, _ = run(capsys, populated, "search", 'no"such(thing*')
    assert code == 0 and out.strip() == "No matches."


def test_init_refuses_an_existing_profile(populated: Path, env, capsys) -> None:
    code, _, err = run(capsys, populated, "init")
    assert code == 2 and "already exists" in err


def test_export_import_round_trip(populated: Path, env, capsys, tmp_path: Path) -> None:
    code, exported, _ = run(capsys, populated, "export", "--format", "json")
    assert code == 0
    doc = json.loads(exported)
    assert doc["format"] == "outreach-export" and len(doc["records"]) > 100
    dump = tmp_path / "export.json"
    dump.write_text(exported, "utf-8")

    second = tmp_path / "second"
    assert run(capsys, second, "init", "--user", "alex")[0] == 0
    code, out, _ = run(capsys, second, "import", str(dump))
    assert code == 0 and f"Imported {len(doc['records'])} records" in out
    assert "Person:" in out
    written = tmp_path / "again.json"
    code, _, err = run(capsys, second, "export", "--output", str(written))
    assert code == 0 and "NOT encrypted" in err
    assert (written.stat().st_mode & 0o777) == 0o600
    again = written.read_text("utf-8")
    assert again.split("\n", 1)[1] == exported.split("\n", 1)[1]
    assert json.loads(again)["exported_at"] >= doc["exported_at"]


def test_a_bad_import_writes_nothing(populated: Path, env, capsys, tmp_path: Path) -> None:
    data = copy_of(populated, tmp_path)
    _, before, _ = run(capsys, data, "export")
    records = json.loads(before)["records"]
    person = dict(records[0])
    person.update(id="0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b",
                  person_id="0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b")
    good = {k: v for k, v in person.items() if k != "clocks"}
    bad = {**good, "id": "1f0e9d8c-7b6a-4f5e-9d3c-2b1a0f9e8d7c",
           "person_id": "1f0e9d8c-7b6a-4f5e-9d3c-2b1a0f9e8d7c", "given_name": "",
           "date_of_birth": "31/12/1990"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "outreach-export", "version": 1,
                                "records": [good, bad]}), "utf-8")
    code, out, err = run(capsys, data, "import", str(path))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0] == ("outreach-cli: record 1 (person 1f0e9d8c-7b6a-4f5e-9d3c-2b1a0f9e8d7c), "
                        "given_name: is required")
    assert "date_of_birth: must be a date like 2026-03-31" in lines[1]
    assert "nothing was imported" in lines[-1]
    _, after, _ = run(capsys, data, "export")
    assert after.split("\n", 1)[1] == before.split("\n", 1)[1]


def test_passwd_then_wrong_passphrase(populated: Path, env, capsys, tmp_path: Path) -> None:
    data = copy_of(populated, tmp_path)
    env.setenv("OUTREACH_NEW_PASSPHRASE", "a different long passphrase")
    code, out, _ = run(capsys, data, "passwd")
    assert code == 0 and "Passphrase changed" in out
    env.setenv("OUTREACH_PASSPHRASE", "a different long passphrase")
    assert run(capsys, data, "info")[0] == 0

    env.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)            # the old one
    db = data / "default" / "outreach.db"
    before = db.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from outreach.cli import main; sys.exit(main())",
         "--data-dir", str(data), "info"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ}, timeout=120)
    assert proc.returncode == 77          # credentials refused (outreach/cli_exit.py)
    assert "That passphrase is not right" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert db.read_bytes() == before


def test_no_profile_is_a_clear_error(env, capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path / "empty", "info")
    assert code == 2 and "no profile 'default'" in err and "outreach-cli init" in err
