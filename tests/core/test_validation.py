"""Validation: every field type, required fields, cross-field rules, readable messages."""

from __future__ import annotations

import pytest

from outreach.core.records import KINDS, FieldType
from outreach.core.validation import FieldError, ValidationError, parse_date, validate

PID = "3f0b6f4e-8d1c-4a57-9a6c-2b1e5d7c9a10"


def messages(kind: str, values: dict, **kw) -> dict[str, str]:
    return {e.field: e.message for e in validate(kind, values, **kw)}


def good_person() -> dict:
    return {"given_name": "Testina", "family_name": "Quill"}


def test_a_valid_record_has_no_errors() -> None:
    assert validate("person", good_person()) == []


def test_unknown_kind_and_unknown_field() -> None:
    (error,) = validate("spaceship", {})
    assert error.field == "kind" and "unknown kind" in error.message
    assert messages("person", {**good_person(), "shoe_size": 9}) == {
        "shoe_size": "is not a field of this record"}


def test_metadata_names_cannot_be_set_as_fields() -> None:
    found = messages("person", {**good_person(), "created_by": "someone"})
    assert found == {"created_by": "is kept by Outreach itself and cannot be set"}


def test_required_fields_and_empty_values() -> None:
    assert messages("person", {})["First name"] == "is required"
    assert messages("person", {"given_name": ""})["First name"] == "is required"
    # a partial update checks only what it names
    assert validate("person", {"family_name": "X"}, partial=True) == []
    assert messages("person", {"given_name": None}, partial=True) == {"First name": "is required"}


# One bad and one good value for every field type, on real declarations.
CASES = [
    (FieldType.TEXT, "conversation", "notes", 42, "must be text"),
    (FieldType.TEXT, "conversation", "notes", "a\x00b", "must not contain NUL characters"),
    (FieldType.TEXT, "conversation", "notes", "x" * 50_001, "is too long (50,001 characters; "
                                                            "at most 50,000)"),
    (FieldType.STRING, "person", "pronouns", "y" * 41, "is too long (41 characters; at most 40)"),
    (FieldType.CHOICE, "conversation", "setting", "moon", "must be one of: outdoors, "
     "community_venue, listening_lounge, home, clinic, phone, video"),
    (FieldType.MULTI, "person", "contact_methods", ["pigeon"], "must be a list of: phone, text, "
     "email, letter, in_person"),
    (FieldType.MULTI, "person", "contact_methods", "phone", "must be a list of: phone, text, "
     "email, letter, in_person"),
    (FieldType.MULTI, "person", "contact_methods", ["phone", "phone"],
     "lists the same choice twice"),
    (FieldType.DATE, "person", "date_of_birth", "31/03/2026", "must be a date like 2026-03-31"),
    (FieldType.DATE, "person", "date_of_birth", "2026-02-30", "must be a date like 2026-03-31"),
    (FieldType.DATE, "person", "date_of_birth", "2026-W13-2", "must be a date like 2026-03-31"),
    (FieldType.DATETIME, "conversation", "occurred_at", "2026-03-31T14:30:00",
     "must be a date and time with a time zone, like 2026-03-31T14:30:00+01:00"),
    (FieldType.INT, "goal_rating", "score", "7", "must be a whole number"),
    (FieldType.INT, "goal_rating", "score", True, "must be a whole number"),
    (FieldType.INT, "goal_rating", "score", -1, "must be at least 0"),
    (FieldType.INT, "goal_rating", "score", 11, "must be at most 10"),
    (FieldType.INTS, "measure", "answers", [1, "2"], "must be a list of whole numbers"),
    (FieldType.INTS, "measure", "answers", [1, True], "must be a list of whole numbers"),
    (FieldType.BOOL, "person", "consent_record", "yes", "must be yes or no (true or false)"),
    (FieldType.REF, "addendum", "conversation_id", "not-an-id", "must be the id of a record"),
    (FieldType.JSON, "conflict", "versions", "text", "must be a list or an object"),
]
GOOD = {
    ("conversation", "notes"): "In their words.", ("person", "pronouns"): "they/them",
    ("conversation", "setting"): "outdoors", ("person", "contact_methods"): ["phone", "text"],
    ("person", "date_of_birth"): "1990-01-31",
    ("conversation", "occurred_at"): "2026-03-31T14:30:00+01:00",
    ("goal_rating", "score"): 10, ("measure", "answers"): [1, 2],
    ("person", "consent_record"): False,
    ("addendum", "conversation_id"): PID, ("conflict", "versions"): [{"text": "a"}],
}


def test_every_field_type_is_covered() -> None:
    assert {c[0] for c in CASES} == set(FieldType)


