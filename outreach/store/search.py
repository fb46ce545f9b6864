"""Full-text search over names, conversation notes and care plan text (SQLite FTS5).

The index lives inside the encrypted database and is kept in step by every write
(:meth:`outreach.store.records.Store.reindex`). Queries are built from the words typed,
each quoted (so punctuation and FTS syntax in the text cannot break the query), the last
one matched as a prefix so results appear while typing.

Names come first, ranked, from a small per-connection index of people's names (see
:func:`_ensure_names`). Then notes and care plans: a common word matches a hundred
thousand notes, so they are ranked among the :data:`NOTES_WINDOW` most recent matches,
which FTS5 finds by walking its index newest first. That walk returns each note with its
matches marked (``highlight()``), and the ranking (BM25, FTS5's formula) and the snippets
are computed from that in Python (:mod:`outreach.store.search_text`). FTS5's ``bm25()``
would read, for every word typed, the whole list of notes that contain it to weigh rare
words above common ones (8–15 ms per common word); that weight is estimated from the
:data:`IDF_SAMPLE` most recent rows instead. Figures: docs/performance.md.

Threading: a search runs on the caller's thread; each statement holds the store's lock
(:meth:`Store.execute`), and building the names index holds it throughout, so a search
may run on a worker thread while other threads use the store.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from outreach.core.records import KINDS
from outreach.store.records import ProfileLocked, Store
from outreach.store.search_text import (
    HL_END,
    HL_START,
    K1,
    MARK_END,
    MARK_START,
    SPAN,
    TOKEN,
    B,
    Phrases,
    bm25,
    fold,
    row_length,
    snippet,
    varints,
)

__all__ = ["MARK_END", "MARK_START", "NOTES_WINDOW", "SearchHit", "fts_query", "prepare",
           "search"]

WORD = re.compile(r"\w+", re.UNICODE)
NOTES_WINDOW = 400      # notes ranked: the most recent matches
IDF_SAMPLE = 2000       # the most recent rows, to estimate how common each word is
MAX_WORDS = 16
_PROBE, _MIN_KEPT, _MAX_WIDE = 64, 0.7, 4       # see _window


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    kind: str
    person_id: str | None
    title: str
    snippet: str          # matched words wrapped in MARK_START / MARK_END
    rank: float           # lower first

    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")


def fts_query(text: str) -> str | None:
    words = WORD.findall(text)
    if not words:
        return None
    quoted = [_quote(w) for w in words[:MAX_WORDS]]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(store: Store, text: str, *, limit: int = 50,
           kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
    """Names first (ranked), then notes and care plans (ranked), with snippets."""
    words = TOKEN.findall(text)[:MAX_WORDS]
    if not words:
        return []
    hits: list[SearchHit] = []
    if not kinds or "person" in kinds:
        hits.extend(_names(store, words, limit=limit))
    if len(hits) < limit and (not kinds or set(kinds) - {"person"}):
        hits.extend(_notes(store, words, limit=limit - len(hits), kinds=kinds))
    return hits


def prepare(store: Store) -> None:
    """Build the names index now rather than in the first search (30–50 ms for 10,000
    people); meant for a worker thread after unlock."""
    _ensure_names(store)


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _match(words: Sequence[str]) -> str:
    """The FTS5 query: every word, the last as a prefix.

    A one-letter last word becomes the letter OR every two-letter prefix it starts
    (``"b" OR "ba"* OR …``): FTS5 keeps an index of two- and three-letter prefixes
    (migration 5) and walks it lazily, where ``"b"*`` first merges the list of every word
    starting with b (150–400 ms here).
    """
    parts = [_quote(w) for w in words[:-1]]
    last = words[-1]
    if len(last) == 1 and last.isascii() and last.isalnum():
        ors = [_quote(last)] + [_quote(last + c) + "*"
                                for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
        parts.append("(" + " OR ".join(ors) + ")")
    else:
        parts.append(_quote(last) + "*")
    return " AND ".join(parts)


# -- names ---------------------------------------------------------------------------------
def _name_sql(row: str) -> str:
    """SQL for a person's name as Store._index writes it in the title column."""
    parts = [f"coalesce(json_extract({row}.data, '$.{f}'), '')"
             for f in ("preferred_name", "given_name", "family_name")]
    return "trim(" + " || ' ' || ".join(parts) + ")"


