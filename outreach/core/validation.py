"""Validation of records against their declarations, with messages a practitioner understands.

``validate(kind, values)`` returns a list of :class:`FieldError`; an empty list means the
values may be saved. It checks types, required fields, choices, lengths and ranges, then the
rules that span fields (an ended episode needs a reason, a declined referral a reason, ...).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from outreach.core.records import KINDS, META_FIELDS, Field, FieldType, RecordKind


@dataclass(frozen=True)
class FieldError:
    kind: str
    field: str
    message: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = KINDS[self.kind].label if self.kind in KINDS else self.kind
        rid = f" {self.record_id}" if self.record_id else ""
        return f"{where}{rid}, {self.field}: {self.message}"


class ValidationError(ValueError):
    """Raised by the store and ops when values do not pass :func:`validate`."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        return None
    # Only YYYY-MM-DD: dates are compared as strings, so "2026-W13-2" must not pass.
    return parsed if parsed.isoformat() == value else None


def parse_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _check_value(spec: Field, value: Any) -> str | None:
    """A message if ``value`` is not a valid value of ``spec`` (``None`` is handled before)."""
    t = spec.type
    if t in (FieldType.TEXT, FieldType.STRING):
        if not isinstance(value, str):
            return "must be text"
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains characters that are not valid text (unpaired surrogates)"
        if spec.max_length is not None and len(value) > spec.max_length:
            return f"is too long ({len(value):,} characters; at most {spec.max_length:,})"
    elif t is FieldType.CHOICE:
        if value not in spec.codes:
            return f"must be one of: {', '.join(spec.codes)}"
    elif t is FieldType.MULTI:
        if not isinstance(value, list) or any(v not in spec.codes for v in value):
            return f"must be a list of: {', '.join(spec.codes)}"
        if len(set(value)) != len(value):
            return "lists the same choice twice"
    elif t is FieldType.DATE:
        if parse_date(value) is None:
            return "must be a date like 2026-03-31"
    elif t is FieldType.DATETIME:
        if parse_datetime(value) is None:
            return "must be a date and time with a time zone, like 2026-03-31T14:30:00+01:00"
    elif t is FieldType.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if spec.minimum is not None and value < spec.minimum:
            return f"must be at least {spec.minimum}"
        if spec.maximum is not None and value > spec.maximum:
            return f"must be at most {spec.maximum}"
    elif t is FieldType.INTS:
        if not isinstance(value, list) or any(
                isinstance(v, bool) or not isinstance(v, int) for v in value):
            return "must be a list of whole numbers"
    elif t is FieldType.BOOL:
        if not isinstance(value, bool):
            return "must be yes or no (true or false)"
    elif t is FieldType.REF:
        if not is_uuid(value):
            return "must be the id of a record"
    elif t is FieldType.JSON:
        if not isinstance(value, (list, dict)):
            return "must be a list or an object"
    return None


def validate(kind_name: str, values: Mapping[str, Any], *,
             record_id: str | None = None, partial: bool = False) -> list[FieldError]:
    """Check ``values`` (fields only, no metadata) for a record of kind ``kind_name``.

    With ``partial=True`` only the given fields are checked (an update of some fields);
    rules across fields are then checked by the caller on the merged record.
    """
    spec = KINDS.get(kind_name)
    if spec is None:
        return [FieldError(kind_name, "kind", f"unknown kind of record {kind_name!r}", record_id)]
    errors: list[FieldError] = []

    def err(name: str, message: str) -> None:
        label = spec.by_name[name].label if name in spec.by_name else name
        errors.append(FieldError(kind_name, label, message, record_id))

    for name in values:
        if name in META_FIELDS:
            err(name, "is kept by Outreach itself and cannot be set")
        elif name not in spec.by_name:
            err(name, "is not a field of this record")
    for f in spec.fields:
        value = values.get(f.name)
        if value is None or value == "" or value == []:
            if f.required and (not partial or f.name in values):
                err(f.name, "is required")
            continue
        message = _check_value(f, value)
        if message:
            err(f.name, message)
    if not partial and not errors:
        for name, message in _rules(spec, values):
            err(name, message)
    return errors


def _rules(spec: RecordKind, v: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Rules that span fields, in the words a practitioner would use."""
    out: list[tuple[str, str]] = []
    if spec.name == "referral":
        if v.get("status") == "declined" and not v.get("decline_reason"):
            out.append(("decline_reason", "say why the referral was declined"))
        if v.get("status") in ("accepted", "declined") and not v.get("decided_on"):
            out.append(("decided_on", "say when the decision was made"))
        if v.get("decided_on") and v["decided_on"] < v["received_on"]:
            out.append(("decided_on", "cannot be before the referral was received"))
    elif spec.name == "episode":
        if v.get("ended_on"):
            if v["ended_on"] < v["started_on"]:
                out.append(("ended_on", "cannot be before support started"))
            if not v.get("exit_reason"):
                out.append(("exit_reason", "say why support ended"))
        elif v.get("exit_reason"):
            out.append(("ended_on", "say when support ended"))
    elif spec.name == "measure":
        from outreach.core.scoring import instrument_spec

        inst = instrument_spec(v["instrument"])
        answers = v["answers"]
        if len(answers) != len(inst.items):
            out.append(("answers", f"{inst.name} has {len(inst.items)} questions; "
                                   f"{len(answers)} answers were given"))
        elif any(a < inst.answer_min or a > inst.answer_max for a in answers):
            out.append(("answers", f"each answer must be from {inst.answer_min} "
                                   f"to {inst.answer_max}"))
    elif spec.name == "risk_flag":
        if v.get("status") == "closed" and not v.get("closed_on"):
            out.append(("closed_on", "say when the flag was closed"))
    return out