@pytest.mark.parametrize("ftype,kind,name,value,message", CASES,
                         ids=[f"{c[0].value}-{i}" for i, c in enumerate(CASES)])
def test_bad_values_get_a_plain_message(ftype, kind, name, value, message) -> None:
    spec = KINDS[kind].field(name)
    assert spec.type is ftype
    found = messages(kind, {name: value}, partial=True)
    assert found == {spec.label: message}
    assert validate(kind, {name: GOOD[(kind, name)]}, partial=True) == []


def test_error_text_names_the_record_and_field() -> None:
    (error,) = validate("person", {}, record_id=PID)
    assert error == FieldError("person", "First name", "is required", PID)
    assert str(error) == f"Person {PID}, First name: is required"
    exc = ValidationError([error])
    assert exc.errors == [error] and "First name: is required" in str(exc)


def referral(**kw) -> dict:
    return {"source": "gp", "received_on": "2026-03-01", "status": "pending", **kw}


def test_referral_rules() -> None:
    assert validate("referral", referral()) == []
    assert messages("referral", referral(status="declined", decided_on="2026-03-02")) == {
        "Why it was declined": "say why the referral was declined"}
    assert messages("referral", referral(status="accepted")) == {
        "Decided on": "say when the decision was made"}
    assert messages("referral", referral(status="accepted", decided_on="2026-02-01")) == {
        "Decided on": "cannot be before the referral was received"}


def test_episode_rules() -> None:
    base = {"started_on": "2026-03-01"}
    assert validate("episode", base) == []
    assert messages("episode", {**base, "ended_on": "2026-02-01", "exit_reason": "other"}) == {
        "Support ended": "cannot be before support started"}
    assert messages("episode", {**base, "ended_on": "2026-04-01"}) == {
        "Why support ended": "say why support ended"}
    assert messages("episode", {**base, "exit_reason": "moved_away"}) == {
        "Support ended": "say when support ended"}


def test_measure_rules_follow_the_instrument() -> None:
    ok = {"instrument": "swemwbs", "completed_on": "2026-03-01", "answers": [3] * 7}
    assert validate("measure", ok) == []
    too_few = messages("measure", {**ok, "answers": [3] * 6})["Answers"]
    assert "has 7 questions; 6 answers" in too_few
    assert messages("measure", {**ok, "answers": [0] * 7}) == {
        "Answers": "each answer must be from 1 to 5"}
    reqol = {"instrument": "reqol10", "completed_on": "2026-03-01", "answers": [0] * 10}
    assert validate("measure", reqol) == []
    assert messages("measure", {**reqol, "answers": [5] * 10}) == {
        "Answers": "each answer must be from 0 to 4"}


def test_risk_flag_rule() -> None:
    flag = {"level": "high", "concern": "Synthetic concern.", "raised_on": "2026-03-01",
            "status": "closed"}
    assert messages("risk_flag", flag) == {"Closed on": "say when the flag was closed"}
    assert validate("risk_flag", {**flag, "closed_on": "2026-03-05"}) == []


def test_cross_field_rules_wait_for_field_errors() -> None:
    # A bad date is reported as a bad date, not also compared with another date.
    found = messages("referral", referral(status="accepted", decided_on="yesterday"))
    assert found == {"Decided on": "must be a date like 2026-03-31"}


def test_parse_date_only_accepts_the_plain_form() -> None:
    assert parse_date("2026-03-31") is not None
    for text in ("20260331", "2026-W13-2", "2026-3-31", 20260331, None):
        assert parse_date(text) is None


def test_unpaired_surrogates_are_refused_with_a_clear_message():
    errors = validate("person", {"given_name": "Ada\ud800"})
    assert [e.message for e in errors] == [
        "contains characters that are not valid text (unpaired surrogates)"]


# -- issue 12.7: "when it happened" dates and contact details, checked when written -----------
NOW = __import__("datetime").datetime(2026, 12, 1, 9, 0, tzinfo=__import__("datetime").UTC)


def test_a_conversation_dated_a_year_ahead_is_refused_a_few_minutes_ahead_is_not() -> None:
    from outreach.core.validation import when_errors

    ahead = {"occurred_at": "2027-12-01T09:00:00+00:00"}
    (error,) = when_errors("conversation", ahead, now=NOW)
    assert error.field == "When"
    assert error.message.startswith("is in the future (1 Dec 2027")
    assert "Use the date it happened" in error.message
    skew = {"occurred_at": "2026-12-01T09:04:00+00:00"}     # a laptop clock a little ahead
    assert when_errors("conversation", skew, now=NOW) == []
    assert when_errors("conversation", {"occurred_at": "2026-12-01T09:06:00+00:00"}, now=NOW)


