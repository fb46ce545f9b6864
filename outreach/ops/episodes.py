"""Referrals and periods of support: decide a referral, start, end, review and reopen
support. A care-plan review (:func:`record_review`) is a recorded step that sets the next
review date.

A person can come back without a new referral or assessment: :func:`reopen` starts a new
period of support linked to their last accepted referral.
"""

from __future__ import annotations

from outreach.core.rules import review_date, today_iso
from outreach.core.validation import FieldError, ValidationError
from outreach.ops import OpChanges
from outreach.store.records import Store


class EpisodeError(ValueError):
    pass


def decide_referral(store: Store, *, referral_id: str, accept: bool,
                    reason: str | None = None, on: str | None = None) -> OpChanges:
    changes: dict[str, str | None] = {"status": "accepted" if accept else "declined",
                                      "decided_on": on or today_iso()}
    if not accept:
        changes["decline_reason"] = reason
    return OpChanges().add(store.update(referral_id, changes))


def start_episode(store: Store, *, person_id: str, referral_id: str | None = None,
                  key_worker: str | None = None, started_on: str | None = None) -> OpChanges:
    with store.transaction():
        if any(not e.get("ended_on") for e in store.query("episode", person_id=person_id)):
            raise EpisodeError("This person already has an open period of support.")
        start = started_on or today_iso()
        person = store.require(person_id)
        rec = store.create("episode", {
            "referral_id": referral_id, "started_on": start, "review_on": review_date(start),
            "key_worker": key_worker or person.get("key_worker") or store.user or None},
            person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def end_episode(store: Store, *, episode_id: str, reason: str, notes: str | None = None,
                ended_on: str | None = None) -> OpChanges:
    return OpChanges().add(store.update(episode_id, {
        "ended_on": ended_on or today_iso(), "exit_reason": reason, "exit_notes": notes}))


def reopen(store: Store, *, person_id: str, started_on: str | None = None) -> OpChanges:
    """Support again, quickly: a new period linked to the last accepted referral."""
    refs = [r for r in store.query("referral", person_id=person_id)
            if r.get("status") == "accepted"]
    if not store.query("episode", person_id=person_id):
        raise EpisodeError("There is no earlier period of support to reopen.")
    ref_id = max(refs, key=lambda r: r["received_on"])["id"] if refs else None
    return start_episode(store, person_id=person_id, referral_id=ref_id,
                         started_on=started_on)


def record_review(store: Store, *, episode_id: str, note: str, next_review_on: str | None,
                  reviewed_on: str | None = None) -> OpChanges:
    """Record a care-plan review of an open period of support: by the store's user, on
    ``reviewed_on`` (default today), what it found (required) and the next review date
    (``None``: open-ended, no further review planned). The episode keeps its latest
    review; earlier ones are in the change history that syncs and the server's audit log.
    """
    episode = store.require(episode_id)
    if episode["kind"] != "episode":
        raise EpisodeError("That is not a period of support.")
    if episode.get("ended_on"):
        raise EpisodeError("This period of support has ended: reopen support to review it.")
    if not note.strip():
        raise ValidationError([FieldError("episode", "What the last review found",
                                          "say what the review found", episode_id)])
    on = reviewed_on or today_iso()
    if next_review_on is not None and next_review_on <= on:
        raise ValidationError([FieldError("episode", "Review due",
                                          "the next review must be after this one",
                                          episode_id)])
    return OpChanges().add(store.update(episode_id, {
        "reviewed_on": on, "reviewed_by": store.user or "", "review_note": note.strip(),
        "review_on": next_review_on}))