def _forget(person: str) -> str:
    """Trigger statements that take one person out of the names index."""
    return f"""
    DELETE FROM search_names WHERE rowid =
        (SELECT rowid FROM search_people WHERE person_id = {person});
    DELETE FROM search_people WHERE person_id = {person};"""


_ADD_NEW = f"""
    INSERT INTO search_people(person_id, name) SELECT NEW.id, {_name_sql("NEW")}
        WHERE NEW.kind = 'person' AND NEW.deleted = 0;
    INSERT INTO search_names(rowid, name) SELECT rowid, name FROM search_people
        WHERE person_id = NEW.id AND NEW.kind = 'person' AND NEW.deleted = 0;"""
# search_people: one row per living person; its rowid is the person's row in search_names.
_NAMES_SCHEMA = ("""
CREATE TABLE temp.search_people(person_id TEXT PRIMARY KEY, name TEXT NOT NULL)""", """
CREATE VIRTUAL TABLE temp.search_names USING fts5(
    name, tokenize = 'unicode61 remove_diacritics 2')""", f"""
CREATE TEMP TRIGGER search_names_insert AFTER INSERT ON records
WHEN NEW.kind = 'person'
BEGIN {_forget("NEW.id")} {_ADD_NEW}
END""", f"""
CREATE TEMP TRIGGER search_names_update AFTER UPDATE ON records
WHEN OLD.kind = 'person' OR NEW.kind = 'person'
BEGIN {_forget("OLD.id")} {_ADD_NEW}
END""", f"""
CREATE TEMP TRIGGER search_names_delete AFTER DELETE ON records
WHEN OLD.kind = 'person'
BEGIN {_forget("OLD.id")}
END""", """
INSERT INTO temp.search_people(person_id, name)
SELECT person_id, trim(coalesce(preferred_name, '') || ' ' || coalesce(given_name, '') || ' '
                       || coalesce(family_name, ''))
FROM caseload_summary""", """
INSERT INTO temp.search_names(rowid, name) SELECT rowid, name FROM temp.search_people""")
_NAMES_DROP = ("DROP TRIGGER IF EXISTS temp.search_names_insert",
               "DROP TRIGGER IF EXISTS temp.search_names_update",
               "DROP TRIGGER IF EXISTS temp.search_names_delete",
               "DROP TABLE IF EXISTS temp.search_names",
               "DROP TABLE IF EXISTS temp.search_people")
_names_built: weakref.WeakKeyDictionary[Store, tuple[int, int]] = weakref.WeakKeyDictionary()
_names_lock = threading.Lock()


def _ensure_names(store: Store) -> None:
    """Make sure this connection's index of people's names is up to date.

    Names share the main index with 200,000 notes, and asking it for titles only still
    walks the notes' lists of every word typed ("mo": every note with a word starting
    "mo", 15–20 ms; one letter, 100 ms or more). So the names of living people are also
    kept in a small FTS5 table in the connection's TEMP schema (in memory, never in the
    profile), filled from the caseload summary (migration 6) on first use -- 10,000
    people: about 60 ms -- and kept in step by TEMP triggers on ``records``, which see
    every write through this connection inside its transaction. A commit by another
    connection changes ``PRAGMA data_version``, and the table is built again.
    """
    with store.lock:
        conn = store.conn
        if conn is None:
            raise ProfileLocked()
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        exists = conn.execute("SELECT 1 FROM temp.sqlite_master "
                              "WHERE name = 'search_names'").fetchone()
        with _names_lock:
            if exists and _names_built.get(store) == (id(conn), version):
                return
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            for sql in _NAMES_DROP + _NAMES_SCHEMA:
                conn.execute(sql)
            if own:
                conn.execute("COMMIT")
        except BaseException:
            if own:
                conn.execute("ROLLBACK")
            raise
        with _names_lock:
            _names_built[store] = (id(conn), version)


