"""Shared test set-up. Qt runs offscreen; Argon2id runs with small parameters in tests
except where a test asks for the real ones."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OUTREACH_DATA_DIR", None)
os.environ.pop("OUTREACH_PASSPHRASE", None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FAST_KDF = {"name": "argon2id", "memory_cost": 8 * 1024, "iterations": 1, "lanes": 1}
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def profile(data_dir: Path):
    from outreach.store.profile import Profile
    return Profile(data_dir, "test", vault_options={"kdf_params": FAST_KDF})


@pytest.fixture
def store(profile):
    s = profile.create(PASSPHRASE, user="sam.worker")
    yield s
    s.close()


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
