"""Qt warnings fail the test in fixture teardown too, and Qt's item model tester for any
test that asks (a pytest plugin).

pytest-qt (``qt_log_level_fail = "WARNING"`` in pyproject.toml) fails a test on any Qt
warning logged while its fixtures are set up or while it runs, but stops listening
before teardown, where windows close, locks run and background work is waited for.
This plugin listens there as well, with the same ``qt_log_ignore`` list, and turns such a
warning into an error of the test. (pytest-qt already fails set-up, call and teardown on
an exception raised in a slot or a Qt virtual.)

Qt's own ``QAbstractItemModelTester`` runs over every model our code hands to a view in
any test that uses ``qtbot`` (an autouse fixture wraps ``setModel``; a test with tens of
thousands of rows opts out with ``@pytest.mark.no_model_tester``), and the
``item_models`` fixture adds the models Qt makes inside item widgets, or any other, on
request (see :class:`ItemModelWatch`).

``tests/conftest.py`` imports both; a pytest run outside this tree loads them with
``-p tests.qt_guard``. UI thread only; Qt is not imported by tests that do not use it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Generator
from typing import Any

import pytest

WARNING_AND_WORSE = ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None
                            ) -> Generator[None, Any, Any]:
    if "PySide6.QtCore" not in sys.modules or item.get_closest_marker("no_qt_log"):
        return (yield)
    from PySide6.QtCore import qInstallMessageHandler

    ignore = [re.compile(r) for r in item.config.getini("qt_log_ignore")]
    if item.config.getini("qt_log_level_fail") != "WARNING":
        return (yield)
    seen: list[str] = []

    def handler(kind: Any, context: Any, message: str) -> None:
        if kind.name in WARNING_AND_WORSE and not any(r.search(message) for r in ignore):
            seen.append(f"{kind.name}: {message}")
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        result = yield
    finally:
        qInstallMessageHandler(previous)
    if seen:
        pytest.fail("Qt warnings during teardown:\n  " + "\n  ".join(seen), pytrace=False)
    return result


class ItemModelWatch:
    """Qt's own ``QAbstractItemModelTester`` (the C++ one in QtTest) over item models.

    Each watched model is checked at once and again after every signal it sends (rows
    inserted/removed, layout changed, reset, data changed). Failures are reported as
    warnings in the ``qt.modeltest`` category, which pytest-qt turns into a failed test.
    Unlike pytest-qt's ``qtmodeltester`` (one model per test), this keeps a tester for as
    many models as a test shows. UI thread only.
    """

    def __init__(self) -> None:
        self.testers: dict[int, object] = {}
        self.models: list[object] = []

    def watch(self, model) -> None:  # type: ignore[no-untyped-def]
        """Check ``model`` (and, for a proxy, its source) from now on."""
        from PySide6.QtCore import QAbstractProxyModel
        from PySide6.QtTest import QAbstractItemModelTester

        if model is None or id(model) in self.testers:
            return
        mode = QAbstractItemModelTester.FailureReportingMode.Warning
        self.testers[id(model)] = QAbstractItemModelTester(model, mode)
        self.models.append(model)           # keep the id stable while the tester lives
        if isinstance(model, QAbstractProxyModel):
            self.watch(model.sourceModel())

    def watch_all(self, root) -> int:  # type: ignore[no-untyped-def]
        """Watch the model of every item view and combo box inside ``root`` (a widget);
        returns how many models are watched in all."""
        from PySide6.QtWidgets import QAbstractItemView, QComboBox

        for view in [root, *root.findChildren(QAbstractItemView)]:
            if isinstance(view, QAbstractItemView):
                self.watch(view.model())
        for box in root.findChildren(QComboBox):
            self.watch(box.model())
        return len(self.testers)


@pytest.fixture
def item_models():
    """An :class:`ItemModelWatch`; call ``item_models.watch(model)`` or
    ``item_models.watch_all(widget)`` before the models change."""
    watch = ItemModelWatch()
    yield watch
    watch.testers.clear()
    watch.models.clear()


VIEW_CLASSES = ("QAbstractItemView", "QTableView", "QTreeView", "QListView", "QColumnView",
                "QComboBox", "QCompleter")


@pytest.fixture(autouse=True)
def _item_models_everywhere(request: pytest.FixtureRequest) -> Any:
    """In every Qt test, each model our code hands to a view (``view.setModel``) gets
    Qt's model tester for the rest of the test. (Models Qt makes for itself inside item
    widgets are Qt's own; ``item_models.watch_all`` covers those where a test wants it.)
    A test that must not pay for it (tens of thousands of rows) is marked
    ``no_model_tester``."""
    if "qtbot" not in request.fixturenames or \
            request.node.get_closest_marker("no_model_tester"):
        yield None
        return
    from PySide6 import QtWidgets

    watch = ItemModelWatch()
    originals: dict[type, Any] = {}
    for name in VIEW_CLASSES:
        cls = getattr(QtWidgets, name)
        original = cls.__dict__.get("setModel")
        if original is None:
            continue

        def set_model(self: Any, model: Any, *args: Any, _original: Any = original) -> Any:
            result = _original(self, model, *args)
            watch.watch(model)
            return result

        originals[cls] = original
        cls.setModel = set_model
    try:
        yield watch
    finally:
        for cls, original in originals.items():
            cls.setModel = original
        watch.testers.clear()
        watch.models.clear()
