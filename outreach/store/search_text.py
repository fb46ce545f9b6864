"""Text work for full-text search, in Python: which typed word each match is, BM25 and
snippets, from the notes FTS5's ``highlight()`` returns (see :mod:`outreach.store.search`).

Pure functions and one small per-query class; no SQL. Safe to call from any thread (the
only shared state is the cache of :func:`fold`, which is thread-safe).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

from outreach.store.secret import on_lock

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)      # a token as FTS5's unicode61 splits text
MARK_START, MARK_END = "\u2063[", "]\u2063"     # invisible separators around a match
HL_START, HL_END = "\ue000", "\ue001"           # private-use marks asked of highlight()
SPAN = re.compile("\ue000([^\ue001]*)\ue001")

SNIPPET_TOKENS = 14
_CHARS_PER_TOKEN = 6        # to judge which matches fit in one snippet
K1, B = 1.2, 0.75           # FTS5 bm25() constants


@lru_cache(maxsize=8192)
def fold(token: str) -> str:
    """A token as unicode61 (remove_diacritics 2) indexes it: lower case, no accents.

    The cache holds words of people's notes: it is emptied when a store closes (lock).
    """
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


on_lock(fold.cache_clear)


def varints(blob: bytes) -> list[int]:
    """Decode SQLite varints (FTS5 stores row sizes and its totals in this form)."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for n in range(9):
            byte = blob[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80 or i >= len(blob):
                break
        out.append(value)
    return out


def row_length(sz: bytes) -> int:
    """Tokens in an index row, from its FTS5 docsize blob (one varint per column)."""
    if sz[:1] == b"\x00":               # empty title: every note and care plan
        if len(sz) == 2 and sz[1] < 0x80:
            return sz[1]
        if len(sz) == 3 and sz[1] >= 0x80 and sz[2] < 0x80:
            return ((sz[1] & 0x7F) << 7) | sz[2]
    return sum(varints(sz))


def bm25(idf: Sequence[float], counts: Sequence[int], *, length: int,
         avg_length: float) -> float:
    """FTS5's bm25() score of one row (higher is better; FTS5 returns it negated)."""
    norm = K1 * (1 - B + B * length / avg_length)
    return sum(w * f * (K1 + 1) / (f + norm) for w, f in zip(idf, counts, strict=True))


class Phrases:
    """The typed words, folded, to say which word each marked match is.

    The last word is a prefix. One object serves one query and remembers what each marked
    piece of text matched, as the same few words recur in every note. Not shared between
    threads.
    """

    def __init__(self, words: Sequence[str]) -> None:
        self.tokens = [[fold(t) for t in TOKEN.findall(w)] for w in words]
        self.last = len(self.tokens) - 1
        self.completions: set[str] = set()     # the words the last word matched
        self._known: dict[str, tuple[int, ...]] = {}

    def counts(self, marked: str) -> list[int]:
        """How often each word occurs in one text marked by highlight()."""
        counts = [0] * len(self.tokens)
        for inside in SPAN.findall(marked):
            for i in self._which(inside):
                counts[i] += 1
        return counts

    def unmark_others(self, marked: str) -> str:
        """The text with marks kept only around matches of the typed words."""
        return SPAN.sub(lambda m: m.group(0) if self._which(m.group(1)) else m.group(1),
                        marked)

    def _which(self, inside: str) -> tuple[int, ...]:
        found = self._known.get(inside)
        if found is None:
            found = self._known[inside] = self._match(inside)
        return found

    def _match(self, inside: str) -> tuple[int, ...]:
        span = [fold(t) for t in TOKEN.findall(inside)]
        found = []
        for i, phrase in enumerate(self.tokens):
            n = len(phrase)
            for j in range(len(span) - n + 1 if n else 0):
                got = span[j:j + n]
                if got[:-1] != phrase[:-1]:
                    continue
                if got[-1] == phrase[-1] or (i == self.last and got[-1].startswith(phrase[-1])):
                    found.append(i)
                    if i == self.last:
                        self.completions.add(got[-1])
        return tuple(found)


def split_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without highlight()'s marks, and the spans they enclosed."""
    parts = marked.split(HL_START)
    text, spans = [parts[0]], []
    pos = len(parts[0])
    for part in parts[1:]:
        inside, _, after = part.partition(HL_END)
        spans.append((pos, pos + len(inside)))
        text += [inside, after]
        pos += len(inside) + len(after)
    return "".join(text), spans


def snippet(marked: str) -> str:
    """About :data:`SNIPPET_TOKENS` words around the best cluster of matches, marked with
    MARK_START / MARK_END, and "…" where text was left out.

    Like FTS5's ``snippet()``: the stretch holding the most different matched words (then
    the most matches) wins, and its matches are centred. Only the text near them is
    tokenised, so a long note costs no more than a short one.
    """
    n = SNIPPET_TOKENS
    starts, pos = [], marked.find(HL_START)
    while pos >= 0:
        starts.append(pos)
        pos = marked.find(HL_START, pos + 1)
    if not starts:
        text = marked.replace(HL_END, "")
        ends = [m.end() for m in islice(TOKEN.finditer(text), n)]
        cut = ends[-1] if len(ends) == n else len(text.rstrip())
        return text[:cut] + ("…" if TOKEN.search(text, cut) else "")
    stops = [e if e >= 0 else len(marked) for e in (marked.find(HL_END, i) for i in starts)]
    folded = [fold(marked[i + 1:e]) for i, e in zip(starts, stops, strict=True)]
    reach = n * _CHARS_PER_TOKEN
    best, best_score, k_end = (0, 1), -1, 0
    for k, start in enumerate(starts):
        k_end = max(k_end, k + 1)
        while k_end < len(starts) and starts[k_end] < start + reach:
            k_end += 1
        score = 1000 * len(set(folded[k:k_end])) + (k_end - k)
        if score > best_score:
            best, best_score = (k, k_end), score
    # Cut the text near the chosen matches, outside any marked span, and work on that.
    lo_cut = max(0, starts[best[0]] - 12 * n)
    j = bisect_right(starts, lo_cut) - 1
    if j >= 0 and lo_cut <= stops[j]:
        lo_cut = starts[j]
    hi_cut = min(len(marked), stops[best[1] - 1] + 1 + 12 * n)
    j = bisect_right(starts, hi_cut - 1) - 1
    if j >= 0 and hi_cut <= stops[j]:
        hi_cut = stops[j] + 1
    text, spans = split_marks(marked[lo_cut:hi_cut])
    j0 = bisect_left(starts, lo_cut)
    first, last_end = spans[best[0] - j0][0], spans[best[1] - 1 - j0][1]
    spare = max(n - max(len(TOKEN.findall(text, first, last_end)), 1), 0)
    want = spare // 2
    before = [m.start() for m in TOKEN.finditer(text, max(0, first - 16 * want), first)]
    take = min(len(before), want)
    lo = before[-take] if take else first
    after = [m.end() for m in islice(TOKEN.finditer(text, last_end), spare - take)]
    hi = after[-1] if after else last_end
    cut_before = bool(TOKEN.search(text, 0, lo) or (lo_cut and TOKEN.search(marked, 0, lo_cut)))
    if not cut_before:
        lo = 0
    cut_after = bool(TOKEN.search(text, hi) or TOKEN.search(marked, hi_cut))
    if not cut_after:
        hi = len(text.rstrip())
    pieces, pos = [], lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        pieces += [text[pos:s], MARK_START, text[s:e], MARK_END]
        pos = e
    pieces.append(text[pos:hi])
    return ("…" if cut_before else "") + "".join(pieces) + ("…" if cut_after else "")
