"""The person's network: family, carers, friends and others who matter to them, with how
to reach them and whether the person agrees to us contacting them (issue 14 item 8).

Each is a ``network_contact`` record of the person, so it syncs to their team like the
rest of their file. ``may_contact`` is the person's own answer: not recorded counts as
no (:func:`may_contact`), and the file says so plainly.

Threading: plain functions over an unlocked store; safe on any one thread at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from outreach.core import records as rk
from outreach.core.validation import FieldError, ValidationError
from outreach.ops import OpChanges
from outreach.store.records import Store

FIELDS = tuple(f.name for f in rk.NETWORK_CONTACT.fields)


def may_contact(contact: Mapping[str, Any]) -> bool:
    """Whether the person agrees to us contacting this person (not recorded: no)."""
    return contact.get("may_contact") is True


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError([FieldError("network_contact", name, "is not a known field")
                               for name in sorted(unknown)])
    return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}


def contacts(store: Store, person_id: str) -> list[dict[str, Any]]:
    """The people who matter to this person, by name."""
    return sorted(store.query("network_contact", person_id=person_id),
                  key=lambda c: str(c.get("name") or "").casefold())


def add_contact(store: Store, *, person_id: str, values: Mapping[str, Any]) -> OpChanges:
    """Add someone who matters to the person (name and relationship required)."""
    rec = store.create("network_contact", _clean(values), person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def _require_contact(store: Store, contact_id: str) -> dict[str, Any]:
    rec = store.require(contact_id)
    if rec["kind"] != "network_contact":
        raise ValidationError([FieldError("network_contact", "contact",
                                          "is not someone in a person's network",
                                          contact_id)])
    return rec


def update_contact(store: Store, contact_id: str, values: Mapping[str, Any]) -> OpChanges:
    """Change some details (a field set to ``None`` or "" is cleared)."""
    _require_contact(store, contact_id)
    return OpChanges().add(store.update(contact_id, _clean(values)))


def remove_contact(store: Store, contact_id: str) -> OpChanges:
    """Take someone off the person's network (the removal syncs to the team)."""
    rec = _require_contact(store, contact_id)
    store.delete(contact_id)
    return OpChanges().add(rec)
