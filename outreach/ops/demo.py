"""A realistic synthetic caseload for demonstrations, training and benchmarks.

``generate_caseload(store, people=1000, seed=1)`` writes a service directory and
``people`` synthetic people with the whole of their record: referrals from every source
(most accepted, some declined with a reason, some waiting), periods of support (some
ended for every exit reason, some reopened later without a new referral), conversations
in the person's words, addenda, care plans, goals rated over time (achieved ones with their
day), SWEMWBS and ReQoL-10 questionnaires, risk flags and links to services; and for some,
UCLA-3 loneliness, life outcomes checks, job starts and an exit questionnaire.

Every name, phone number and address is invented (see ``resources/demo/caseload.json``).
The same seed and ``today`` give the same records, ids included; only the metadata the
store stamps (created_at, clock stamps) differ between runs.

Threading: runs on one thread (the CLI or a background worker); it writes through the
store in one transaction per batch of people. With ``parallel=True`` the records are made
up in a child process while this thread writes the previous batch (the benchmark caseload):
the same records in the same order, written the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import random
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from outreach.core import records as rk
from outreach.core.validation import ValidationError
from outreach.ops import OpChanges
from outreach.ops.demo_text import Voice, material
from outreach.store.records import Store
from outreach.store.summary import caseload_summary_once

log = logging.getLogger(__name__)

BATCH = 200
SOURCES = [("self", 30), ("gp", 30), ("health", 12), ("social_care", 12), ("charity", 12),
           ("other", 4)]
SETTINGS = [("outdoors", 20), ("community_venue", 18), ("listening_lounge", 14), ("home", 16),
            ("clinic", 8), ("phone", 16), ("video", 8)]
EXIT_REASONS = [code for code, _ in rk.EXIT_REASONS]
Progress = Callable[[int, int], None]
_Made = tuple[str, dict[str, Any], str | None, str]     # kind, values, person_id, record_id


@dataclass
class DemoResult:
    counts: Counter[str] = field(default_factory=Counter)
    changes: OpChanges = field(default_factory=OpChanges)


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in pairs], weights=[w for _, w in pairs])[0]


class _Writer:
    """Writes one synthetic caseload; holds the seed's random stream and the results."""

    def __init__(self, store: Store | None, rng: random.Random, today: dt.date) -> None:
        self.store, self.rng, self.today = store, rng, today
        self.result = DemoResult()
        # Without a store (the child process of a parallel build) records are collected
        # here, in order, as (kind, values, person_id, record_id), instead of written.
        self.made: list[_Made] | None = None if store is not None else []
        self.per_person: tuple[int, int] = (3, 15)   # conversations per supported person
        self.services: list[str] = []
        self.exit_turn = 0

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def create(self, kind: str, values: dict[str, Any], person_id: str | None = None, *,
               rng: random.Random | None = None) -> str:
        """Write one record; its id comes from ``rng`` (default: the seed's stream)."""
        record_id = (str(uuid.UUID(int=rng.getrandbits(128), version=4)) if rng is not None
                     else self.new_id())
        if self.made is not None:
            self.made.append((kind, values, person_id, record_id))
            return record_id
        assert self.store is not None
        rec = self.store.create(kind, values, person_id=person_id, record_id=record_id)
        self.result.counts[kind] += 1
        self.result.changes.add(rec)
        return str(rec["id"])

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        span = max(0, (end - start).days)
        return start + dt.timedelta(days=self.rng.randint(0, span))

    def when(self, day: dt.date) -> str:
        """A daytime moment on ``day`` with the UK offset (summer time roughly Apr–Oct).

        A conversation never happens later than yesterday: a moment later today could be
        in the future, which the store refuses."""
        day = min(day, self.today - dt.timedelta(days=1))
        offset = dt.timezone(dt.timedelta(hours=1 if 4 <= day.month <= 10 else 0))
        moment = dt.datetime(day.year, day.month, day.day, self.rng.randint(9, 16),
                             self.rng.choice((0, 15, 30, 45)), tzinfo=offset)
        return moment.isoformat()

    # -- the directory ------------------------------------------------------------------
    def directory(self) -> None:
        m = material()
        for name, category in m["services"]:
            area = self.rng.choice(m["areas"])
            slug = "".join(ch for ch in name.lower() if ch.isalnum())[:24]
            self.services.append(self.create("service", {
                "name": name, "category": category, "area": area,
                "description": self.rng.choice(m["service_descriptions"]),
                "address": f"{self.rng.randint(1, 120)} {self.rng.choice(m['streets'])}, "
                           f"{area}, ZZ99 {self.rng.randint(1, 9)}XX",
                "phone": f"01632 {self.rng.randint(960000, 960999)}",
                "email": f"hello@{slug}.example.org",
                "website": f"https://{slug}.example.org",
                "opening_times": self.rng.choice(m["opening_times"])}))

    # -- one person ---------------------------------------------------------------------
    def person(self) -> None:
        m, rng = material(), self.rng
        group = rng.choices(["f", "m", "n"], weights=[46, 46, 8])[0]
        given = rng.choice(m["given_names"][group])
        family = rng.choice(m["family_names"])
        pronouns = {"f": "she/her", "m": "he/him", "n": "they/them"}[group]
        if rng.random() < 0.05:
            pronouns = "they/them"
        preferred = m["preferred_names"].get(given) if rng.random() < 0.6 else None
        name = preferred or given
        voice = Voice(rng, name, pronouns)
        born = self.today - dt.timedelta(days=rng.randint(18 * 365, 85 * 365))
        values: dict[str, Any] = {
            "given_name": given, "family_name": family, "preferred_name": preferred,
            "pronouns": pronouns if rng.random() < 0.85 else None,
            "date_of_birth": born.isoformat() if rng.random() < 0.9 else None,
            "contact_methods": rng.sample([c for c, _ in rk.CONTACT_METHODS],
                                          rng.randint(1, 3)),
            "consent_record": rng.random() < 0.97, "consent_share": rng.random() < 0.7,
            "key_worker": rng.choice(m["key_workers"]), "team": rng.choice(m["teams"])}
        if rng.random() < 0.9:
            values["phone"] = f"07700 {rng.randint(900000, 900999)}"
        if rng.random() < 0.6:
            values["email"] = f"{given.lower()}.{family.lower().replace(chr(39), '')}" \
                              f"{rng.randint(1, 99)}@example.org"
        if rng.random() < 0.8:
            values["address"] = (f"{rng.randint(1, 200)} {rng.choice(m['streets'])}, "
                                 f"{rng.choice(m['areas'])}, ZZ99 {rng.randint(1, 9)}"
                                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}")
        if rng.random() < 0.6:
            values["contact_notes"] = voice.pick("contact_notes")
        if rng.random() < 0.5:
            values["match_preference"] = voice.pick("match_preferences")
        pid = self.create("person", values)
        self.story(pid, voice, key_worker=values["key_worker"])

    def story(self, pid: str, voice: Voice, *, key_worker: str) -> None:
        rng, today = self.rng, self.today
        roll = rng.random()
        status = "accepted" if roll < 0.90 else "declined" if roll < 0.96 else "pending"
        if status == "pending":
            received = today - dt.timedelta(days=rng.randint(0, 20))
        else:
            received = today - dt.timedelta(days=rng.randint(30, 900))
        decided = received + dt.timedelta(days=rng.randint(0, 10))
        referral: dict[str, Any] = {
            "source": _weighted(rng, SOURCES), "received_on": received.isoformat(),
            "status": status, "notes": voice.pick("referral_notes")}
        if status != "pending":
            referral["decided_on"] = min(decided, today).isoformat()
        if status == "declined":
            referral["decline_reason"] = voice.pick("decline_reasons")
        ref_id = self.create("referral", referral, pid)
        if status != "accepted":
            return
        start = min(decided + dt.timedelta(days=rng.randint(0, 21)), today)
        episodes = [self.episode(pid, voice, start=start, referral_id=ref_id,
                                 key_worker=key_worker)]
        ended = episodes[0][2]
        if ended is not None and rng.random() < 0.3:
            back = ended + dt.timedelta(days=rng.randint(30, 200))
            if back < today:
                episodes.append(self.episode(pid, voice, start=back, referral_id=None,
                                             key_worker=key_worker))
        self.conversations(pid, voice, episodes)
        first_start = episodes[0][1]
        last_end = episodes[-1][2] or today
        if rng.random() < 0.92:
            self.care_plan(pid, voice)
        for _ in range(rng.randint(1, 3)):
            self.goal(pid, voice, first_start, last_end)
        self.measures(pid, first_start, last_end)
        if rng.random() < 0.12:
            self.risk_flag(pid, voice, first_start, last_end, open_ok=episodes[-1][2] is None)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            self.service_link(pid, voice, first_start, last_end)
        self.life_outcomes(pid, first_start, last_end, ended=episodes[-1][2] is not None)

    def life_outcomes(self, pid: str, start: dt.date, end: dt.date, *, ended: bool) -> None:
        """Loneliness, life checks, job starts and the exit questionnaire (issue 14).

        Drawn from a stream of their own (seeded by the person), so the rest of a seed's
        caseload is the same as before these records existed.
        """
        rng = random.Random(f"life:{pid}")
        lonely = rng.randint(6, 9)
        community = rng.choice(("rarely", "rarely", "monthly"))
        work = rng.choice(("not_working", "looking", "volunteering", "paid_work"))
        day = start
        # about two in five people have loneliness and life checks recorded
        for _ in range(rng.randint(1, 3) if rng.random() < 0.4 else 0):
            if day > end:
                break
            answers = [max(1, min(3, round(lonely / 3 + rng.uniform(-0.6, 0.6))))
                       for _ in range(3)]
            self.create("measure", {"instrument": "ucla3", "completed_on": day.isoformat(),
                                    "answers": answers}, pid, rng=rng)
            self.create("life_check", {"checked_on": day.isoformat(), "community": community,
                                       "work": work}, pid, rng=rng)
            lonely = max(3, lonely - rng.choice((0, 1, 1, 2)))
            if rng.random() < 0.4:
                community = {"rarely": "monthly", "monthly": "weekly"}.get(community,
                                                                          community)
            if work == "looking" and rng.random() < 0.3:
                work = "paid_work"
                self.create("job_start", {"started_on": day.isoformat(),
                                          "ips": rng.random() < 0.5}, pid, rng=rng)
            day += dt.timedelta(days=rng.randint(56, 90))
        if ended and rng.random() < 0.6:
            answers = ("yes", "yes", "yes", "partly", "no", "not_answered")
            self.create("exit_feedback", {
                "completed_on": end.isoformat(), "listened": rng.choice(answers[:5]),
                "joined_up": rng.choice(answers), "use_again": rng.choice(answers[:5])},
                pid, rng=rng)

    def episode(self, pid: str, voice: Voice, *, start: dt.date, referral_id: str | None,
                key_worker: str) -> tuple[str, dt.date, dt.date | None]:
        rng, today = self.rng, self.today
        values: dict[str, Any] = {"referral_id": referral_id, "key_worker": key_worker,
                                  "started_on": start.isoformat()}
        if rng.random() < 0.8:
            values["review_on"] = (start + dt.timedelta(weeks=12)).isoformat()
        end = None
        if (today - start).days > 90 and rng.random() < 0.45:
            end = min(start + dt.timedelta(days=rng.randint(60, 300)), today)
            reason = EXIT_REASONS[self.exit_turn % len(EXIT_REASONS)]
            self.exit_turn += 1
            values.update(ended_on=end.isoformat(), exit_reason=reason,
                          exit_notes=voice.fill(rng.choice(material()["exit_notes"][reason])))
        return self.create("episode", values, pid), start, end

    def conversations(self, pid: str, voice: Voice,
                      episodes: list[tuple[str, dt.date, dt.date | None]]) -> None:
        rng = self.rng
        total = rng.randint(*self.per_person)
        plan: list[tuple[str, dt.date]] = []
        for n, (eid, start, end) in enumerate(episodes):
            share = total if len(episodes) == 1 else (total + 1) // 2 if n == 0 else total // 2
            days = sorted(self.day(start, end or self.today) for _ in range(max(1, share)))
            days[0] = start
            plan.extend((eid, d) for d in days)
        for n, (eid, day) in enumerate(plan):
            kind = "welcome" if n == 0 else "review" if n % 5 == 4 else "support"
            setting = _weighted(rng, SETTINGS)
            values: dict[str, Any] = {
                "episode_id": eid, "occurred_at": self.when(day), "setting": setting,
                "type": kind, "risk_checked": rng.random() < 0.6,
                "notes": voice.conversation(setting=setting, kind=kind,
                                            words=rng.randint(80, 400))}
            if rng.random() < 0.3:
                values["present"] = f"{voice.slots['name']} and {voice.slots['close_theirs']}"
            if rng.random() < 0.5:
                values["follow_ups"] = voice.pick("follow_ups")
                values["follow_up_on"] = (day + dt.timedelta(days=rng.randint(3, 14))
                                          ).isoformat()
            cid = self.create("conversation", values, pid)
            if rng.random() < 0.05:
                self.create("addendum", {"conversation_id": cid,
                                         "text": voice.pick("addenda")}, pid)

    def care_plan(self, pid: str, voice: Voice) -> None:
        sections = material()["care_plan"]
        values: dict[str, Any] = {name: voice.fill(self.rng.choice(options))
                                  for name, options in sections.items()}
        values["basic_needs"] = self.rng.sample([c for c, _ in rk.BASIC_NEEDS],
                                                self.rng.randint(1, 3))
        self.create("care_plan", values, pid)

    def goal(self, pid: str, voice: Voice, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        area = rng.choice([c for c, _ in rk.LIFE_AREAS])
        set_on = min(start + dt.timedelta(days=rng.randint(7, 30)), end)
        status = rng.choices(["active", "achieved", "stopped"], weights=[60, 30, 10])[0]
        values = {"description": voice.fill(rng.choice(material()["goals"][area])),
                  "life_area": area, "set_on": set_on.isoformat(), "status": status}
        if status == "achieved":        # a day, so "goals achieved" counts it in its range
            values["achieved_on"] = min(set_on + dt.timedelta(days=90), end).isoformat()
        gid = self.create("goal", values, pid)
        score = rng.randint(0, 4)
        day = set_on
        for _ in range(rng.randint(2, 6)):
            if day > end:
                break
            rating: dict[str, Any] = {"goal_id": gid, "rated_on": day.isoformat(),
                                      "score": score}
            if rng.random() < 0.4:
                rating["note"] = rng.choice(material()["goal_notes"])
            self.create("goal_rating", rating, pid)
            score = max(0, min(10, score + rng.choice((-1, 0, 1, 1, 2, 2, 3))))
            day += dt.timedelta(days=rng.randint(14, 42))

    def measures(self, pid: str, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        both = rng.random() < 0.5
        level = rng.uniform(0.15, 0.45)      # 0 worst .. 1 best, rising over time
        day = start
        for _ in range(rng.randint(1, 4)):
            if day > end:
                break
            swemwbs = [max(1, min(5, round(1 + 4 * level + rng.uniform(-1, 1))))
                       for _ in range(7)]
            self.create("measure", {"instrument": "swemwbs", "completed_on": day.isoformat(),
                                    "answers": swemwbs}, pid)
            if both:
                reqol = [max(0, min(4, round(4 * level + rng.uniform(-1, 1))))
                         for _ in range(10)]
                self.create("measure", {"instrument": "reqol10",
                                        "completed_on": day.isoformat(), "answers": reqol},
                            pid)
            level = min(1.0, level + rng.uniform(-0.05, 0.2))
            day += dt.timedelta(days=rng.randint(56, 90))

    def risk_flag(self, pid: str, voice: Voice, start: dt.date, end: dt.date, *,
                  open_ok: bool) -> None:
        rng = self.rng
        raised = self.day(start, end)
        values: dict[str, Any] = {
            "level": rng.choice(("low", "medium", "medium", "high")),
            "concern": voice.pick("risk_concerns"), "raised_on": raised.isoformat(),
            "review_on": (raised + dt.timedelta(days=14)).isoformat(), "status": "open"}
        if not open_ok or rng.random() < 0.5:
            values.update(status="closed", closed_on=self.day(raised, end).isoformat())
        self.create("risk_flag", values, pid)

    def service_link(self, pid: str, voice: Voice, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        values: dict[str, Any] = {
            "service_id": rng.choice(self.services),
            "linked_on": self.day(start, end).isoformat(),
            "status": rng.choice(("suggested", "referred", "attending", "attending", "ended"))}
        if rng.random() < 0.6:
            values["notes"] = voice.pick("service_link_notes")
        self.create("service_link", values, pid)


def generate_caseload(store: Store, *, people: int, seed: int = 1,
                      progress: Progress | None = None,
                      today: dt.date | None = None,
                      conversations_per_person: tuple[int, int] = (3, 15),
                      parallel: bool = False) -> DemoResult:
    """Write a service directory and ``people`` synthetic people with their records.

    One transaction per batch of :data:`BATCH` people; ``progress(done, total)`` is called
    after each person. Returns the number of records written by kind.

    ``parallel=True`` makes the records up in a child process (:func:`_make_batches`) while
    this thread writes the batch before through :meth:`Store.create`, as the serial build
    does: the same records, ids, order and transactions, on two cores. Each batch's
    caseload-summary rows are worked out once at its end, as a first sync's pulled pages
    are (:func:`caseload_summary_once`), rather than by trigger per record: the same rows.
    For large caseloads (the benchmark's); the child costs a second or so to start.
    """
    if people < 0:
        raise ValueError("the number of people cannot be negative")
    today = today or dt.date.today()
    if parallel:
        return _generate_parallel(store, people=people, seed=seed, progress=progress,
                                  today=today, per_person=conversations_per_person)
    writer = _Writer(store, random.Random(seed), today)
    writer.per_person = conversations_per_person
    with _seed_in_use(seed):
        with store.transaction():
            writer.directory()
    for start in range(0, people, BATCH):
        with store.transaction():
            for done in range(start, min(people, start + BATCH)):
                writer.person()
                if progress is not None:
                    progress(done + 1, people)
    log.info("demo caseload written: %d records", sum(writer.result.counts.values()))
    return writer.result


@contextmanager
def _seed_in_use(seed: int) -> Iterator[None]:
    """Turns the id clash of a second caseload from the same seed into a plain message."""
    try:
        yield
    except ValidationError as exc:
        if any(e.field == "id" for e in exc.errors):
            raise ValueError(f"This profile already holds the demo caseload made from seed "
                             f"{seed}; choose another seed.") from None
        raise


def _make_batches(conn: Any, *, people: int, seed: int, today: dt.date,
                  per_person: tuple[int, int]) -> None:
    """The child process of a parallel build: sends the directory's records, then one
    list per batch of :data:`BATCH` people (each person's records a list of their own),
    then ``("end", None)``; an error as ``("error", traceback text)``. A send waits while
    the writer is still busy with the batch before, so at most one batch waits."""
    try:
        writer = _Writer(None, random.Random(seed), today)
        writer.per_person = per_person
        writer.directory()
        assert writer.made is not None
        conn.send(("directory", writer.made))
        for start in range(0, people, BATCH):
            batch: list[list[_Made]] = []
            for _ in range(start, min(people, start + BATCH)):
                writer.made = []
                writer.person()
                batch.append(writer.made)
            conn.send(("batch", batch))
        conn.send(("end", None))
    except BrokenPipeError:     # the writer stopped (its own error): nothing to tell it
        pass
    except BaseException:       # noqa: BLE001 - reported to the writer, which raises
        try:
            conn.send(("error", traceback.format_exc()))
        except OSError:
            pass
    finally:
        conn.close()


def _generate_parallel(store: Store, *, people: int, seed: int, progress: Progress | None,
                       today: dt.date, per_person: tuple[int, int]) -> DemoResult:
    """:func:`generate_caseload` with the records made up in a child process."""
    ctx = multiprocessing.get_context("spawn")      # no fork of a process with threads
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_make_batches, name="demo-caseload", daemon=True,
                        kwargs={"conn": send, "people": people, "seed": seed,
                                "today": today, "per_person": per_person})
    child.start()
    send.close()
    result = DemoResult()

    def write(made: list[_Made]) -> None:
        for kind, values, person_id, record_id in made:
            rec = store.create(kind, values, person_id=person_id, record_id=record_id)
            result.counts[kind] += 1
            result.changes.add(rec)

    def next_message(expected: str) -> Any:
        try:
            what, payload = receive.recv()
        except EOFError:
            raise RuntimeError("the process making up the caseload ended early") from None
        if what == "error":
            raise RuntimeError(f"making up the caseload failed:\n{payload}")
        if what != expected:
            raise RuntimeError(f"making up the caseload: {what!r} came, {expected!r} expected")
        return payload

    try:
        directory = next_message("directory")
        with _seed_in_use(seed):
            with store.transaction():
                write(directory)
        done = 0
        for _start in range(0, people, BATCH):
            batch = next_message("batch")
            touched = {person_id or record_id for person in batch
                       for _kind, _values, person_id, record_id in person}
            with store.transaction() as conn, caseload_summary_once(conn, touched):
                for person in batch:
                    write(person)
                    done += 1
                    if progress is not None:
                        progress(done, people)
        next_message("end")
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
            child.join()
    log.info("demo caseload written: %d records", sum(result.counts.values()))
    return result
