"""The test suite fails on any Qt warning and on any exception raised inside a slot
(issue 12.1): the settings are active, and they catch what they should.

Each guarded case runs as a small test in a child pytest that uses this project's own
settings (``-c pyproject.toml``) and teardown plugin (``-p tests.qt_guard``), so a test
here can watch a test fail without failing itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CASES = '''
import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QTableView, QWidget

from outreach.ui.background import run_in_background


class Sender(QObject):
    fired = Signal()


def test_exception_in_a_slot_connected_to_a_signal(qtbot):
    sender = Sender()
    def slot():
        raise ValueError("raised in a slot")
    sender.fired.connect(slot)
    QTimer.singleShot(0, sender.fired.emit)
    qtbot.wait(50)


def test_exception_in_a_timer_callback(qtbot):
    def later():
        raise ValueError("raised in a timer")
    QTimer.singleShot(0, later)
    qtbot.wait(50)


def test_exception_in_a_background_ops_callback(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    def done(result):
        raise ValueError("raised in on_done")
    op = run_in_background(lambda state: 42, parent=owner, on_done=done)
    qtbot.waitSignal(op.finished, timeout=10_000).wait()


def test_exception_in_a_qt_virtual(qtbot):
    class Painted(QWidget):
        def paintEvent(self, event):
            raise ValueError("raised in paintEvent")
    widget = Painted()
    qtbot.addWidget(widget)
    widget.show()
    widget.repaint()
    qtbot.wait(50)


def test_qt_warning(qtbot):
    qWarning("something went wrong in Qt")


class Lying(QAbstractListModel):
    """Announces a new row but never grows: the class of bug behind the People crash."""
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


def test_a_broken_item_model(qtbot, item_models):
    model = Lying()
    item_models.watch(model)
    model.beginInsertRows(QModelIndex(), 3, 3)
    model.endInsertRows()


def test_a_broken_item_model_shown_in_a_view(qtbot):
    view = QTableView()                 # no fixture asked for: every view is watched
    qtbot.addWidget(view)
    model = Lying(view)
    view.setModel(model)
    model.beginInsertRows(QModelIndex(), 3, 3)
    model.endInsertRows()


@pytest.fixture
def warns_on_teardown():
    yield
    qWarning("warned while tearing down")


def test_qt_warning_in_teardown(qtbot, warns_on_teardown):
    pass


def test_known_platform_noise_is_allowed(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")
'''


def test_the_guards_are_configured(request):
    config = request.config
    assert config.getini("qt_log_level_fail") == "WARNING"
    assert not config.getini("qt_no_exception_capture")
    assert config.pluginmanager.hasplugin("pytestqt.plugin") or \
        config.pluginmanager.hasplugin("pytest-qt")
    # every ignored message is spelled out in full, never a catch-all
    for pattern in config.getini("qt_log_ignore"):
        assert pattern.startswith("^") and pattern.endswith("$"), pattern


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("guard")
    (folder / "test_cases.py").write_text(CASES, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(folder), "-p", "no:cacheprovider", "-p", "tests.qt_guard",
         "-rA", "-q", str(folder / "test_cases.py")],
        cwd=folder, env=env, capture_output=True, text=True, timeout=240, check=False)
    found: dict[str, str] = {}
    for line in child.stdout.splitlines():
        m = re.match(r"^(PASSED|FAILED|ERROR) \S+::(\w+)", line)
        if m:
            found.setdefault(m.group(2), m.group(1))    # an ERROR in teardown follows PASSED
            if m.group(1) == "ERROR":
                found[m.group(2)] = "ERROR"
    assert found, child.stdout[-3000:] + child.stderr[-3000:]
    return found


@pytest.mark.parametrize("case", [
    "test_exception_in_a_slot_connected_to_a_signal",
    "test_exception_in_a_timer_callback",
    "test_exception_in_a_background_ops_callback",
    "test_exception_in_a_qt_virtual",
    "test_qt_warning",
    "test_a_broken_item_model",
    "test_a_broken_item_model_shown_in_a_view",
])
def test_the_suite_fails_on(outcomes: dict[str, str], case: str):
    assert outcomes.get(case) == "FAILED"


def test_a_qt_warning_in_teardown_is_an_error(outcomes: dict[str, str]):
    assert outcomes.get("test_qt_warning_in_teardown") == "ERROR"


def test_known_platform_noise_does_not_fail(outcomes: dict[str, str]):
    assert outcomes.get("test_known_platform_noise_is_allowed") == "PASSED"
