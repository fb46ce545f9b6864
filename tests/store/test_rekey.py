"""Re-keying: a new data key on passphrase change and recovery, crash-safe; wipe overwrites.

Threat: someone who kept an old copy of ``outreach.key`` and knows the old passphrase (a
former colleague, an old backup) must not read data written after the change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from outreach.store.db import DB_FILE, WrongKey, connect
from outreach.store.profile import Profile
from outreach.store.vault import KEY_FILE, Vault, VaultError, WrongPassphrase
from tests.conftest import FAST_KDF, PASSPHRASE

NEW = "a brand new passphrase"
ROOT = Path(__file__).resolve().parents[2]


def _names(store) -> list[str]:
    return sorted(p["given_name"] for p in store.query("person"))


def _old_key_reads_current_db(folder: Path, old_key_file: bytes, passphrase: str) -> bool:
    """The attacker: an old key file, the old passphrase, today's database (their own
    code: no counter, no lock)."""
    attack = folder.parent / "attack"
    attack.mkdir(exist_ok=True)
    shutil.copy2(folder / DB_FILE, attack / DB_FILE)
    key = Vault.in_folder(attack)._unwrap(passphrase, json.loads(old_key_file))
    try:
        conn = connect(attack / DB_FILE, key)
    except WrongKey:
        return False
    conn.close()
    return True


def test_changing_the_passphrase_replaces_the_data_key(profile: Profile) -> None:
    store = profile.create(PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Beforely"})
    store.close()
    old_key_file = (profile.folder / KEY_FILE).read_bytes()
    steps: list[tuple[int, int]] = []
    profile.change_passphrase(PASSPHRASE, NEW,
                              progress=lambda done, total, _text: steps.append((done, total)))
    assert steps and steps[-1][0] == steps[-1][1]
    store = profile.unlock(NEW)
    store.create("person", {"given_name": "Afterly"})
    assert _names(store) == ["Afterly", "Beforely"]
    store.close()
    assert not _old_key_reads_current_db(profile.folder, old_key_file, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        profile.unlock(PASSPHRASE)
    leftovers = sorted(p.name for p in profile.folder.iterdir())
    assert not [n for n in leftovers if n.endswith((".new", ".rekey"))], leftovers


@pytest.fixture(scope="module")
def recovery_pair() -> tuple[bytes, bytes]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    private_pem = private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    return public_pem, private_pem


def test_recovery_always_re_keys(profile: Profile, recovery_pair) -> None:
    from outreach.ops import sync as sync_ops

    public_pem, private_pem = recovery_pair
    store = profile.create(PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Recoverton"})
    store.close()
    profile.vault.add_recovery(profile.vault.unlock(PASSPHRASE), public_pem)
    old_key_file = (profile.folder / KEY_FILE).read_bytes()
    sync_ops.recover_profile(profile.data_dir, profile.name, private_key_pem=private_pem,
                             new_passphrase=NEW)
    store = profile.unlock(NEW)
    assert _names(store) == ["Recoverton"]
    store.close()
    assert not _old_key_reads_current_db(profile.folder, old_key_file, PASSPHRASE)
    # the recovery key still works after the re-key (it wraps the new data key)
    sync_ops.recover_profile(profile.data_dir, profile.name, private_key_pem=private_pem,
                             new_passphrase="third passphrase of the day")
    store = profile.unlock("third passphrase of the day")
    assert _names(store) == ["Recoverton"]
    store.close()


def test_a_wrong_old_passphrase_changes_nothing(profile: Profile) -> None:
    profile.create(PASSPHRASE, user="sam").close()
    before = {p.name: p.read_bytes() for p in profile.folder.iterdir() if p.is_file()}
    with pytest.raises(WrongPassphrase):
        profile.change_passphrase("not the one at all", NEW)
    assert (profile.folder / KEY_FILE).read_bytes() == before[KEY_FILE]
    assert (profile.folder / DB_FILE).read_bytes() == before[DB_FILE]


CRASH_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from outreach.store import rekey
    from outreach.store.profile import Profile
    point = sys.argv[2]
    def checkpoint(name):
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)
    rekey.checkpoint = checkpoint
    prof = Profile(Path(sys.argv[1]), "test", vault_options={"kdf_params": %r})
    prof.change_passphrase(%r, %r)
""")


CHECKPOINTS_NEW_FROM = "new-key-written"   # from here on the new passphrase opens it


def _points() -> list[str]:
    try:
        from outreach.store.rekey import CHECKPOINTS
    except ImportError:
        return ["not-yet"]
    return list(CHECKPOINTS)


@pytest.mark.parametrize("point", _points())
def test_a_re_key_killed_at_any_point_opens_with_one_of_the_two(profile: Profile,
                                                                 point: str) -> None:
    store = profile.create(PASSPHRASE, user="sam")
    for i in range(200):
        store.create("person", {"given_name": f"Crashwick{i:03d}"})
    store.close()
    script = CRASH_SCRIPT % (FAST_KDF, PASSPHRASE, NEW)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script, str(profile.data_dir), point],
                          env=env, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    opened = []
    for n, passphrase in enumerate((PASSPHRASE, NEW)):
        later = time.time() + 1000 * n          # past the back-off of a first wrong try
        try:
            store = Profile(profile.data_dir, profile.name,
                            vault_options={"clock": lambda t=later: t}).unlock(passphrase)
        except (WrongPassphrase, VaultError, WrongKey):
            continue
        opened.append(passphrase)
        assert len(store.query("person")) == 200
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.close()
        break
    assert opened, f"killed at {point}: the profile opens with neither passphrase"
    new_from = CHECKPOINTS_NEW_FROM
    points = _points()
    expected = NEW if points.index(point) >= points.index(new_from) else PASSPHRASE
    assert opened == [expected]
    names = sorted(p.name for p in profile.folder.iterdir())
    assert not [n for n in names if n.endswith((".new", ".rewrap", ".tmp"))], names


def test_wipe_overwrites_the_key_file_and_the_database(profile: Profile,
                                                       tmp_path: Path) -> None:
    """Carving a wiped disk finds neither the wrapped key nor the database pages."""
    store = profile.create(PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Carvington"})
    store.close()
    links = tmp_path / "links"
    links.mkdir()
    originals = {}
    for name in (KEY_FILE, DB_FILE):
        originals[name] = (profile.folder / name).read_bytes()
        os.link(profile.folder / name, links / name)   # the same blocks, kept reachable
    profile.wipe()
    assert not profile.folder.exists()
    for name, before in originals.items():
        after = (links / name).read_bytes()
        assert after[:64] != before[:64], f"{name} was unlinked without being overwritten"
        assert before[32:96] not in after, name
