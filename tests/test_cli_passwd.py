"""outreach-cli passwd: re-keys with progress, refuses a weak passphrase and says why;
passphrases from a file descriptor, one per line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent
NEW = "a different long passphrase"


def _cli_with_fd(data: Path, lines: list[str], *args: str) -> subprocess.CompletedProcess:
    read_end, write_end = os.pipe()
    os.write(write_end, "".join(line + "\n" for line in lines).encode())
    os.close(write_end)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OUTREACH_")}
    env["PYTHONPATH"] = str(ROOT)
    try:
        return subprocess.run([sys.executable, "-m", "outreach.cli", "--data-dir", str(data),
                               "--passphrase-fd", str(read_end), *args], env=env,
                              pass_fds=(read_end,), capture_output=True, text=True,
                              timeout=120)
    finally:
        os.close(read_end)


def test_passwd_re_keys_with_progress_and_refuses_weak_ones(tmp_path: Path) -> None:
    from outreach.store.profile import Profile

    data = tmp_path / "data"
    store = Profile(data, "default", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="sam")
    store.create("person", {"given_name": "Passwdina"})
    store.close()
    weak = _cli_with_fd(data, [PASSPHRASE, "12345678"], "passwd")
    assert weak.returncode != 0
    assert "too easy to guess" in weak.stderr and "common" in weak.stderr.lower()
    done = _cli_with_fd(data, [PASSPHRASE, NEW], "passwd")
    assert done.returncode == 0, done.stderr
    assert "100 %" in done.stderr and "re-encrypted under a new key" in done.stdout
    info = _cli_with_fd(data, [NEW], "search", "Passwdina")
    assert info.returncode == 0 and "Passwdina" in info.stdout
    old = _cli_with_fd(data, [PASSPHRASE], "info")
    assert old.returncode != 0 and "not right" in old.stderr
