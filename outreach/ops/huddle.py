"""The huddle as a record: the date, who was there, the people discussed (what the team
said about each) and the actions agreed, each with an owner and a due date.

The huddle record itself belongs to the team (no person: it syncs to the team's laptops
only, never organisation-wide). What was said about a person and the actions about them
are that person's records (``huddle_discussion``, ``huddle_action``): they follow the
person's team and go with an erasure. An open action appears in its owner's follow-ups on
Today until it is marked done (:func:`complete_action`).

Threading: plain functions over an unlocked store; safe on any one thread at a time.
Each write runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach.core.records import title_of
from outreach.core.rules import today_iso
from outreach.core.validation import FieldError, ValidationError
from outreach.ops import OpChanges
from outreach.store.records import Store


@dataclass
class HuddleRecord:
    """One huddle as read back: the record, what was said about whom, the actions."""

    huddle: dict[str, Any]
    discussed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (name, rec)
    actions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)    # (name, rec)


def record_huddle(store: Store, *, held_on: str, attendees: str, notes: str = "",
                  discussed: Iterable[Mapping[str, Any]] = (),
                  actions: Iterable[Mapping[str, Any]] = ()) -> OpChanges:
    """Save a huddle in one transaction. ``discussed``: ``{"person_id", "notes"}`` per
    person talked about; ``actions``: ``{"person_id", "action", "owner", "due_on"}``.
    A person with an action counts as discussed even if not listed. Nothing is saved if
    any part is invalid."""
    if not attendees.strip():
        raise ValidationError([FieldError("huddle", "Who was there",
                                          "say who was at the huddle")])
    talked = {d["person_id"]: (d.get("notes") or "").strip() for d in discussed}
    todo = [dict(a) for a in actions]
    for a in todo:
        if not str(a.get("action") or "").strip():
            raise ValidationError([FieldError("huddle_action", "Action",
                                              "say what is to be done")])
        if not str(a.get("owner") or "").strip():
            raise ValidationError([FieldError("huddle_action", "Who will do it",
                                              "say who will do it")])
        talked.setdefault(a["person_id"], "")
    with store.transaction():
        for pid in talked:
            person = store.get(pid)
            if person is None or person["kind"] != "person":
                raise ValidationError([FieldError("huddle_discussion", "Person",
                                                  "is not a person on this laptop")])
        huddle = store.create("huddle", {"held_on": held_on, "attendees": attendees.strip(),
                                         "notes": notes.strip() or None})
        out = OpChanges().add(huddle)
        for pid, said in talked.items():
            out.add(store.create("huddle_discussion", {"huddle_id": huddle["id"],
                                                       "notes": said or None},
                                 person_id=pid))
        for a in todo:
            out.add(store.create("huddle_action", {
                "huddle_id": huddle["id"], "action": str(a["action"]).strip(),
                "owner": str(a["owner"]).strip(), "due_on": a.get("due_on"),
                "status": "open"}, person_id=a["person_id"]))
    out.id = huddle["id"]
    return out


def complete_action(store: Store, action_id: str) -> OpChanges:
    """Mark an open huddle action done, by the store's user, today."""
    action = store.require(action_id)
    if action["kind"] != "huddle_action":
        raise ValidationError([FieldError("huddle_action", "action", "is not a huddle action",
                                          action_id)])
    if action.get("status") != "open":
        raise ValidationError([FieldError("huddle_action", "Status",
                                          "this action is already done", action_id)])
    return OpChanges().add(store.update(action_id, {
        "status": "done", "done_on": today_iso(), "done_by": store.user or ""}))


def huddles(store: Store) -> list[dict[str, Any]]:
    """Every huddle this laptop holds (its team's), newest first."""
    return sorted(store.query("huddle"), key=lambda h: (h["held_on"], h["created_at"]),
                  reverse=True)


def read_huddle(store: Store, huddle_id: str) -> HuddleRecord:
    """One huddle with the people discussed and its actions (names as shown on screen)."""
    huddle = store.require(huddle_id)
    names: dict[str, str] = {}

    def name(pid: str) -> str:
        if pid not in names:
            person = store.get(pid)
            names[pid] = title_of(person) if person else ""
        return names[pid]

    out = HuddleRecord(huddle)
    for d in store.query("huddle_discussion"):
        if d.get("huddle_id") == huddle_id:
            out.discussed.append((name(d["person_id"]), d))
    for a in store.query("huddle_action"):
        if a.get("huddle_id") == huddle_id:
            out.actions.append((name(a["person_id"]), a))
    out.discussed.sort(key=lambda pair: pair[0].casefold())
    out.actions.sort(key=lambda pair: (pair[1].get("due_on") or "", pair[0].casefold()))
    return out
