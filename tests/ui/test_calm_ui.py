"""Work that held the UI thread in the scripted session (issue 15 item 4), checked in the
real widgets: the workspace's Directory page reads its services on a worker, and the
People list matches each loaded row against the filter once, not twice."""

from __future__ import annotations

import threading

from outreach.ops import directory as dir_ops
from outreach.ui.people import PeopleFilter
from tests.ui.test_unlock import unlock


def test_the_workspace_directory_reads_its_services_off_the_ui_thread(qtbot, window,
                                                                      monkeypatch):
    threads: list[int] = []
    real = dir_ops.services

    def services(store, text=""):
        threads.append(threading.get_ident())
        return real(store, text)
    monkeypatch.setattr(dir_ops, "services", services)
    unlock(qtbot, window)
    page = window.workspace.show_page("directory")
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    assert threading.get_ident() not in threads
    qtbot.waitUntil(lambda: page.load_op is not None and not page.load_op.is_running,
                    timeout=10_000)
    assert page.import_button.isEnabled()       # the page works once the list is in


def test_a_loaded_caseload_is_matched_against_the_filter_once(qtbot, window, monkeypatch):
    asked: list[int] = []
    real = PeopleFilter.filterAcceptsRow

    def counting(self, source_row, source_parent):
        asked.append(source_row)
        return real(self, source_row, source_parent)
    monkeypatch.setattr(PeopleFilter, "filterAcceptsRow", counting)
    unlock(qtbot, window)
    people = window.workspace.show_page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 3 and not people.load_op.is_running,
                    timeout=10_000)
    qtbot.wait(50)
    assert sorted(asked) == [0, 1, 2]           # once per row, not once more after it
    assert people.proxy.rowCount() == 3
    people.search_edit.setText("aisha")         # and the filter still filters
    assert people.proxy.rowCount() == 1
