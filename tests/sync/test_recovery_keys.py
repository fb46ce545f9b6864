"""The recovery key pair is made offline (``admin recovery-keygen``), its private key
encrypted under its own passphrase; the server is given only the public key
(``admin set-recovery-key``); ``outreach-cli recover`` needs the encrypted key and its
passphrase, and recovers a forgotten passphrase without losing unsynced work."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from outreach.cli import main as cli_main
from outreach.store import outbox
from outreach.store.profile import Profile
from sync.server import admin
from sync.server.cli import main as server_main
from tests.conftest import FAST_KDF

KEY_PASSPHRASE = "orchard lantern seventeen kites"
NEW_PASSPHRASE = "a brand new passphrase"


def _fd(text: str) -> int:
    """A file descriptor to read ``text`` from (a pipe: nothing on the command line)."""
    read, write = os.pipe()
    os.write(write, (text + "\n").encode("utf-8"))
    os.close(write)
    return read


def _keygen(folder: Path) -> tuple[Path, Path]:
    assert server_main(["admin", "recovery-keygen", "--out", str(folder),
                        "--passphrase-fd", str(_fd(KEY_PASSPHRASE))]) == 0
    return folder / "outreach-recovery-key.pem", folder / "outreach-recovery-public.pem"


def test_keygen_writes_an_encrypted_private_key_and_a_separate_public_key(tmp_path):
    private, public = _keygen(tmp_path / "offline")
    data = private.read_bytes()
    assert data.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    with pytest.raises(TypeError):                   # useless without its passphrase
        serialization.load_pem_private_key(data, None)
    key = serialization.load_pem_private_key(data, KEY_PASSPHRASE.encode())
    assert key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ) == public.read_bytes()
    # never overwrites, and a short passphrase is refused
    assert server_main(["admin", "recovery-keygen", "--out", str(tmp_path / "offline"),
                        "--passphrase-fd", str(_fd(KEY_PASSPHRASE))]) == 1
    assert server_main(["admin", "recovery-keygen", "--out", str(tmp_path / "short"),
                        "--passphrase-fd", str(_fd("short"))]) == 1
    assert not (tmp_path / "short" / "outreach-recovery-key.pem").exists()


def test_the_server_takes_only_the_public_key_and_makes_none(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'server.db'}"
    private, public = _keygen(tmp_path / "offline")
    assert server_main(["admin", "set-recovery-key", str(private), "--db", url]) == 1
    assert "private key" in capsys.readouterr().err
    assert server_main(["admin", "set-recovery-key", str(public), "--db", url]) == 0
    # the old server-side generator is gone: it only says where generation moved
    assert server_main(["admin", "recovery-key", "--out", str(tmp_path / "k.pem"),
                        "--db", url]) == 1
    assert "recovery-keygen" in capsys.readouterr().err
    assert not (tmp_path / "k.pem").exists()
    assert not hasattr(admin, "generate_recovery_key")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_recover_needs_the_encrypted_key_and_its_passphrase(laptops, tmp_path, monkeypatch,
                                                            capsys):
    private, public = _keygen(tmp_path / "offline")
    assert server_main(["admin", "set-recovery-key", str(public),
                        "--db", laptops.server.settings.db_url]) == 0
    store = laptops.new("r", username="ria", team="North")
    person = store.create("person", {"given_name": "Unsynced"})
    folder = store.folder
    store.close()
    monkeypatch.setenv("OUTREACH_NEW_PASSPHRASE", NEW_PASSPHRASE)
    base = ["--data-dir", str(folder.parent), "--profile", folder.name, "recover",
            "--key", str(private)]

    assert cli_main([*base, "--key-passphrase-fd", str(_fd("not the passphrase"))]) == 1
    assert "not the recovery key's passphrase" in capsys.readouterr().err
    assert cli_main([*base, "--key-passphrase-fd", str(_fd(KEY_PASSPHRASE))]) == 0
    reopened = Profile(folder.parent, folder.name,
                       vault_options={"kdf_params": FAST_KDF}).unlock(NEW_PASSPHRASE)
    try:
        assert reopened.require(person["id"])["given_name"] == "Unsynced"
        assert outbox.pending_count(reopened) == 1
    finally:
        reopened.close()
