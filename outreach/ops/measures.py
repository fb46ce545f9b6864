"""Wellbeing measures: record a completed questionnaire; scores and reliable change are
computed from the answers, never typed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from outreach.core.rules import today_iso
from outreach.core.scoring import change_between, score
from outreach.ops import OpChanges
from outreach.store.records import Store


@dataclass(frozen=True)
class MeasurePoint:
    date: str
    score: float
    # improved | no_change | deteriorated against the previous one; better | same | worse
    # for a questionnaire with no reliable change threshold (UCLA-3 loneliness)
    change: str | None
    measure_id: str


def record_measure(store: Store, *, person_id: str, instrument: str, answers: Sequence[int],
                   completed_on: str | None = None) -> OpChanges:
    rec = store.create("measure", {"instrument": instrument, "answers": list(answers),
                                   "completed_on": completed_on or today_iso()},
                       person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def annotate_measures(measures: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Measures in date order, each with ``score`` and ``change`` (vs the previous one)."""
    out = sorted(measures, key=lambda m: (m["completed_on"], m["created_at"]))
    last: dict[str, float] = {}
    for m in out:
        s = score(m["instrument"], m["answers"])
        m["score"] = s.score
        m["band"] = s.band
        prev = last.get(m["instrument"])
        m["change"] = None if prev is None else change_between(m["instrument"], prev, s.score)
        last[m["instrument"]] = s.score
    return out


def measure_history(store: Store, person_id: str, instrument: str) -> list[MeasurePoint]:
    measures = [m for m in store.query("measure", person_id=person_id)
                if m["instrument"] == instrument]
    return [MeasurePoint(m["completed_on"], m["score"], m["change"], m["id"])
            for m in annotate_measures(measures)]
