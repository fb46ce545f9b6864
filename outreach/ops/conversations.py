"""Conversations: record one, add an addendum, keep drafts, and the peer mentor's welcome.

A saved conversation never changes (corrections are addenda). While one is being written,
its draft is saved into the encrypted store as the user types, so closing or killing the
app loses nothing; saving the conversation discards its draft in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from outreach.core.rules import now_iso, review_date, today_iso
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


def welcome(store: Store, *, person: Mapping[str, Any], consent_record: bool,
            consent_share: bool, what_matters: str, contact_methods: Sequence[str] = (),
            contact_notes: str = "", goals: Sequence[Mapping[str, Any]] = (),
            match_preference: str = "", notes: str, setting: str,
            occurred_at: str | None = None,
            referral: Mapping[str, Any] | None = None,
            draft_id: str | None = None) -> OpChanges:
    """The first, welcome conversation, recorded by a peer mentor.

    Creates the person (unless ``person`` carries an existing ``id``), an accepted
    self-referral (or the one given), a period of support, the welcome conversation and a
    care plan that starts with what matters to them and their first goals. All or nothing;
    the welcome's draft (``draft_id``) is discarded in the same transaction.
    """
    changes = OpChanges()
    today = today_iso()
    when = occurred_at or now_iso()
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
        refs = store.query("referral", person_id=pid)
        if referral or not refs:
            ref = store.create("referral", {"source": "self", "received_on": when[:10],
                                            "status": "accepted", "decided_on": when[:10],
                                            **(referral or {})}, person_id=pid)
            changes.add(ref)
            ref_id = ref["id"]
        else:
            ref_id = refs[-1]["id"]
        episodes = [e for e in store.query("episode", person_id=pid) if not e.get("ended_on")]
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
            "type": "welcome", "notes": notes}, person_id=pid))
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
