"""The report's faster paths give what the plain ones gave: scoring checked in C for the
usual answers, latest-per-day without a second sort, and records gathered by person
(``compute_grouped``) rather than by ``compute``. Randomised against the definitions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict

import pytest

from outreach.core import outcomes
from outreach.core.indicators import compute, compute_grouped, report_tables
from outreach.core.scoring import _rules, instruments, score
from tests.core.scenario import END, START, TODAY, build


def _score_as_defined(code: str, answers: list) -> float:
    """Score by the definition, one answer at a time (as score() did before)."""
    rules = _rules(code)
    inst = rules.instrument
    if len(answers) != len(inst.items):
        raise ValueError("count")
    for a in answers:
        if isinstance(a, bool) or not isinstance(a, int):
            raise ValueError("type")
        if not inst.answer_min <= a <= inst.answer_max:
            raise ValueError("range")
    top = inst.answer_min + inst.answer_max
    raw = sum(top - a if i in rules.reversed_items else a for i, a in enumerate(answers))
    return rules.conversion[raw] if rules.conversion is not None else float(raw)


def test_score_equals_the_definition_and_refuses_what_it_refused() -> None:
    rng = random.Random(15)
    odd = [True, False, 2.0, "3", None, -1, 99]
    for inst in instruments():
        lo, hi, n = inst.answer_min, inst.answer_max, len(inst.items)
        for _ in range(300):
            answers = [rng.randint(lo, hi) for _ in range(n)]
            roll = rng.random()
            if roll < 0.15:
                answers[rng.randrange(n)] = rng.choice(odd)
            elif roll < 0.2:
                answers = answers[:-1]
            elif roll < 0.25:
                answers.append(lo)
            try:
                expected = _score_as_defined(inst.code, answers)
            except ValueError:
                with pytest.raises(ValueError):
                    score(inst.code, answers)
            else:
                assert score(inst.code, answers).score == expected


def _latest_as_defined(recs: list[dict], field: str) -> list[dict]:
    by_day: dict[str, dict] = {}
    for r in sorted(recs, key=lambda r: (str(r.get(field) or "")[:10],
                                         str(r.get("created_at") or ""))):
        by_day[str(r.get(field) or "")[:10]] = r
    return [by_day[d] for d in sorted(by_day)]


def test_latest_per_day_equals_the_definition() -> None:
    rng = random.Random(7)
    days = ["2024-01-01", "2024-01-02", "2024-01-02T09:00", "2024-02-01", "", None]
    stamps = ["2024-01-01T10:00:00", "2024-01-01T10:00:00", "2024-01-03T08:00:00", None]
    for _ in range(500):
        recs = [{"on": rng.choice(days), "created_at": rng.choice(stamps), "n": i}
                for i in range(rng.randrange(0, 7))]
        got = outcomes._latest_per_day(recs, "on")
        assert [r["n"] for r in got] == [r["n"] for r in _latest_as_defined(recs, "on")]


@pytest.mark.parametrize("group_by", [None, "team", "key_worker"])
def test_grouped_equals_compute_on_the_scenario(group_by) -> None:
    records = [r for r in build() if not r.get("deleted")]
    assert len(records) < len(build())           # the scenario's deleted ones left out
    by_person: dict[str, dict[str, list]] = {}
    people = {r["id"]: r for r in records if r["kind"] == "person"}
    for pid in people:
        by_person[pid] = defaultdict(list)
    for r in records:
        if r["kind"] not in ("person", "service") and r.get("person_id"):
            by_person.setdefault(r["person_id"], defaultdict(list))[r["kind"]].append(r)
    services = {r["id"]: str(r.get("category") or "") for r in records
                if r["kind"] == "service"}
    groups = {pid: str(p.get(group_by) or "") for pid, p in people.items()} if group_by \
        else {}
    for start, end in [(START, END), (dt.date(2023, 1, 1), TODAY)]:
        whole = compute(records, start=start, end=end, group_by=group_by, today=TODAY)
        grouped = compute_grouped(by_person, start=start, end=end, group_by=group_by,
                                  today=TODAY, groups=groups, services=services)
        assert dataclasses.asdict(grouped) == dataclasses.asdict(whole)
        assert report_tables(grouped) == report_tables(whole)
