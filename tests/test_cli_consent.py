"""``outreach-cli consent`` and ``outreach-cli network`` on a real profile (issue 14 items
7-8): consent shown and changed with who, when and how; the change then holds back the
FHIR export; the people who matter to a person listed, added and removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from outreach.cli import main
from outreach.cli_exit import FAILED
from outreach.ops import conversations
from tests.conftest import PASSPHRASE

TODAY = dt.date.today().isoformat()


@pytest.fixture
def data(store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    pid = conversations.welcome(
        store, person={"given_name": "Robin"}, consent_record=True, consent_share=True,
        what_matters="Synthetic", notes="Synthetic.", setting="outdoors").id
    store.close()
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    return data_dir, str(pid)


def run(capsys, data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--profile", "test", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_consent_is_shown_changed_and_then_respected_by_the_export(data, capsys):
    folder, pid = data
    code, out, _ = run(capsys, folder, "consent", pid)
    assert code == 0
    assert "Sharing with partner services: agreed" in out
    assert f"{TODAY}  Sharing with partner services: agreed, first recorded, by sam.worker" \
        in out
    code, out, _ = run(capsys, folder, "consent", pid, "--share", "no",
                       "--note", "Changed their mind")
    assert code == 0 and "Recorded 1 change(s) of consent." in out
    assert "Sharing with partner services: not agreed" in out
    assert (f"{TODAY}  Sharing with partner services: not agreed, was agreed, by "
            "sam.worker (Changed their mind)") in out
    code, out, _ = run(capsys, folder, "consent", pid, "--share", "no")
    assert "Nothing to change" in out
    code, _, err = run(capsys, folder, "export-fhir", "--person", pid)
    assert code == FAILED and "has not agreed" in err
    code, _, err = run(capsys, folder, "consent", "no-such-person")
    assert code != 0 and "no person with id no-such-person" in err


def test_the_network_is_listed_added_to_and_removed_from(data, capsys):
    folder, pid = data
    code, out, _ = run(capsys, folder, "network", pid, "--add", "Dee",
                       "--relationship", "carer", "--phone", "07700 900123",
                       "--may-contact", "yes")
    assert code == 0
    added = out.split()[1]
    assert f"{added}  Dee (Carer; may contact): 07700 900123" in out
    code, out, _ = run(capsys, folder, "network", pid, "--add", "Ash",
                       "--relationship", "friend")
    assert "Ash (Friend; do not contact)" in out
    code, _, err = run(capsys, folder, "network", pid, "--add", "Bad",
                       "--relationship", "friend", "--phone", "call me")
    assert code == FAILED and "Phone" in err
    code, out, _ = run(capsys, folder, "network", pid, "--remove", added)
    assert code == 0 and "Dee" not in out.replace(f"Removed {added}", "")
    assert "Ash (Friend" in out
