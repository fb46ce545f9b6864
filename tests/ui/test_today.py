"""Today: caseload, waiting list (oldest first), follow-ups due and the huddle."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outreach.ui.today import ID_ROLE, TodayPage


def texts(tree, column: int = 0) -> list[str]:
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def test_today_lists(qtbot, caseload):
    page = TodayPage(caseload.store)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    assert texts(page.mine) == ["Aisha Khan", "Ben Jones", "Cara Lee"] or \
        set(texts(page.mine)) == {"Aisha Khan", "Ben Jones", "Cara Lee"}
    assert texts(page.waiting) == ["Ben Jones", "Cara Lee"]          # oldest first
    assert texts(page.waiting, 1) == ["20 days", "5 days"]
    assert texts(page.follow_ups) == ["Aisha Khan"]
    assert texts(page.follow_ups, 2) == ["Ring the housing officer"]
    assert texts(page.huddle) == ["Aisha Khan"] and texts(page.huddle, 1) == ["High"]


def test_enter_opens_person(qtbot, caseload):
    page = TodayPage(caseload.store)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    page.waiting.setFocus()
    page.waiting.setCurrentItem(page.waiting.topLevelItem(0))
    with qtbot.waitSignal(page.open_person, timeout=5000) as opened:
        qtbot.keyClick(page.waiting, Qt.Key.Key_Return)
    assert opened.args == [caseload.ids["ben"]]
    assert page.waiting.topLevelItem(0).data(0, ID_ROLE) == caseload.ids["ben"]
