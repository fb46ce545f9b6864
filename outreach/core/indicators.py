"""Living Well indicators over a date range, computed once, from flat records.

The desktop app (on what its store holds), ``outreach-cli report`` and the sync server (on a
team's or the whole organisation's records) all call :func:`compute` and print or save
:func:`report_tables`, so they cannot disagree. Every definition and edge case is written up
in ``docs/indicators.md``; the comments below point at the same rules.

Pure Python: no Qt, no SQL, no clock reads except ``date.today()`` when ``today`` is not
given. Safe on any thread (nothing shared, nothing mutated in the input records).

Invariants:

* The range is inclusive at both ends, and is cut at ``today`` (``as_of = min(end, today)``):
  nothing dated after ``as_of`` counts, so a past range gives the same figures tomorrow.
* Dates are the first ten characters of the stored value (``occurred_at`` is local time with
  an offset, so its date is the date the practitioner saw).
* Records marked ``deleted`` are ignored. A person's group (team or key worker) is the value
  on their person record now; records whose person is unknown count in "All" and in the
  "Not recorded" group.
* Percentages are rounded to one decimal place, and are ``None`` when the denominator is 0.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import statistics
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from outreach.core import outcomes as lives
from outreach.core import records as rk
from outreach.core.outcomes import LifeOutcomes
from outreach.core.scoring import (
    DETERIORATED,
    IMPROVED,
    NO_CHANGE,
    clinically_significant,
    in_clinical_range,
    instruments,
    reliable_change,
)

log = logging.getLogger(__name__)

GROUPINGS = ("team", "key_worker")
#: The record kinds the indicators read (callers may pass others; they are ignored).
KINDS_USED = ("person", "referral", "episode", "conversation", "goal", "goal_rating",
              "measure", "service_link", "service", "exit_feedback", "life_check",
              "job_start")
#: The fields of each kind the indicators read, besides ``kind``, ``person_id``, ``deleted``
#: and the ``id`` of the kinds in :data:`IDS_USED` (a reader may pass only these: the
#: figures are the same, and a report at 10,000 people need not read 200,000
#: conversations' notes). ``answers`` is a list.
FIELDS_USED: dict[str, tuple[str, ...]] = {
    "person": ("team", "key_worker"),
    "referral": ("received_on", "status"),
    "episode": ("started_on", "ended_on", "exit_reason"),
    "conversation": ("occurred_at", "setting"),
    "goal": ("set_on", "status", "achieved_on"),
    "goal_rating": ("goal_id", "rated_on", "score", "created_at"),
    "measure": ("instrument", "completed_on", "answers", "created_at"),
    "service_link": ("linked_on", "status", "service_id"),
    "service": ("category",),
    "exit_feedback": ("completed_on", "created_at", *lives.FEEDBACK_QUESTIONS),
    "life_check": ("checked_on", "community", "work", "created_at"),
    "job_start": ("started_on",),
}
#: The kinds whose records' ``id`` the indicators read.
IDS_USED = frozenset({"person", "goal", "service"})
GROUP_LABELS = {None: "Group", "team": "Team", "key_worker": "Key worker"}
ALL = "All"
NOT_RECORDED = "Not recorded"
Number = int | float


@dataclass(frozen=True)
class Outcome:
    """Reliable change on one questionnaire, first against latest measure per person."""

    instrument: str
    people: int = 0                 # people with measures on two or more different days
    improved: int = 0
    no_change: int = 0
    deteriorated: int = 0
    improved_pct: float | None = None
    no_change_pct: float | None = None
    deteriorated_pct: float | None = None
    started_clinical: int = 0       # of ``people``, first score in the clinical range
    improved_clinically: int = 0    # reliable and clinically significant improvement
    improved_clinically_pct: float | None = None    # of ``started_clinical``


@dataclass(frozen=True)
class Indicators:
    """Every indicator for one set of people (all of them, or one team / key worker)."""

    referrals_received: int = 0
    referrals_accepted: int = 0
    referrals_declined: int = 0
    referrals_pending: int = 0
    accepted_pct: float | None = None           # of the decided (accepted + declined)
    first_conversations: int = 0                # referrals with a first conversation
    wait_median_days: Number | None = None
    wait_p90_days: int | None = None
    still_waiting: int = 0                      # referrals with no first conversation yet
    still_waiting_median_days: Number | None = None
    longest_wait_days: int | None = None
    people_supported: int = 0
    people_seen: int = 0
    people_returned: int = 0
    people_linked: int = 0
    linked_pct: float | None = None             # of people supported
    conversations: int = 0
    conversations_by_setting: dict[str, int] = field(default_factory=dict)
    people_with_rated_goals: int = 0
    progress_one: int = 0
    progress_one_pct: float | None = None
    progress_two: int = 0
    progress_two_pct: float | None = None
    wellbeing: dict[str, Outcome] = field(default_factory=dict)
    episodes_started: int = 0
    episodes_ended: int = 0
    exits_by_reason: dict[str, int] = field(default_factory=dict)  # "" = not recorded
    planned_exits: int = 0
    planned_pct: float | None = None            # of episodes ended
    life: LifeOutcomes = field(default_factory=LifeOutcomes)    # goals achieved and more


@dataclass(frozen=True)
class Report:
    """The indicators over ``start``..``end`` (cut at ``as_of``), overall and per group."""

    start: dt.date
    end: dt.date
    as_of: dt.date
    group_by: str | None
    overall: Indicators
    groups: dict[str, Indicators] = field(default_factory=dict)  # "" = not recorded


# -- small helpers ----------------------------------------------------------------------
def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _num(value: float) -> Number:
    value = round(value, 1)
    return int(value) if float(value).is_integer() else value


def median(values: list[int]) -> Number | None:
    """The median, or ``None`` for no values (a half day when the count is even)."""
    return _num(statistics.median(values)) if values else None


def percentile(values: list[int], p: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least ``p``% at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100.0 * len(ordered))) - 1]


def _day(value: Any) -> str:
    return str(value or "")[:10]


#: Sorted by date; of several on the same day only the last recorded is kept ("last
#: recorded" is the latest ``created_at``; records made in the same second keep the order
#: they were given in, which is the order the store wrote them).
_one_per_day = lives._latest_per_day


# -- what one person contributes -----------------------------------------------------------
@dataclass
class _Facts:
    referrals: Counter[str] = field(default_factory=Counter)
    waits: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    supported: bool = False
    seen: bool = False
    returned: bool = False
    linked: bool = False
    rated_goals: bool = False
    goals_progressed: int = 0
    outcomes: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)
    life: lives.Facts = field(default_factory=lives.Facts)
    settings: Counter[str] = field(default_factory=Counter)
    episodes_started: int = 0
    exits: Counter[str] = field(default_factory=Counter)


#: One conversation as (``occurred_at`` or its day, ``setting``): what the indicators read.
Seen = tuple[Any, Any]


def _person_facts(by_kind: Mapping[str, list[Mapping[str, Any]]], *, start: str,
                  end: str, services: Mapping[str, str], seen: Iterable[Seen] = ()
                  ) -> _Facts:
    """What one person's records add to the indicators over ``start``..``end`` (ISO);
    ``services`` maps service ids to their kind; ``seen`` are more of their conversations,
    given as pairs rather than records."""
    f = _Facts()

    def in_range(value: Any) -> bool:
        return start <= _day(value) <= end if value else False

    # The days of conversations in the range, and their settings. (Only these count: a
    # wait runs from a referral received in the range to the first conversation on or
    # after it, so in the range too.)
    pairs = [(c.get("occurred_at"), c.get("setting")) for c in by_kind.get("conversation", ())]
    kept = [(day, setting) for occurred, setting in ((*pairs, *seen) if pairs else seen)
            if occurred and start <= (day := str(occurred)[:10]) <= end]
    if kept:
        f.seen = True
        f.settings.update([setting or "" for _, setting in kept])
    conv_days = sorted([day for day, _ in kept])

    # Referrals received in the range; waits run from received_on to the first conversation
    # on or after it (declined referrals have no wait).
    for r in by_kind.get("referral", []):
        received = _day(r.get("received_on"))
        if not in_range(received):
            continue
        status = r.get("status") or "pending"
        f.referrals[status] += 1
        if status == "declined":
            continue
        at = bisect_left(conv_days, received)   # the first conversation on or after it
        first = conv_days[at] if at < len(conv_days) else None
        if first is not None:
            f.waits.append(_days(received, first))
        else:
            f.waiting.append(_days(received, end))

    episodes = by_kind.get("episode", [])
    for e in episodes:
        began, ended = _day(e.get("started_on")), _day(e.get("ended_on"))
        if began and began <= end and (not ended or ended >= start):
            f.supported = True
        if in_range(began):
            f.episodes_started += 1
            if any(o is not e and _day(o.get("ended_on"))
                   and _day(o.get("started_on")) <= began
                   and _day(o.get("ended_on")) <= began for o in episodes):
                f.returned = True
        if in_range(ended):
            f.exits[e.get("exit_reason") or ""] += 1
    f.supported = f.supported or f.seen
    f.life = lives.person_facts(by_kind, services=services, start=start, end=end,
                                   supported=f.supported)
    if not f.supported:
        return f

    f.linked = any(in_range(link.get("linked_on")) and link.get("status") != "suggested"
                   for link in by_kind.get("service_link", []))

    goal_ids = {g["id"] for g in by_kind.get("goal", [])}
    ratings: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in by_kind.get("goal_rating", []):
        if r.get("goal_id") in goal_ids and r.get("rated_on") and _day(r["rated_on"]) <= end:
            ratings[r["goal_id"]].append(r)
    for rs in ratings.values():
        kept = _one_per_day(rs, "rated_on")
        if len(kept) >= 2:
            f.rated_goals = True
            if int(kept[-1]["score"]) > int(kept[0]["score"]):
                f.goals_progressed += 1

    known = _reliable_codes()
    measures: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for m in by_kind.get("measure", []):
        if m.get("instrument") in known and m.get("completed_on") \
                and _day(m["completed_on"]) <= end:
            measures[m["instrument"]].append(m)
    for code, ms in measures.items():
        ends = lives.score_ends(code, _one_per_day(ms, "completed_on"), unusable=partial(
            log.warning, "a %s measure with unusable answers was left out", code))
        if ends is not None:
            first, last = ends
            # (reliable change, first score in the clinical range, clinically significant)
            f.outcomes[code] = (reliable_change(code, first, last),
                                bool(in_clinical_range(code, first)),
                                clinically_significant(code, first, last))
    return f


def _days(start: str, end: str) -> int:
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


# -- adding people up --------------------------------------------------------------------
@dataclass
class _Tally:
    facts: list[_Facts] = field(default_factory=list)

    def finish(self) -> Indicators:
        fs = self.facts
        # (Counter.update rather than sum(..., Counter()): the same counts, all positive,
        # without a new Counter per person)
        refs: Counter[str] = Counter()
        settings: Counter[str] = Counter()
        exits: Counter[str] = Counter()
        for f in fs:                    # (most people have no referral or ending in range)
            if f.referrals:
                refs.update(f.referrals)
            if f.settings:
                settings.update(f.settings)
            if f.exits:
                exits.update(f.exits)
        waits = [w for f in fs for w in f.waits]
        waiting = [w for f in fs for w in f.waiting]
        supported = [f for f in fs if f.supported]
        rated = [f for f in supported if f.rated_goals]
        one = sum(1 for f in rated if f.goals_progressed >= 1)
        two = sum(1 for f in rated if f.goals_progressed >= 2)
        decided = refs["accepted"] + refs["declined"]
        linked = sum(1 for f in supported if f.linked)
        ended = sum(exits.values())
        planned = sum(n for reason, n in exits.items() if reason in rk.PLANNED_EXITS)
        by_setting = {code: settings.get(code, 0) for code, _ in rk.SETTINGS}
        by_setting.update({k: v for k, v in settings.items() if k not in by_setting})
        by_reason = {code: exits.get(code, 0) for code, _ in rk.EXIT_REASONS}
        by_reason[""] = exits.get("", 0)
        by_reason.update({k: v for k, v in exits.items() if k not in by_reason})
        return Indicators(
            referrals_received=sum(refs.values()),
            referrals_accepted=refs["accepted"],
            referrals_declined=refs["declined"],
            referrals_pending=sum(refs.values()) - decided,
            accepted_pct=_pct(refs["accepted"], decided),
            first_conversations=len(waits),
            wait_median_days=median(waits),
            wait_p90_days=percentile(waits, 90),
            still_waiting=len(waiting),
            still_waiting_median_days=median(waiting),
            longest_wait_days=max(waiting) if waiting else None,
            people_supported=len(supported),
            people_seen=sum(1 for f in fs if f.seen),
            people_returned=sum(1 for f in fs if f.returned),
            people_linked=linked,
            linked_pct=_pct(linked, len(supported)),
            conversations=sum(settings.values()),
            conversations_by_setting=by_setting,
            people_with_rated_goals=len(rated),
            progress_one=one,
            progress_one_pct=_pct(one, len(rated)),
            progress_two=two,
            progress_two_pct=_pct(two, len(rated)),
            wellbeing={i.code: _outcome(i.code, [f.outcomes[i.code] for f in supported
                                                 if i.code in f.outcomes])
                       for i in _reliable_instruments()},
            episodes_started=sum(f.episodes_started for f in fs),
            episodes_ended=ended,
            exits_by_reason=by_reason,
            planned_exits=planned,
            planned_pct=_pct(planned, ended),
            life=lives.tally([f.life for f in fs]),
        )


@cache
def _reliable_codes() -> frozenset[str]:
    return frozenset(i.code for i in _reliable_instruments())


def _reliable_instruments() -> list[Any]:
    """The questionnaires with a reliable change threshold (SWEMWBS, ReQoL-10)."""
    return [i for i in instruments() if i.reliable_change is not None]


def _outcome(code: str, marks: list[tuple[str, bool, bool]]) -> Outcome:
    n = len(marks)
    c = Counter(change for change, _, _ in marks)
    started = sum(1 for _, clinical, _ in marks if clinical)
    rcsi = sum(1 for _, _, significant in marks if significant)
    return Outcome(instrument=code, people=n, improved=c[IMPROVED], no_change=c[NO_CHANGE],
                   deteriorated=c[DETERIORATED], improved_pct=_pct(c[IMPROVED], n),
                   no_change_pct=_pct(c[NO_CHANGE], n),
                   deteriorated_pct=_pct(c[DETERIORATED], n), started_clinical=started,
                   improved_clinically=rcsi, improved_clinically_pct=_pct(rcsi, started))


def compute(records: Iterable[Mapping[str, Any]], *, start: dt.date, end: dt.date,
            group_by: str | None = None, today: dt.date | None = None,
            conversations: Mapping[str, Iterable[Seen]] | None = None) -> Report:
    """The indicators over ``start``..``end`` inclusive, overall and per ``group_by``.

    ``records`` are flat records of any kinds (as ``Store.query`` returns them, or as the
    server stores them); ``today`` (default: the real date) cuts a range that runs past it.
    ``conversations`` may give live conversations as (``occurred_at`` or just its day,
    ``setting``) pairs by person id instead of as records (a laptop reads 200,000 of them
    that way, in a fraction of the time and memory): the figures are the same.
    Raises ValueError for a range that ends before it starts or an unknown grouping.
    """
    _check(start, end, group_by)
    people: dict[str, Mapping[str, Any]] = {}
    services: dict[str, str] = {}
    by_person: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(
        lambda: defaultdict(list))
    for rec in records:
        if rec.get("deleted"):
            continue
        kind = rec.get("kind")
        if kind == "person":
            people[rec["id"]] = rec
            by_person[rec["id"]]  # noqa: B018 - a person with no other records still counts
        elif kind == "service":
            services[str(rec["id"])] = str(rec.get("category") or "")
        elif rec.get("person_id"):
            by_person[rec["person_id"]][str(kind)].append(rec)
    groups = ({pid: str(p.get(group_by) or "") for pid, p in people.items()}
              if group_by else {})
    return compute_grouped(by_person, start=start, end=end, group_by=group_by, today=today,
                           groups=groups, services=services, conversations=conversations)


def compute_grouped(by_person: Mapping[str, Mapping[str, list[Mapping[str, Any]]]], *,
                    start: dt.date, end: dt.date, group_by: str | None = None,
                    today: dt.date | None = None, groups: Mapping[str, str] | None = None,
                    services: Mapping[str, str] | None = None,
                    conversations: Mapping[str, Iterable[Seen]] | None = None) -> Report:
    """:func:`compute` on records already gathered by person, for a reader that has them
    that way (the laptop reads them person by person): ``by_person`` maps each person id
    (everyone with a person record, and anyone else with records) to their live records
    by kind, each kind in the order the records were written; ``groups`` maps a person id
    to the value of ``group_by`` on their person record ("" or absent: not recorded);
    ``services`` maps a service id to its kind (``category``, "" when not recorded).

    ``conversations`` are as for :func:`compute`, and may leave out any conversation
    dated outside ``start``..``as_of`` (they count for nothing), but not a person.
    Nothing in the arguments is changed.
    """
    _check(start, end, group_by)
    as_of = min(end, today or dt.date.today())
    services = services or {}
    groups = groups or {}
    conversations = conversations or {}
    overall = _Tally()
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    everyone: Iterable[str] = by_person
    if any(pid not in by_person for pid in conversations):
        everyone = [*by_person, *(pid for pid in conversations if pid not in by_person)]
    first, last = start.isoformat(), as_of.isoformat()
    for pid in everyone:
        facts = _person_facts(by_person.get(pid, {}), start=first, end=last,
                              services=services, seen=conversations.get(pid, ()))
        overall.facts.append(facts)
        if group_by:
            tallies[groups.get(pid) or ""].facts.append(facts)
    return Report(start=start, end=end, as_of=as_of, group_by=group_by,
                  overall=overall.finish(),
                  groups={k: tallies[k].finish() for k in sorted(tallies, key=_group_order)})


def _check(start: dt.date, end: dt.date, group_by: str | None) -> None:
    if start > end:
        raise ValueError("The start of the range is after its end.")
    if group_by is not None and group_by not in GROUPINGS:
        raise ValueError(f"Cannot group by {group_by!r}; choose team or key_worker.")


def _group_order(key: str) -> tuple[bool, str]:
    return (key == "", key.casefold())


# -- tables for CSV, text and screen -------------------------------------------------------
TABLE_TITLES = {
    "referrals": "Referrals received",
    "waiting": "Waiting for a first conversation (days)",
    "people": "People supported",
    "conversations": "Conversations by setting",
    "goals": "Progress on life goals",
    "wellbeing": "Wellbeing: reliable and clinically significant change",
    "endings": "Endings of support",
    **lives.TABLE_TITLES,
}
Cell = str | int | float | None


def _rows(report: Report) -> list[tuple[str, Indicators]]:
    rows = [(ALL, report.overall)]
    rows += [(key or NOT_RECORDED, ind) for key, ind in report.groups.items()]
    return rows


def _label(choices: tuple[tuple[str, str], ...], code: str) -> str:
    return dict(choices).get(code, code) if code else NOT_RECORDED


def report_tables(report: Report) -> dict[str, list[list[Cell]]]:
    """Every indicator table, keyed as :data:`TABLE_TITLES`; each starts with a header row.

    One row for "All", then one per group. Cells are numbers, text or ``None`` (no value:
    a percentage of nothing, a median of no waits).
    """
    who: Cell = GROUP_LABELS[report.group_by]
    rows = _rows(report)

    def table(header: list[Cell], body: Iterable[list[Cell]]) -> list[list[Cell]]:
        return [header, *body]

    settings = list(dict.fromkeys(k for _, i in rows for k in i.conversations_by_setting))
    reasons = list(dict.fromkeys(k for _, i in rows for k in i.exits_by_reason))
    return {
        "referrals": table(
            [who, "Received", "Accepted", "Declined", "Awaiting decision",
             "Accepted % of decided"],
            ([name, i.referrals_received, i.referrals_accepted, i.referrals_declined,
              i.referrals_pending, i.accepted_pct] for name, i in rows)),
        "waiting": table(
            [who, "Had a first conversation", "Median days", "90th percentile days",
             "Still waiting", "Still waiting: median days", "Still waiting: longest days"],
            ([name, i.first_conversations, i.wait_median_days, i.wait_p90_days,
              i.still_waiting, i.still_waiting_median_days, i.longest_wait_days]
             for name, i in rows)),
        "people": table(
            [who, "People supported", "People seen", "People who returned",
             "Linked to community services", "Linked %"],
            ([name, i.people_supported, i.people_seen, i.people_returned, i.people_linked,
              i.linked_pct] for name, i in rows)),
        "conversations": table(
            [who, "All conversations", *(_label(rk.SETTINGS, s) for s in settings)],
            ([name, i.conversations,
              *(i.conversations_by_setting.get(s, 0) for s in settings)]
             for name, i in rows)),
        "goals": table(
            [who, "People with goals rated twice or more", "Progress on 1 or more goals",
             "Progress on 1 or more %", "Progress on 2 or more goals",
             "Progress on 2 or more %", "People with goals", "Achieved 1 or more goals",
             "Achieved 1 or more %", "Achieved 2 or more goals", "Achieved 2 or more %"],
            ([name, i.people_with_rated_goals, i.progress_one, i.progress_one_pct,
              i.progress_two, i.progress_two_pct, i.life.people_with_goals,
              i.life.achieved_one, i.life.achieved_one_pct, i.life.achieved_two,
              i.life.achieved_two_pct] for name, i in rows)),
        "wellbeing": table(
            [who, "Questionnaire", "People with 2 or more measures", "Reliable improvement",
             "Reliable improvement %", "No reliable change", "No reliable change %",
             "Reliable deterioration", "Reliable deterioration %",
             "Started in the clinical range",
             "Reliable and clinically significant improvement",
             "Reliable and clinically significant improvement %"],
            ([name, inst.name, o.people, o.improved, o.improved_pct, o.no_change,
              o.no_change_pct, o.deteriorated, o.deteriorated_pct, o.started_clinical,
              o.improved_clinically, o.improved_clinically_pct]
             for name, i in rows for inst in _reliable_instruments()
             for o in [i.wellbeing.get(inst.code) or Outcome(inst.code)])),
        "endings": table(
            [who, "Periods of support started", "Periods of support ended",
             *(_label(rk.EXIT_REASONS, r) for r in reasons), "Planned endings", "Planned %"],
            ([name, i.episodes_started, i.episodes_ended,
              *(i.exits_by_reason.get(r, 0) for r in reasons), i.planned_exits,
              i.planned_pct] for name, i in rows)),
        **lives.tables([(name, i.life) for name, i in rows], who),
    }


def cell_text(value: Cell) -> str:
    """How a cell reads in CSV and on screen: blank for no value, numbers as they are."""
    return "" if value is None else str(value)
