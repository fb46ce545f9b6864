"""Full-text search over names, conversation notes and care plan text (SQLite FTS5).

The index lives inside the encrypted database and is kept in step by every write
(:meth:`outreach.store.records.Store.reindex`). Queries are built from the words typed,
each quoted (so punctuation and FTS syntax in the text cannot break the query), the last
one matched as a prefix so results appear while typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from outreach.core.records import KINDS
from outreach.store.records import Store

WORD = re.compile(r"\w+", re.UNICODE)
MARK_START, MARK_END = "\u2063[", "]\u2063"   # invisible separators around a match


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    kind: str
    person_id: str | None
    title: str
    snippet: str          # matched words wrapped in MARK_START / MARK_END
    rank: float

    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")


def fts_query(text: str) -> str | None:
    words = WORD.findall(text)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words[:16]]
    quoted[-1] += "*"
    return " ".join(quoted)


NOTES_WINDOW = 400


def search(store: Store, text: str, *, limit: int = 50,
           kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
    """Names first (ranked), then notes and care plans (ranked), with snippets.

    Names live in the index's ``title`` column and everything written in the person's words
    in ``body``. A common word can match a hundred thousand notes; ranking them all costs
    seconds, so notes are ranked among the :data:`NOTES_WINDOW` most recent matches (FTS5
    walks its index newest first and stops there). Names are always ranked in full.
    """
    query = fts_query(text)
    if query is None:
        return []
    hits: list[SearchHit] = []
    if not kinds or "person" in kinds:
        hits.extend(_names(store, query, limit))
    if len(hits) < limit and (not kinds or set(kinds) - {"person"}):
        hits.extend(_notes(store, query, limit - len(hits), kinds))
    return hits


def _names(store: Store, query: str, limit: int) -> list[SearchHit]:
    rows = store.execute(
        "SELECT r.id, r.kind, r.person_id, search.title, "
        f"  highlight(search, 0, '{MARK_START}', '{MARK_END}'), bm25(search, 1.0, 0.0) AS rank "
        "FROM search JOIN records r ON r.rid = search.rowid "
        "WHERE search MATCH ? AND r.deleted = 0 ORDER BY rank LIMIT ?",
        (f"title : ({query})", limit)).fetchall()
    return [SearchHit(*row) for row in rows]


def _notes(store: Store, query: str, limit: int,
           kinds: tuple[str, ...] | None) -> list[SearchHit]:
    match = f"body : ({query})"
    sql = (
        "WITH recent AS (SELECT rowid FROM search WHERE search MATCH :q "
        "                ORDER BY rowid DESC LIMIT :window) "
        "SELECT r.id, r.kind, r.person_id, '', "
        f"  snippet(search, 1, '{MARK_START}', '{MARK_END}', '…', 14), "
        "  bm25(search, 0.0, 1.0) AS rank "
        "FROM search JOIN records r ON r.rid = search.rowid "
        "WHERE search MATCH :q AND search.rowid >= (SELECT min(rowid) FROM recent) "
        "AND r.deleted = 0"
    )
    params: dict[str, Any] = {"q": match, "window": NOTES_WINDOW, "limit": limit}
    if kinds:
        names = [k for k in kinds if k != "person"]
        sql += f" AND r.kind IN ({','.join(f':k{i}' for i in range(len(names)))})"
        params.update({f"k{i}": k for i, k in enumerate(names)})
    sql += " ORDER BY rank LIMIT :limit"
    out = []
    for rid, kind, pid, _title, snippet, rank in store.execute(sql, params).fetchall():
        label = KINDS[kind].label if kind in KINDS else kind
        out.append(SearchHit(rid, kind, pid, label, snippet, rank))
    return out
