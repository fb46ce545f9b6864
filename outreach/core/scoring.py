"""Outcome questionnaire scoring, defined as data.

Each instrument lives in ``resources/measures/<code>.json``: its items, answer labels, which
items are reverse-scored, any raw-to-reported conversion table, the reliable change threshold
and the publications all of that comes from. This module only reads those files and applies
them; it holds no clinical numbers of its own.

* SWEMWBS: seven answers 1-5 are summed (raw 7-35) and the raw total is converted to the
  Rasch *metric* score with the published table. The metric score is the reported score.
* ReQoL-10: ten answers 0-4 (the position of the ticked box); the negatively worded items are
  reversed (4 - answer) so every item runs worst 0 to best 4, and the total 0-40 is the
  reported score. Totals under the clinical cut-off get a band.

Clinically significant change (Jacobson and Truax 1991) uses the instrument's clinical cut-off:
a score strictly below ``clinical_cutoff.value`` is in the clinical range. A person shows
*reliable and clinically significant improvement* when their change is a reliable improvement
**and** their first score was in the clinical range **and** their latest is not.

An instrument without a published reliable change threshold (the UCLA 3-item loneliness
scale) has ``reliable_change`` ``None``: :func:`direction` then says only whether the score
moved the better or the worse way, and :func:`reliable_change` refuses it.

Reliable change compares two reported scores: a change of at least the instrument's threshold
in the better direction is ``"improved"``, at least the threshold in the worse direction is
``"deteriorated"``, anything smaller is ``"no_change"``. A change of exactly the threshold counts
as reliable, because both sources state their thresholds as "this many points or more" (see
the ``reliable_change.rationale`` in each JSON file).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MEASURES_DIR = Path(__file__).resolve().parents[2] / "resources" / "measures"

IMPROVED = "improved"
NO_CHANGE = "no_change"
DETERIORATED = "deteriorated"
BETTER = "better"          # any change the better way (an instrument with no threshold)
SAME = "same"
WORSE = "worse"

# Reported scores carry two decimals (the SWEMWBS table); differences are rounded to this many
# places before comparing with a threshold so that 20.73 - 17.73 counts as exactly 3.
_PLACES = 6


@dataclass(frozen=True)
class Instrument:
    """An outcome questionnaire as the application presents and scores it."""

    code: str
    name: str
    title: str
    items: tuple[str, ...]
    answer_min: int
    answer_max: int
    answer_labels: tuple[str, ...]
    score_min: float
    score_max: float
    reliable_change: float | None       # None: no published threshold (direction only)
    higher_is_better: bool
    sources: tuple[str, ...]
    instructions: str = ""      # the questionnaire's own words, with its recall period
    clinical_cutoff: float | None = None    # scores strictly below are the clinical range
    clinical_band: str | None = None        # what the clinical range is called


@dataclass(frozen=True)
class Score:
    """The result of scoring one completed questionnaire.

    ``raw`` is the item total after any reverse-scoring; ``score`` is the reported score
    (SWEMWBS metric score, ReQoL-10 total); ``band`` names a range the score falls in, if the
    instrument defines one (ReQoL-10 below its clinical cut-off), else ``None``.
    """

    instrument: str
    raw: int
    score: float
    band: str | None = None


@dataclass(frozen=True)
class _Rules:
    """The scoring rules of one instrument, beyond what :class:`Instrument` exposes."""

    instrument: Instrument
    reversed_items: frozenset[int]  # 0-based positions
    conversion: dict[int, float] | None  # raw total -> reported score
    cutoff: float | None  # totals strictly below this get ``cutoff_band``
    cutoff_band: str | None


def _load(path: Path) -> tuple[int, _Rules]:
    """Read and check one instrument definition file; return its display order and rules."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    code = data["code"]
    if code != path.stem:
        raise ValueError(f"{path.name}: code {code!r} does not match the file name")
    items = tuple(data["items"])
    lo, hi = int(data["answer_min"]), int(data["answer_max"])
    labels = tuple(data["answer_labels"])
    if len(labels) != hi - lo + 1:
        raise ValueError(f"{path.name}: {len(labels)} answer labels for answers {lo}-{hi}")
    reversed_items = frozenset(int(n) - 1 for n in data.get("reverse_scored_items", []))
    if any(not 0 <= i < len(items) for i in reversed_items):
        raise ValueError(f"{path.name}: reverse_scored_items outside 1-{len(items)}")

    conversion: dict[int, float] | None = None
    table = data.get("conversion_table")
    if table is not None:
        conversion = {int(raw): float(v) for raw, v in table["raw_to_metric"].items()}
        expected = set(range(len(items) * lo, len(items) * hi + 1))
        if set(conversion) != expected:
            raise ValueError(f"{path.name}: conversion table must cover raw totals "
                             f"{min(expected)}-{max(expected)} exactly")

    cutoff = data.get("clinical_cutoff")
    threshold = (data.get("reliable_change") or {}).get("threshold")
    instrument = Instrument(
        code=code,
        name=data["name"],
        title=data["title"],
        items=items,
        answer_min=lo,
        answer_max=hi,
        answer_labels=labels,
        score_min=float(data["score_min"]),
        score_max=float(data["score_max"]),
        reliable_change=None if threshold is None else float(threshold),
        higher_is_better=bool(data["higher_is_better"]),
        sources=tuple(data["sources"]),
        instructions=str(data.get("instructions") or ""),
        clinical_cutoff=float(cutoff["value"]) if cutoff else None,
        clinical_band=cutoff["band_below"] if cutoff else None,
    )
    return int(data.get("display_order", 1000)), _Rules(
        instrument=instrument,
        reversed_items=reversed_items,
        conversion=conversion,
        cutoff=float(cutoff["value"]) if cutoff else None,
        cutoff_band=cutoff["band_below"] if cutoff else None,
    )


