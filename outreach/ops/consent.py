"""Consent: what the person agreed to, changes over time, and the one check every export
and referral that names them goes through (issue 14 item 7).

The person's record holds the current answers (``consent_record``, ``consent_share``),
recorded at the welcome; :func:`set_consent` changes one and, in the same transaction,
appends a ``consent_change`` record (what, from and to, when, who, how they told us), so
the history travels with the person to every laptop of their team. The gates read the
current value only, through :func:`outreach.core.rules.may_share`.

Threading: plain functions over an unlocked store; safe on any one thread at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from outreach.core import records as rk
from outreach.core.rules import may_share, today_iso
from outreach.core.validation import FieldError, ValidationError
from outreach.ops import OpChanges
from outreach.store.records import NotFound, Store

#: The person's field for each consent topic.
FIELD_OF = {"share": "consent_share", "record": "consent_record"}


class NotAgreedToShare(Exception):
    """Something that would pass a person's details on (an export naming them, a referral)
    was asked for someone who has not agreed to their record being shared with partner
    services (``consent_share`` not recorded as yes)."""

    def __init__(self, person_id: str) -> None:
        super().__init__(person_id)
        self.person_id = person_id


@dataclass(frozen=True)
class ConsentEvent:
    """One line of the consent history: ``agreed`` is None when it was never recorded."""

    topic: str
    agreed: bool | None
    previous: bool | None
    on: str
    by: str
    note: str
    at_welcome: bool = False


def _person(store: Store, person_id: str) -> dict[str, Any]:
    person = store.get(person_id)
    if person is None or person["kind"] != "person":
        raise NotFound(person_id)
    return person


def require_share(store: Store, person_id: str) -> dict[str, Any]:
    """The person's record if they agreed to share; :class:`NotAgreedToShare` if not
    (:class:`~outreach.store.records.NotFound` for an unknown person)."""
    person = _person(store, person_id)
    if not may_share(person):
        raise NotAgreedToShare(person_id)
    return person


def set_consent(store: Store, *, person_id: str, topic: str, agreed: bool,
                note: str = "", on: str | None = None) -> OpChanges:
    """Record that the person now agrees (or no longer agrees) to ``topic`` ("share" or
    "record"): the person's field changes and a ``consent_change`` records what it was,
    when, who recorded it (the store's user) and how they told us. Recording the answer
    they already gave changes nothing and adds no history line."""
    if topic not in FIELD_OF:
        raise ValidationError([FieldError("consent_change", "What the consent is about",
                                          "must be sharing or keeping a record", person_id)])
    name = FIELD_OF[topic]
    with store.transaction():
        person = _person(store, person_id)
        before = person.get(name)
        if before is agreed:
            return OpChanges()
        change = store.create("consent_change", {
            "topic": topic, "agreed": agreed, "previous": before,
            "changed_on": on or today_iso(), "recorded_by": store.user or "",
            "note": note.strip() or None}, person_id=person_id)
        updated = store.update(person_id, {name: agreed})
    out = OpChanges().add(change).add(updated)
    out.id = change["id"]
    return out


def set_consents(store: Store, *, person_id: str, answers: Mapping[str, bool],
                 note: str = "", on: str | None = None) -> OpChanges:
    """:func:`set_consent` for each topic in ``answers``, all in one transaction."""
    out = OpChanges()
    with store.transaction():
        for topic, agreed in answers.items():
            out.merge(set_consent(store, person_id=person_id, topic=topic, agreed=agreed,
                                  note=note, on=on))
    return out


def history(person: Mapping[str, Any], changes: Iterable[Mapping[str, Any]]
            ) -> list[ConsentEvent]:
    """The consent history, oldest first: what was recorded when the person was first
    recorded (at the welcome; the first change's "before", else the current value), then
    every change. Pure: the person's record and their ``consent_change`` records."""
    ordered = sorted(changes, key=lambda c: (c["changed_on"], c.get("created_at") or ""))
    events = []
    for topic, name in FIELD_OF.items():
        first = next((c for c in ordered if c["topic"] == topic), None)
        start = first.get("previous") if first is not None else person.get(name)
        events.append(ConsentEvent(
            topic, start, None, str(person.get("created_at") or "")[:10],
            str(person.get("created_by") or ""), "", at_welcome=True))
    events += [ConsentEvent(c["topic"], c["agreed"], c.get("previous"), c["changed_on"],
                            c.get("recorded_by") or c.get("created_by") or "",
                            c.get("note") or "") for c in ordered]
    return events


def consent_history(store: Store, person_id: str) -> list[ConsentEvent]:
    """:func:`history` of one person, read from the store."""
    return history(_person(store, person_id),
                   store.query("consent_change", person_id=person_id))


def topic_label(topic: str) -> str:
    return rk.CONSENT_CHANGE.field("topic").choice_label(topic)


def agreed_to_share(store: Store, person_id: str) -> bool:
    """Whether the person agreed to share (the current value; unknown person: no)."""
    person = store.get(person_id)
    return person is not None and person["kind"] == "person" and may_share(person)
