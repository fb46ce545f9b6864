"""Unlock attempts: serialised across processes, counted outside the key file, and a
counter that cannot be edited or rolled back without it being noticed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from outreach.store.profile import Profile
from outreach.store.vault import KEY_FILE, TooSoon, Vault, WrongPassphrase
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

GUESSER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from outreach.store.vault import TooSoon, Vault, VaultError, Wiped, WrongPassphrase
    folder, retry = Path(sys.argv[1]), sys.argv[2] == "retry"
    vault = Vault.in_folder(folder, kdf_params=%r)
    sys.stdin.readline()                      # start together
    while True:
        try:
            vault.unlock("eight guesses at once")
        except WrongPassphrase:
            print("wrong"); break
        except TooSoon as exc:
            if not retry:
                print("too-soon"); break
            time.sleep(exc.wait_seconds + 0.05)
        except Wiped:
            print("wiped"); break
        except VaultError:
            print("gone"); break
""")


def _guess_in_parallel(folder: Path, *, n: int, retry: bool) -> list[str]:
    script = GUESSER % (FAST_KDF,)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(folder),
                               "retry" if retry else "once"], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _ in range(n)]
    for proc in procs:                      # all started and importing: now go
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err[-2000:]
        results.append(out.strip())
    return sorted(results)


def test_eight_parallel_guesses_are_taken_one_at_a_time(profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    results = _guess_in_parallel(profile.folder, n=8, retry=False)
    # one guess is tried; the other seven meet the back-off it set and are refused untried
    assert results == ["too-soon"] * 7 + ["wrong"]
    assert Vault.in_folder(profile.folder).failures() == 1


def test_parallel_guessers_that_wait_their_turn_meet_the_wipe_policy(
        profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    Vault.in_folder(profile.folder).set_wipe_policy(3)
    results = _guess_in_parallel(profile.folder, n=8, retry=True)
    assert results.count("wrong") == 2 and results.count("wiped") == 1, results
    assert results.count("gone") == 5
    assert not profile.folder.exists() or not (profile.folder / KEY_FILE).exists()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_wrong_passphrase_never_rewrites_the_key_file(profile: Profile) -> None:
    """Each rewrite of the key file would leave another copy of the wrapped key on disk."""
    profile.create(PASSPHRASE, user="sam").close()
    key_file = profile.folder / KEY_FILE
    before, inode = _sha(key_file), key_file.stat().st_ino
    with pytest.raises(WrongPassphrase):
        profile.vault.unlock("a wrong passphrase")
    assert _sha(key_file) == before and key_file.stat().st_ino == inode
    clock_later = Vault.in_folder(profile.folder, clock=lambda: 10 ** 10)
    clock_later.unlock(PASSPHRASE).hex()
    assert _sha(key_file) == before and key_file.stat().st_ino == inode


def _reset_every_counter(folder: Path) -> list[str]:
    """The attacker's edit: set every failure count they can find back to zero."""
    edited = []
    for path in folder.iterdir():
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (UnicodeDecodeError, ValueError, IsADirectoryError):
            continue
        if isinstance(doc, dict) and "failures" in doc:
            doc["failures"], doc["last_failure"] = 0, 0.0
            path.write_text(json.dumps(doc), "utf-8")
            edited.append(path.name)
    return edited


def test_editing_the_counter_is_noticed_and_does_not_reset_it(profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    for _ in range(1):
        with pytest.raises(WrongPassphrase):
            profile.vault.unlock("a wrong passphrase")
    assert _reset_every_counter(profile.folder)
    with pytest.raises(TooSoon) as soon:
        profile.vault.unlock("another wrong one")
    assert soon.value.wait_seconds >= 30


def test_deleting_the_counter_is_noticed(profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    with pytest.raises(WrongPassphrase):
        profile.vault.unlock("a wrong passphrase")
    removed = [p for p in profile.folder.iterdir()
               if p.name not in (KEY_FILE, "outreach.db", "outreach.lock")
               and not p.name.startswith("outreach.db-")]
    assert removed, sorted(p.name for p in profile.folder.iterdir())
    for path in removed:
        path.unlink()
    assert profile.vault.wait_seconds() >= 30


def test_rolling_the_counter_back_to_an_old_copy_is_detected_at_unlock(
        profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    counter = profile.folder / "outreach.attempts"
    old = counter.read_bytes()
    store = profile.unlock(PASSPHRASE)
    store.close()
    for _ in range(1):
        with pytest.raises(WrongPassphrase):
            profile.vault.unlock("a wrong passphrase")
    counter.write_bytes(old)                 # a valid, older copy
    store = profile.unlock(PASSPHRASE)
    try:
        assert store.meta("unlock_counter_rolled_back")
    finally:
        store.close()


def test_a_key_file_from_the_previous_version_keeps_its_count_and_moves_it_out(
        profile: Profile) -> None:
    """Key files written before this change held the counter; the first attempt moves it."""
    profile.create(PASSPHRASE, user="sam").close()
    key_file = profile.folder / KEY_FILE
    doc = json.loads(key_file.read_text())
    del doc["counter_key"]
    doc["failures"], doc["last_failure"] = 2, 10.0 ** 12      # a wait far in the future
    key_file.write_text(json.dumps(doc))
    (profile.folder / "outreach.attempts").unlink()
    with pytest.raises(TooSoon):
        profile.vault.unlock(PASSPHRASE)
    doc = json.loads(key_file.read_text())
    assert "counter_key" in doc and "failures" not in doc
    assert Vault.in_folder(profile.folder).failures() == 2