def _names(store: Store, words: Sequence[str], *, limit: int) -> list[SearchHit]:
    _ensure_names(store)
    query = " AND ".join([_quote(w) for w in words[:-1]] + [_quote(words[-1]) + "*"])
    rows = store.execute(
        "SELECT r.id, r.kind, r.person_id, p.name, n.marked, n.rank FROM ("
        f"  SELECT rowid, highlight(search_names, 0, '{MARK_START}', '{MARK_END}') AS marked,"
        "   bm25(search_names) AS rank FROM search_names WHERE search_names MATCH ? "
        "   ORDER BY rank LIMIT ?) AS n "
        "JOIN search_people p ON p.rowid = n.rowid "
        "JOIN records r ON r.id = p.person_id AND r.deleted = 0 ORDER BY n.rank, p.name",
        (query, limit)).fetchall()
    return [SearchHit(*row) for row in rows]


# -- notes and care plans ------------------------------------------------------------------
_Row = tuple[int, str, bytes]     # rowid, body with matches marked, FTS5 docsize


def _notes(store: Store, words: Sequence[str], *, limit: int,
           kinds: tuple[str, ...] | None) -> list[SearchHit]:
    window, exact = _window(store, words)
    meta: dict[int, tuple[str, str, str | None]] = {}
    if kinds and window:
        meta = _records(store, [rid for rid, _m, _sz in window])
        meta = {rid: m for rid, m in meta.items() if m[1] in kinds}
        window = [row for row in window if row[0] in meta]
    if not window:
        return []
    phrases = Phrases(words)
    if exact and len(words) == 1:       # every mark is the one word
        counts = [[marked.count(HL_START)] for _rid, marked, _sz in window]
    else:
        counts = [phrases.counts(marked) for _rid, marked, _sz in window]
    n_rows, avg_length = _totals(store)
    # One word: its weight scales every score alike, so it need not be estimated.
    idf = (_idf(store, words, completions=phrases.completions, n_rows=n_rows)
           if len(words) > 1 else [1.0])
    if len(idf) == 1:       # the common case, without bm25()'s general loop
        norm = K1 * (1 - B)
        per_token = K1 * B / avg_length
        ranked = sorted((-idf[0] * f * (K1 + 1) / (f + norm + per_token * row_length(sz)),
                         -rid, marked)
                        for (rid, marked, sz), (f,) in zip(window, counts, strict=True))
    else:
        ranked = sorted((-bm25(idf, found, length=row_length(sz), avg_length=avg_length),
                          -rid, marked)
                        for (rid, marked, sz), found in zip(window, counts, strict=True))
    out: list[SearchHit] = []
    while ranked and len(out) < limit:
        batch, ranked = ranked[:limit - len(out)], ranked[limit - len(out):]
        if not kinds:
            meta = _records(store, [-neg_rid for _s, neg_rid, _m in batch])
        for rank, neg_rid, marked in batch:
            if -neg_rid not in meta:
                continue            # deleted, or not one of the kinds asked for
            rec_id, kind, pid = meta[-neg_rid]
            label = KINDS[kind].label if kind in KINDS else kind
            if not exact:
                marked = phrases.unmark_others(marked)
            out.append(SearchHit(rec_id, kind, pid, label, snippet(marked), rank))
    return out


