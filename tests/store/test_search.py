"""Full-text search: kept in step with writes, ranked, safe with any typed text."""

from __future__ import annotations

import pytest

from outreach.store.search import MARK_END, MARK_START, fts_query, search


@pytest.fixture
def pid(store) -> str:
    return store.create("person", {"given_name": "Ottoline", "family_name": "Brackwater"})["id"]


def plan(store, pid: str, **text) -> dict:
    return store.create("care_plan", text, person_id=pid)


def ids(hits) -> list[str]:
    return [h.record_id for h in hits]


def test_names_and_notes_are_found(store, pid) -> None:
    conv = store.create("conversation", {
        "occurred_at": "2026-03-02T10:00:00+00:00", "setting": "outdoors", "type": "welcome",
        "notes": "We walked by the canal. She talked about the allotment and her marrows."},
        person_id=pid)
    (hit,) = search(store, "marrows")
    assert (hit.record_id, hit.kind, hit.person_id) == (conv["id"], "conversation", pid)
    assert ids(search(store, "brackwater")) == [pid]
    assert search(store, "Ottoline")[0].title == "Ottoline Brackwater"


def test_index_follows_update_and_delete(store, pid) -> None:
    rec = plan(store, pid, what_matters="Keeping my greenhouse going.")
    assert ids(search(store, "greenhouse")) == [rec["id"]]
    store.update(rec["id"], {"what_matters": "Learning the cornet."})
    assert search(store, "greenhouse") == []
    assert ids(search(store, "cornet")) == [rec["id"]]
    store.delete(rec["id"])
    assert search(store, "cornet") == []
    rows = store.execute("SELECT count(*) FROM search").fetchone()[0]
    assert rows == 1          # only the person's name is left


def test_a_person_renamed_is_found_by_the_new_name(store, pid) -> None:
    store.update(pid, {"preferred_name": "Tilly"})
    assert ids(search(store, "tilly")) == [pid]


def test_more_relevant_records_rank_first(store, pid) -> None:
    once = plan(store, pid, story="The quince tree was there and we sat under it for an hour "
                                   "talking about family, work and the weather that day.")
    many = plan(store, pid, story="Quince jam, quince jelly, quince tart: the quince tree "
                                   "gives more than the family can eat in a year.")
    assert ids(search(store, "quince")) == [many["id"], once["id"]]


def test_snippet_marks_the_match(store, pid) -> None:
    plan(store, pid, story="A long story. " * 20 + "Then the zeppelin came over the hill. "
                           + "More story. " * 20)
    (hit,) = search(store, "zeppelin")
    assert f"{MARK_START}zeppelin{MARK_END}" in hit.snippet
    assert "zeppelin came over the hill" in hit.plain_snippet()
    assert MARK_START not in hit.plain_snippet()
    assert len(hit.plain_snippet().split()) < 30


def test_the_last_word_matches_as_a_prefix_while_typing(store, pid) -> None:
    rec = plan(store, pid, goals="Volunteer at the bicycle workshop.")
    for typed in ("b", "bic", "bicyc", "volunteer bicy"):
        assert rec["id"] in ids(search(store, typed)), typed
    assert search(store, "bicyclex") == []
    assert search(store, "volunt workshop") == []      # only the last word is a prefix


def test_accents_do_not_matter(store, pid) -> None:
    rec = plan(store, pid, story="We met at the café near Zoë's house.")
    assert rec["id"] in ids(search(store, "cafe zoe"))


@pytest.mark.parametrize("typed", [
    '"', '""', "'", "*", "-", "(", ")", "NEAR(", "a AND", "OR", "NOT", "title:x", "^start",
    'foo" OR "bar', "a*b", "{}[]", "\x00", "’", "🙂", "   ", "", "col : umn", "x" * 5000])
def test_any_typed_text_is_safe(store, pid, typed) -> None:
    plan(store, pid, story="Nothing special here.")
    search(store, typed)           # must not raise


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("") is None
    assert fts_query("!!") is None
    assert fts_query('a "b" c') == '"a" "b" "c"*'


def test_kinds_filter(store, pid) -> None:
    plan(store, pid, story="The lighthouse keeper.")
    store.create("goal", {"description": "Visit the lighthouse", "life_area": "leisure",
                          "set_on": "2026-03-01", "status": "active"}, person_id=pid)
    assert {h.kind for h in search(store, "lighthouse")} == {"care_plan", "goal"}
    assert {h.kind for h in search(store, "lighthouse", kinds=("goal",))} == {"goal"}
