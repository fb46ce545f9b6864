"""``outreach-cli report`` on a real profile holding the hand-worked scenario of
tests/core/scenario.py (figures checked in tests/core/test_indicators.py); ``export-fhir``
is in tests/test_cli_fhir.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from outreach.cli import main
from outreach.core.indicators import cell_text, compute, report_tables
from tests.conftest import PASSPHRASE
from tests.core.scenario import END, START, TODAY, build, load, uid

RANGE = ["--from", START.isoformat(), "--to", END.isoformat()]


@pytest.fixture
def data(store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    load(store, build())
    store.close()
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    return data_dir


def run(capsys, data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--profile", "test", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:  # after the byte-order mark
        return list(csv.reader(fh))


def test_report_prints_the_hand_worked_figures(data, capsys) -> None:
    code, out, _ = run(capsys, data, "report", *RANGE, "--by", "team")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Indicators from 2024-01-01 to 2024-03-31"
    at = lines.index("Referrals received")
    assert lines[at + 2].split() == ["All", "5", "3", "1", "1", "75.0"]
    assert lines[at + 3].split() == ["north", "3", "1", "1", "1", "50.0"]
    at = lines.index("Waiting for a first conversation (days)")
    assert lines[at + 2].split() == ["All", "3", "14", "30", "1", "30", "30"]
    assert lines[at + 4].split() == ["south", "1", "30", "30", "0", "-", "-"]
    at = lines.index("Progress on life goals")
    assert lines[at + 2].split() == ["All", "3", "2", "66.7", "1", "33.3", "5", "3", "60.0",
                                     "1", "20.0"]
    # issue 14: the life outcomes print too (hand-worked in tests/core/test_indicators.py)
    at = lines.index("Exit questionnaire")
    assert lines[at + 2].split() == ["All", "2", "2", "2", "100.0", "1", "2", "50.0", "1",
                                     "1", "100.0"]
    at = lines.index("Loneliness (UCLA-3)")
    assert lines[at + 2].split() == ["All", "2", "1", "50.0", "0", "1", "50.0"]
    at = lines.index("Links by kind of service")
    assert any(line.split()[:3] == ["All", "Talking", "therapy"] and
               line.split()[-3:] == ["5", "1", "20.0"] for line in lines[at:])


def test_csv_files_match_the_core_computation(data, capsys, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, _, err = run(capsys, data, "report", *RANGE, "--by", "key_worker",
                       "--csv", str(folder))
    assert code == 0 and "NOT encrypted" in err
    # The store cut nothing: the CLI's figures equal the core's on the flat scenario
    # (less its one deleted conversation, which the store cannot hold and the core ignores).
    expected = report_tables(compute(build(), start=START, end=END, today=TODAY,
                                     group_by="key_worker"))
    for name, rows in expected.items():
        path = folder / f"{name}.csv"
        assert path.stat().st_mode & 0o777 == 0o600
        assert read_csv(path) == [[cell_text(v) for v in row] for row in rows], name
    assert read_csv(folder / "referrals.csv")[1] == ["All", "5", "3", "1", "1", "75.0"]
    caseload = read_csv(folder / "caseload.csv")
    assert caseload[0][:3] == ["Person id", "Name", "Preferred name"]
    # nobody in the scenario agreed to share, so the file names no one (issue 14 item 7)
    assert [row[1:4] for row in caseload[1:]] == [["Not agreed to share", "", ""]] * 7
    assert "names left out of the caseload (not agreed to share): 7" in err
    p2 = dict(zip(caseload[0], next(r for r in caseload[1:] if r[0] == uid("P2")), strict=True))
    assert (p2["Team"], p2["Status"]) == ("north", "Referral declined")   # as on the file
    assert (folder / "caseload.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (folder / "caseload.csv").read_bytes().endswith(b"\r\n")


def test_bad_dates_are_refused(data, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(data), "--profile", "test", "report", "--from", "1/1/24"])
    assert stop.value.code == 2
    assert "is not a date like 2024-04-01" in capsys.readouterr().err
    code, _, err = run(capsys, data, "report", "--from", "2024-05-01", "--to", "2024-04-01")
    assert code == 2 and "--from is after --to" in err
