"""Use cases: the only API the desktop app and the CLI call.

Ops are grouped by area (``outreach/ops/<area>.py``). Each takes an unlocked
:class:`~outreach.store.records.Store` and plain values (ids, field values), runs in one
transaction, and returns :class:`OpChanges` naming what changed so each view decides what
to redraw. Ops never touch Qt; they may be run on a background thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OpChanges:
    """What an op changed: the record ids by kind, and whether the caseload list moved."""

    records: dict[str, set[str]] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)
    sync: bool = False
    id: str | None = None          # the id of the record an op made, when it made one

    def add(self, record: dict) -> OpChanges:
        self.records.setdefault(record["kind"], set()).add(record["id"])
        if record.get("person_id"):
            self.people.add(record["person_id"])
        return self

    def touches(self, kind: str) -> bool:
        return bool(self.records.get(kind))

    def merge(self, other: OpChanges) -> OpChanges:
        for kind, ids in other.records.items():
            self.records.setdefault(kind, set()).update(ids)
        self.people |= other.people
        self.sync = self.sync or other.sync
        return self
