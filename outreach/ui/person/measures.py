"""Wellbeing measures: answer a questionnaire with the person, see the trend.

The questionnaires (SWEMWBS, ReQoL-10, ...) come from ``outreach.core.scoring``: item
wording and answer labels are read from there, never typed here. Scores and reliable
change are computed by the ops, never entered. The trend chart (QtCharts) shows one
questionnaire's scores over time, with reliable improvement and deterioration marked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core.scoring import (
    BETTER,
    DETERIORATED,
    IMPROVED,
    NO_CHANGE,
    SAME,
    WORSE,
    Instrument,
    instruments,
)
from outreach.ops import measures as measure_ops
from outreach.ui.fit import fit_to_screen
from outreach.ui.person.widgets import (
    Section,
    action_button,
    bind_to_person,
    nice_date,
    person_name,
    record_list,
    scrolling,
    who_line,
)


def change_text(change: str | None) -> str:
    words = {IMPROVED: "Reliable improvement", DETERIORATED: "Reliable deterioration",
             NO_CHANGE: "No reliable change", None: "First score",
             BETTER: "Better than last time", SAME: "Same as last time",
             WORSE: "Worse than last time"}
    return QCoreApplication.translate("Measures", words.get(change, change or ""))


def instructions(instrument: Instrument) -> str:
    """The instrument's own instructions (with its recall period), word for word."""
    fallback = QCoreApplication.translate("Measures", "Tick one answer for each statement.")
    return instrument.instructions or fallback


