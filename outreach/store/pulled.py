"""Checks on what a laptop receives from the server, before it is stored.

The server is trusted to scope what it sends, but a laptop must not let one malformed
record (an old or faulty server, a record planted before the server checked pushes) crash
a screen or write into a record it should not. :func:`problem` says, in plain words,
what is wrong with a pulled record state, or ``None``; the sync store sets such records
aside (``syncstore.StoreSync``) instead of storing them.

What is checked, cheaply enough for a first sync of 200,000 records:

* the kind is known, and the record has a person exactly when its kind needs one;
* a record held here already keeps its kind and person;
* a live record has its required fields;
* a ``conflict`` is checked whole: its values are valid, it names a record held here,
  of the kind it says, under the same person, and a free-text field of that kind; its
  ``versions`` are one or two ``{value, hlc, author, device}`` objects. (A conflict may
  arrive before the record it names: it is kept, and shown only once that record is
  here and matches; :func:`conflict_problem` is asked again when it is shown.)

Pure functions (the caller passes what it read from the store): no SQL, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from outreach.core import records as rk
from outreach.core.validation import validate

MAX_SET_ASIDE = 100             # reasons kept in the store's meta for the sync panel


def problem(*, kind: str, record_id: str, person_id: str | None, data: Mapping[str, Any],
            deleted: bool, held: tuple[str, str | None] | None) -> str | None:
    """What is wrong with a pulled record state (``held``: the (kind, person_id) of the
    record with this id held here, if any); ``None`` when it can be stored."""
    spec = rk.KINDS.get(kind)
    if spec is None:
        return "it is of a kind this version of Outreach does not know"
    if kind == "person":
        if person_id not in (None, record_id):
            return "a person record names another person"
    elif spec.person_scoped and not person_id and kind != "conflict":
        return "it belongs to no person"
    elif not spec.person_scoped and person_id:
        return "a directory entry names a person"
    if held is not None and (held[0] != kind or (held[1] or None) != (person_id or None)):
        return "it does not match the record of the same id on this laptop"
    if deleted:
        return None
    for f in spec.fields:
        if f.required and data.get(f.name) in (None, "", []):
            return f"its required field {f.name!r} is missing"
    return None


def conflict_problem(conflict: Mapping[str, Any], *, person_id: str | None,
                     target: tuple[str, str | None] | None,
                     target_may_follow: bool = False) -> str | None:
    """What is wrong with a conflict's values (``target``: the (kind, person_id) of the
    record it names, as held here, or ``None`` when it is not held).

    ``target_may_follow``: at a pull, a conflict may arrive before the record it names
    (the record's state has a later number once edited again), so a missing target is
    not a fault then; the conflict is stored and the inbox shows it only once its target
    is here, under the same person (checked again when shown and when resolved)."""
    fields = rk.KINDS["conflict"].by_name
    if validate("conflict", {k: v for k, v in conflict.items() if k in fields}):
        return "its values are not valid"
    versions = conflict.get("versions")
    if not isinstance(versions, list) or not 1 <= len(versions) <= 2 or not all(
            _is_version(v) for v in versions):
        return "its versions are not readable"
    if target is None:
        return None if target_may_follow else "it names a record this laptop does not hold"
    kind, target_person = target
    if kind != conflict.get("record_kind") or (target_person or None) != (person_id or None):
        return "it names a record of another kind or another person"
    spec = rk.KINDS.get(kind)
    f = spec.by_name.get(str(conflict.get("field"))) if spec else None
    if f is None or f.type is not rk.FieldType.TEXT:
        return "it names a field that is not free text"
    return None


def _is_version(v: Any) -> bool:
    return (isinstance(v, dict) and isinstance(v.get("hlc"), str)
            and isinstance(v.get("author", ""), str) and isinstance(v.get("device", ""), str)
            and (v.get("value") is None or isinstance(v.get("value"), str)))
