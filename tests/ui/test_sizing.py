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
    assert failing(sized, "people") == []


def test_directory_names_are_never_elided(sized: dict[str, Any]) -> None:
    assert failing(sized, "directory", "link-service") == []


def test_report_charts_show_category_names_in_full(sized: dict[str, Any]) -> None:
    assert failing(sized, "reports") == []


def test_dialogs_fit_the_screen_with_save_on_screen(sized: dict[str, Any]) -> None:
    assert failing(sized, "conversation", "questionnaire", "welcome", "link-service",
                   "import-errors") == []


def test_main_window_opens_inside_the_screen(sized: dict[str, Any]) -> None:
    assert failing(sized, "window") == []


def test_no_qt_warnings_while_sizing(sized: dict[str, Any]) -> None:
    assert failing(sized, "qt") == []
