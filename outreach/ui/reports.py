"""Reports: the Living Well indicators for what this laptop holds, as tables and charts,
with CSV export.

The figures come from :func:`outreach.ops.reports.indicators_report` (the same computation
as ``outreach-cli report`` and the server), run off the UI thread through
:func:`outreach.ui.background.run_in_background`; the tables show
:func:`outreach.core.indicators.report_tables` cell for cell. Definitions:
docs/indicators.md.

Threading: UI thread only; work functions never touch widgets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.core.indicators import (
    ALL,
    NOT_RECORDED,
    TABLE_TITLES,
    Indicators,
    Report,
    cell_text,
    report_tables,
)
from outreach.core.roles import ROLES_TABLE_TITLES, RolesReport, roles_tables
from outreach.ops import reports as report_ops
from outreach.store.records import Store
from outreach.ui.background import (
    BackgroundOp,
    TaskState,
    run_in_background,
)
from outreach.ui.fit import scroll_area
from outreach.ui.text import fmt_date

GROUPINGS = (("Everyone", None), ("By team", "team"), ("By key worker", "key_worker"))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _nice_step(top: int, *, most_ticks: int = 10) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … that needs at most ``most_ticks`` steps."""
    step = 1
    while step * most_ticks < top:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if step * most_ticks >= top:
                break
    return step