@lru_cache(maxsize=1)
def _all_rules() -> dict[str, _Rules]:
    """Every instrument definition in :data:`MEASURES_DIR`, in display order (cached)."""
    found = [_load(path) for path in MEASURES_DIR.glob("*.json")]
    found.sort(key=lambda t: (t[0], t[1].instrument.code))
    return {rules.instrument.code: rules for _, rules in found}


def _rules(code: str) -> _Rules:
    known = _all_rules()
    if not isinstance(code, str) or code not in known:
        raise ValueError(f"unknown questionnaire {code!r}; known: {', '.join(known)}")
    return known[code]


def instrument_spec(code: str) -> Instrument:
    """The questionnaire with this code (``"swemwbs"``, ``"reqol10"``).

    Raises ValueError for an unknown code.
    """
    return _rules(code).instrument


def instruments() -> list[Instrument]:
    """All questionnaires, in the order they are offered to practitioners."""
    return [r.instrument for r in _all_rules().values()]


def score(code: str, answers: Sequence[int]) -> Score:
    """Score one completed questionnaire.

    ``answers`` holds one answer per item, in item order, each within
    ``answer_min``..``answer_max`` as stored (before any reverse-scoring). Raises ValueError
    with a message fit for a practitioner if the count or any answer is wrong.
    """
    rules = _rules(code)
    inst = rules.instrument
    answers = list(answers)
    lo, hi = inst.answer_min, inst.answer_max
    # (the usual case checked in C: whole numbers, not bools, all in range; any other is
    # checked one answer at a time, for the message)
    if not (answers and len(answers) == len(inst.items) and {*map(type, answers)} == _INT
            and lo <= min(answers) and max(answers) <= hi):
        _check_answers(inst, answers)
    top = lo + hi
    raw = sum(answers)
    for i in rules.reversed_items:         # reverse-scored: top - a instead of a
        raw += top - 2 * answers[i]
    reported = rules.conversion[raw] if rules.conversion is not None else float(raw)
    band = None
    if rules.cutoff is not None and reported < rules.cutoff:
        band = rules.cutoff_band
    return Score(instrument=inst.code, raw=raw, score=reported, band=band)


_INT = {int}


def _check_answers(inst: Instrument, answers: list[Any]) -> None:
    """Raise ValueError, in words for a practitioner, for a wrong count or answer."""
    if len(answers) != len(inst.items):
        raise ValueError(f"{inst.name} has {len(inst.items)} questions; "
                         f"{len(answers)} answers were given")
    for n, a in enumerate(answers, start=1):
        if isinstance(a, bool) or not isinstance(a, int):
            # ValueError, not TypeError: callers handle every bad answer the same way.
            raise ValueError(  # noqa: TRY004
                f"{inst.name} question {n}: answer must be a whole number "
                f"from {inst.answer_min} to {inst.answer_max}, not {a!r}")
        if not inst.answer_min <= a <= inst.answer_max:
            raise ValueError(f"{inst.name} question {n}: answer {a} is outside "
                             f"{inst.answer_min} to {inst.answer_max}")


def reliable_change(code: str, before: float, after: float) -> str:
    """Classify the change between two reported scores of the same questionnaire.

    Returns ``"improved"``, ``"no_change"`` or ``"deteriorated"``. A change of at least the
    instrument's threshold (exactly the threshold included) in the better direction is an
    improvement; at least the threshold in the worse direction is a deterioration.
    """
    inst = instrument_spec(code)
    if inst.reliable_change is None:
        raise ValueError(f"{inst.name} has no published reliable change threshold")
    change = _better_by(inst, before, after)
    if change >= inst.reliable_change:
        return IMPROVED
    if change <= -inst.reliable_change:
        return DETERIORATED
    return NO_CHANGE


def _better_by(inst: Instrument, before: float, after: float) -> float:
    """How far ``after`` is better than ``before`` (negative when worse), rounded."""
    change = round(float(after) - float(before), _PLACES)
    return change if inst.higher_is_better else -change


def direction(code: str, before: float, after: float) -> str:
    """``"better"``, ``"same"`` or ``"worse"``: which way the score moved, by any amount."""
    change = _better_by(instrument_spec(code), before, after)
    return BETTER if change > 0 else WORSE if change < 0 else SAME


def change_between(code: str, before: float, after: float) -> str:
    """Reliable change where the instrument has a threshold, else the plain direction."""
    if instrument_spec(code).reliable_change is None:
        return direction(code, before, after)
    return reliable_change(code, before, after)


def in_clinical_range(code: str, value: float) -> bool | None:
    """Whether a reported score is in the clinical range (strictly below the cut-off);
    ``None`` for an instrument without a clinical cut-off."""
    cutoff = instrument_spec(code).clinical_cutoff
    return None if cutoff is None else round(float(value), _PLACES) < cutoff


def clinically_significant(code: str, before: float, after: float) -> bool:
    """Reliable and clinically significant improvement (Jacobson and Truax 1991): a reliable
    improvement from a first score in the clinical range to a latest score outside it.
    ``False`` for an instrument without a cut-off or a reliable change threshold."""
    inst = instrument_spec(code)
    if inst.clinical_cutoff is None or inst.reliable_change is None:
        return False
    return (reliable_change(code, before, after) == IMPROVED
            and bool(in_clinical_range(code, before))
            and not in_clinical_range(code, after))
