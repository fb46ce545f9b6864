"""Search internals that keep it fast at 200,000 notes: the names index kept by triggers,
the window of recent notes found through the prefix index, BM25 and snippets in Python.
Each is checked against what FTS5 itself says on the same data."""

from __future__ import annotations

import pytest

from outreach.store import search as search_module
from outreach.store.search import MARK_END, MARK_START, prepare, search
from outreach.store.search_text import HL_END, HL_START, row_length, snippet, varints
from tests.conftest import PASSPHRASE


@pytest.fixture
def pid(store) -> str:
    return store.create("person", {"given_name": "Ottoline", "family_name": "Brackwater"})["id"]


def plan(store, pid: str, story: str) -> dict:
    return store.create("care_plan", {"story": story}, person_id=pid)


def ids(hits) -> list[str]:
    return [h.record_id for h in hits]


def names(store, text: str) -> list[str]:
    return [h.title for h in search(store, text, kinds=("person",))]


# -- names -----------------------------------------------------------------------------
def test_names_index_follows_every_write(store, pid) -> None:
    assert names(store, "ottol") == ["Ottoline Brackwater"]      # builds the names index
    new = store.create("person", {"given_name": "Ottilie", "family_name": "Sand"})
    assert names(store, "sand") == ["Ottilie Sand"]
    store.update(new["id"], {"preferred_name": "Tilly"})
    assert names(store, "tilly") == ["Tilly Ottilie Sand"]
    store.update(new["id"], {"preferred_name": None})
    assert names(store, "tilly") == []
    store.delete(new["id"])
    assert names(store, "sand") == []
    assert names(store, "o") == ["Ottoline Brackwater"]


def test_names_index_matches_the_main_index_titles(store, pid) -> None:
    store.create("person", {"given_name": "Zoë", "family_name": "O'Neill",
                            "preferred_name": "Zo"})
    search(store, "x")
    rows = store.execute("SELECT name FROM temp.search_names").fetchall()
    titles = store.execute("SELECT title FROM search WHERE title != ''").fetchall()
    assert sorted(rows) == sorted(titles) and len(rows) == 2
    assert names(store, "zoe o neill") == ["Zo Zoë O'Neill"]


def test_a_rolled_back_write_leaves_no_name_behind(store, pid) -> None:
    search(store, "ottoline")
    with pytest.raises(RuntimeError), store.transaction():
        store.create("person", {"given_name": "Phantom", "family_name": "Write"})
        raise RuntimeError("abandon")
    assert names(store, "phantom") == []


def test_names_written_by_another_connection_are_found(profile, store, pid) -> None:
    assert names(store, "quilliam") == []
    other = profile.unlock(PASSPHRASE)
    try:
        other.create("person", {"given_name": "Agnes", "family_name": "Quilliam"})
    finally:
        other.close()
    assert names(store, "quilliam") == ["Agnes Quilliam"]


def test_names_index_built_in_a_transaction_that_rolls_back_is_built_again(
        store, pid) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        assert names(store, "brack") == ["Ottoline Brackwater"]
        raise RuntimeError("abandon")
    assert names(store, "brack") == ["Ottoline Brackwater"]
    prepare(store)
    store.create("person", {"given_name": "Later", "family_name": "Brackwater"})
    assert sorted(names(store, "brack")) == ["Later Brackwater", "Ottoline Brackwater"]


# -- the window of recent notes --------------------------------------------------------
def exact_window(store, text: str) -> list[int]:
    query = search_module._match(search_module.TOKEN.findall(text))
    return [r[0] for r in store.execute(
        "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?",
        (f"body : ({query})", search_module.NOTES_WINDOW))]


@pytest.mark.parametrize("probe", [3, 64])
@pytest.mark.parametrize("text", ["group", "walking group", "groups", "gro", "g",
                                  "walking g", "grocer", "walk", "growing"])
def test_window_is_exactly_the_newest_matches(store, pid, monkeypatch, text, probe) -> None:
    monkeypatch.setattr(search_module, "NOTES_WINDOW", 7)
    monkeypatch.setattr(search_module, "_PROBE", probe)
    stories = ["The walking group met.", "The grocer was shut.", "Grocer, groceries, grit.",
               "Walking alone, no groups.", "Groups of walkers and a grocer.",
               "Nothing to see.", "Growing tomatoes while walking."]
    for i in range(40):
        plan(store, pid, stories[(i * 3) % len(stories)])
    window, _exact = search_module._window(store, search_module.TOKEN.findall(text))
    assert [row[0] for row in window] == exact_window(store, text)


