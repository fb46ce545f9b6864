"""Issue 12.1: People reloads while a name filter is typed, in the real main window.

Before the fix this crashed the whole app (a segmentation fault, so pytest died with it):
the filter proxy answered ``filterAcceptsRow`` from a cache built for the rows of the
previous load while ``endResetModel`` rebuilt its mapping over the new, longer list. The
in-process test shows the behaviour; the subprocess test runs it in a child pytest so a
crash is reported as a failure instead of ending the run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from outreach.ops import conversations as conv_ops
from outreach.ops import people as people_ops
from outreach.ops.people import PersonRow
from outreach.ui.people import COLUMNS, ID_ROLE, PeoplePage
from tests.ui.test_unlock import unlock

ROOT = Path(__file__).resolve().parents[2]


def shown_names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_people_reloads_with_a_name_filter_typed(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = ws.pages["people"]
    qtbot.waitUntil(lambda: people.model.rowCount() == 3, timeout=10_000)
    people.search_edit.setFocus()
    qtbot.keyClicks(people.search_edit, "kh")
    assert shown_names(people) == ["Aisha Khan"]

    # a welcome (sorted first, so every old row moves down) and a new referral (sorted
    # last, past the end of the old rows): the caseload grows while "kh" stays typed
    conv_ops.welcome(ws.store, person={"given_name": "Adam", "family_name": "Khoury"},
                     consent_record=True, consent_share=False, what_matters="My garden.",
                     notes="We met at the café.", setting="community_venue")
    people_ops.new_person(ws.store, person={"given_name": "Zara", "family_name": "Khan"},
                          referral={"source": "self", "received_on": "2026-01-05"})
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(people.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert people.search_edit.text() == "kh"
    assert shown_names(people) == ["Adam Khoury", "Aisha Khan", "Zara Khan"]
    assert people.count.text() == "Showing 3 of 5 people"

    # and back down: a narrower filter, then a reload with nothing new, then cleared
    qtbot.keyClicks(people.search_edit, "o")
    assert shown_names(people) == ["Adam Khoury"]
    with qtbot.waitSignal(people.loaded, timeout=10_000):
        people.refresh()
    assert shown_names(people) == ["Adam Khoury"]
    qtbot.keyClick(people.search_edit, Qt.Key.Key_Escape)
    assert len(shown_names(people)) == 5


def test_people_reload_with_a_filter_does_not_crash_the_app():
    """The same scenario in a child process: a crash there is a failure here."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{Path(__file__).relative_to(ROOT)}::test_people_reloads_with_a_name_filter_typed"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert child.returncode == 0, (child.returncode, child.stdout[-3000:], child.stderr[-3000:])


def synthetic_rows(rng: random.Random, n: int) -> list[PersonRow]:
    given = ["Ada", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo"]
    family = ["Khan", "Lee", "Jones", "Okafor", "Novak", "Reid", "Shah", "Tran"]
    rows = []
    for i in range(n):
        g, f = rng.choice(given), rng.choice(family)
        rows.append(PersonRow(
            id=f"p{i}", name=f"{g} {f}", preferred_name="", given_name=g, family_name=f,
            pronouns="", key_worker=rng.choice(["sam.worker", "priya.nair", ""]),
            status=rng.choice(["waiting", "active", "ended"]),
            days_waiting=rng.choice([None, 3, 20]), risk_level=rng.choice([None, "high"])))
    return rows


def test_people_shows_exactly_the_matching_rows_through_any_sequence(qtbot, caseload):
    """Reloads that grow, shrink, empty and reorder the caseload, mixed with typing,
    the status filter and sorting, in a seeded random order: after every step the table
    shows exactly the people whose name or key worker hold every typed word."""
    page = PeoplePage(caseload.store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitSignal(page.loaded, timeout=10_000).wait()
    rng = random.Random(1201)
    rows = synthetic_rows(rng, 30)
    page._loaded(rows)
    for _step in range(300):
        action = rng.choice(["type", "erase", "status", "sort", "reload", "reload"])
        if action == "type":
            page.search_edit.setText(page.search_edit.text() + rng.choice("aeiknors "))
        elif action == "erase":
            page.search_edit.setText(page.search_edit.text()[:-rng.randint(1, 3)])
        elif action == "status":
            page.status_box.setCurrentIndex(rng.randrange(page.status_box.count()))
        elif action == "sort":
            page.table.sortByColumn(rng.randrange(len(COLUMNS)),
                                    rng.choice(list(Qt.SortOrder)))
        else:
            rows = synthetic_rows(rng, rng.choice([0, 1, 5, 30, 80]))
            page._loaded(rows)
        words = page.search_edit.text().casefold().split()
        status = page.status_box.currentData() or ""
        expected = sorted(r.id for r in rows
                          if all(w in f"{r.name} {r.given_name} {r.family_name} "
                                 f"{r.key_worker}".casefold() for w in words)
                          and (not status or r.status == status))
        shown = sorted(page.proxy.index(i, 0).data(ID_ROLE)
                       for i in range(page.proxy.rowCount()))
        assert shown == expected, (action, page.search_edit.text(), status)
