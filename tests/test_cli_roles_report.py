"""``outreach-cli report`` shows who welcomed (share by a peer mentor) and the team's mix
of roles (issue 14 item 3), from the same computation as the Reports page and the server."""

from __future__ import annotations

from pathlib import Path

from outreach.cli import main
from tests.conftest import PASSPHRASE
from tests.roles_helpers import END, START, roles_team


def test_report_prints_who_welcomed_and_the_mix_of_roles(store, data_dir: Path, capsys,
                                                         monkeypatch) -> None:
    roles_team(store)
    store.close()
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    code = main(["--data-dir", str(data_dir), "--profile", "test", "report",
                 "--from", START.isoformat(), "--to", END.isoformat()])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    at = lines.index("Who welcomed")
    assert lines[at + 1] == "  Welcomes: 3; by a peer mentor: 2 (66.7%)"
    assert lines[at + 2:at + 4] == ["  Peer mentor: 2 (66.7%)", "  Clinician: 1 (33.3%)"]
    at = lines.index("The team's mix of roles")
    assert lines[at + 1:at + 4] == ["  Peer mentor: 2 (50%)", "  Clinician: 1 (25%)",
                                    "  Employment advisor: 1 (25%)"]


def test_report_csv_carries_who_welcomed_and_the_mix_of_roles(store, data_dir: Path, capsys,
                                                               monkeypatch, tmp_path) -> None:
    import csv

    roles_team(store)
    store.close()
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "out"
    assert main(["--data-dir", str(data_dir), "--profile", "test", "report",
                 "--from", START.isoformat(), "--to", END.isoformat(),
                 "--csv", str(folder)]) == 0
    with (folder / "welcomed.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Role of who welcomed", "Welcomes", "% of welcomes"]
    assert rows[1] == ["Peer mentor", "2", "66.7"]
    assert (folder / "roles.csv").exists()
