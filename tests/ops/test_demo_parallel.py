"""The demo caseload made up in a child process (``parallel=True``, the benchmark's build)
is the caseload the serial build writes: the same records, outbox, search index and
summary, in the same order."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.ops.demo import generate_caseload

TODAY = dt.date(2026, 10, 14)


@pytest.fixture
def other(new_store):
    return new_store("other", user="sam.worker")


def written(store) -> dict[str, list[tuple]]:
    """Everything the caseload wrote, without the moments and per-device stamps."""
    return {
        "records": store.execute(
            "SELECT rid, id, kind, person_id, data, deleted, version FROM records "
            "ORDER BY rid").fetchall(),
        "outbox": store.execute(
            "SELECT seq, record_id, kind, person_id, op, fields, base, base_version "
            "FROM outbox ORDER BY seq").fetchall(),
        "search": store.execute(
            "SELECT rowid, title, body FROM search ORDER BY rowid").fetchall(),
        "summary": store.execute(
            "SELECT * FROM caseload_summary ORDER BY person_id").fetchall(),
    }


def test_parallel_build_writes_what_the_serial_build_writes(store, other) -> None:
    seen: list[tuple[int, int]] = []
    serial = generate_caseload(store, people=9, seed=13, today=TODAY,
                               conversations_per_person=(4, 8))
    parallel = generate_caseload(other, people=9, seed=13, today=TODAY,
                                 conversations_per_person=(4, 8), parallel=True,
                                 progress=lambda done, total: seen.append((done, total)))
    assert parallel.counts == serial.counts
    assert parallel.changes.records == serial.changes.records
    assert parallel.changes.people == serial.changes.people
    a, b = written(store), written(other)
    assert len(a["records"]) == sum(serial.counts.values()) > 100
    assert len(a["search"]) > 50 and len(a["summary"]) == 9
    for table in a:
        assert b[table] == a[table], table
    assert seen == [(n, 9) for n in range(1, 10)]


def test_parallel_build_refuses_a_seed_already_written(store) -> None:
    generate_caseload(store, people=1, seed=4, today=TODAY)
    with pytest.raises(ValueError, match="choose another seed"):
        generate_caseload(store, people=1, seed=4, today=TODAY, parallel=True)
    generate_caseload(store, people=1, seed=5, today=TODAY, parallel=True)
    assert store.count("person") == 2
