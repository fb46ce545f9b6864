"""Crashes: the CLI killed (SIGKILL) while writing and while syncing, the desktop app
killed while autosaving a draft, the server killed in the middle of a batch. Everything
reopens intact and the next sync completes with nothing lost and nothing twice.

Kill points are found by watching real progress (the WAL growing, the server's tables
filling, a request handed to the server), never by sleeping; each wait has a deadline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from outreach.ops import sync as sync_ops
from outreach.ops.demo import generate_caseload
from outreach.store import outbox
from outreach.store.profile import Profile
from sync.server import db
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.process_helpers import kill_at_line
from tests.reliability.conftest import (
    ROOT,
    ServerProcess,
    new_laptop,
    outbox_ids,
    setup_user,
    snapshot,
    sync_until_done,
)
from tests.reliability.fault_proxy import FaultProxy

CLI_ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OUTREACH_PASSPHRASE": PASSPHRASE,
           "QT_QPA_PLATFORM": "offscreen"}


def _cli(data: Path, *args: str, profile: str = "main") -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "outreach.cli", "--data-dir", str(data),
                             "--profile", profile, *args], cwd=ROOT, env=CLI_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], *,
               deadline: float = 60.0) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()``; False if it finished first."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            return True
        time.sleep(0.005)
    proc.kill()
    proc.wait(timeout=10)
    raise AssertionError("the process never reached the kill point")


def _count(engine: Any, table: Any, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where))
                   .scalar_one())


def assert_intact(store: Any, *, unsynced: bool = False) -> None:
    """The database is sound and its parts agree with each other."""
    one = lambda sql: store.execute(sql).fetchone()[0]  # noqa: E731
    assert one("PRAGMA integrity_check") == "ok"
    store.execute("INSERT INTO search(search) VALUES('integrity-check')")
    assert one("SELECT count(*) FROM search WHERE rowid NOT IN (SELECT rid FROM records)") == 0
    assert one("SELECT count(*) FROM outbox WHERE record_id NOT IN "
               "(SELECT id FROM records)") == 0
    if unsynced:          # every record written so far is waiting in the outbox
        assert one("SELECT count(*) FROM records WHERE id NOT IN "
                   "(SELECT record_id FROM outbox)") == 0


def _unlock(folder: Path) -> Any:
    return Profile(folder.parent, folder.name,
                   vault_options={"kdf_params": FAST_KDF}).unlock(PASSPHRASE)


# -- the CLI ----------------------------------------------------------------------------------
def test_cli_killed_while_writing_reopens_intact_and_syncs(sqlite_server, tmp_path):
    store = new_laptop(tmp_path, "laptop", user="sam")
    folder = store.folder
    # (admins: the demo caseload includes the service directory, which only they send)
    code = setup_user(sqlite_server.engine, sqlite_server.settings, "sam", team="North",
                      admin=True)
    sync_ops.enroll(store, server_url=sqlite_server.url, code=code)
    store.close()
    wal = folder / "outreach.db-wal"
    killed = 0
    for seed, size in ((1, 200_000), (2, 900_000)):
        proc = _cli(tmp_path / "laptop", "demo-data", "--people", "3000", "--seed", str(seed))
        killed += _kill_when(proc, lambda s=size: wal.exists() and wal.stat().st_size > s)
        store = _unlock(folder)
        try:
            assert_intact(store, unsynced=True)
            assert store.count("person") < 3000
        finally:
            store.close()
    assert killed == 2
    store = _unlock(folder)
    try:
        written = store.execute("SELECT count(*) FROM records").fetchone()[0]
        sync_until_done(store)
        assert outbox.pending_count(store) == 0
        assert _count(sqlite_server.engine, db.records) == written
    finally:
        store.close()


def test_cli_killed_while_syncing_resumes_with_nothing_lost(sqlite_server, tmp_path):
    srv = sqlite_server
    a = new_laptop(tmp_path, "a", user="ann")
    b = new_laptop(tmp_path, "b", user="ben")
    for store, user in ((a, "ann"), (b, "ben")):
        sync_ops.enroll(store, server_url=srv.url,    # admins: the demo writes the directory
                        code=setup_user(srv.engine, srv.settings, user, team="North",
                                        admin=True))
    generate_caseload(a, people=120, seed=5, conversations_per_person=(3, 6))
    sent = outbox_ids(a)
    assert len(sent) > 1500                      # several push batches of 500
    folders = {"a": a.folder, "b": b.folder}
    a.close()
    b.close()

    # Push: killed once the first batch is committed on the server.
    proc = _cli(tmp_path / "a", "sync")
    assert _kill_when(proc, lambda: _count(srv.engine, db.changes) > 0)
    assert 0 < _count(srv.engine, db.changes) < len(sent)
    a = _unlock(folders["a"])
    assert_intact(a)
    assert sync_ops.sync_now(a).pending == 0

    # Pull: killed once the server has sent a page (audited reads).
    def reads() -> int:
        return _count(srv.engine, db.audit, db.audit.c.action == "read")

    already = reads()
    proc = _cli(tmp_path / "b", "sync")
    _kill_when(proc, lambda: reads() > already)
    b = _unlock(folders["b"])
    try:
        assert_intact(b)
        sync_ops.sync_now(b)
        with srv.engine.connect() as conn:
            on_server = set(conn.execute(select(db.changes.c.change_id)).scalars())
        assert on_server == sent and _count(srv.engine, db.changes) == len(sent)
        assert snapshot(a) == snapshot(b)
    finally:
        a.close()
        b.close()


# -- the desktop app: a draft being autosaved -----------------------------------------------
GUI_SCRIPT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from outreach.store.profile import Profile
from outreach.ui.conversation import ConversationDialog
from tests.conftest import FAST_KDF, PASSPHRASE

folder, person = sys.argv[1], sys.argv[2]
app = QApplication([])
from pathlib import Path
p = Path(folder)
store = Profile(p.parent, p.name, vault_options={"kdf_params": FAST_KDF}).unlock(PASSPHRASE)
dialog = ConversationDialog(store, person, autosave_ms=5)
dialog.show()
typed = []

def type_more():
    typed.append(f"word{len(typed)}")
    dialog.notes.setPlainText("Notes so far: " + " ".join(typed))

def saved():
    sys.stdout.write(f"saved {len(typed)}\n")
    sys.stdout.flush()
    QTimer.singleShot(0, type_more)

dialog.draft_saved.connect(saved)
type_more()
app.exec()
"""


