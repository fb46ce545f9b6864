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

# SQLCipher's cipher_memory_security (docs/security.md, item 10) zeroes and mlock()s every
# allocation SQLCipher frees. It changes nothing a test can observe except the memory left
# behind, and on a virtual machine its system calls made the suite several times slower
# (tests/store/test_records.py and tests/ops/test_records_ops.py: 67 s with it, 8 s
# without). Like Argon2id's small parameters, the tests in this process run without it;
# a test about memory asks for it (``memory_security_on``), and every app or CLI a test
# starts as a process of its own keeps the shipped setting (ON).
import outreach.store.db  # noqa: E402

outreach.store.db.MEMORY_SECURITY = "OFF"


@pytest.fixture
def memory_security_on():
    """SQLCipher's memory security as shipped, for the databases this test opens. It is
    process-wide in SQLCipher and may stay on for the tests after this one (slower, the
    same results)."""
    outreach.store.db.MEMORY_SECURITY = "ON"
    yield
    outreach.store.db.MEMORY_SECURITY = "OFF"


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


@pytest.fixture
def new_store(tmp_path: Path):
    """Make another laptop's store beside ``store``: ``new_store(folder, user=...)`` creates
    profile "main" in ``tmp_path / folder`` with the fast KDF; every store it made and left
    open is closed after the test."""
    from outreach.store.profile import Profile

    made = []

    def make(folder: str, *, user: str):
        s = Profile(tmp_path / folder, "main", vault_options={"kdf_params": FAST_KDF}) \
            .create(PASSPHRASE, user=user)
        made.append(s)
        return s

    yield make
    for s in made:
        if not s.closed:
            s.close()



# -- leaving without PySide's interpreter-shutdown crash ------------------------------------
# After the last test and pytest's summary, the interpreter's own finalisation can abort
# inside PySide6 ("Fatal Python error: bool_dealloc ... finalizing"): a reference-count bug
# in the binding's shutdown, seen on main after 144 passing UI tests, which turns a green
# run into exit 134. Every test has run and been reported by then, so the outermost session
# leaves with pytest's own exit status and skips that finalisation. Child pytest runs
# (tests/ui/test_qt_guard.py, the SIGKILL drivers) are separate processes and do the same.
_OUTER: dict[str, object] = {}


def pytest_configure(config: pytest.Config) -> None:
    _OUTER.setdefault("config", config)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config is _OUTER.get("config"):
        _OUTER["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if config is _OUTER.get("config") and "status" in _OUTER:
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(_OUTER["status"]))  # type: ignore[call-overload]
