"""Changes the server refused, as the Sync page shows them (issue 13 item 12): list them
with the server's reason, resend after a fix, or discard when the person confirms.

Threading: call from a background operation (each function opens one store transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach.core import records as rk
from outreach.store import quarantine
from outreach.store.records import Store


@dataclass
class RefusedChange:
    change_id: str
    record_id: str
    what: str               # "Person: Robin Example", "Care plan for Robin Example"
    reason: str             # the server's words
    fields: dict[str, Any]  # the change's values (field -> value)
    to_fix: list[str] = field(default_factory=list)   # fields the server named, if any
    deletion: bool = False
    labels: dict[str, str] = field(default_factory=dict)   # field -> its label


def _name(store: Store, person_id: str | None) -> str:
    person = store.get(person_id) if person_id else None
    if not person:
        return ""
    first = person.get("preferred_name") or person.get("given_name") or ""
    return f"{first} {person.get('family_name') or ''}".strip()


def refused_changes(store: Store) -> list[RefusedChange]:
    """The changes waiting for a decision, oldest first."""
    out = []
    for item in quarantine.listing(store):
        spec = rk.KINDS.get(item["kind"])
        label = spec.label if spec else item["kind"]
        name = _name(store, item["person_id"] or (item["record_id"]
                                                  if item["kind"] == "person" else None))
        what = f"{label}: {name}" if item["kind"] == "person" else \
            (f"{label} for {name}" if name else label)
        named = item["details"].get("fields")
        by_label = {f.label: f.name for f in spec.fields} if spec else {}
        to_fix = [by_label.get(f, f) for f in named if isinstance(f, str)
                  and by_label.get(f, f) in item["fields"]] if isinstance(named, list) else []
        out.append(RefusedChange(change_id=item["change_id"], record_id=item["record_id"],
                                 what=what, reason=item["reason"], fields=item["fields"],
                                 to_fix=to_fix, deletion=item["op"] == "delete",
                                 labels={f.name: f.label for f in spec.fields}
                                 if spec else {}))
    return out


def refused_count(store: Store) -> int:
    return quarantine.count(store)


def resend(store: Store, change_id: str, fixes: Mapping[str, Any] | None = None) -> None:
    """Save the corrected values and send the change again at the next sync. Raises the
    store's ``ValidationError`` (with plain messages) when a value is still not valid."""
    quarantine.resend(store, change_id, fixes)


def discard(store: Store, change_id: str) -> None:
    """Drop the change for good (ask the person first); the record goes back to the
    server's version at the next sync."""
    quarantine.discard(store, change_id)