class ReportsPage(QWidget):
    """Indicators over a date range, everyone or per team / key worker.

    Signals: ``loaded()`` after a report is shown, ``exported(list_of_paths)`` after a CSV
    export, ``failed(message)`` when either went wrong.
    """

    loaded = Signal()
    exported = Signal(list)
    failed = Signal(str)

    def __init__(self, store: Store | None = None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.report: Report | None = None
        self.roles: RolesReport | None = None
        self.tables: dict[str, list[list[Any]]] = {}
        self.op: BackgroundOp | None = None

        start, end = report_ops.default_range()
        self.from_edit = self._date_edit(self.tr("From"), start)
        self.to_edit = self._date_edit(self.tr("To"), end)
        self.grouping = QComboBox()
        self.grouping.setAccessibleName(self.tr("Show"))
        for label, key in GROUPINGS:
            self.grouping.addItem(self.tr(label), key)
        self.refresh_button = QPushButton(self.tr("&Show figures"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export &CSV…"))
        self.export_button.setToolTip(self.tr("Save each table and the caseload as CSV files "
                                              "(not encrypted)"))
        self.export_button.clicked.connect(self._choose_export_folder)
        self.export_button.setEnabled(False)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setAccessibleName(self.tr("Headline figures"))
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Indicator tables"))
        self.views: dict[str, QTableWidget] = {}
        for name, title in TABLE_TITLES.items():
            view = QTableWidget()
            view.setAccessibleName(self.tr(title))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            self.views[name] = view
            self.tabs.addTab(view, self.tr(title))
        self._add_roles_tabs()
        self.settings_chart = self._chart_view(self.tr("Conversations by setting"))
        self.endings_chart = self._chart_view(self.tr("Endings of support by reason"))
        charts = QWidget()
        self.chart_box = QBoxLayout(QBoxLayout.Direction.LeftToRight, charts)
        self.chart_box.addWidget(self.settings_chart)
        self.chart_box.addWidget(self.endings_chart)
        # side by side when both fit at full width, else one above the other, scrolling
        self.tabs.insertTab(0, scroll_area(charts), self.tr("Charts"))
        self.tabs.setCurrentIndex(0)

        controls = QHBoxLayout()
        actions = QHBoxLayout()         # a second row: the page fits 683 px (1024 at 150 %)
        pairs: list[tuple[str, QWidget, QHBoxLayout]] = [
            (self.tr("Fro&m"), self.from_edit, controls), (self.tr("&To"), self.to_edit,
                                                           controls),
            (self.tr("S&how"), self.grouping, actions)]
        for caption, widget, row in pairs:
            buddy = QLabel(caption)
            buddy.setBuddy(widget)
            row.addWidget(buddy)
            row.addWidget(widget)
        controls.addStretch(1)
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h2>Reports</h2>"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        layout.addLayout(controls)
        layout.addLayout(actions)
        layout.addWidget(self.headline)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        if store is not None:
            self.set_store(store)

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _chart_view(self, title: str) -> QChartView:
        chart = QChart()
        chart.setTitle(title)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAccessibleName(title)
        view.setMinimumHeight(260)
        return view

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange_charts()

    def _arrange_charts(self) -> None:
        """Charts side by side if the tabs have room for both at their minimum width
        (category names in full), else one above the other."""
        need = sum(view.minimumWidth() for view in (self.settings_chart, self.endings_chart))
        room = self.tabs.width() - 4 * self.chart_box.spacing() - 24
        direction = (QBoxLayout.Direction.LeftToRight if room >= need
                     else QBoxLayout.Direction.TopToBottom)
        if self.chart_box.direction() != direction:
            self.chart_box.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """The first time the page is shown with a store, work out the default range."""
        super().showEvent(event)
        if self.store is not None and self.report is None and self.op is None:
            self.refresh()

    # -- the data ------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        """Use this store (``None`` when the profile locks: everything shown is cleared)."""
        if self.op is not None:
            self.op.cancel()
        self.store = store
        self.op = None
        if store is None:
            self._clear()

    def set_range(self, start: dt.date, end: dt.date, group_by: str | None = None) -> None:
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        self.grouping.setCurrentIndex(next(i for i, (_, key) in enumerate(GROUPINGS)
                                           if key == group_by))

    def refresh(self) -> None:
        """Compute the report for the chosen range in the background."""
        if self.store is None:
            return
        start, end = _pydate(self.from_edit.date()), _pydate(self.to_edit.date())
        if start > end:
            self.status.setText(self.tr("The start of the range is after its end."))
            return
        group_by = self.grouping.currentData()
        store = self.store
        if self.op is not None:
            self.op.cancel()
        self.status.setText(self.tr("Working out the figures…"))
        self.refresh_button.setEnabled(False)

        def work(state: TaskState) -> tuple[Report, RolesReport]:
            # report_ops.indicators_report, with the records (about 170,000 small ones at
            # 10,000 people) released a person at a time rather than all at once on return
            today = dt.date.today()
            held = report_ops.report_input(store, group_by=group_by, start=start,
                                           as_of=min(end, today))
            try:
                return (report_ops.compute_report(held, start=start, end=end,
                                                  group_by=group_by, today=today),
                        report_ops.roles_report(store, start=start, end=end))
            finally:
                held.release()

        self.op = run_in_background(work, parent=self, on_done=self._show_all,
                                    on_error=self._failed, label="report")

    # -- who does what (issue 14 item 3) -----------------------------------------------------
    def _add_roles_tabs(self) -> None:
        for name, title in ROLES_TABLE_TITLES.items():
            view = QTableWidget()
            view.setAccessibleName(self.tr(title))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            self.views[name] = view
            self.tabs.addTab(view, self.tr(title))

    def _show_all(self, result: tuple[Report, RolesReport]) -> None:
        report, roles = result
        self.roles = roles
        self._show(report)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        message = str(exc) if isinstance(exc, (ValueError, OSError)) else self.tr(
            "The figures could not be worked out.")
        self.status.setText(message)
        self.failed.emit(message)

    def _show(self, report: Report) -> None:
        self.refresh_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.report = report
        # the indicators, and who welcomed / the mix of roles (shown, saved as CSV too)
        self.tables = {**report_tables(report),
                       **(roles_tables(self.roles) if self.roles is not None else {})}
        for name, rows in self.tables.items():
            self._fill(self.views[name], rows)
        self._headline(report.overall)
        self._charts(report)
        self._arrange_charts()
        cut = "" if report.as_of == report.end else self.tr(" (as at %1)").replace(
            "%1", fmt_date(report.as_of.isoformat()))
        self.status.setText(self.tr("Figures for %1 to %2%3.")
                            .replace("%1", fmt_date(report.start.isoformat()))
                            .replace("%2", fmt_date(report.end.isoformat())).replace("%3", cut))
        self.loaded.emit()

    def _fill(self, view: QTableWidget, rows: list[list[Any]]) -> None:
        header, body = rows[0], rows[1:]
        view.clear()
        view.setColumnCount(len(header))
        view.setRowCount(len(body))
        view.setHorizontalHeaderLabels([str(h) for h in header])
        for r, row in enumerate(body):
            for c, value in enumerate(row):
                item = QTableWidgetItem(cell_text(value) or "–")
                if isinstance(value, (int, float)) or value is None:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                view.setItem(r, c, item)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def cell_texts(self, name: str) -> list[list[str]]:
        """What a table shows, header first, as text ("" where it shows a dash)."""
        view = self.views[name]
        def text(item: QTableWidgetItem | None) -> str:
            value = item.text() if item is not None else ""
            return "" if value == "–" else value

        header = [text(view.horizontalHeaderItem(c)) for c in range(view.columnCount())]
        body = [[text(view.item(r, c)) for c in range(view.columnCount())]
                for r in range(view.rowCount())]
        return [header, *body]

    def _headline(self, o: Indicators) -> None:
        def pct(value: float | None) -> str:
            return "–" if value is None else f"{value}%"

        wait = "–" if o.wait_median_days is None else str(o.wait_median_days)
        self.headline.setText(self.tr(
            "Referrals accepted: %1 · Median days to first conversation: %2 · "
            "Still waiting: %3 · People supported: %4 · Progress on 1+ goals: %5 · "
            "Achieved 1+ goals: %7 · Planned endings: %6")
            .replace("%1", pct(o.accepted_pct)).replace("%2", wait)
            .replace("%3", str(o.still_waiting)).replace("%4", str(o.people_supported))
            .replace("%5", pct(o.progress_one_pct)).replace("%6", pct(o.planned_pct))
            .replace("%7", pct(o.life.achieved_one_pct)))

    def _charts(self, report: Report) -> None:
        groups = [(ALL, report.overall)] if not report.groups else [
            (key or NOT_RECORDED, ind) for key, ind in report.groups.items()]
        self._bar_chart(self.settings_chart, groups, rk.SETTINGS,
                        lambda i: i.conversations_by_setting)
        reasons = rk.EXIT_REASONS + (("", NOT_RECORDED),)
        self._bar_chart(self.endings_chart, groups, reasons, lambda i: i.exits_by_reason)

    @staticmethod
    def _bar_chart(view: QChartView, groups: list[tuple[str, Indicators]],
                   categories: tuple[tuple[str, str], ...], counts: Any) -> None:
        """Horizontal bars, one row per category, its name in full on the left: names
        such as "Listening Lounge" do not fit under a vertical bar at 150 % scaling (nor
        at 100 % with seven of them), and a chart never elides them."""
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QHorizontalBarSeries()
        top = 0
        rows = categories[::-1]         # Qt draws the first category at the bottom
        for name, ind in groups:
            bar = QBarSet(name)
            values = [counts(ind).get(code, 0) for code, _ in rows]
            bar.append([float(v) for v in values])
            top = max([top, *values])
            series.append(bar)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([label for _, label in rows])
        names.setTruncateLabels(False)
        names.setGridLineVisible(False)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values_axis = QValueAxis()
        step = _nice_step(top, most_ticks=5)
        ticks = -(-max(1, top) // step)     # whole steps of 1, 2, 5, 10, 20, 50 …
        values_axis.setRange(0, ticks * step)
        values_axis.setLabelFormat("%d")
        values_axis.setTickCount(ticks + 1)
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values_axis)
        chart.legend().setVisible(len(groups) > 1)
        # room for the names in full beside bars long enough to compare
        # and height for every name: QtCharts hides the labels that would overlap
        metrics = QFontMetrics(names.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for _, label in rows)
        view.setMinimumWidth(widest * 5 // 2 + 40)     # QtCharts gives names < 40 %
        line = max(metrics.lineSpacing(), QFontMetrics(chart.titleFont()).lineSpacing())
        view.setMinimumHeight(max(260, line * (len(rows) * 3 // 2 + 6)))

    def _clear(self) -> None:
        self.report = None
        self.roles = None
        self.tables = {}
        for view in self.views.values():
            view.clear()
            view.setRowCount(0)
            view.setColumnCount(0)
        for chart_view in (self.settings_chart, self.endings_chart):
            chart_view.chart().removeAllSeries()
        self.headline.clear()
        self.status.clear()
        self.export_button.setEnabled(False)

    # -- CSV export ----------------------------------------------------------------------
    def _choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save CSV files in"))
        if folder:
            self.export_csv(Path(folder))

    def export_csv(self, folder: Path) -> None:
        """Write each table shown, and the caseload, as CSV into ``folder`` (background)."""
        if self.report is None or self.store is None:
            return
        report, store, roles = self.report, self.store, self.roles
        unnamed: list[int] = []          # people the caseload leaves unnamed (consent)

        def work(state: TaskState) -> list[Path]:
            paths = report_ops.write_report_csv(report, folder, roles=roles)
            caseload = folder / "caseload.csv"
            report_ops.write_caseload_csv(store, caseload)
            unnamed.append(report_ops.names_withheld(store))
            return [*paths, caseload]

        def done(paths: list[Path]) -> None:
            text = (self.tr("Saved %1 CSV files in %2. They are not encrypted: keep them "
                            "safe and delete them when done.")
                    .replace("%1", str(len(paths))).replace("%2", str(folder)))
            if unnamed and unnamed[0]:
                text += " " + self.tr("Names left out of the caseload (not agreed to "
                                      "share): %1.").replace("%1", str(unnamed[0]))
            self.status.setText(text)
            self.exported.emit(paths)

        self.status.setText(self.tr("Saving CSV files…"))
        run_in_background(work, parent=self, on_done=done, on_error=self._failed,
                          label="report-csv")
