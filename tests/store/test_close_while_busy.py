"""Locking the profile (Store.close) from one thread while another thread is reading or
writing: no crash, the read stops promptly with an error, the write in progress is saved
whole, and a write that had not begun is refused."""

from __future__ import annotations

import threading
import time

import pytest

from outreach.ops.demo import generate_caseload
from outreach.store.records import ProfileLocked


def test_closing_while_another_thread_reads_stops_the_read_without_a_crash(store):
    generate_caseload(store, people=60, seed=4, conversations_per_person=(8, 12))
    reading, outcome = threading.Event(), []

    def reader() -> None:
        try:
            while True:
                reading.set()
                for row in store.query("conversation"):
                    assert row["notes"]
        except Exception as exc:        # the profile was locked under it
            outcome.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    assert reading.wait(10)
    time.sleep(0.05)
    store.close()                       # before this fix: a segfault, or a wait
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1
    # whether the read was interrupted mid-statement or came after: "the profile is
    # locked", which a background op counts as cancelled, not failed
    assert isinstance(outcome[0], ProfileLocked), type(outcome[0])
    assert store.closed
    with pytest.raises(RuntimeError, match="locked"):
        store.query("person")


def test_a_write_in_progress_is_saved_and_a_later_one_refused(profile, store):
    pid = store.create("person", {"given_name": "Closer", "family_name": "Synthetic",
                                  "consent_record": True})["id"]
    inside, release, errors = threading.Event(), threading.Event(), []

    def writer() -> None:
        try:
            with store.transaction():
                store.create("conversation", {"type": "support", "setting": "phone",
                                              "notes": "Saved while the lock was pressed",
                                              "occurred_at": "2026-11-02T10:00:00+00:00"},
                             person_id=pid)
                inside.set()
                release.wait(10)
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    assert inside.wait(10)
    closer = threading.Thread(target=store.close)
    closer.start()
    time.sleep(0.1)
    assert closer.is_alive()            # it waits for the write to finish
    release.set()
    thread.join(10)
    closer.join(10)
    assert errors == [] and store.closed
    with pytest.raises(RuntimeError, match="locked"), store.transaction():
        pass
    again = profile.unlock("correct horse battery staple")
    try:
        notes = [c["notes"] for c in again.query("conversation", person_id=pid)]
        assert notes == ["Saved while the lock was pressed"]
    finally:
        again.close()
