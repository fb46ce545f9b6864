"""Readable and usable at any size (issue 12, item 9): screenshot tests at 100 % and 150 %
scaling and with large text, on the screen sizes the issue tried (1366×768, 1280×720 and
1024×768).

Each screen set-up runs :mod:`tests.ui.sizing_driver` once in a subprocess (the scale
factor and the offscreen screen's size must be set before the QApplication exists); it
builds the real main window, pages and dialogs over a synthetic caseload, saves a PNG of
each under pytest's ``tmp_path`` and reports geometry facts, which the tests below assert:
People and Directory names never elided and first, the Reports charts' category names in
full, every dialog inside the screen with its Save button on screen, and the main window
opening inside the screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# (id, screen width, height, scale, application font size in points; 0: the default)
SET_UPS = [
    ("1366x768-100", 1366, 768, 1.0, 0),
    ("1366x768-150", 1366, 768, 1.5, 0),
    ("1280x720-100", 1280, 720, 1.0, 0),
    ("1280x720-150", 1280, 720, 1.5, 0),
    ("1024x768-150", 1024, 768, 1.5, 0),
    ("1366x768-large-text", 1366, 768, 1.0, 15),
    ("1024x768-150-large-text", 1024, 768, 1.5, 14),
]


def offscreen_config(folder: Path, width: int, height: int) -> str:
    """``QT_QPA_PLATFORM`` for one offscreen screen of ``width``×``height`` pixels."""
    from outreach.ui.screenshots import offscreen_platform

    return offscreen_platform(folder, width=width, height=height)


@pytest.fixture(scope="module", params=SET_UPS, ids=[s[0] for s in SET_UPS])
def sized(request: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    name, width, height, scale, font_pt = request.param
    out = tmp_path_factory.mktemp(f"sizing-{name}")
    env = dict(os.environ)
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    env.update({"QT_QPA_PLATFORM": offscreen_config(out, width, height),
                "QT_SCALE_FACTOR": str(scale), "PYTHONPATH": str(ROOT)})
    args = [sys.executable, "-m", "tests.ui.sizing_driver", str(out)]
    if font_pt:
        args += ["--font-pt", str(font_pt)]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    facts["out"] = out
    return facts


def failing(facts: dict[str, Any], *areas: str) -> list[str]:
    checks = [c for c in facts["checks"] if c["area"].startswith(areas)]
    assert checks, f"no checks for {areas}"
    return [f"{c['area']}: {c['what']} ({c['detail']})" for c in checks if not c["ok"]]


def test_screen_is_the_size_asked_for(sized: dict[str, Any]) -> None:
    assert sized["screen"][2] < 1400 and sized["screen"][3] <= 768
    assert (sized["out"] / "shots" / "people.png").stat().st_size > 0


def test_people_names_are_never_elided(sized: dict[str, Any]) -> None:
    assert failing(sized, "people", "today") == []


def test_directory_names_are_never_elided(sized: dict[str, Any]) -> None:
    assert failing(sized, "directory", "link-service") == []


def test_report_charts_show_category_names_in_full(sized: dict[str, Any]) -> None:
    assert failing(sized, "reports") == []


def test_dialogs_fit_the_screen_with_save_on_screen(sized: dict[str, Any]) -> None:
    assert failing(sized, "conversation", "questionnaire", "welcome", "link-service",
                   "import-errors", "pdf-preview") == []


def test_main_window_opens_inside_the_screen(sized: dict[str, Any]) -> None:
    assert failing(sized, "window") == []


def test_no_qt_warnings_while_sizing(sized: dict[str, Any]) -> None:
    assert failing(sized, "qt") == []


# -- the helpers, in this process (the offscreen platform's own 800×800 screen) -------------
def test_fit_to_screen_caps_a_dialog_to_the_screen_and_keeps_save_outside_the_scroll(
        qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

    from outreach.ui.fit import fit_to_screen, room_for, scroll_area

    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QWidget()
    column = QVBoxLayout(form)
    for n in range(80):
        column.addWidget(QLabel(f"Question {n}"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save, dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll_area(form), 1)
    layout.addWidget(buttons)
    fit_to_screen(dialog, width=5000, height=5000)
    room = room_for(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    dialog.show()
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.waitExposed(dialog)
    corner = save.mapToGlobal(save.rect().bottomRight())
    assert dialog.screen().availableGeometry().contains(corner)
    fit_to_screen(dialog, width=300, height=200)      # smaller than the screen: as asked
    assert (dialog.width(), dialog.height()) == (300, 200)


def test_fit_wizard_puts_each_page_in_a_scroll_area_and_keeps_its_fields(
        qtbot: Any) -> None:
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QScrollArea, QWizard, QWizardPage

    from outreach.ui.fit import fit_wizard

    wizard = QWizard()
    qtbot.addWidget(wizard)
    page = QWizardPage()
    form = QFormLayout(page)
    name = QLineEdit()
    form.addRow("Name", name)
    page.registerField("name*", name)
    wizard.addPage(page)
    fit_wizard(wizard, width=400, height=300)
    fit_wizard(wizard, width=400, height=300)           # twice: still one scroll area
    assert len(page.findChildren(QScrollArea)) == 1
    assert name.window() is wizard and name.parentWidget() is not page
    name.setText("Sam")
    assert wizard.field("name") == "Sam"


def test_widest_finds_a_short_wide_text_among_many() -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from outreach.ui.columns import widest

    assert QApplication.instance() is not None or QApplication([])
    metrics = QFontMetrics(QApplication.font())
    texts = [f"illi {n} lilli" for n in range(5000)] + ["WWWWWWWWWW MMMMMM"]
    assert widest(texts, metrics) == max(map(metrics.horizontalAdvance, texts))


def test_people_name_column_fits_the_widest_of_10000_names(qtbot: Any, store: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    from outreach.ops.people import PersonRow
    from outreach.ui.columns import text_margins
    from outreach.ui.people import PeoplePage

    page = PeoplePage(store)
    qtbot.addWidget(page)
    rows = [PersonRow(id=str(n), name=f"Person {n:05d}", preferred_name="", given_name="",
                      family_name="", pronouns="they/them", key_worker=f"Worker {n % 9}",
                      status="waiting", days_waiting=n % 90) for n in range(10_000)]
    rows[7_777] = PersonRow(id="long", name="Maximiliana Featherstonehaugh-Worthington",
                            preferred_name="", given_name="", family_name="", pronouns="",
                            key_worker="", status="active")
    page.model.set_rows(rows)
    page.size_columns()
    need = QFontMetrics(page.table.font()).horizontalAdvance(rows[7_777].name)
    assert need <= page.table.columnWidth(0) - text_margins(page.table) + 5
    assert page.table.horizontalHeader().sectionResizeMode(0).name == "Interactive"
