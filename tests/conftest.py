"""Shared test set-up. Qt runs offscreen; Argon2id runs with small parameters in tests
except where a test asks for the real ones."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OUTREACH_DATA_DIR", None)
os.environ.pop("OUTREACH_PASSPHRASE", None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

# Qt warnings fail a test in teardown too; Qt's model tester for any test that asks
from tests.qt_guard import (  # noqa: E402,F401
    _item_models_everywhere,
    item_models,
    pytest_runtest_teardown,
)

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

