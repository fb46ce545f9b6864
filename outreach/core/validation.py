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


# -- rules for new writes: "when it happened" dates and contact details -----------------------
#
# These depend on the clock (or on a phone-number library) rather than on the record alone,
# so they are checked when a record is written on this laptop (ops, the CLI, the desktop
# app: ``Store.create`` and ``Store.update`` call :func:`write_errors` on the fields being
# written) and never when records arrive by sync or are restored from an export: a record
# another laptop already saved must always be accepted, and a warning is never a refusal.

CLOCK_SKEW = dt.timedelta(minutes=5)
"""How far past "now" a "when it happened" moment may be (laptop clocks drift a little)."""

LONG_PAST = dt.timedelta(days=366)
"""Older than this, a "when it happened" date is worth a second look (a warning)."""

PAST_EVENTS: dict[str, tuple[str, ...]] = {
    "person": ("date_of_birth",),
    "referral": ("received_on", "decided_on"),
    "episode": ("started_on", "ended_on"),
    "conversation": ("occurred_at",),
    "goal": ("set_on", "achieved_on"),
    "goal_rating": ("rated_on",),
    "measure": ("completed_on",),
    "risk_flag": ("raised_on", "closed_on"),
    "service_link": ("linked_on",),
    # issue 14 item 11 (a job start may be recorded ahead, so it is not listed)
    "exit_feedback": ("completed_on",),
    "life_check": ("checked_on",),
    "consent_change": ("changed_on",),
}
"""Fields that record when something happened, so they cannot be in the future.

Dates meant for later (review dates, follow-ups) are not listed."""

NO_LONG_PAST_WARNING = frozenset({("person", "date_of_birth")})


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone()


def _when_of(spec: Field, value: Any) -> tuple[dt.datetime | None, dt.date | None]:
    if spec.type is FieldType.DATETIME:
        moment = parse_datetime(value)
        return moment, moment.astimezone().date() if moment else None
    day = parse_date(value)
    return None, day


def _shown(day: dt.date, moment: dt.datetime | None = None) -> str:
    text = f"{day.day} {day.strftime('%b %Y')}"
    if moment is not None:
        text += moment.astimezone().strftime(" %H:%M")
    return text


def when_errors(kind_name: str, values: Mapping[str, Any], *,
                now: dt.datetime | None = None, record_id: str | None = None
                ) -> list[FieldError]:
    """Refuse "when it happened" dates in the future (beyond :data:`CLOCK_SKEW`).

    Dates without a time are compared with today's date on this laptop. Values that are
    not readable dates are left to :func:`validate`.
    """
    spec = KINDS.get(kind_name)
    if spec is None:
        return []
    limit = _now(now) + CLOCK_SKEW
    errors = []
    for name in PAST_EVENTS.get(kind_name, ()):
        moment, day = _when_of(spec.by_name[name], values.get(name))
        if day is None:
            continue
        future = moment > limit if moment is not None else day > limit.date()
        if future:
            f = spec.by_name[name]
            errors.append(FieldError(
                kind_name, f.label,
                f"is in the future ({_shown(day, moment)}). Use the date it happened: "
                "Outreach cannot record something that has not happened yet. Check the "
                "laptop's date and time if that is already right.", record_id))
    return errors


def when_warnings(kind_name: str, values: Mapping[str, Any], *,
                  now: dt.datetime | None = None, record_id: str | None = None
                  ) -> list[FieldError]:
    """"When it happened" dates more than a year ago: worth asking "is that right?".

    A warning, never a refusal: old records (an import, a late write-up) are allowed.
    """
    spec = KINDS.get(kind_name)
    if spec is None:
        return []
    oldest = (_now(now) - LONG_PAST).date()
    out = []
    for name in PAST_EVENTS.get(kind_name, ()):
        if (kind_name, name) in NO_LONG_PAST_WARNING:
            continue
        moment, day = _when_of(spec.by_name[name], values.get(name))
        if day is not None and day < oldest:
            out.append(FieldError(kind_name, spec.by_name[name].label,
                                  f"is more than a year ago ({_shown(day, moment)}). "
                                  "Is that the right date?", record_id))
    return out


CONTACT_FIELDS = {"person": {"phone": "phone", "email": "email"},
                  "network_contact": {"phone": "phone", "email": "email"}}
"""Contact fields checked for syntax when written (only a person's own details)."""


def phone_problem(value: str) -> str | None:
    """Why ``value`` is not a phone number we could dial (UK by default), or ``None``.

    Syntax only, with the maintained ``phonenumbers`` library: nothing is looked up.
    """
    import phonenumbers

    reasons = phonenumbers.ValidationResult
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return ("is not a phone number. Write only the number here, like 07700 900123; "
                "their own words about contact go in the contact preferences.")
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == reasons.IS_POSSIBLE:
        return None
    if reason in (reasons.TOO_SHORT, reasons.IS_POSSIBLE_LOCAL_ONLY):
        return "is too short for a phone number: include the area code, like 0113 496 0000."
    if reason == reasons.TOO_LONG:
        return "is too long for a phone number: check the digits."
    return "is not a phone number we could dial: check the digits and the country code."


def email_problem(value: str) -> str | None:
    """Why ``value`` is not an email address, or ``None``.

    Syntax only, with ``email-validator`` (the library pydantic uses); no DNS look-up.
    """
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return (f"is not an email address ({str(exc).rstrip('.')}). Write only the "
                "address here, like name@example.org.")
    return None


def contact_errors(kind_name: str, values: Mapping[str, Any], *,
                   record_id: str | None = None) -> list[FieldError]:
    """Check the syntax of a person's phone number and email address."""
    spec = KINDS.get(kind_name)
    checks = CONTACT_FIELDS.get(kind_name)
    if spec is None or not checks:
        return []
    errors = []
    for name, what in checks.items():
        value = values.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        problem = phone_problem(value) if what == "phone" else email_problem(value.strip())
        if problem:
            errors.append(FieldError(kind_name, spec.by_name[name].label, problem, record_id))
    return errors


def write_errors(kind_name: str, values: Mapping[str, Any], *,
                 now: dt.datetime | None = None, record_id: str | None = None
                 ) -> list[FieldError]:
    """The rules for fields being written on this laptop (see the note above)."""
    return (when_errors(kind_name, values, now=now, record_id=record_id)
            + contact_errors(kind_name, values, record_id=record_id))
