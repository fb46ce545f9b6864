"""Questionnaire scoring: published tables, reverse-scoring, bad input and reliable change."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from outreach.core import scoring
from outreach.core.scoring import (
    Instrument,
    Score,
    instrument_spec,
    instruments,
    reliable_change,
    score,
)

MEASURES = Path(__file__).resolve().parents[2] / "resources" / "measures"

# The SWEMWBS raw -> metric conversion table (Stewart-Brown et al. 2009; Warwick Medical
# School scoring guidance), typed in here independently of the JSON so a slip in either shows.
PUBLISHED_SWEMWBS = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32,
    15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98,
    23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03,
    31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
}


def swemwbs_answers(raw: int) -> list[int]:
    """Seven answers 1-5 that add up to ``raw``."""
    answers = [1] * 7
    extra = raw - 7
    for i in range(7):
        step = min(4, extra)
        answers[i] += step
        extra -= step
    assert sum(answers) == raw
    return answers


# --- the instrument definitions ---------------------------------------------------------


def test_instruments_listed_in_order() -> None:
    codes = [i.code for i in instruments()]
    assert codes == ["swemwbs", "reqol10", "ucla3"]
    assert all(isinstance(i, Instrument) for i in instruments())


def test_swemwbs_spec() -> None:
    s = instrument_spec("swemwbs")
    assert s.name == "SWEMWBS"
    assert s.title == "Short Warwick-Edinburgh Mental Wellbeing Scale"
    assert len(s.items) == 7
    assert s.items[0] == "I've been feeling optimistic about the future"
    assert s.items[-1] == "I've been able to make up my own mind about things"
    assert (s.answer_min, s.answer_max) == (1, 5)
    assert s.answer_labels == ("None of the time", "Rarely", "Some of the time", "Often",
                               "All of the time")
    assert (s.score_min, s.score_max) == (7.0, 35.0)
    assert s.reliable_change == 3.0
    assert s.higher_is_better is True
    assert any("Tennant" in src and "2007" in src for src in s.sources)
    assert any("Stewart-Brown" in src and "7:15" in src for src in s.sources)
    assert any("Shah" in src and "2018" in src for src in s.sources)


def test_reqol10_spec() -> None:
    s = instrument_spec("reqol10")
    assert s.name == "ReQoL-10"
    assert len(s.items) == 10
    assert len(set(s.items)) == 10
    assert (s.answer_min, s.answer_max) == (0, 4)
    assert s.answer_labels == ("None of the time", "Only occasionally", "Sometimes", "Often",
                               "Most or all of the time")
    assert (s.score_min, s.score_max) == (0.0, 40.0)
    assert s.reliable_change == 5.0
    assert s.higher_is_better is True
    assert any("Keetharuth" in src and "212(1):42-49" in src for src in s.sources)


def test_reqol10_reversed_items_are_the_negatively_worded_ones() -> None:
    data = json.loads((MEASURES / "reqol10.json").read_text(encoding="utf-8"))
    reversed_texts = {data["items"][n - 1] for n in data["reverse_scored_items"]}
    assert reversed_texts == {
        "I found it difficult to get started with everyday tasks",
        "I felt unable to cope",
        "I thought my life was not worth living",
        "I felt lonely",
    }


def test_json_files_note_licence_and_keep_item_texts() -> None:
    for path in MEASURES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["licence"]["item_texts_included"] is True
        assert "registration" in data["licence"]["status"]
        # a published threshold with its source, or a note saying there is none
        assert (data["reliable_change"] or {}).get("source") or data["reliable_change_note"]
        assert all(isinstance(t, str) and t for t in data["items"])


def test_unknown_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown questionnaire"):
        instrument_spec("phq9")
    with pytest.raises(ValueError, match="unknown questionnaire"):
        score("phq9", [0] * 9)
    with pytest.raises(ValueError, match="unknown questionnaire"):
        reliable_change("phq9", 1, 2)


def test_definitions_are_cached() -> None:
    assert instrument_spec("swemwbs") is instrument_spec("swemwbs")
    assert scoring._all_rules() is scoring._all_rules()


# --- SWEMWBS ---------------------------------------------------------------------------


def test_swemwbs_conversion_table_shape() -> None:
    data = json.loads((MEASURES / "swemwbs.json").read_text(encoding="utf-8"))
    table = {int(k): v for k, v in data["conversion_table"]["raw_to_metric"].items()}
    assert len(table) == 29
    assert sorted(table) == list(range(7, 36))
    values = [table[r] for r in range(7, 36)]
    assert all(a < b for a, b in itertools.pairwise(values)), "metric scores must rise with raw"
    assert table == PUBLISHED_SWEMWBS


@pytest.mark.parametrize("raw", range(7, 36))
def test_swemwbs_every_raw_total_converts_to_the_published_metric(raw: int) -> None:
    result = score("swemwbs", swemwbs_answers(raw))
    band = "in the low wellbeing range" if PUBLISHED_SWEMWBS[raw] < 20.5 else None
    assert result == Score("swemwbs", raw, PUBLISHED_SWEMWBS[raw], band)


def test_swemwbs_worked_examples() -> None:
    assert score("swemwbs", [1] * 7) == Score("swemwbs", 7, 7.00, "in the low wellbeing range")
    assert score("swemwbs", [5] * 7) == Score("swemwbs", 35, 35.00)
    # All "Some of the time": raw 21 -> 19.25 (20.73 is raw 23, not 21).
    assert score("swemwbs", [3] * 7).score == 19.25
    assert score("swemwbs", [3, 3, 3, 3, 3, 4, 4]).score == 20.73
    assert score("swemwbs", [4] * 7) == Score("swemwbs", 28, 25.03)


def test_swemwbs_score_depends_only_on_the_total() -> None:
    assert score("swemwbs", [5, 1, 1, 1, 1, 1, 1]) == score("swemwbs", [1, 1, 1, 1, 1, 1, 5])


# --- ReQoL-10 --------------------------------------------------------------------------


def test_reqol10_hand_worked_reversal() -> None:
    # Items 1, 3, 6, 9 are negatively worded and scored 4 - answer.
    answers = [3, 2, 1, 4, 0, 0, 3, 2, 4, 1]
    #  item:   1  2  3  4  5  6  7  8  9 10
    #  score:  1  2  3  4  0  4  3  2  0  1   -> 20
    result = score("reqol10", answers)
    assert result.raw == 20
    assert result.score == 20.0
    assert result.band == "below clinical threshold"


def test_reqol10_extremes() -> None:
    best = [0, 4, 0, 4, 4, 0, 4, 4, 0, 4]   # never negative, always positive
    worst = [4, 0, 4, 0, 0, 4, 0, 0, 4, 0]
    assert score("reqol10", best) == Score("reqol10", 40, 40.0, None)
    assert score("reqol10", worst) == Score("reqol10", 0, 0.0, "below clinical threshold")
    # The same answer everywhere: 6 positive items x a + 4 reversed items x (4 - a).
    assert score("reqol10", [0] * 10).raw == 16
    assert score("reqol10", [4] * 10).raw == 24


def test_reqol10_clinical_band_boundary() -> None:
    # All "Sometimes" (2): 6 positive items x 2 + 4 reversed items x (4 - 2) = 20.
    assert score("reqol10", [2] * 10).raw == 20
    twenty_three = [2, 4, 2, 3, 2, 2, 2, 2, 2, 2]   # item 2 +2, item 4 +1 -> 23
    twenty_four = [2, 4, 2, 4, 2, 2, 2, 2, 2, 2]    # item 2 +2, item 4 +2 -> 24
    assert score("reqol10", twenty_three) == Score("reqol10", 23, 23.0, "below clinical threshold")
    assert score("reqol10", twenty_four) == Score("reqol10", 24, 24.0, None)


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("code,answers,message", [
    ("swemwbs", [3] * 6, "SWEMWBS has 7 questions; 6 answers were given"),
    ("swemwbs", [3] * 8, "SWEMWBS has 7 questions; 8 answers were given"),
    ("swemwbs", [], "SWEMWBS has 7 questions; 0 answers were given"),
    ("reqol10", [2] * 9, "ReQoL-10 has 10 questions; 9 answers were given"),
    ("swemwbs", [3, 3, 3, 0, 3, 3, 3], r"question 4: answer 0 is outside 1 to 5"),
    ("swemwbs", [3, 3, 3, 3, 3, 3, 6], r"question 7: answer 6 is outside 1 to 5"),
    ("reqol10", [2, 2, 2, 2, 2, 2, 2, 2, 2, 5], r"question 10: answer 5 is outside 0 to 4"),
    ("reqol10", [-1] + [2] * 9, r"question 1: answer -1 is outside 0 to 4"),
    ("swemwbs", [3, 3, 3.5, 3, 3, 3, 3], "question 3: answer must be a whole number"),
    ("swemwbs", [3, "3", 3, 3, 3, 3, 3], "question 2: answer must be a whole number"),
    ("reqol10", [True] + [2] * 9, "question 1: answer must be a whole number"),
    ("reqol10", [None] + [2] * 9, "question 1: answer must be a whole number"),
])
def test_bad_answers_raise_clear_errors(code: str, answers: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score(code, answers)


# --- reliable change -------------------------------------------------------------------


@pytest.mark.parametrize("before,after,expected", [
    (17.73, 20.73, "improved"),        # exactly +3 counts
    (20.73, 17.73, "deteriorated"),    # exactly -3 counts
    (17.98, 20.73, "no_change"),       # +2.75
    (20.73, 17.98, "no_change"),
    (19.25, 22.35, "improved"),        # raw 21 -> 25, +3.10
    (19.25, 21.54, "no_change"),       # raw 21 -> 24, +2.29
    (19.25, 19.25, "no_change"),
    (7.00, 35.00, "improved"),
    (35.00, 7.00, "deteriorated"),
    (18.00, 20.99, "no_change"),       # just under
    (18.00, 21.01, "improved"),        # just over
])
def test_swemwbs_reliable_change(before: float, after: float, expected: str) -> None:
    assert reliable_change("swemwbs", before, after) == expected


def test_swemwbs_reliable_change_from_real_scores() -> None:
    before = score("swemwbs", [3] * 7).score                # raw 21 -> 19.25
    after = score("swemwbs", [4, 4, 4, 4, 3, 3, 3]).score   # raw 25 -> 22.35
    assert reliable_change("swemwbs", before, after) == "improved"


@pytest.mark.parametrize("before,after,expected", [
    (20, 25, "improved"),      # exactly +5 counts
    (25, 20, "deteriorated"),  # exactly -5 counts
    (20, 24, "no_change"),
    (24, 20, "no_change"),
    (20, 26, "improved"),
    (26, 20, "deteriorated"),
    (0, 40, "improved"),
    (30, 30, "no_change"),
])
def test_reqol10_reliable_change(before: float, after: float, expected: str) -> None:
    assert reliable_change("reqol10", before, after) == expected


def test_reliable_change_is_symmetric() -> None:
    for inst in instruments():
        t = inst.reliable_change
        if t is None:
            continue
        assert reliable_change(inst.code, 10, 10 + t) == "improved"
        assert reliable_change(inst.code, 10 + t, 10) == "deteriorated"


# --- clinical cut-offs and clinically significant change (issue 14 item 9) --------------


def test_cutoffs_come_from_the_json_with_their_sources() -> None:
    for code, value in (("swemwbs", 20.5), ("reqol10", 24.0)):
        data = json.loads((MEASURES / f"{code}.json").read_text(encoding="utf-8"))
        assert data["clinical_cutoff"]["source"] and data["clinical_cutoff"]["rule"]
        assert instrument_spec(code).clinical_cutoff == value
    assert instrument_spec("ucla3").clinical_cutoff is None


def test_swemwbs_cutoff_splits_the_table_between_raw_22_and_23() -> None:
    # 20.5 is not a table value: raw 22 (19.98) is the highest score in the clinical range.
    assert scoring.in_clinical_range("swemwbs", 19.98) is True
    assert scoring.in_clinical_range("swemwbs", 20.73) is False
    assert scoring.in_clinical_range("reqol10", 23) is True
    assert scoring.in_clinical_range("reqol10", 24) is False     # "< 24, clinical range"
    assert scoring.in_clinical_range("ucla3", 9) is None


@pytest.mark.parametrize(("code", "before", "after", "expected"), [
    ("swemwbs", 19.25, 25.03, True),     # reliable (+5.78) and crosses 20.5
    ("swemwbs", 17.98, 20.73, False),    # crosses, but +2.75 is not reliable
    ("swemwbs", 19.98, 20.73, False),    # crosses, not reliable
    ("swemwbs", 20.73, 25.03, False),    # reliable, but started outside the clinical range
    ("swemwbs", 14.08, 19.98, False),    # reliable, but still in the clinical range
    ("swemwbs", 17.43, 20.73, True),     # +3.30 reliable and crosses
    ("reqol10", 19, 24, True),           # +5 (exactly the threshold) and reaches 24
    ("reqol10", 18, 23, False),          # reliable, still below 24
    ("reqol10", 20, 24, False),          # reaches 24, +4 not reliable
    ("reqol10", 26, 20, False),          # deterioration
    ("ucla3", 9, 3, False),              # no cut-off, no threshold: never claimed
])
def test_reliable_and_clinically_significant(code: str, before: float, after: float,
                                             expected: bool) -> None:
    assert scoring.clinically_significant(code, before, after) is expected


def test_ucla3_loneliness_scores_the_total_and_has_no_threshold() -> None:
    spec = instrument_spec("ucla3")
    assert len(spec.items) == 3 and spec.answer_labels[0] == "Hardly ever or never"
    assert spec.higher_is_better is False and spec.reliable_change is None
    assert score("ucla3", [3, 3, 2]) == Score("ucla3", 8, 8.0)
    with pytest.raises(ValueError, match="no published reliable change"):
        reliable_change("ucla3", 8, 4)
    assert scoring.direction("ucla3", 8, 5) == "better"      # lower is less lonely
    assert scoring.direction("ucla3", 5, 8) == "worse"
    assert scoring.change_between("ucla3", 5, 5) == "same"
    assert scoring.change_between("swemwbs", 19.25, 25.03) == "improved"