def _window(store: Store, words: Sequence[str]) -> tuple[list[_Row], bool]:
    """The :data:`NOTES_WINDOW` most recent notes matching every word, newest first, and
    whether only true matches are marked in them.

    For a last word of four letters or more, ``"word"*`` makes FTS5 merge the full list
    of every word it starts before returning a row (10–15 ms for a common word). So the
    notes are first looked for through the three-letter prefix index (``"wor"*``, walked
    lazily) and kept when one of their marked words starts with the whole prefix; some
    marks are then not matches (unmarked later). When less than :data:`_MIN_KEPT` of what
    that wider query finds is kept, the rest of the window comes from the exact query.
    Either way the window holds exactly the rows the exact query would give (the
    prefix is kept to plain letters and digits, which fold the same way here as in FTS5).
    """
    last = [fold(t) for t in TOKEN.findall(words[-1])]
    exact_query = _match(words)
    if len(last) != 1 or len(last[0]) < 4 or not last[0].isascii():
        return _scan(store, exact_query, below=None, count=NOTES_WINDOW), True
    stem = last[0]
    wide = " AND ".join([_quote(w) for w in words[:-1]] + [_quote(stem[:3]) + "*"])
    starts: dict[str, bool] = {}

    def has_stem(marked: str) -> bool:
        for inside in SPAN.findall(marked):
            found = starts.get(inside)
            if found is None:
                found = starts[inside] = any(fold(t).startswith(stem)
                                             for t in TOKEN.findall(inside))
            if found:
                return True
        return False

    kept: list[_Row] = []
    below, scanned, batch = None, 0, _PROBE
    while True:
        rows = _scan(store, wide, below=below, count=batch)
        scanned += len(rows)
        kept += [row for row in rows if has_stem(row[1])]
        if len(kept) >= NOTES_WINDOW or len(rows) < batch:
            return kept[:NOTES_WINDOW], False
        below = rows[-1][0]
        if len(kept) < scanned * _MIN_KEPT or scanned >= _MAX_WIDE * NOTES_WINDOW:
            break
        batch = NOTES_WINDOW - len(kept) + NOTES_WINDOW // 8
    rest = _scan(store, exact_query, below=below, count=NOTES_WINDOW - len(kept))
    return kept + rest, False


def _scan(store: Store, query: str, *, below: int | None, count: int) -> list[_Row]:
    """The newest ``count`` rows whose body matches ``query`` (under rowid ``below``)."""
    sql = (f"SELECT search.rowid, highlight(search, 1, '{HL_START}', '{HL_END}'), d.sz "
           "FROM search JOIN search_docsize d ON d.id = search.rowid WHERE search MATCH ?")
    params: tuple[Any, ...] = (f"body : ({query})",)
    if below is not None:
        sql += " AND search.rowid < ?"
        params += (below,)
    return store.execute(sql + " ORDER BY search.rowid DESC LIMIT ?",
                         (*params, count)).fetchall()


def _records(store: Store, rids: list[int]) -> dict[int, tuple[str, str, str | None]]:
    """Record id, kind and person of each live record among ``rids``."""
    marks = ",".join("?" * len(rids))
    return {rid: (rec_id, kind, pid) for rid, rec_id, kind, pid in store.execute(
        f"SELECT rid, id, kind, person_id FROM records WHERE rid IN ({marks}) "
        "AND deleted = 0", rids)}


def _totals(store: Store) -> tuple[int, float]:
    """Rows in the index and their average length in tokens, from FTS5's averages record
    (row 1 of ``search_data``: the number of rows, then the tokens in each column)."""
    row = store.execute("SELECT block FROM search_data WHERE id = 1").fetchone()
    values = varints(row[0]) if row and row[0] else []
    if not values or values[0] <= 0:
        return 1, 1.0
    return values[0], max(sum(values[1:]) / values[0], 1.0)


def _idf(store: Store, words: Sequence[str], *, completions: set[str],
         n_rows: int) -> list[float]:
    """BM25 weight of each word (FTS5's formula), from the share of the
    :data:`IDF_SAMPLE` most recent rows that contain it."""
    row = store.execute("SELECT id FROM search_docsize ORDER BY id DESC LIMIT 1 OFFSET ?",
                        (IDF_SAMPLE - 1,)).fetchone()
    low = row[0] if row else 0
    sample = store.execute("SELECT count(*) FROM search_docsize WHERE id >= ?",
                           (low,)).fetchone()[0] or 1
    exprs = [_quote(w) for w in words[:-1]]
    if len(words[-1]) <= 3 or not completions:
        exprs.append(_match(words[-1:]))        # walks FTS5's prefix indexes
    else:   # the words the prefix matched in the window, not a merge of all of them
        exprs.append("(" + " OR ".join(_quote(c) for c in sorted(completions)[:64]) + ")")
    out = []
    for expr in exprs:
        have = store.execute("SELECT count(*) FROM search WHERE search MATCH ? AND rowid >= ?",
                             (f"body : ({expr})", low)).fetchone()[0]
        n = have * n_rows / sample
        value = math.log((n_rows - n + 0.5) / (n + 0.5))
        out.append(value if value > 0 else 1e-6)
    return out