class QuestionnaireDialog(QDialog):
    """Every item of one questionnaire with its answer labels as radio buttons.

    Non-modal friendly: connect ``answered(list[int])``; the Save button is enabled once
    every item has an answer. Answers are reported in the instrument's own range.
    Made with a ``person``, it names them (title and first line) and keeps their id in
    ``person_id``: the answers are theirs, whatever file the main window shows later.
    """

    answered = Signal(list)

    def __init__(self, instrument: Instrument, parent: QWidget | None = None, *,
                 person: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.person_id = str((person or {}).get("id") or "")
        name = person_name(person)
        title = (self.tr("%1 with %2").replace("%1", instrument.title).replace("%2", name)
                 if name else instrument.title)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if self.person_id:
            bind_to_person(self, person_id=self.person_id,
                           what=self.tr("the %1 questionnaire with %2")
                           .replace("%1", instrument.name).replace("%2", name))
        self.who = who_line(person or {}, parent=self)
        self.who.setVisible(person is not None)
        inner = QWidget(self)
        il = QVBoxLayout(inner)
        intro = QLabel(instructions(instrument), inner)
        intro.setAccessibleName(self.tr("Instructions"))
        intro.setWordWrap(True)
        il.addWidget(intro)
        self.groups: list[QButtonGroup] = []
        for n, item in enumerate(instrument.items, start=1):
            box = QGroupBox(f"{n}. {item}", inner)
            box.setAccessibleName(item)
            row = QHBoxLayout(box)
            group = QButtonGroup(box)
            group.setExclusive(True)
            for value, label in enumerate(instrument.answer_labels,
                                          start=instrument.answer_min):
                radio = QRadioButton(label, box)
                radio.setAccessibleName(f"{item}: {label}")
                group.addButton(radio, value)
                row.addWidget(radio)
            row.addStretch(1)
            group.idToggled.connect(self._update)
            self.groups.append(group)
            il.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save answers"))
        self.save_button.setAccessibleName(self.tr("Save answers"))
        self.save_button.setEnabled(False)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.progress = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        fit_to_screen(self, width=line * 48, height=line * 38)  # scrolls if the screen is smaller
        self._update()

    def answers(self) -> list[int | None]:
        return [g.checkedId() if g.checkedId() != -1 else None for g in self.groups]

    def set_answer(self, item: int, value: int) -> None:
        """Tick ``value`` for item ``item`` (0-based); used by keyboard tests too."""
        self.groups[item].button(value).setChecked(True)

    def _update(self, *_: Any) -> None:
        done = sum(a is not None for a in self.answers())
        self.progress.setText(self.tr("%1 of %2 answered").replace("%1", str(done))
                              .replace("%2", str(len(self.groups))))
        self.save_button.setEnabled(done == len(self.groups))

    def _save(self) -> None:
        answers = self.answers()
        if any(a is None for a in answers):
            return
        self.answered.emit([int(a) for a in answers if a is not None])
        self.accept()


def _msecs(day: str) -> float:
    d = dt.date.fromisoformat(day[:10])
    return float(QDateTime(QDate(d.year, d.month, d.day), QTime(12, 0)).toMSecsSinceEpoch())


class TrendChart(QChartView):
    """Scores of one questionnaire over time; reliable changes marked with their own
    series (so the legend explains them). Follows the light/dark palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(self.tr("Trend of scores"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # nothing to do with the keys here
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.points: list[tuple[str, float, str | None]] = []

    def show_points(self, instrument: Instrument,
                    points: list[tuple[str, float, str | None]]) -> None:
        """Draw ``(date, score, change)`` points (oldest first) for ``instrument``."""
        self.points = list(points)
        chart = QChart()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark
                       else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundVisible(False)
        chart.setTitle(instrument.name + " · " + (self.tr("higher is better")
                                                  if instrument.higher_is_better
                                                  else self.tr("lower is better")))
        line = QLineSeries()
        line.setName(self.tr("Score"))
        line.setPointsVisible(True)
        better = QScatterSeries()
        better.setName(change_text(IMPROVED))
        better.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        worse = QScatterSeries()
        worse.setName(change_text(DETERIORATED))
        worse.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle
                             if hasattr(QScatterSeries.MarkerShape, "MarkerShapeTriangle")
                             else QScatterSeries.MarkerShape.MarkerShapeCircle)
        for marks in (better, worse):
            marks.setMarkerSize(self.fontMetrics().height() * 0.9)
        for day, value, change in self.points:
            x = _msecs(day)
            line.append(x, value)
            if change == IMPROVED:
                better.append(x, value)
            elif change == DETERIORATED:
                worse.append(x, value)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM yy")
        x_axis.setTitleText(self.tr("Date"))
        if self.points:
            first, last = _msecs(self.points[0][0]), _msecs(self.points[-1][0])
            pad = max((last - first) * 0.05, 86_400_000.0 * 3)
            x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(first - pad)),
                            QDateTime.fromMSecsSinceEpoch(int(last + pad)))
        x_axis.setTickCount(min(6, max(2, len(self.points))))
        y_axis = QValueAxis()
        y_axis.setRange(instrument.score_min, instrument.score_max)
        y_axis.setTitleText(self.tr("Score"))
        y_axis.setLabelFormat("%d")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (line, better, worse):
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)


class MeasuresSection(Section):
    """Record a questionnaire; see every score and the trend of one questionnaire."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Wellbeing measures"))
        self.instruments = {i.code: i for i in instruments()}
        self.instrument = QComboBox(self)
        self.instrument.setAccessibleName(self.tr("Questionnaire"))
        for inst in self.instruments.values():
            self.instrument.addItem(f"{inst.name} — {inst.title}", inst.code)
        self.instrument.currentIndexChanged.connect(self._redraw)
        self.record_button = action_button(self.tr("&Answer the questionnaire…"),
                                           name=self.tr("Answer the questionnaire"),
                                           on_click=self.start_questionnaire, parent=self)

        self.history = record_list([self.tr("Date"), self.tr("Questionnaire"),
                                    self.tr("Score"), self.tr("Change")],
                                   name=self.tr("Scores so far"), parent=self)
        self.chart = TrendChart(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.history)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.instrument, 1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.dialog: QuestionnaireDialog | None = None

    def current_instrument(self) -> Instrument:
        return self.instruments[self.instrument.currentData()]

    def show_file(self, pf: Any) -> None:
        self.file = pf
        self.history.clear()
        for m in reversed(pf.measures if pf is not None else []):
            inst = self.instruments.get(m["instrument"])
            item = QTreeWidgetItem([nice_date(m["completed_on"]),
                                    inst.name if inst else m["instrument"],
                                    f"{m['score']:g}", change_text(m.get("change"))])
            item.setData(0, Qt.ItemDataRole.UserRole, m["id"])
            self.history.addTopLevelItem(item)
        self.record_button.setEnabled(pf is not None)
        self._redraw()

    def _redraw(self, *_: Any) -> None:
        inst = self.current_instrument()
        measures = self.file.measures if self.file is not None else []
        self.chart.show_points(inst, [(m["completed_on"], float(m["score"]), m.get("change"))
                                      for m in measures if m["instrument"] == inst.code])

    def start_questionnaire(self) -> QuestionnaireDialog:
        """Open the questionnaire (non-modal); saving it records the measure."""
        inst = self.current_instrument()
        person = self.file.person if self.file is not None else None
        dialog = self.dialog = QuestionnaireDialog(inst, self, person=person)
        person_id = dialog.person_id
        dialog.answered.connect(
            lambda answers: self.record(inst.code, answers, person_id=person_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def record(self, code: str, answers: list[int], *, person_id: str | None = None) -> None:
        """Record the answers for ``person_id`` (the questionnaire's own person; the
        person shown if not given)."""
        person_id = person_id or self.person_id
        if self.run_op(lambda store: measure_ops.record_measure(
                store, person_id=person_id, instrument=code,
                answers=answers)) is not None and person_id == self.person_id:
            latest = [m for m in self.file.measures if m["instrument"] == code]
            if latest:
                self.message.show_info(self.tr("Saved. Score %1 (%2).")
                                       .replace("%1", f"{latest[-1]['score']:g}")
                                       .replace("%2", change_text(latest[-1].get("change"))))


__all__ = ["MeasuresSection", "QuestionnaireDialog", "TrendChart"]