def test_app_killed_while_autosaving_a_draft_keeps_the_last_saved_draft(tmp_path):
    store = new_laptop(tmp_path, "gui", user="gus")
    person = store.create("person", {"given_name": "Drafty"})["id"]
    folder = store.folder
    store.close()
    script = tmp_path / "gui_script.py"
    script.write_text(GUI_SCRIPT, "utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(folder), person], cwd=ROOT,
                            env=CLI_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    last = 0

    def saved_forty(line: bytes) -> bool:          # "saved <count>"
        nonlocal last
        last = int(line.split()[1])
        return last >= 40

    err = kill_at_line(proc, saved_forty)
    assert last >= 40, err[-2000:]
    store = _unlock(folder)
    try:
        assert_intact(store)
        (draft,) = store.drafts(person_id=person)
        words = draft["data"]["notes"].removeprefix("Notes so far: ").split()
        assert words == [f"word{i}" for i in range(len(words))]
        assert len(words) >= last                   # nothing acknowledged was lost
    finally:
        store.close()


# -- the server killed mid-batch ------------------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_server_killed_mid_batch_keeps_batches_whole(backend, tmp_path, request):
    url = (str(request.getfixturevalue("pg_url")) if backend == "postgres"
           else f"sqlite:///{tmp_path / 'server.db'}")
    server = ServerProcess(url).start()
    engine = db.make_engine(url)
    pushed = threading.Event()
    store = None
    try:
        def forwarded(_n: int) -> None:
            if proxy.log and "/v1/push" in proxy.log[-1][1]:
                pushed.set()

        with FaultProxy(("127.0.0.1", server.port), on_forwarded=forwarded) as proxy:
            from sync.server.settings import Settings
            code = setup_user(engine, Settings(db_url=url), "kim", team="North")
            store = new_laptop(tmp_path, "kim", user="kim")
            sync_ops.enroll(store, server_url=proxy.url, code=code)
            for i in range(300):
                store.create("person", {"given_name": f"Batch{i}",
                                        "contact_notes": "long words " * 300})
            sent = outbox_ids(store)
            failures: list[str] = []

            def run() -> None:
                try:
                    sync_until_done(store, attempts=1, batch_size=100, retries=0)
                except AssertionError as exc:
                    failures.append(str(exc))

            worker = threading.Thread(target=run)
            worker.start()
            assert pushed.wait(30), "no push reached the server"
            server.kill()                           # mid-batch: the request is in
            worker.join(30)
            assert not worker.is_alive()
            applied = _count(engine, db.changes)
            assert applied % 100 == 0 and applied < len(sent)     # whole batches only
            assert _count(engine, db.records) == applied
            server = ServerProcess(url).start()     # restarts on the same database
            proxy.retarget(("127.0.0.1", server.port))
            sync_until_done(store, batch_size=100)
        with engine.connect() as conn:
            on_server = set(conn.execute(select(db.changes.c.change_id)).scalars())
        assert on_server == sent
        assert _count(engine, db.records) == len(sent) == 300
        assert outbox.pending_count(store) == 0
    finally:
        if store is not None:
            store.close()
        server.stop()
        engine.dispose()
