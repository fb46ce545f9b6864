"""The Reports view shows the same figures as the core (and so as the CLI and the server)
on the hand-worked scenario, draws its charts, and exports CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries

from outreach.core.indicators import cell_text, compute, report_tables
from outreach.ui.background import wait_for_all
from outreach.ui.reports import ReportsPage
from tests.core.scenario import END, START, TODAY, build, load


@pytest.fixture
def page(qtbot, store):
    load(store, build())
    view = ReportsPage()
    qtbot.addWidget(view)
    view.set_store(store)
    yield view
    wait_for_all(5000)


def show(qtbot, page: ReportsPage, group_by: str | None) -> None:
    page.set_range(START, END, group_by)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()


@pytest.mark.parametrize("group_by", [None, "team", "key_worker"])
def test_tables_show_what_the_core_computes(qtbot, page, group_by) -> None:
    show(qtbot, page, group_by)
    expected = report_tables(compute(build(), start=START, end=END, today=TODAY,
                                     group_by=group_by))
    for name, rows in expected.items():
        assert page.cell_texts(name) == [[cell_text(v) for v in row] for row in rows], name


def test_hand_worked_headline_and_charts(qtbot, page) -> None:
    show(qtbot, page, "team")
    assert page.cell_texts("referrals")[1] == ["All", "5", "3", "1", "1", "75.0"]
    text = page.headline.text()
    assert "Referrals accepted: 75.0%" in text
    assert "Median days to first conversation: 14" in text
    assert "Planned endings: 33.3%" in text
    assert "Achieved 1+ goals: 60.0%" in text
    series = page.settings_chart.chart().series()
    assert len(series) == 1
    bars = series[0].barSets()
    assert [b.label() for b in bars] == ["north", "south", "Not recorded"]
    # north: community venue and outdoors, read top to bottom in SETTINGS order
    assert bar_values(page.settings_chart, 0) == [1, 1, 0, 0, 0, 0, 0]
    assert bar_values(page.endings_chart, 2) == [0, 1, 0, 0, 0, 0, 0]   # met goals
    assert isinstance(series[0], QHorizontalBarSeries)      # names in full at any size


def bar_values(view, bar: int) -> list[float]:
    """One bar set's values in the order the chart shows them, top to bottom."""
    chart = view.chart()
    names = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    values = chart.series()[0].barSets()[bar]
    shown = dict(zip(names.categories(), (values.at(i) for i in range(values.count())),
                     strict=True))
    return [shown[name] for name in reversed(names.categories())]


def test_bad_range_is_refused_without_work(qtbot, page) -> None:
    page.set_range(END, START)
    page.refresh()
    assert page.op is None
    assert "after its end" in page.status.text()


def test_export_csv_writes_every_table_and_the_caseload(qtbot, page, tmp_path: Path) -> None:
    show(qtbot, page, None)
    assert page.export_button.isEnabled()
    with qtbot.waitSignal(page.exported, timeout=10_000) as blocker:
        page.export_csv(tmp_path)
    names = sorted(p.name for p in blocker.args[0])
    assert names == sorted([f"{n}.csv" for n in page.tables] + ["caseload.csv"])
    with (tmp_path / "goals.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["All", "3", "2", "66.7", "1", "33.3", "5", "3", "60.0", "1", "20.0"]
    assert "not encrypted" in page.status.text()


def test_locking_clears_the_figures(qtbot, page) -> None:
    show(qtbot, page, None)
    page.set_store(None)
    assert page.report is None and page.views["referrals"].rowCount() == 0
    assert not page.export_button.isEnabled()


def test_first_show_computes_the_default_range(qtbot, page) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.report is not None and page.report.start < page.report.end
