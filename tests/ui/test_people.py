"""People: the instant filter over the item model, full-text search with snippets, and
opening a person from the keyboard."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from outreach.ops import people as people_ops
from outreach.ui.people import ID_ROLE, PeoplePage


def shown_names(page: PeoplePage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def loaded_page(qtbot, store) -> PeoplePage:
    page = PeoplePage(store)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    return page


def test_filter_as_you_type_and_enter_opens(qtbot, caseload):
    page = loaded_page(qtbot, caseload.store)
    assert shown_names(page) == ["Aisha Khan", "Ben Jones", "Cara Lee"]
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "jo")
    assert shown_names(page) == ["Ben Jones"]
    assert page.count.text() == "Showing 1 of 3 people"
    with qtbot.waitSignal(page.open_person, timeout=5000) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert opened.args == [caseload.ids["ben"]]
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert len(shown_names(page)) == 3
    index = page.status_box.findData("waiting")
    page.status_box.setCurrentIndex(index)
    assert shown_names(page) == ["Ben Jones", "Cara Lee"]


def test_down_arrow_moves_into_the_list(qtbot, caseload):
    page = loaded_page(qtbot, caseload.store)
    page.activateWindow()
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "lee")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    with qtbot.waitSignal(page.open_person, timeout=5000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [caseload.ids["cara"]]


def test_full_text_search_with_snippets(qtbot, caseload):
    page = loaded_page(qtbot, caseload.store)
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "allotment")
    assert shown_names(page) == []                  # not a name
    with qtbot.waitSignal(page.searched, timeout=10_000):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert page.notes_switch.isChecked()
    rows = page.results.rows()
    assert rows and all(r.startswith("Aisha Khan") for r in rows)
    assert any("allotment" in r for r in rows)
    with qtbot.waitSignal(page.open_person, timeout=5000) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert opened.args == [caseload.ids["aisha"]]


@pytest.mark.no_model_tester        # Qt's tester walks all 10,000 rows after each change
def test_ten_thousand_rows_use_one_model(qtbot, caseload):
    page = loaded_page(qtbot, caseload.store)
    rows = people_ops.caseload(caseload.store)
    many = [dataclasses.replace(rows[0], id=f"p{i}", name=f"Person {i:05d}",
                                given_name=f"Person{i}") for i in range(10_000)]
    page._loaded(many)
    assert page.proxy.rowCount() == 10_000
    for typed in ("p", "person 0", "person 09", "person 099", "person 0995", "person 099"):
        page.search_edit.setText(typed)                  # narrowing, then widening again
        words = typed.casefold().split()
        expected = sorted(r.name for r in many
                          if all(w in (r.name + " " + r.given_name + " " + r.key_worker)
                                 .casefold() for w in words))
        assert shown_names(page) == expected
    page.search_edit.setText("person 0999")
    assert shown_names(page) == ["Person 00999"] + [f"Person {i:05d}" for i in range(9990, 10_000)]
    assert page.proxy.index(1, 0).data(ID_ROLE) == "p9990"
    assert page.table.indexWidget(page.proxy.index(0, 0)) is None


def test_sorting_by_a_column_header(qtbot, caseload):
    page = loaded_page(qtbot, caseload.store)
    header = page.table.horizontalHeader()
    header.sectionClicked.emit(4)                       # Days waiting, as a click would
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert shown_names(page)[:2] == ["Ben Jones", "Cara Lee"]
    page.status_box.setCurrentIndex(page.status_box.findData("waiting"))
    assert shown_names(page) == ["Ben Jones", "Cara Lee"]    # the filter keeps the order
    page.status_box.setCurrentIndex(0)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown_names(page) == ["Aisha Khan", "Ben Jones", "Cara Lee"]


def test_search_while_the_index_is_still_being_built(qtbot, caseload):
    """After a first sync the notes are indexed in the background: the search page says
    how far it is and finds what is indexed (names always), then everything."""
    from outreach.store import search_backlog

    store = caseload.store
    rids = [r[0] for r in store.execute(
        "SELECT rid FROM records WHERE kind != 'person' ORDER BY rid")]
    with store.transaction() as conn:       # as a first sync leaves them: not indexed yet
        conn.executemany("DELETE FROM search WHERE rowid = ?", [(r,) for r in rids])
        search_backlog.defer(store, rids[0], rids[-1])
    page = loaded_page(qtbot, store)
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "allotment")
    with qtbot.waitSignal(page.searched, timeout=10_000):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert page.results.rows() == []
    assert "Search is still indexing: 0 %." in page.count.text()
    page.search_edit.setText("aisha")
    with qtbot.waitSignal(page.searched, timeout=10_000):
        pass
    assert page.results.rows() and page.results.rows()[0].startswith("Aisha Khan")

    search_backlog.index_all(store)
    page.search_edit.setText("allotment")
    with qtbot.waitSignal(page.searched, timeout=10_000):
        pass
    assert any("allotment" in r for r in page.results.rows())
    assert "indexing" not in page.count.text()