@pytest.mark.parametrize(("kind", "field", "label"), [
    ("measure", "completed_on", "Completed on"), ("referral", "received_on", "Referral received"),
    ("goal_rating", "rated_on", "Rated on"), ("goal", "set_on", "Set on"),
    ("episode", "started_on", "Support started"), ("risk_flag", "raised_on", "Raised on"),
    ("service_link", "linked_on", "Linked on"), ("person", "date_of_birth", "Date of birth")])
def test_every_past_event_date_refuses_the_future(kind: str, field: str, label: str) -> None:
    from outreach.core.validation import when_errors

    today = NOW.astimezone().date()
    tomorrow = today + __import__("datetime").timedelta(days=1)
    assert when_errors(kind, {field: today.isoformat()}, now=NOW) == []
    (error,) = when_errors(kind, {field: tomorrow.isoformat()}, now=NOW)
    assert error.field == label and error.message.startswith("is in the future")


def test_dates_meant_for_later_are_not_refused() -> None:
    from outreach.core.validation import when_errors

    assert when_errors("conversation", {"follow_up_on": "2027-06-01"}, now=NOW) == []
    assert when_errors("episode", {"review_on": "2027-06-01"}, now=NOW) == []
    assert when_errors("risk_flag", {"review_on": "2027-06-01"}, now=NOW) == []


def test_long_past_is_a_warning_not_an_error() -> None:
    from outreach.core.validation import when_errors, when_warnings

    old = {"occurred_at": "2024-05-02T10:00:00+01:00"}
    assert when_errors("conversation", old, now=NOW) == []
    (warning,) = when_warnings("conversation", old, now=NOW)
    assert warning.message.startswith("is more than a year ago (2 May 2024 ")
    assert warning.message.endswith("). Is that the right date?")
    assert when_warnings("conversation", {"occurred_at": "2026-06-01T10:00:00+01:00"},
                         now=NOW) == []
    assert when_warnings("person", {"date_of_birth": "1960-01-01"}, now=NOW) == []


@pytest.mark.parametrize("phone", ["07700 900123", "+44 7700 900123", "0113 496 0000",
                                   "(0113) 496-0000", "0044 7700 900123", "+33 1 23 45 67 89"])
def test_phone_numbers_that_could_be_dialled_pass(phone: str) -> None:
    from outreach.core.validation import contact_errors

    assert contact_errors("person", {"phone": phone}) == []


@pytest.mark.parametrize(("phone", "start"), [
    ("text me after 6", "is not a phone number"), ("12345", "is too short"),
    ("999", "is too short"), ("077009001234567", "is too long")])
def test_phone_numbers_that_are_not_are_refused_in_plain_words(phone: str, start: str) -> None:
    from outreach.core.validation import contact_errors

    (error,) = contact_errors("person", {"phone": phone})
    assert error.field == "Phone" and error.message.startswith(start)


def test_email_addresses_are_checked_for_syntax_only() -> None:
    from outreach.core.validation import contact_errors

    assert contact_errors("person", {"email": "aisha.khan@example.org"}) == []
    # no DNS look-up: a domain that does not exist still passes the syntax check
    assert contact_errors("person", {"email": "someone@no-such-domain.example"}) == []
    (error,) = contact_errors("person", {"email": "aisha at example dot org"})
    assert error.field == "Email" and error.message.startswith("is not an email address")
    # a service's contact details are not a person's: left alone
    assert contact_errors("service", {"phone": "0800 000", "email": "x"}) == []


def test_the_store_refuses_a_future_conversation_and_a_bad_phone(store) -> None:
    import datetime as dt

    from outreach.ops import conversations as conv_ops
    from outreach.ops import people as people_ops

    pid = people_ops.new_person(store, person={"given_name": "Testina"}).id
    ahead = (dt.datetime.now(dt.UTC) + dt.timedelta(days=365)).isoformat(timespec="seconds")
    with pytest.raises(ValidationError) as info:
        conv_ops.record_conversation(store, person_id=pid, values={
            "occurred_at": ahead, "setting": "outdoors", "type": "support", "notes": "x"})
    assert info.value.errors[0].message.startswith("is in the future")
    with pytest.raises(ValidationError):
        people_ops.update_person(store, pid, {"phone": "text me after 6"})
    people_ops.update_person(store, pid, {"phone": "07700 900123",
                                          "contact_notes": "text me after 6"})
    # a historic conversation is still accepted (a warning is not a refusal)
    conv_ops.record_conversation(store, person_id=pid, values={
        "occurred_at": "2020-01-02T10:00:00+00:00", "setting": "outdoors",
        "type": "support", "notes": "An old write-up"})
