"""The server's indicators equal the laptop's on the same records: the hand-worked scenario
(tests/core/scenario.py) is written on a laptop, synced to a real server, and reported by
``outreach-server report``, by the admin API and by the laptop itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from outreach.core.indicators import cell_text, report_tables
from outreach.core.tabular import render_report
from outreach.ops import reports as laptop_reports
from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError
from sync.server import cli as server_cli
from sync.server.report import ReportError, server_report
from tests.core.scenario import END, START, build, load


@pytest.fixture
def synced(laptops):
    """An admin's laptop in team "north" holding the scenario, synced; plus an empty team."""
    store = laptops.new("lead", username="lead", team="north", admin=True)
    load(store, build())
    result = sync_ops.sync_now(store)
    assert result.pending == 0
    laptops.user("other", team="east")
    return store


def _as_text(tables):
    return {name: [[cell_text(v) for v in row] for row in rows]
            for name, rows in tables.items()}


@pytest.mark.parametrize("group_by", [None, "team", "key_worker"])
def test_server_equals_laptop(synced, server, group_by) -> None:
    on_laptop = laptop_reports.indicators_report(synced, start=START, end=END,
                                                 group_by=group_by)
    on_server = server_report(server.engine, start=START, end=END, team="north",
                              group_by=group_by)
    assert report_tables(on_server) == report_tables(on_laptop)
    assert report_tables(on_server)["referrals"][1] == ["All", 5, 3, 1, 1, 75.0]
    everyone = server_report(server.engine, start=START, end=END, group_by=group_by)
    assert report_tables(everyone) == report_tables(on_laptop)
    east = server_report(server.engine, start=START, end=END, team="east")
    assert east.overall.referrals_received == 0 and east.overall.people_supported == 0


def test_server_cli_prints_the_same_tables(synced, server, capsys, tmp_path: Path) -> None:
    url = server.settings.db_url
    code = server_cli.main(["report", "--db", url, "--team", "north", "--from",
                            START.isoformat(), "--to", END.isoformat(), "--by", "team",
                            "--csv", str(tmp_path / "csv")])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    laptop = laptop_reports.indicators_report(synced, start=START, end=END, group_by="team")
    expected = render_report(laptop, scope="team north")
    assert printed[:len(expected)] == expected
    goals_csv = (tmp_path / "csv" / "goals.csv").read_bytes()
    assert goals_csv.startswith(b"\xef\xbb\xbf"), "the same byte-order mark as the laptop's"
    assert goals_csv.decode("utf-8-sig").splitlines()[1] == "All,3,2,66.7,1,33.3,5,3,60.0,1,20.0"
    assert server_cli.main(["admin", "report", "--db", url, "--team", "nowhere"]) == 1
    assert "no team called 'nowhere'" in capsys.readouterr().err


def test_admin_api_returns_the_same_tables(synced, server) -> None:
    creds = StoreSync(synced).credentials()
    assert creds is not None
    query = urlencode({"from": START.isoformat(), "to": END.isoformat(), "by": "key_worker"})
    with HttpClient.from_credentials(creds) as http:
        body = http.request("GET", f"/v1/admin/report?{query}")
        laptop = laptop_reports.indicators_report(synced, start=START, end=END,
                                                  group_by="key_worker")
        assert body["start"] == "2024-01-01" and body["group_by"] == "key_worker"
        assert _as_text(body["tables"]) == _as_text(report_tables(laptop))
        bad = urlencode({"from": END.isoformat(), "to": START.isoformat()})
        with pytest.raises(SyncError) as refused:
            http.request("GET", f"/v1/admin/report?{bad}")
        assert refused.value.status == 422


def test_unknown_team_is_refused(server) -> None:
    with pytest.raises(ReportError):
        server_report(server.engine, start=START, end=END, team="nowhere")
