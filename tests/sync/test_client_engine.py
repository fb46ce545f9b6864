"""The client engine: resumes after interruption, reports progress, retries with back-off."""

from __future__ import annotations

import pytest

from outreach.ops import sync as sync_ops
from outreach.store.syncstore import StoreSync
from sync.client import HttpClient, SyncError, run_sync
from tests.sync.conftest import free_port, snapshot


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_interrupted_pull_resumes_from_its_cursor(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    for i in range(25):
        a.create("person", {"given_name": f"P{i}"})
    calls: list[tuple[str, int, int]] = []
    sync_ops.sync_now(a, progress=lambda *args: calls.append(args))
    assert calls[-1][0] == "pull" and ("push", 25, 25) in calls

    pages = 0

    def stop_after_two_pages() -> bool:
        return pages >= 2

    def count(phase: str, done: int, total: int) -> None:
        nonlocal pages
        if phase == "pull":
            pages += 1

    adapter = StoreSync(b)
    with HttpClient.from_credentials(adapter.credentials()) as http:
        with pytest.raises(SyncError) as stopped:
            run_sync(adapter, http=http, progress=count, cancelled=stop_after_two_pages,
                     page_size=10)
    assert stopped.value.code == "cancelled"
    # two pages kept, with where the first-sync snapshot stopped (no cursor yet)
    assert b.count("person") == 20 and adapter.snapshot_position() is not None
    assert adapter.cursor() == 0
    result = sync_ops.sync_now(b)
    assert result.pulled == 5                                  # only the rest
    assert snapshot(a) == snapshot(b)


def test_network_failures_are_retried_with_back_off():
    waits: list[float] = []
    http = HttpClient(f"http://127.0.0.1:{free_port()}", token="x.y", retries=3,
                      backoff=0.5, timeout=2, sleep=waits.append)
    with pytest.raises(SyncError) as failed:
        http.health()
    assert failed.value.code == "network"
    assert waits == [0.5, 1.0, 2.0]


def test_plain_http_only_to_loopback():
    with pytest.raises(SyncError):
        HttpClient("http://192.0.2.10:8443")
    with pytest.raises(SyncError):
        HttpClient("ftp://127.0.0.1")
    HttpClient("http://localhost:8443").close()


def test_client_end_needs_only_requests_and_pydantic():
    import subprocess
    import sys

    code = ("import sys, sync.client, sync.protocol; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('fastapi', 'sqlalchemy', "
            "'starlette', 'PySide6') or m.startswith(('outreach.store', 'outreach.ops', "
            "'outreach.ui'))]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
