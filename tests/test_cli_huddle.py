"""outreach-cli today / review / huddle / action-done (issue 14 items 4–6), in-process
through ``main`` on a small synthetic caseload."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from outreach.cli import main
from outreach.config import DEFAULT_PROFILE
from outreach.ops import conversations, risk
from outreach.store.profile import Profile
from tests.conftest import FAST_KDF, PASSPHRASE


def run(capsys, data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    """A profile (fast KDF) with one person whose review is overdue and whose high flag is
    five months past its review date."""
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "data"
    store = Profile(folder, DEFAULT_PROFILE, vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="sam.worker")
    start = (dt.date.today() - dt.timedelta(days=100)).isoformat()
    pid = conversations.welcome(
        store, person={"given_name": "Dana", "family_name": "Example"}, consent_record=True,
        consent_share=False, what_matters="Synthetic", notes="Synthetic notes.",
        setting="outdoors", occurred_at=start + "T10:00:00+00:00").id or ""
    late = (dt.date.today() - dt.timedelta(days=153)).isoformat()
    flag = risk.raise_flag(store, person_id=pid, level="high", concern="Synthetic",
                           review_on=late).id or ""
    store.close()
    return folder, {"person": pid, "flag": flag}


def test_today_shows_reviews_due_and_overdue_flags_first(capsys, data):
    folder, ids = data
    code, text, _ = run(capsys, folder, "today")
    assert code == 0
    assert "Dana Example\t" in text.split("Huddle:")[0]
    assert "OVERDUE by 16 days" in text.split("Huddle:")[0]
    assert "1 past their review date" in text
    assert f"Dana Example\thigh\tOVERDUE by 153 days\t{ids['flag']}" in text


def test_review_then_huddle_then_action_done(capsys, data):
    folder, ids = data
    nxt = (dt.date.today() + dt.timedelta(weeks=8)).isoformat()
    code, text, _ = run(capsys, folder, "review", ids["person"], "--found", "Synthetic",
                        "--next", nxt)
    assert code == 0 and f"next review: {nxt}" in text
    assert "Care plan reviews due (0)" in run(capsys, folder, "today")[1]
    due = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    code, text, err = run(capsys, folder, "huddle", "add", "--attendees", "sam.worker, priya",
                          "--discuss", f"{ids['person']}=Synthetic discussion",
                          "--action", f"{ids['person']},priya,{due},Ring, then write")
    assert code == 0, err
    huddle_id = text.strip()
    code, text, _ = run(capsys, folder, "huddle", "show", huddle_id)
    assert "Dana Example: Synthetic discussion" in text
    assert f"Ring, then write\tpriya\tdue {due}\topen" in text
    action_id = text.strip().rsplit("\t", 1)[1]
    assert "Huddle action: Ring, then write" in run(capsys, folder, "today", "--user",
                                                    "priya")[1]
    assert "Huddle action" not in run(capsys, folder, "today")[1]     # not sam's
    assert run(capsys, folder, "action-done", action_id)[0] == 0
    assert "Huddle action" not in run(capsys, folder, "today", "--everyone")[1]
    assert huddle_id in run(capsys, folder, "huddle", "list")[1]


def test_a_review_with_nothing_found_is_refused(capsys, data):
    folder, ids = data
    code, _, err = run(capsys, folder, "review", ids["person"], "--found", " ")
    assert code == 1 and "say what the review found" in err
