"""Risk flags in front of the person: the concern sits behind a click in the person's
header (never a bright chip with the concern on every tab), and a flag is reviewed or
closed — who, when, why — from the header or from the huddle."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from outreach.ops import risk
from outreach.ui.today import TodayPage
from tests.ui.person_helpers import person_view as _view
from tests.ui.person_helpers import plain_person, welcomed_person
from tests.ui.test_with_me import shown_text

CONCERN = "Synthetic concern about the landlord's visits"


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    where = QPoint(8, button.height() // 2) if isinstance(button, QRadioButton) else QPoint()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where if not where.isNull()
                     else button.rect().center())


def _dialog(qtbot, kind):
    qtbot.waitUntil(lambda: any(isinstance(w, kind) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind)
                and w.isVisible())


def test_the_concern_is_behind_a_click_and_hides_again_when_the_file_changes(qtbot, store):
    pid = welcomed_person(store)
    other = plain_person(store, given_name="Sky")
    risk.raise_flag(store, person_id=pid, level="high", concern=CONCERN)
    view = _view(qtbot, store, pid)
    for n in range(view.tabs.count()):          # on no tab is the concern on screen
        view.tabs.setCurrentIndex(n)
        assert CONCERN not in shown_text(view), view.tabs.tabText(n)
    assert "Risk flag (high)" in shown_text(view)
    strong = [w for w in view.findChildren(QLabel) if w.isVisible()
              and w.backgroundRole() == QPalette.ColorRole.Highlight]
    assert strong == []                         # no bright chip
    (row,) = view.risk_strip.rows
    _click(qtbot, row.show_button)
    assert CONCERN in shown_text(view)
    _click(qtbot, row.show_button)              # and away again
    assert CONCERN not in shown_text(view)
    _click(qtbot, view.risk_strip.rows[0].show_button)
    view.show_person(other)
    view.show_person(pid)
    assert CONCERN not in shown_text(view)
    view.reload()
    assert CONCERN not in shown_text(view)


def test_a_review_from_the_header_records_who_when_and_what_it_found(qtbot, store):
    from outreach.ui.person.risk import RiskReviewDialog

    pid = welcomed_person(store)
    flag = risk.raise_flag(store, person_id=pid, level="high", concern=CONCERN).id
    view = _view(qtbot, store, pid)
    _click(qtbot, view.risk_strip.rows[0].review_button)
    dialog = _dialog(qtbot, RiskReviewDialog)
    assert "Rob Example" in dialog.windowTitle()
    assert "Rob Example" in dialog.person_line.text()
    from outreach.ui.person.widgets import open_record_dialog_for_other
    assert open_record_dialog_for_other("someone else") is dialog   # bound to Rob
    assert open_record_dialog_for_other(pid) is None
    assert CONCERN in shown_text(dialog)
    assert dialog.keep_open.isChecked()
    _click(qtbot, dialog.save_button)               # nothing said: not saved
    assert dialog.isVisible() and dialog.message.isVisible()
    assert store.get(flag).get("reviewed_on") is None
    qtbot.keyClicks(dialog.why, "Talked it through; feels safer.")
    dialog.review_on.setDate(QDate.currentDate().addDays(7))
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    got = store.get(flag)
    assert (got["status"], got["reviewed_by"], got["reviewed_on"], got["review_note"]) == (
        "open", "sam.worker", dt.date.today().isoformat(), "Talked it through; feels safer.")
    assert got["review_on"] == (dt.date.today() + dt.timedelta(days=7)).isoformat()
    assert "Risk flag (high)" in shown_text(view)


def test_closing_from_the_huddle_removes_the_flag_but_keeps_its_history(qtbot, caseload):
    from outreach.ui.person.risk import RiskHistoryDialog, RiskReviewDialog

    store, aisha = caseload.store, caseload.ids["aisha"]
    page = TodayPage(store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    page.huddle.setCurrentItem(page.huddle.topLevelItem(0))
    _click(qtbot, page.review_button)
    dialog = _dialog(qtbot, RiskReviewDialog)
    assert "Aisha Khan" in dialog.windowTitle() and "Aisha Khan" in dialog.person_line.text()
    _click(qtbot, dialog.close_flag)
    _click(qtbot, dialog.save_button)               # no reason: the flag stays open
    assert dialog.isVisible() and "why" in dialog.message.text().lower()
    qtbot.keyClicks(dialog.why, "Moved in with family; no longer a concern.")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _click(qtbot, dialog.save_button)
    assert [page.huddle.topLevelItem(i).text(0)
            for i in range(page.huddle.topLevelItemCount())] == ["No open risk flags."]

    view = _view(qtbot, store, aisha)
    assert "Risk flag" not in shown_text(view.risk_strip) or not view.risk_strip.rows
    _click(qtbot, view.risk_strip.history_button)
    history = _dialog(qtbot, RiskHistoryDialog)
    assert "Aisha Khan" in history.windowTitle()
    text = shown_text(history)
    for bit in ("Closed", "sam.worker", "Moved in with family; no longer a concern.",
                "Worried about the landlord's visits"):
        assert bit in text, bit
    history.close()
