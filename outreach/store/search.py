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


def search(store: Store, text: str, *, limit: int = 50,
           kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
    """Ranked hits for ``text``, best first, with a snippet around the match."""
    query = fts_query(text)
    if query is None:
        return []
    sql = (
        "SELECT r.id, r.kind, r.person_id, search.title, "
        f"  CASE WHEN search.body = '' THEN highlight(search, 0, '{MARK_START}', '{MARK_END}') "
        f"  ELSE snippet(search, 1, '{MARK_START}', '{MARK_END}', '…', 14) END, "
        "  bm25(search, 4.0, 1.0) AS rank "
        "FROM search JOIN records r ON r.rid = search.rowid "
        "WHERE search MATCH ? AND r.deleted = 0"
    )
    params: list[Any] = [query]
    if kinds:
        sql += f" AND r.kind IN ({','.join('?' * len(kinds))})"
        params.extend(kinds)
    sql += " ORDER BY rank LIMIT ?"
    params.append(limit)
    return [SearchHit(*row) for row in store.execute(sql, params).fetchall()]
