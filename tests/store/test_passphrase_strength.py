"""Weak passphrases are refused, with zxcvbn's reason, everywhere a passphrase is set."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach.cli import main
from outreach.ops import profiles as profile_ops
from outreach.store.vault import WeakPassphrase, check_passphrase
from tests.conftest import PASSPHRASE

WEAK = ["password", "12345678", "qwertyuiop", "iloveyou1", "Passw0rd!"]


@pytest.mark.parametrize("weak", WEAK)
def test_common_passphrases_are_refused_with_a_reason(weak: str) -> None:
    with pytest.raises(WeakPassphrase) as refused:
        check_passphrase(weak)
    message = str(refused.value)
    assert "too easy to guess" in message and len(message) > 60


def test_the_fixture_passphrase_and_a_few_words_pass() -> None:
    for good in (PASSPHRASE, "a brand new passphrase", "walking by the harbour at dusk"):
        check_passphrase(good)
    assert profile_ops.passphrase_strength(PASSPHRASE)[0] >= 3
    score, hint = profile_ops.passphrase_strength("password")
    assert score == 0 and "common" in hint.lower()


def test_the_cli_refuses_a_weak_passphrase_and_says_why(tmp_path: Path, monkeypatch,
                                                        capsys) -> None:
    monkeypatch.setenv("OUTREACH_PASSPHRASE", "12345678")
    code = main(["--data-dir", str(tmp_path / "data"), "init", "--user", "sam"])
    err = capsys.readouterr().err
    assert code == 1
    assert "too easy to guess" in err and "common" in err.lower()
    assert not (tmp_path / "data" / "default" / "outreach.key").exists()
