"""Issue 14 items 9-12 through the real widgets: the Life and feedback tab records the exit
questionnaire, a life outcomes check and a job start; a goal marked achieved on the Goals
tab carries its day; UCLA-3 loneliness is offered on the Measures tab; and the Reports
view counts all of it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from outreach.ops import goals, measures, people
from outreach.ui.background import wait_for_all
from outreach.ui.person.widgets import set_combo_code
from outreach.ui.reports import ReportsPage
from tests.ui.person_helpers import person_view as _view
from tests.ui.person_helpers import unnamed_focusable, welcomed_person

DAY = QDate(2024, 3, 1)


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _report(qtbot, store, start: dt.date, end: dt.date) -> ReportsPage:
    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_store(store)
    page.set_range(start, end, None)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    wait_for_all(5000)
    return page


def test_life_tab_records_feedback_check_and_job_start(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    life = view.life
    view.tabs.setCurrentWidget(life)
    assert life.empty.isVisible()
    assert unnamed_focusable(life) == []
    # the exit questionnaire
    life.feedback_on.setDate(DAY)
    set_combo_code(life.listened, "yes")
    set_combo_code(life.joined_up, "partly")
    set_combo_code(life.use_again, "yes")
    qtbot.keyClicks(life.comments, "Synthetic comment")
    with qtbot.waitSignal(view.changed):
        _click(qtbot, life.feedback_button)
    # a life outcomes check with nothing chosen is refused, plainly
    life.checked_on.setDate(DAY)
    _click(qtbot, life.check_button)
    assert "Choose how involved" in life.message.text()
    set_combo_code(life.community, "weekly")
    set_combo_code(life.work, "study")
    with qtbot.waitSignal(view.changed):
        _click(qtbot, life.check_button)
    # a job start
    life.job_on.setDate(DAY)
    qtbot.keyClicks(life.job_title, "Synthetic job")
    life.hours.setValue(16)
    life.ips.setChecked(True)
    with qtbot.waitSignal(view.changed):
        _click(qtbot, life.job_button)
    assert "Job start saved" in life.message.text()

    rows = [[life.tree.topLevelItem(i).text(c) for c in range(3)]
            for i in range(life.tree.topLevelItemCount())]
    kinds = sorted(r[1] for r in rows)
    assert kinds == ["Exit questionnaire", "Job start", "Life outcomes check"]
    job = next(r for r in rows if r[1] == "Job start")
    assert job[2] == "Synthetic job · 16 hours a week · IPS"
    check = next(r for r in rows if r[1] == "Life outcomes check")
    assert "Most weeks" in check[2] and "In education or training" in check[2]
    feedback = store.query("exit_feedback", person_id=pid)[0]
    assert (feedback["listened"], feedback["joined_up"], feedback["use_again"],
            feedback["completed_on"]) == ("yes", "partly", "yes", "2024-03-01")

    page = _report(qtbot, store, dt.date(2024, 1, 1), dt.date.today())
    assert page.cell_texts("experience")[1][:5] == ["All", "1", "1", "1", "100.0"]
    life_row = page.cell_texts("life")[1]
    assert life_row[5:] == ["1", "1", "100.0", "1", "1"]   # in study; one job start


def test_goal_marked_achieved_counts_in_the_report(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    section = view.goals
    view.tabs.setCurrentWidget(section)
    section.tree.setCurrentItem(section.tree.topLevelItem(0))
    set_combo_code(section.status, "achieved")
    with qtbot.waitSignal(view.changed):
        _click(qtbot, section.status_button)
    goal = store.query("goal", person_id=pid)[0]
    assert goal["status"] == "achieved" and goal["achieved_on"] == dt.date.today().isoformat()
    today = dt.date.today()
    page = _report(qtbot, store, today - dt.timedelta(days=30), today)
    goals_row = page.cell_texts("goals")[1]
    assert goals_row[-5:] == ["1", "1", "100.0", "0", "0.0"]
    assert "Achieved 1+ goals: 100.0%" in page.headline.text()
    # back to "working on it": the day is cleared and the goal no longer counts
    goals.update_goal(store, goal["id"], {"status": "active"})
    assert "achieved_on" not in store.get(goal["id"]) or not store.get(goal["id"]).get(
        "achieved_on")


def test_loneliness_is_offered_and_reads_better_or_worse(qtbot, store):
    pid = welcomed_person(store)
    measures.record_measure(store, person_id=pid, instrument="ucla3", answers=[3, 3, 3],
                            completed_on="2024-01-10")
    measures.record_measure(store, person_id=pid, instrument="ucla3", answers=[1, 2, 1],
                            completed_on="2024-03-01")
    view = _view(qtbot, store, pid)
    section = view.measures
    view.tabs.setCurrentWidget(section)
    codes = [section.instrument.itemData(i) for i in range(section.instrument.count())]
    assert codes == ["swemwbs", "reqol10", "ucla3"]
    history = people.person_file(store, pid).measures
    assert [m["change"] for m in history] == [None, "better"]
    set_combo_code(section.instrument, "ucla3")
    newest = section.history.topLevelItem(0)
    assert [newest.text(c) for c in range(4)] == ["1 Mar 2024", "UCLA-3 loneliness", "4",
                                                 "Better than last time"]


def test_reliable_and_clinically_significant_in_the_report(qtbot, store):
    pid = welcomed_person(store)
    # (the welcome opened a period of support today, so the person is supported)
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[3] * 7,
                            completed_on="2024-01-10")          # 19.25: clinical range
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[4] * 7,
                            completed_on="2024-03-01")          # 25.03: +5.78, outside
    page = _report(qtbot, store, dt.date(2024, 1, 1), dt.date.today())
    row = next(r for r in page.cell_texts("wellbeing") if r[1] == "SWEMWBS")
    assert row[2:4] == ["1", "1"] and row[-3:] == ["1", "1", "100.0"]