def test_words_the_prefix_index_finds_but_the_query_does_not_are_not_marked(
        store, pid) -> None:
    rec = plan(store, pid, "The grocer said the walking group meets on Friday.")
    plan(store, pid, "Only the grocer today.")
    (hit,) = search(store, "group")
    assert hit.record_id == rec["id"]
    assert f"{MARK_START}group{MARK_END}" in hit.snippet
    assert f"{MARK_START}grocer" not in hit.snippet


def test_a_one_letter_last_word_matches_every_word_it_starts(store, pid) -> None:
    plan(store, pid, "Walking group: b")
    plan(store, pid, "Walking group: b4 breakfast")
    plan(store, pid, "Walking group: bzz")
    plan(store, pid, "Walking group: abc")
    assert len(search(store, "walking b")) == 3
    plan(store, pid, "Walking group: ébène")
    assert len(search(store, "walking é")) == 1            # no two-letter shortcut


# -- ranking ---------------------------------------------------------------------------
def test_a_rarer_word_weighs_more_than_a_common_one(store, pid) -> None:
    for i in range(30):
        plan(store, pid, f"Tea and a chat number {i}.")
    rare = plan(store, pid, "Tea, then quoits, quoits and more quoits.")
    common = plan(store, pid, "Tea, tea, tea and more tea, then quoits.")
    assert ids(search(store, "tea quoits")) == [rare["id"], common["id"]]


def test_one_word_ranks_as_fts5_bm25_does(store, pid) -> None:
    lengths = [3, 10, 40]
    for n in lengths:
        for times in (1, 2, 4):
            plan(store, pid, " ".join(["marrow"] * times + ["filler"] * n))
    ours = [h.rank for h in search(store, "marrow")]
    theirs = [r[0] for r in store.execute(
        "SELECT bm25(search, 0.0, 1.0) AS rank FROM search WHERE search MATCH "
        "'body : \"marrow\"*' ORDER BY rank")]
    ratios = {round(a / b, 9) for a, b in zip(ours, theirs, strict=True)}
    assert len(ours) == 9 and len(ratios) == 1      # same order, one scale


def test_index_totals_are_read_as_fts5_writes_them(store, pid) -> None:
    for n in range(1, 6):
        plan(store, pid, "word " * (n * 50))
    n_rows, avg = search_module._totals(store)
    assert n_rows == store.execute("SELECT count(*) FROM search").fetchone()[0]
    sizes = [row_length(sz) for (sz,) in store.execute("SELECT sz FROM search_docsize")]
    assert avg == pytest.approx(sum(sizes) / n_rows)
    assert 250 in sizes


# -- text helpers ----------------------------------------------------------------------
def test_varints() -> None:
    assert varints(bytes([0x00, 0x05])) == [0, 5]
    assert varints(bytes([0x81, 0x10])) == [144]
    assert varints(bytes([0x8F, 0xC7, 0x4F])) == [254927]
    assert varints(bytes([0x81])) == [1]                  # cut short: no error
    assert row_length(bytes([0x00, 0x81, 0x10])) == 144
    assert row_length(bytes([0x02, 0x81, 0x10])) == 146


def mark(text: str, *words: str) -> str:
    for w in words:
        text = text.replace(w, f"{HL_START}{w}{HL_END}")
    return text


def test_snippet_shows_the_whole_of_a_short_text() -> None:
    assert snippet(mark("Sleep better.", "Sleep")) == f"{MARK_START}Sleep{MARK_END} better."


def test_snippet_of_a_long_text_is_cut_around_the_matches() -> None:
    text = "one two three four five six seven eight nine ten " * 5
    text += "the zeppelin came over the hill " + "more words here " * 10
    out = snippet(mark(text, "zeppelin"))
    assert out.startswith("…") and out.endswith("…")
    plain = out.replace(MARK_START, "").replace(MARK_END, "").strip("…")
    assert "zeppelin came over the hill" in plain
    assert len(plain.split()) == 14


def test_snippet_prefers_the_stretch_with_most_different_words() -> None:
    text = ("cat " * 6 + "filler " * 40 + "a cat and a dog " + "filler " * 40)
    out = snippet(mark(text, "cat", "dog"))
    assert f"{MARK_START}dog{MARK_END}" in out


@pytest.mark.parametrize("marked", ["", "no marks at all", HL_START, HL_END,
                                    f"{HL_START}open but never closed",
                                    f"{HL_END}{HL_START}x{HL_END}{HL_START}"])
def test_snippet_never_fails(marked) -> None:
    snippet(marked)
