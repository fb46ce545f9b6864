"""People: the caseload, a person's whole file, adding and updating a person.

The caseload is built with a handful of set-based queries (not one query per person), so
a 10,000-person list loads in tens of milliseconds; filtering then happens in the item
model on the UI side without touching the database.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from outreach.core.rules import RISK_ORDER, days_between, today_iso
from outreach.ops import OpChanges
from outreach.store.records import Store
from outreach.store.search import SearchHit, prepare, search
from outreach.store.secret import on_lock


@dataclass(slots=True)
class PersonRow:
    id: str
    name: str
    preferred_name: str
    given_name: str
    family_name: str
    pronouns: str
    key_worker: str
    status: str                      # waiting | active | ended | declined | no_referral
    days_waiting: int | None = None  # for people waiting for a first conversation
    risk_level: str | None = None    # highest open risk flag
    last_seen: str | None = None     # date of the latest conversation
    follow_up_on: str | None = None  # earliest follow-up date still ahead or overdue


STATUS_LABELS = {"waiting": "Waiting for a first conversation", "active": "Being supported",
                 "ended": "Support ended", "declined": "Referral declined",
                 "no_referral": "No referral yet"}


def _json_rows(store: Store, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return store.execute(sql, params).fetchall()


_CACHE: weakref.WeakKeyDictionary[Store, tuple[threading.Lock, list[Any]]] = (
    weakref.WeakKeyDictionary())
_CACHE_GUARD = threading.Lock()


@on_lock
def _forget_caseloads() -> None:
    """Lock: drop every remembered caseload (names and summaries of people)."""
    with _CACHE_GUARD:
        _CACHE.clear()


def caseload(store: Store, *, key_worker: str | None = None,
             on: dt.date | None = None) -> list[PersonRow]:
    """Every person on this laptop (optionally one key worker's), sorted by name.

    The result is kept until the store's next write (its ``generation``), so the Today and
    People screens opening together compute it once: a second caller waits for the first.
    """
    day = on or dt.date.today()
    with _CACHE_GUARD:
        entry = _CACHE.setdefault(store, (threading.Lock(), []))
    lock, memo = entry
    with lock:
        key = (store.generation, key_worker, day)
        if memo and memo[0] == key:
            return list(memo[1])
        rows = _caseload(store, key_worker=key_worker, on=day)
        memo[:] = [key, rows]
        return list(rows)


def _caseload(store: Store, *, key_worker: str | None, on: dt.date) -> list[PersonRow]:
    today = on.isoformat()
    # One scan of the summary table that triggers keep in step with every write, import
    # and sync (migrations 4 and 6): with 200,000 conversations the records' JSON bodies
    # are gigabytes, and none of them is read here.
    keyed: list[tuple[str, PersonRow]] = []
    levels = {n: level for level, n in RISK_ORDER.items()}
    sql = ("SELECT person_id, given_name, family_name, preferred_name, pronouns, key_worker, "
           "last_seen, follow_up_on, referral_status, referral_received, open_episodes, "
           "episodes, risk_level FROM caseload_summary")
    params: tuple[Any, ...] = ()
    if key_worker:
        sql += " WHERE key_worker = ?"
        params = (key_worker,)
    for (pid, given, family, preferred, pronouns, worker, seen, due, ref_status, received,
         open_eps, eps, risk) in store.execute(sql, params):
        status, waiting = "no_referral", None
        if ref_status:
            if open_eps:
                status = "active"
            elif ref_status == "declined":      # their latest referral
                status = "declined"
            elif eps:
                status = "ended"
            else:
                status = "active" if seen else "waiting"
            if status == "waiting" or (status == "active" and not seen):
                status, waiting = "waiting", days_between(received, today)
        elif open_eps:
            status = "active"
        name = f"{preferred or given or ''} {family or ''}".strip()
        # positional: twice as fast as keywords, and this runs 10,000 times per list
        keyed.append((f"{name.casefold()}\x00{pid}", PersonRow(
            pid, name, preferred or "", given or "", family or "", pronouns or "",
            worker or "", status, waiting, levels.get(risk), seen, due)))
    keyed.sort(key=itemgetter(0))          # by name, then id: one string compare each
    return [row for _, row in keyed]


def person_row(store: Store, person_id: str) -> PersonRow | None:
    for row in caseload(store):
        if row.id == person_id:
            return row
    return None


def new_person(store: Store, *, person: Mapping[str, Any],
               referral: Mapping[str, Any] | None = None) -> OpChanges:
    """Add a person and, optionally, the referral that brought them."""
    changes = OpChanges()
    with store.transaction():
        values = {k: v for k, v in person.items() if k != "id"}
        values.setdefault("key_worker", store.user or None)
        rec = store.create("person", values, record_id=person.get("id"))
        changes.add(rec)
        changes.id = rec["id"]
        if referral:
            ref = {"status": "pending", "received_on": today_iso(), **referral}
            changes.add(store.create("referral", ref, person_id=rec["id"]))
    return changes


def update_person(store: Store, person_id: str, values: Mapping[str, Any]) -> OpChanges:
    return OpChanges().add(store.update(person_id, dict(values)))


@dataclass
class PersonFile:
    """Everything about one person, ready to show."""

    person: dict[str, Any]
    referrals: list[dict[str, Any]] = field(default_factory=list)
    episodes: list[dict[str, Any]] = field(default_factory=list)
    conversations: list[dict[str, Any]] = field(default_factory=list)  # newest first
    care_plan: dict[str, Any] | None = None
    goals: list[dict[str, Any]] = field(default_factory=list)           # each with "ratings"
    measures: list[dict[str, Any]] = field(default_factory=list)        # each with "score"
    risk_flags: list[dict[str, Any]] = field(default_factory=list)
    service_links: list[dict[str, Any]] = field(default_factory=list)   # each with "service"
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    life: list[dict[str, Any]] = field(default_factory=list)   # exit feedback, life checks
    consent_changes: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    network: list[dict[str, Any]] = field(default_factory=list)          # by name

    @property
    def current_episode(self) -> dict[str, Any] | None:
        open_ = [e for e in self.episodes if not e.get("ended_on")]
        return open_[-1] if open_ else None

    @property
    def open_risks(self) -> list[dict[str, Any]]:
        return sorted((f for f in self.risk_flags if f.get("status") == "open"),
                      key=lambda f: -RISK_ORDER.get(f.get("level", ""), 0))


def person_details(store: Store, person_id: str) -> dict[str, Any]:
    """One person's own record (names, contact details, ...); ``{}`` if not on the laptop."""
    return dict(store.get(person_id) or {})


def person_file(store: Store, person_id: str) -> PersonFile:
    from outreach.ops.measures import annotate_measures

    records = store.person_records(person_id)
    if not records or records[0]["kind"] != "person":
        from outreach.store.records import NotFound
        raise NotFound(person_id)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_kind.setdefault(r["kind"], []).append(r)
    pf = PersonFile(person=records[0])
    pf.referrals = sorted(by_kind.get("referral", []), key=lambda r: r["received_on"])
    pf.episodes = sorted(by_kind.get("episode", []), key=lambda r: r["started_on"])
    addenda: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(by_kind.get("addendum", []), key=lambda r: r["created_at"]):
        addenda.setdefault(a["conversation_id"], []).append(a)
    convs = sorted(by_kind.get("conversation", []), key=lambda r: r["occurred_at"],
                   reverse=True)
    for c in convs:
        c["addenda"] = addenda.get(c["id"], [])
    pf.conversations = convs
    plans = by_kind.get("care_plan", [])
    pf.care_plan = plans[0] if plans else None
    ratings: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(by_kind.get("goal_rating", []), key=lambda r: (r["rated_on"],
                                                                     r["created_at"])):
        ratings.setdefault(r["goal_id"], []).append(r)
    for g in sorted(by_kind.get("goal", []), key=lambda r: r["set_on"]):
        g["ratings"] = ratings.get(g["id"], [])
        pf.goals.append(g)
    pf.measures = annotate_measures(by_kind.get("measure", []))
    pf.risk_flags = sorted(by_kind.get("risk_flag", []), key=lambda r: r["raised_on"])
    for link in sorted(by_kind.get("service_link", []), key=lambda r: r["linked_on"]):
        link["service"] = store.get(link["service_id"])
        pf.service_links.append(link)
    pf.conflicts = [c for c in by_kind.get("conflict", []) if c.get("status") == "open"]
    from outreach.ops.outcomes import life_records
    pf.life = life_records(records)
    pf.consent_changes = sorted(by_kind.get("consent_change", []),
                                key=lambda r: (r["changed_on"], r["created_at"]))
    pf.network = sorted(by_kind.get("network_contact", []),
                        key=lambda r: str(r.get("name") or "").casefold())
    return pf


def search_records(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Full-text search across names, notes and care plans; best first."""
    return search(store, text, limit=limit)


def search_progress(store: Store) -> int | None:
    """How far the search index is built after a first sync, in whole per cent, or None
    when it is complete (the usual case). Until then search finds every name and the
    notes indexed so far. A store read: call it off the UI thread."""
    from outreach.store import search_backlog

    progress = search_backlog.progress(store)
    return None if progress is None else progress.percent


def search_records_and_progress(store: Store, text: str, *, limit: int = 50
                                ) -> tuple[list[SearchHit], int | None]:
    """:func:`search_records` and :func:`search_progress` together, for one worker."""
    return search_records(store, text, limit=limit), search_progress(store)


def prepare_search(store: Store) -> None:
    """Build what the first search needs (the names index; 30-60 ms for 10,000 people)
    now, on a worker thread, rather than in the practitioner's first search."""
    prepare(store)
