"""The key vault: wrapping, back-off after wrong passphrases, re-wrapping, recovery, wipe."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from outreach.store.vault import (
    KEY_FILE,
    TooSoon,
    Vault,
    VaultError,
    WeakPassphrase,
    Wiped,
    WrongPassphrase,
    delay_after,
)
from tests.conftest import FAST_KDF, PASSPHRASE


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
def vault(tmp_path: Path, clock: FakeTime) -> Vault:
    return Vault.in_folder(tmp_path / "p", clock=clock, kdf_params=FAST_KDF)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_then_unlock_gives_the_same_key(vault: Vault) -> None:
    key = vault.create(PASSPHRASE)
    assert len(key) == 32
    assert vault.unlock(PASSPHRASE) == key
    doc = json.loads(vault.path.read_text())
    assert key.hex() not in vault.path.read_text()
    assert set(doc) >= {"format", "kdf", "wrapped_key", "counter_key"}
    assert "failures" not in doc            # counted in outreach.attempts instead
    assert (vault.path.stat().st_mode & 0o777) == 0o600


def test_short_passphrases_are_refused(vault: Vault) -> None:
    with pytest.raises(WeakPassphrase):
        vault.create("short")
    assert not vault.exists()


def test_a_second_create_is_refused(vault: Vault) -> None:
    vault.create(PASSPHRASE)
    with pytest.raises(VaultError):
        vault.create(PASSPHRASE)


def test_wrong_passphrases_back_off_with_a_growing_delay(vault: Vault, clock: FakeTime) -> None:
    key = vault.create(PASSPHRASE)
    waits = []
    for failures in (1, 2, 3, 4):
        with pytest.raises(WrongPassphrase) as wrong:
            vault.unlock("not the passphrase")
        assert wrong.value.failures == failures
        assert wrong.value.wait_seconds == delay_after(failures)
        waits.append(wrong.value.wait_seconds)
        # trying again at once is refused without even checking the passphrase
        with pytest.raises(TooSoon) as soon:
            vault.unlock(PASSPHRASE)
        assert soon.value.wait_seconds == pytest.approx(delay_after(failures))
        clock.now += wrong.value.wait_seconds - 0.5
        with pytest.raises(TooSoon):
            vault.unlock(PASSPHRASE)
        clock.now += 0.5
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert vault.unlock(PASSPHRASE) == key
    # a success resets the count
    with pytest.raises(WrongPassphrase) as again:
        vault.unlock("still not it")
    assert again.value.failures == 1


def test_delay_is_capped() -> None:
    assert delay_after(0) == 0.0
    assert delay_after(30) == 60.0


def test_changing_the_passphrase_rewraps_without_touching_the_database(
        profile, clock: FakeTime) -> None:
    store = profile.create(PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Wrapley"})
    store.close()
    kept = ("outreach.db",)
    before = {p.name: sha(p) for p in profile.folder.iterdir() if p.name in kept}
    key_before = sha(profile.folder / KEY_FILE)
    profile.change_passphrase(PASSPHRASE, "a brand new passphrase", rekey=False)
    after = {p.name: sha(p) for p in profile.folder.iterdir() if p.name in kept}
    assert before == after and "outreach.db" in after
    assert sha(profile.folder / KEY_FILE) != key_before
    vault = Vault.in_folder(profile.folder, clock=clock, kdf_params=FAST_KDF)
    with pytest.raises(WrongPassphrase):
        vault.unlock(PASSPHRASE)
    clock.now += 5
    store = profile.open_with_key(vault.unlock("a brand new passphrase"))
    assert [p["given_name"] for p in store.query("person")] == ["Wrapley"]
    store.close()


def test_changing_the_passphrase_needs_the_old_one(vault: Vault) -> None:
    vault.create(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("wrong old one", "a brand new passphrase")
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(PASSPHRASE, "short")


@pytest.fixture(scope="module")
def recovery_pair() -> tuple[bytes, bytes]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    private_pem = private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    return public_pem, private_pem


def test_recovery_key_recovers_the_same_data_key(vault: Vault, clock: FakeTime,
                                                 recovery_pair) -> None:
    public_pem, private_pem = recovery_pair
    key = vault.create(PASSPHRASE)
    vault.add_recovery(key, public_pem)
    with pytest.raises(WrongPassphrase):
        vault.unlock("forgotten it, sorry")
    assert vault.recover(private_pem, "recovered passphrase here") == key
    # recovery resets the back-off and sets the new passphrase
    assert vault.unlock("recovered passphrase here") == key
    clock.now += 100
    with pytest.raises(WrongPassphrase):
        vault.unlock(PASSPHRASE)


def test_recovery_refusals(vault: Vault, recovery_pair) -> None:
    _public_pem, private_pem = recovery_pair
    key = vault.create(PASSPHRASE)
    with pytest.raises(VaultError, match="not set up with a recovery key"):
        vault.recover(private_pem, "recovered passphrase here")
    small = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    small_pem = small.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(VaultError, match="3072 bits"):
        vault.add_recovery(key, small_pem)


def test_a_recovery_key_from_elsewhere_does_not_fit(vault: Vault, recovery_pair) -> None:
    public_pem, _ = recovery_pair
    key = vault.create(PASSPHRASE)
    vault.add_recovery(key, public_pem)
    other = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    other_pem = other.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    with pytest.raises(VaultError, match="does not belong"):
        vault.recover(other_pem, "recovered passphrase here")
    assert vault.unlock(PASSPHRASE) == key


def test_wipe_policy_erases_the_profile(profile, clock: FakeTime) -> None:
    store = profile.create(PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Wipeworth"})
    store.close()
    vault = Vault.in_folder(profile.folder, clock=clock, kdf_params=FAST_KDF)
    vault.set_wipe_policy(3)
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            vault.unlock("wrong wrong wrong")
        clock.now += 120
    assert profile.db_path.exists()
    with pytest.raises(Wiped):
        vault.unlock("wrong wrong wrong")
    assert not profile.db_path.exists()
    assert not (profile.folder / KEY_FILE).exists()
    assert not profile.exists()


def test_no_wipe_without_a_policy(vault: Vault, clock: FakeTime) -> None:
    vault.create(PASSPHRASE)
    for _ in range(8):
        with pytest.raises(WrongPassphrase):
            vault.unlock("wrong wrong wrong")
        clock.now += 120
    assert vault.exists()
