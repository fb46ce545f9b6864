"""Closing the store frees SQLCipher's page cache with a statement before it closes the
connection: the driver releases the GIL while a statement runs but not in ``close()``,
so freeing (and zeroing) a full 64 MiB cache inside ``close()`` stopped every thread of
the app, the UI thread too, while the profile locked (issue 15 item 4)."""

from __future__ import annotations

from typing import Any


class _Spy:
    def __init__(self, conn: Any, calls: list[str]) -> None:
        self._conn, self._calls = conn, calls

    def execute(self, sql: str, *args: Any) -> Any:
        self._calls.append(sql)
        return self._conn.execute(sql, *args)

    def close(self) -> None:
        self._calls.append("close()")
        self._conn.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_close_shrinks_the_page_cache_then_closes(store):
    store.execute("SELECT count(*) FROM records")
    calls: list[str] = []
    store.conn = _Spy(store.conn, calls)
    store.close()
    assert calls == ["PRAGMA shrink_memory", "close()"]
    assert store.closed
