"""Conversations: record one, add an addendum, keep drafts, and the peer mentor's welcome.

A saved conversation never changes (corrections are addenda). While one is being written,
its draft is saved into the encrypted store as the user types, so closing or killing the
app loses nothing; saving the conversation discards its draft in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from outreach.core.rules import now_iso, review_date, today_iso
from outreach.core.validation import FieldError, ValidationError, parse_date
from outreach.ops import OpChanges
from outreach.ops.drafts import discard_draft, drafts, save_draft  # noqa: F401 - the draft API
from outreach.store.records import Store


def record_conversation(store: Store, *, person_id: str, values: Mapping[str, Any],
                        draft_id: str | None = None) -> OpChanges:
    """Save a conversation (append-only) for a person; discards its draft if given."""
    changes = OpChanges()
    with store.transaction():
        vals = {"type": "support", "occurred_at": now_iso(), **values}
        if not vals.get("episode_id"):
            eps = [e for e in store.query("episode", person_id=person_id)
                   if not e.get("ended_on")]
            if eps:
                vals["episode_id"] = eps[-1]["id"]
        rec = store.create("conversation", vals, person_id=person_id)
        changes.add(rec)
        changes.id = rec["id"]
        if draft_id:
            discard_draft(store, draft_id)
    return changes


def add_addendum(store: Store, *, conversation_id: str, text: str,
                 draft_id: str | None = None) -> OpChanges:
    """Add an addendum to a saved conversation; discards its draft if given."""
    with store.transaction():
        conv = store.require(conversation_id)
        rec = store.create("addendum", {"conversation_id": conversation_id, "text": text},
                           person_id=conv["person_id"])
        if draft_id:
            discard_draft(store, draft_id)
    changes = OpChanges().add(rec)
    changes.id = rec["id"]
    return changes


def _first_asked(first_asked_on: str | None, welcome_day: str) -> str:
    """The day the person first asked for help: given, or the welcome's day; never later
    than the welcome (:class:`ValidationError` naming the question)."""
    if not first_asked_on:
        return welcome_day
    day = parse_date(first_asked_on)
    if day is None or day.isoformat() > welcome_day:
        raise ValidationError([FieldError(
            "referral", "When they first asked for help",
            f"must be a date on or before the welcome ({welcome_day})")])
    return day.isoformat()


def _welcome_referral(store: Store, *, person_id: str, when: str, first_asked_on: str | None,
                      referral: Mapping[str, Any] | None,
                      open_episode: Mapping[str, Any] | None) -> tuple[dict[str, Any] | None,
                                                                      str | None]:
    """The referral a welcome belongs to: (record changed or made, or None; its id).

    A pending referral is accepted on the welcome's day (never a second one); during open
    support the welcome joins it; an accepted referral not yet used by any period of
    support is used; otherwise a self-referral (or ``referral``) received on the day the
    person first asked for help, accepted on the welcome's day."""
    day = when[:10]
    asked = _first_asked(first_asked_on, day)
    refs = store.query("referral", person_id=person_id)
    ref = pending_referral(store, person_id)
    if ref is not None:
        return store.update(ref["id"], {"status": "accepted", "decided_on": day}), ref["id"]
    if open_episode is not None:
        return None, open_episode.get("referral_id")
    used = {e.get("referral_id") for e in store.query("episode", person_id=person_id)}
    unused = [r for r in refs if r.get("status") == "accepted" and r["id"] not in used]
    if unused and not referral:
        return None, max(unused, key=lambda r: r.get("received_on") or "")["id"]
    ref = store.create("referral", {"source": "self", "received_on": asked,
                                    "status": "accepted", "decided_on": day,
                                    **(referral or {})}, person_id=person_id)
    return ref, ref["id"]


def welcome(store: Store, *, person: Mapping[str, Any], consent_record: bool,
            consent_share: bool, what_matters: str, contact_methods: Sequence[str] = (),
            contact_notes: str = "", goals: Sequence[Mapping[str, Any]] = (),
            match_preference: str = "", notes: str, setting: str,
            occurred_at: str | None = None,
            referral: Mapping[str, Any] | None = None,
            first_asked_on: str | None = None,
            welcomed_by: str | None = None, welcomed_by_role: str | None = None,
            draft_id: str | None = None) -> OpChanges:
    """The first, welcome conversation, recorded by a peer mentor (or anyone).

    Creates the person (unless ``person`` carries an existing ``id``), the referral (see
    :func:`_welcome_referral`: a pending one is accepted, never doubled; a walk-in's
    self-referral is received on ``first_asked_on``, default the welcome's day), a period
    of support, the welcome conversation (with who welcomed, default this laptop's user,
    and their role from the team list the server sent, :mod:`outreach.ops.team`) and a
    care plan that starts with what matters to them and their first goals. ``person`` may
    carry ``peer_mentor``. All or nothing; the welcome's draft (``draft_id``) is discarded
    in the same transaction. Runs on any one thread (a handful of small writes).
    """
    from outreach.ops import team

    changes = OpChanges()
    today = today_iso()
    when = occurred_at or now_iso()
    who = (welcomed_by or store.user or "").strip() or None
    role = welcomed_by_role or (team.role_of(store, who) if who else None)
    with store.transaction():
        if draft_id:
            discard_draft(store, draft_id)
        details = {k: v for k, v in person.items() if k != "id" and v not in (None, "")}
        details.update(consent_record=consent_record, consent_share=consent_share,
                       contact_methods=list(contact_methods) or None,
                       contact_notes=contact_notes or None,
                       match_preference=match_preference or None)
        if person.get("id"):
            rec = store.update(person["id"], details)
        else:
            details.setdefault("key_worker", store.user or None)
            rec = store.create("person", details)
        pid = rec["id"]
        changes.add(rec)
        changes.id = pid
        episodes = [e for e in store.query("episode", person_id=pid) if not e.get("ended_on")]
        ref, ref_id = _welcome_referral(store, person_id=pid, when=when,
                                        first_asked_on=first_asked_on, referral=referral,
                                        open_episode=episodes[-1] if episodes else None)
        if ref is not None:
            changes.add(ref)
        if episodes:
            episode = episodes[-1]
        else:
            episode = store.create("episode", {"referral_id": ref_id, "started_on": when[:10],
                                               "review_on": review_date(when[:10]),
                                               "key_worker": rec.get("key_worker")},
                                   person_id=pid)
            changes.add(episode)
        changes.add(store.create("conversation", {
            "episode_id": episode["id"], "occurred_at": when, "setting": setting,
            "type": "welcome", "notes": notes, "welcomed_by": who,
            "welcomed_by_role": role}, person_id=pid))
        plans = store.query("care_plan", person_id=pid)
        plan_values = {"what_matters": what_matters or None}
        if goals:
            plan_values["goals"] = "\n".join(g["description"] for g in goals)
        if plans:
            changes.add(store.update(plans[0]["id"], plan_values))
        else:
            changes.add(store.create("care_plan", plan_values, person_id=pid))
        for g in goals:
            changes.add(store.create("goal", {"status": "active", "set_on": today, **g},
                                     person_id=pid))
    return changes


def pending_referral(store: Store, person_id: str) -> dict[str, Any] | None:
    """The person's referral waiting for a decision (the latest), which a welcome accepts."""
    pending = [r for r in store.query("referral", person_id=person_id)
               if r.get("status") == "pending"]
    return max(pending, key=lambda r: r.get("received_on") or "") if pending else None
