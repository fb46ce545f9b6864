""""Sent N changes" counts what the server holds: when the answer to a push is lost after
the server committed, and the retry is acknowledged as already received, the changes were
still sent (the CLI used to say "Sent 0 changes" although they were all applied)."""

from __future__ import annotations

from urllib.parse import urlsplit

from outreach.cli import main as cli_main
from outreach.ops import sync as sync_ops
from outreach.store import outbox
from outreach.store.profile import Profile
from tests.conftest import PASSPHRASE
from tests.reliability.conftest import new_laptop, outbox_ids, setup_user
from tests.reliability.fault_proxy import FaultProxy, Schedule


def test_a_lost_push_answer_still_counts_the_changes_sent(sqlite_server, tmp_path, capsys,
                                                          monkeypatch):
    srv = sqlite_server
    parts = urlsplit(srv.url)
    with FaultProxy((parts.hostname or "127.0.0.1", int(parts.port or 0))) as proxy:
        proxy.enabled = False
        code = setup_user(srv.engine, srv.settings, "cara", team="North")
        store = new_laptop(tmp_path, "cara", user="cara")
        try:
            sync_ops.enroll(store, server_url=proxy.url, code=code)
            for i in range(100):
                store.create("person", {"given_name": f"Person{i}"})
            assert len(outbox_ids(store)) == 100
        finally:
            store.close()
        # The first request (the push) is applied, then its answer is dropped; the
        # client's retry is acknowledged as 100 duplicates.
        proxy.schedule = Schedule(script=["drop_response"])
        proxy._n = 0
        proxy.enabled = True
        monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
        assert cli_main(["--data-dir", str(tmp_path / "cara"), "--profile", "main",
                         "sync"]) == 0
        assert "drop_response" in proxy.faults()
    out = capsys.readouterr().out
    assert "Sent 100 changes" in out, out
    store = Profile(tmp_path / "cara", "main").unlock(PASSPHRASE)
    try:
        assert outbox.pending_count(store) == 0
    finally:
        store.close()
