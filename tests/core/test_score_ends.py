"""``score_ends``: the first and last usable scores, as scoring every measure would give."""

from __future__ import annotations

from outreach.core.outcomes import score_ends
from outreach.core.scoring import score

GOOD_LOW, GOOD_HIGH, BAD = [1] * 7, [5] * 7, [9] * 7     # SWEMWBS answers; 9 is out of range


def _m(answers: list[int]) -> dict:
    return {"answers": answers}


def _all_scored(recs: list[dict]) -> tuple[float, float] | None:
    scored = []
    for r in recs:
        try:
            scored.append(score("swemwbs", r["answers"]).score)
        except ValueError:
            pass
    return (scored[0], scored[-1]) if len(scored) >= 2 else None


def test_score_ends_equal_scoring_every_measure() -> None:
    cases = [[], [GOOD_LOW], [BAD, BAD], [GOOD_LOW, BAD], [BAD, GOOD_LOW, BAD],
             [GOOD_LOW, GOOD_HIGH], [BAD, GOOD_LOW, BAD, GOOD_HIGH, BAD],
             [GOOD_HIGH, BAD, BAD, GOOD_LOW], [GOOD_LOW, GOOD_LOW, GOOD_HIGH, GOOD_LOW]]
    for case in cases:
        recs = [_m(a) for a in case]
        assert score_ends("swemwbs", recs) == _all_scored(recs), case


def test_unusable_measures_are_reported_once_each_at_most() -> None:
    seen: list[int] = []
    recs = [_m(BAD), _m(GOOD_LOW), _m(BAD), _m(GOOD_HIGH), _m(BAD)]
    assert score_ends("swemwbs", recs, unusable=lambda: seen.append(1)) is not None
    assert len(seen) == 2          # the two at the ends; the middle one is never scored
