"""The service directory: offline search, CSV import (all or nothing), linking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from outreach.ops import directory, people
from outreach.ui.directory import DirectoryPage
from tests.ui.person_helpers import unnamed_focusable, welcomed_person

GOOD = """name,category,area,phone,description
Hope Street Food Bank,Food,Northside,01000 111111,Food parcels on Fridays
Money Matters,debt_advice,Town centre,01000 222222,Free debt advice
"""

BAD = """name,category,area
Good Service,Food,Northside
,walking_group,Eastside
Another,Not a category,Westside
"""


def _page(qtbot, store) -> DirectoryPage:
    page = DirectoryPage()
    qtbot.addWidget(page)
    page.set_store(store)
    page.resize(1000, 600)
    page.show()
    return page


def _names(page: DirectoryPage) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_search_filters_offline_by_name_kind_area_and_description(qtbot, store):
    directory.add_service(store, {"name": "Riverside Walkers", "category": "walking_group",
                                  "area": "Eastside"})
    directory.add_service(store, {"name": "Bright Minds", "category": "peer_group",
                                  "description": "Peer support on Wednesday evenings"})
    page = _page(qtbot, store)
    assert _names(page) == ["Bright Minds", "Riverside Walkers"]
    qtbot.keyClicks(page.search, "walking")                # the kind's label
    assert _names(page) == ["Riverside Walkers"]
    page.search.clear()
    qtbot.keyClicks(page.search, "wednesday peer")          # every word must match
    assert _names(page) == ["Bright Minds"]
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert "Peer support on Wednesday evenings" in page.detail.toPlainText()
    assert not page.link_button.isVisible()                 # no person: browsing only


def test_a_good_csv_is_imported_in_the_background(qtbot, store, tmp_path, monkeypatch):
    path = tmp_path / "services.csv"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    page = _page(qtbot, store)
    with qtbot.waitSignal(page.imported, timeout=20_000) as got:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert got.args == [2]
    assert _names(page) == ["Hope Street Food Bank", "Money Matters"]
    assert "2 service(s) added" in page.message.text()
    assert store.count("service") == 2


def test_a_csv_with_a_bad_row_imports_nothing_and_lists_every_problem(qtbot, store,
                                                                      tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    page = _page(qtbot, store)
    op = page.import_csv(path)
    qtbot.waitUntil(lambda: not op.is_running, timeout=20_000)
    assert store.count("service") == 0
    assert _names(page) == []
    dialog = page.errors_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())]
    assert ("3", "Name") in rows
    assert ("4", "Kind of service") in rows
    assert "Nothing was imported" in page.message.text()
    assert page.import_button.isEnabled()


def test_linking_the_current_person(qtbot, store):
    pid = welcomed_person(store)
    sid = directory.add_service(store, {"name": "Hope Street Food Bank",
                                        "category": "food"}).id
    page = _page(qtbot, store)
    page.set_person(pid, "Rob")
    assert page.link_button.isVisible() and not page.link_button.isEnabled()
    assert page.select_service(sid)
    assert page.link_button.isEnabled()
    with qtbot.waitSignal(page.linked) as got:
        qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    (link,) = people.person_file(store, pid).service_links
    assert link["id"] == got.args[0] and link["service_id"] == sid
    assert "Linked to Hope Street Food Bank" in page.message.text()
    assert unnamed_focusable(page) == []
