"""The limit benchmark (issue 15 item 1) writes what the store writes: the same records
and exactly the same search-index text, into the same kind of FTS5 table. Behaviour only;
benchmarks are not tests."""

from __future__ import annotations

from pathlib import Path

from bench.bench_limit import LAPTOP_ROWS, limit_write, open_database, search_rows, write
from outreach.ops.demo import generate_caseload


def test_limit_database_holds_the_store_rows_and_the_same_search_index(store, tmp_path: Path):
    generate_caseload(store, people=6, seed=11)
    rows = [tuple(r) for r in store.execute(LAPTOP_ROWS)]
    conn = open_database(tmp_path / "limit.db")
    try:
        write(conn, rows, search_rows(rows))
        assert [tuple(r) for r in conn.execute(
            "SELECT id, kind, person_id, data, clocks, created_at, created_by, updated_at, "
            "updated_by, device_id, version, deleted FROM records ORDER BY rid")] == rows
        # The same text under the same rowid (rids follow writing order in both).
        theirs = store.execute("SELECT rowid, title, body FROM search ORDER BY rowid")
        ours = conn.execute("SELECT rowid, title, body FROM search ORDER BY rowid")
        assert [tuple(r) for r in ours] == [tuple(r) for r in theirs.fetchall()]
        # The same tokenizer and prefix indexes: a 2-letter prefix query finds the same rows.
        sql = "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid"
        for query in ('"wa"*', "walking", '"sl"*'):
            assert [r[0] for r in conn.execute(sql, (query,))] == \
                [r[0] for r in store.execute(sql, (query,))]
    finally:
        conn.close()


def test_limit_write_reports_a_time_and_leaves_no_file(store, tmp_path: Path):
    generate_caseload(store, people=2, seed=12)
    rows = [tuple(r) for r in store.execute(LAPTOP_ROWS)]
    folder = tmp_path / "limit"
    folder.mkdir()
    limit = limit_write(rows, folder)
    assert limit.records == len(rows) and limit.wall_ms > 0
    assert list(folder.iterdir()) == []


def test_first_sync_write_applies_every_row_and_leaves_no_profile(store, tmp_path: Path):
    """The store's side of a first sync, measured beside the limit: every row applied
    (pages, report index, search backlog), and the throwaway profile removed."""
    from bench.bench_limit import first_sync_write, pulled_pages

    generate_caseload(store, people=3, seed=13)
    rows = [tuple(r) for r in store.execute(LAPTOP_ROWS)]
    folder = tmp_path / "first-sync"
    folder.mkdir()
    got = first_sync_write(pulled_pages(rows), folder)
    assert got.records == len(rows) and got.cpu_ms > 0
    assert [p for p in folder.rglob("*") if p.is_file()] == []
