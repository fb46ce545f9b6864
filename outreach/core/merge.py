"""Merge rules shared by the sync server and the laptops. Pure Python: no SQL, no Qt.

A record is a mapping of field -> value plus ``clocks``: field -> the hybrid-clock stamp of
the write that set that value (``outreach.core.hlc``; plain string order is causal order).
A field whose value was cleared keeps its stamp and has no value. ``clocks["_deleted"]``
marks a tombstone; once deleted a record stays deleted (deletion wins, so every replica
converges whatever order it sees the writes in).

Two operations:

* :func:`merge_state` joins two states of the same record, field by field, the higher stamp
  winning. It is commutative, associative and idempotent, so laptops that apply the same
  states in any order, any number of times, end identical.
* :func:`apply_change` applies one pushed change to the server's state. Structured fields
  take the higher stamp. A free-text field (``FieldType.TEXT``) edited concurrently — the
  change's ``base`` stamp differs from the current stamp and the values differ — still
  takes the higher stamp (so all devices converge) but is also reported as a
  :class:`TextConflict` carrying BOTH versions, from which the server makes a ``conflict``
  record that both authors' devices receive. Append-only kinds never conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach.core.records import KINDS, FieldType

DELETED = "_deleted"


@dataclass(frozen=True)
class FieldVersion:
    value: Any
    hlc: str
    author: str
    device: str

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "hlc": self.hlc, "author": self.author,
                "device": self.device}


@dataclass(frozen=True)
class TextConflict:
    field: str
    versions: tuple[FieldVersion, ...]


@dataclass
class Merged:
    data: dict[str, Any]
    clocks: dict[str, str]
    changed: set[str] = field(default_factory=set)
    conflicts: list[TextConflict] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return DELETED in self.clocks


def _newer(stamp: str | None, than: str | None) -> bool:
    return stamp is not None and (than is None or stamp > than)


def merge_state(data: Mapping[str, Any], clocks: Mapping[str, str],
                in_data: Mapping[str, Any], in_clocks: Mapping[str, str]) -> Merged:
    """Join an incoming state into the current one; ``changed`` names fields that moved."""
    out_data = dict(data)
    out_clocks = dict(clocks)
    changed: set[str] = set()
    for name, stamp in in_clocks.items():
        if not _newer(stamp, out_clocks.get(name)):
            continue
        out_clocks[name] = stamp
        changed.add(name)
        if name == DELETED:
            continue
        if in_data.get(name) is None:
            out_data.pop(name, None)
        else:
            out_data[name] = in_data[name]
    return Merged(out_data, out_clocks, changed)


def apply_change(*, kind: str, data: Mapping[str, Any], clocks: Mapping[str, str],
                 fields: Mapping[str, Any], base: Mapping[str, str | None], stamp: str,
                 op: str, author: str, device: str, exists: bool,
                 author_of: Callable[[str], tuple[str, str]] = lambda s: ("", "")
                 ) -> Merged:
    """Apply one change (``op`` "upsert" or "delete") written at ``stamp``.

    ``author_of(stamp)`` names who wrote the current value of a field (for the versions
    of a conflict). ``exists`` says whether the record was known before this change.
    """
    spec = KINDS[kind]
    out_data = dict(data)
    out_clocks = dict(clocks)
    merged = Merged(out_data, out_clocks)
    if op == "delete":
        if _newer(stamp, out_clocks.get(DELETED)):
            out_clocks[DELETED] = stamp
            merged.changed.add(DELETED)
        return merged
    for name, value in fields.items():
        current_stamp = out_clocks.get(name)
        current_value = out_data.get(name)
        f = spec.by_name.get(name)
        concurrent = (exists and not spec.append_only and f is not None
                      and f.type is FieldType.TEXT and current_stamp is not None
                      and base.get(name) != current_stamp and current_value != value
                      and current_stamp != stamp)
        if concurrent:
            who, dev = author_of(current_stamp or "")
            mine = FieldVersion(value, stamp, author, device)
            theirs = FieldVersion(current_value, current_stamp or "", who, dev)
            versions = tuple(sorted((theirs, mine), key=lambda v: v.hlc))
            merged.conflicts.append(TextConflict(name, versions))
        if _newer(stamp, current_stamp):
            out_clocks[name] = stamp
            merged.changed.add(name)
            if value is None:
                out_data.pop(name, None)
            else:
                out_data[name] = value
    return merged


def conflict_fields(*, record_id: str, record_kind: str,
                    conflict: TextConflict) -> dict[str, Any]:
    """The fields of the ``conflict`` record that keeps both versions of a text field."""
    return {"record_id": record_id, "record_kind": record_kind, "field": conflict.field,
            "versions": [v.as_dict() for v in conflict.versions], "status": "open"}


def max_stamp(clocks: Mapping[str, str]) -> str | None:
    """The latest stamp in a record's clocks (for moving a local clock past it)."""
    return max(clocks.values()) if clocks else None
