"""Nothing readable at rest: no plaintext in any file, no opening without the key."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from outreach.cli import main
from outreach.store.vault import WrongPassphrase
from tests.conftest import PASSPHRASE

SECRETS = ["Xylophrenia Quaggmire", "zorbulating marmalade thermometers",
           "Ffionnuala Brackenthwaite-Oyelaran", "07700 900417"]
PID = "7c6b5a49-3827-4161-8f0e-d9c8b7a69584"


def needles() -> list[tuple[str, bytes]]:
    out = []
    for secret in SECRETS:
        for word in [secret, *secret.split()]:
            if len(word) < 7:
                continue
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                out.append((f"{word!r} as {encoding}", word.encode(encoding)))
                out.append((f"{word.lower()!r} as {encoding}", word.lower().encode(encoding)))
    return out


def leaks(folder: Path) -> list[str]:
    found = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files, "nothing to search"
    for path in files:
        data = path.read_bytes()
        found += [f"{path.name}: {what}" for what, needle in needles() if needle in data]
    return found


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_file(tmp_path: Path) -> Path:
    records = [
        {"id": PID, "kind": "person", "person_id": PID, "given_name": "Xylophrenia",
         "family_name": "Quaggmire", "preferred_name": "Ffionnuala Brackenthwaite-Oyelaran",
         "phone": "07700 900417"},
        {"id": "8d7c6b5a-4938-4716-a50f-e0d9c8b7a695", "kind": "conversation",
         "person_id": PID, "occurred_at": "2026-03-02T10:00:00+00:00", "setting": "home",
         "type": "welcome", "notes": "She spoke about zorbulating marmalade thermometers. "
                                     * 40}]
    path = tmp_path / "outside" / "import.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"format": "outreach-export", "version": 1,
                                "records": records}), "utf-8")
    return path


def test_text_written_through_the_cli_is_in_no_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(data), "init", "--user", "sam"]) == 0
    assert main(["--data-dir", str(data), "import", str(export_file(tmp_path))]) == 0
    assert main(["--data-dir", str(data), "search", "zorbulating"]) == 0
    assert "zorbulating" in capsys.readouterr().out
    assert leaks(data) == []
    db = data / "default" / "outreach.db"
    assert not db.read_bytes().startswith(b"SQLite format 3")
    assert (data.stat().st_mode & 0o777) == 0o700
    assert (db.parent.stat().st_mode & 0o777) == 0o700
    for path in db.parent.iterdir():
        assert (path.stat().st_mode & 0o777) == 0o600, path.name


def test_an_open_store_leaks_nothing_into_the_wal_or_anywhere(store, profile) -> None:
    pid = store.create("person", {"given_name": "Xylophrenia", "family_name": "Quaggmire",
                                  "phone": "07700 900417"})["id"]
    store.create("care_plan", {"story": "zorbulating marmalade thermometers " * 50},
                 person_id=pid)
    store.save_draft("d", kind="conversation", person_id=pid,
                     data={"notes": "Ffionnuala Brackenthwaite-Oyelaran"})
    wal = profile.db_path.with_name("outreach.db-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert leaks(profile.folder) == []
    for path in profile.folder.iterdir():
        assert (path.stat().st_mode & 0o777) == 0o600, path.name


def test_a_copied_database_cannot_be_opened_without_the_key(store, profile,
                                                            tmp_path: Path) -> None:
    store.create("person", {"given_name": "Xylophrenia"})
    store.close()
    copy = tmp_path / "elsewhere" / "stolen.db"
    copy.parent.mkdir()
    shutil.copyfile(profile.db_path, copy)
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(copy)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()
    for key_pragma in ("PRAGMA key = \"x'" + "00" * 32 + "'\"", f"PRAGMA key = '{PASSPHRASE}'"):
        conn = sqlcipher3.connect(str(copy))
        conn.execute(key_pragma)
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT * FROM records").fetchall()
        conn.close()


def test_a_wrong_passphrase_never_changes_the_data(store, profile) -> None:
    store.create("person", {"given_name": "Xylophrenia"})
    store.close()
    counters = ("outreach.key", "outreach.attempts", "outreach.lock")   # not data
    before = {p.name: sha(p) for p in profile.folder.iterdir() if p.name not in counters}
    with pytest.raises(WrongPassphrase):
        profile.unlock("not the right passphrase")
    after = {p.name: sha(p) for p in profile.folder.iterdir() if p.name not in counters}
    assert before == after


def test_the_leak_search_finds_plaintext(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("x zorbulating y".encode("utf-16-le"))
    (tmp_path / "b.txt").write_bytes(b"QUAGGMIRE".lower())
    assert {hit.split(":")[0] for hit in leaks(tmp_path)} == {"a.txt", "b.txt"}
