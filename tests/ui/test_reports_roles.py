"""The Reports page shows who welcomed and the team's mix of roles (issue 14 item 3)."""

from __future__ import annotations

from outreach.ui.background import wait_for_all
from outreach.ui.reports import ReportsPage
from tests.roles_helpers import END, START, roles_team


def test_reports_show_who_welcomed_and_the_team_mix(qtbot, store) -> None:
    roles_team(store)
    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_store(store)
    page.set_range(START, END, None)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert page.cell_texts("welcomed") == [
        ["Role of who welcomed", "Welcomes", "% of welcomes"],
        ["Peer mentor", "2", "66.7"], ["Clinician", "1", "33.3"],
        ["All welcomes", "3", "100.0"]]
    assert page.cell_texts("roles") == [
        ["Role", "Users", "% of the team"], ["Peer mentor", "2", "50.0"],
        ["Clinician", "1", "25.0"], ["Employment advisor", "1", "25.0"]]
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Who welcomed" in titles and "The team's mix of roles" in titles
    assert {"welcomed", "roles"} <= set(page.tables)           # saved with the CSV files
    page.set_store(None)
    assert page.roles is None and page.views["welcomed"].rowCount() == 0
    wait_for_all(5000)
