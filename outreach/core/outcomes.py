"""Life outcomes the Living Well evaluations report, beside the headline indicators.

Goals achieved, the exit questionnaire, loneliness (UCLA-3), community involvement, work or
study and job starts, and links by kind of service. :mod:`outreach.core.indicators` calls
:func:`person_facts` for each person and :func:`tally` for each group, so the laptop, the
command line and the server compute these with the same code as every other indicator.
Definitions and edge cases: ``docs/indicators.md`` ("Life outcomes").

Pure Python: no Qt, no SQL, no clock. Safe on any thread (nothing shared or mutated).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach.core import records as rk
from outreach.core.scoring import BETTER, SAME, WORSE, direction, score

Rec = Mapping[str, Any]
#: Exit questionnaire questions, in the order they are reported.
FEEDBACK_QUESTIONS = ("listened", "joined_up", "use_again")
#: Community involvement, least to most (a higher rank is more involved).
_COMMUNITY_RANK = {"rarely": 0, "monthly": 1, "weekly": 2}
LONELINESS = "ucla3"


def _day(value: Any) -> str:
    return str(value or "")[:10]


def _latest_per_day(recs: list[Rec], date_field: str) -> list[Rec]:
    """Sorted by date; of several on one day the last recorded (``created_at``) is kept.

    Records made in the same second keep the order they were given in (a stable sort),
    which is the order the store wrote them.
    """
    if len(recs) < 2:
        return list(recs)
    keys = [(str(r.get(date_field) or "")[:10], str(r.get("created_at") or ""))
            for r in recs]
    by_day: dict[str, Rec] = {}
    for i in sorted(range(len(recs)), key=keys.__getitem__):    # stable: ties keep order
        by_day[keys[i][0]] = recs[i]
    return list(by_day.values())          # the days went in in order: no second sort


def score_ends(code: str, recs: list[Rec], *,
               unusable: Callable[[], None] | None = None) -> tuple[float, float] | None:
    """The first and the last usable score of ``recs`` (measures in order), or ``None``
    when fewer than two are usable: what scoring every one and taking the ends of the
    list gives, without scoring the ones in between. ``unusable()`` is called for each
    measure found unusable on the way."""
    def usable(m: Rec) -> float | None:
        try:
            return score(code, m.get("answers") or []).score
        except ValueError:
            if unusable is not None:
                unusable()
            return None
    first = None
    i = 0
    while first is None and i < len(recs):
        first = usable(recs[i])
        i += 1
    for j in range(len(recs) - 1, i - 1, -1):
        last = usable(recs[j])
        if last is not None:
            return (first, last) if first is not None else None
    return None


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class Facts:
    """What one person adds to the life outcomes over a range."""

    supported: bool = False
    has_goals: bool = False
    goals_achieved: int = 0
    feedback: Rec | None = None               # their latest exit questionnaire in range
    loneliness: str | None = None             # better | same | worse, first vs latest
    community: str | None = None              # better | same | worse, first vs latest
    work: str | None = None                   # latest work status recorded by the end
    job_starts: int = 0
    link_kinds: set[str] = field(default_factory=set)   # "" = service not known


def person_facts(by_kind: Mapping[str, list[Rec]], *, services: Mapping[str, str],
                 start: str, end: str, supported: bool) -> Facts:
    """One person's life outcomes over ``start``..``end`` (ISO days, inclusive).

    ``services`` maps a service id to its kind (``category``). Exit questionnaires and job
    starts count for anyone (they often come after support ended); the rest only for people
    supported in the range (``supported``), like the other outcome indicators.
    """
    f = Facts(supported=supported)

    def in_range(value: Any) -> bool:
        return bool(value) and start <= _day(value) <= end

    answered = [r for r in by_kind.get("exit_feedback", []) if in_range(r.get("completed_on"))]
    if answered:
        f.feedback = _latest_per_day(answered, "completed_on")[-1]
    f.job_starts = sum(1 for j in by_kind.get("job_start", []) if in_range(j.get("started_on")))
    if not supported:
        return f

    goals = [g for g in by_kind.get("goal", []) if g.get("set_on") and _day(g["set_on"]) <= end]
    f.has_goals = bool(goals)
    # achieved by the end of the range; a goal achieved on an unknown date (imported data:
    # Outreach records the day) counts. Never the record's own stamps: the server's copy
    # of a record does not carry them, and the figures must agree.
    f.goals_achieved = sum(1 for g in goals if g.get("status") == "achieved"
                           and _day(g.get("achieved_on")) <= end)

    for link in by_kind.get("service_link", []):
        if in_range(link.get("linked_on")) and link.get("status") != "suggested":
            f.link_kinds.add(services.get(str(link.get("service_id")), ""))

    lonely = [m for m in by_kind.get("measure", []) if m.get("instrument") == LONELINESS
              and m.get("completed_on") and _day(m["completed_on"]) <= end]
    # first against latest usable score (unusable answers are left out, as elsewhere)
    ends = score_ends(LONELINESS, _latest_per_day(lonely, "completed_on"))
    if ends is not None:
        f.loneliness = direction(LONELINESS, *ends)

    checks = [c for c in by_kind.get("life_check", [])
              if c.get("checked_on") and _day(c["checked_on"]) <= end]
    involved = [_COMMUNITY_RANK[c["community"]]
                for c in _latest_per_day([c for c in checks
                                          if c.get("community") in _COMMUNITY_RANK],
                                         "checked_on")]
    if len(involved) >= 2:
        f.community = (BETTER if involved[-1] > involved[0] else
                       WORSE if involved[-1] < involved[0] else SAME)
    working = _latest_per_day([c for c in checks if c.get("work")], "checked_on")
    if working:
        f.work = str(working[-1]["work"])
    return f


@dataclass(frozen=True)
class LifeOutcomes:
    """The life outcomes of one set of people (all of them, or one group)."""

    people_supported: int = 0
    people_with_goals: int = 0
    achieved_one: int = 0
    achieved_one_pct: float | None = None
    achieved_two: int = 0
    achieved_two_pct: float | None = None
    feedback_people: int = 0
    feedback_yes: dict[str, int] = field(default_factory=dict)       # question -> yes
    feedback_answered: dict[str, int] = field(default_factory=dict)  # question -> answered
    feedback_yes_pct: dict[str, float | None] = field(default_factory=dict)
    loneliness_people: int = 0
    less_lonely: int = 0
    less_lonely_pct: float | None = None
    same_lonely: int = 0
    lonelier: int = 0
    lonelier_pct: float | None = None
    community_people: int = 0
    more_involved: int = 0
    more_involved_pct: float | None = None
    less_involved: int = 0
    work_people: int = 0
    in_work_or_study: int = 0
    in_work_or_study_pct: float | None = None
    job_starts: int = 0
    people_with_job_start: int = 0
    links_by_kind: dict[str, int] = field(default_factory=dict)      # "" = not known
    links_by_kind_pct: dict[str, float | None] = field(default_factory=dict)


def tally(facts: list[Facts]) -> LifeOutcomes:
    """Add up people's facts (all of them, or one group's)."""
    people_supported = sum(1 for f in facts if f.supported)
    with_goals = [f for f in facts if f.has_goals]
    one = sum(1 for f in with_goals if f.goals_achieved >= 1)
    two = sum(1 for f in with_goals if f.goals_achieved >= 2)
    feedback = [f.feedback for f in facts if f.feedback is not None]
    yes = {q: sum(1 for r in feedback if r.get(q) == "yes") for q in FEEDBACK_QUESTIONS}
    answered = {q: sum(1 for r in feedback if r.get(q) in ("yes", "partly", "no"))
                for q in FEEDBACK_QUESTIONS}
    lonely = Counter(f.loneliness for f in facts if f.loneliness)
    lonely_n = sum(lonely.values())
    involved = Counter(f.community for f in facts if f.community)
    involved_n = sum(involved.values())
    work = [f.work for f in facts if f.work]
    in_work = sum(1 for w in work if w in rk.IN_WORK_OR_STUDY)
    kinds: Counter[str] = Counter(k for f in facts for k in f.link_kinds)
    by_kind = {code: kinds.get(code, 0) for code, _ in rk.SERVICE_CATEGORIES}
    by_kind.update({k: v for k, v in kinds.items() if k not in by_kind})
    return LifeOutcomes(
        people_supported=people_supported,
        people_with_goals=len(with_goals),
        achieved_one=one, achieved_one_pct=_pct(one, len(with_goals)),
        achieved_two=two, achieved_two_pct=_pct(two, len(with_goals)),
        feedback_people=len(feedback), feedback_yes=yes, feedback_answered=answered,
        feedback_yes_pct={q: _pct(yes[q], answered[q]) for q in FEEDBACK_QUESTIONS},
        loneliness_people=lonely_n,
        less_lonely=lonely[BETTER], less_lonely_pct=_pct(lonely[BETTER], lonely_n),
        same_lonely=lonely[SAME],
        lonelier=lonely[WORSE], lonelier_pct=_pct(lonely[WORSE], lonely_n),
        community_people=involved_n,
        more_involved=involved[BETTER], more_involved_pct=_pct(involved[BETTER], involved_n),
        less_involved=involved[WORSE],
        work_people=len(work), in_work_or_study=in_work,
        in_work_or_study_pct=_pct(in_work, len(work)),
        job_starts=sum(f.job_starts for f in facts),
        people_with_job_start=sum(1 for f in facts if f.job_starts),
        links_by_kind=by_kind,
        links_by_kind_pct={k: _pct(v, people_supported) for k, v in by_kind.items()},
    )


# -- tables ------------------------------------------------------------------------------
TABLE_TITLES = {
    "links": "Links by kind of service",
    "experience": "Exit questionnaire",
    "loneliness": "Loneliness (UCLA-3)",
    "life": "Community involvement, work and study",
}
Cell = str | int | float | None
_QUESTION_LABELS = {q: rk.EXIT_FEEDBACK.field(q).label for q in FEEDBACK_QUESTIONS}


def tables(rows: list[tuple[str, LifeOutcomes]], who: Cell) -> dict[str, list[list[Cell]]]:
    """The life-outcome tables, keyed as :data:`TABLE_TITLES`, header row first: one row
    per group (``rows``: name and figures), or per group and kind of service."""
    kinds = list(dict.fromkeys(k for _, o in rows for k in o.links_by_kind))
    category = dict(rk.SERVICE_CATEGORIES)
    feedback_header: list[Cell] = []
    for q in FEEDBACK_QUESTIONS:
        feedback_header += [f"{_QUESTION_LABELS[q]}: yes", f"{_QUESTION_LABELS[q]}: answered",
                            f"{_QUESTION_LABELS[q]}: yes %"]
    return {
        "links": [[who, "Kind of service", "People supported", "People linked",
                   "Linked % of people supported"],
                  *([name, category.get(k, k) if k else "Not recorded", o.people_supported,
                     o.links_by_kind.get(k, 0), o.links_by_kind_pct.get(k)]
                    for name, o in rows for k in kinds)],
        "experience": [[who, "People who answered an exit questionnaire", *feedback_header],
                       *([name, o.feedback_people,
                          *(v for q in FEEDBACK_QUESTIONS
                            for v in (o.feedback_yes.get(q, 0), o.feedback_answered.get(q, 0),
                                      o.feedback_yes_pct.get(q)))]
                         for name, o in rows)],
        "loneliness": [[who, "People with 2 or more measures", "Less lonely", "Less lonely %",
                        "No change", "Lonelier", "Lonelier %"],
                       *([name, o.loneliness_people, o.less_lonely, o.less_lonely_pct,
                          o.same_lonely, o.lonelier, o.lonelier_pct] for name, o in rows)],
        "life": [[who, "People with community involvement checked twice or more",
                  "More involved", "More involved %", "Less involved",
                  "People with work or study recorded", "In work or study at latest check",
                  "In work or study %", "Job starts", "People who started a job"],
                 *([name, o.community_people, o.more_involved, o.more_involved_pct,
                    o.less_involved, o.work_people, o.in_work_or_study,
                    o.in_work_or_study_pct, o.job_starts, o.people_with_job_start]
                   for name, o in rows)],
    }
