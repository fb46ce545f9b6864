"""Record kinds of the Living Well record, declared once as data.

Every record is a flat mapping of field name to value plus the common metadata in
:data:`META_FIELDS`. The declarations below drive validation, the store, import/export,
sync merge (free text keeps both versions on a concurrent edit, structured fields merge
last-writer-wins) and the forms in the desktop app.

Values are JSON-friendly: dates as ``YYYY-MM-DD`` strings, date-times as ISO 8601 strings
with an offset, lists as lists. Labels are UK English, written for practitioners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FieldType(StrEnum):
    TEXT = "text"          # free text in the person's own words: concurrent edits keep both
    STRING = "string"      # short structured text (a name, a phone number)
    CHOICE = "choice"      # one of a fixed set of codes
    MULTI = "multi"        # a list of codes from a fixed set
    DATE = "date"          # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601 with offset
    INT = "int"
    INTS = "ints"          # a list of whole numbers (questionnaire answers)
    BOOL = "bool"
    REF = "ref"            # the id of another record
    JSON = "json"          # structured data kept whole (the versions of a conflict)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()   # (code, label)
    ref: str | None = None                      # kind a REF points to
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    searchable: bool = False                    # indexed for full-text search
    help: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.choices)

    def choice_label(self, code: str | None) -> str:
        return dict(self.choices).get(code or "", code or "")


@dataclass(frozen=True)
class RecordKind:
    name: str
    label: str
    fields: tuple[Field, ...]
    append_only: bool = False      # once saved, never changed: corrections are addenda
    person_scoped: bool = True     # belongs to one person (has person_id)
    title_field: str | None = None
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        return self.by_name[name]

    @property
    def text_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.type is FieldType.TEXT)

    @property
    def searchable_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)


META_FIELDS = ("id", "kind", "person_id", "created_at", "created_by", "updated_at",
               "updated_by", "device_id", "version")


def _choices(*pairs: str) -> tuple[tuple[str, str], ...]:
    """``_choices("self:Self-referral", ...)`` → ``(("self", "Self-referral"), ...)``."""
    out = []
    for pair in pairs:
        code, _, label = pair.partition(":")
        out.append((code, label or code.replace("_", " ").capitalize()))
    return tuple(out)


REFERRAL_SOURCES = _choices("self:Self-referral", "gp:GP", "health:Health service",
                            "social_care:Social care", "charity:Charity or voluntary group",
                            "other:Other")
REFERRAL_STATUSES = _choices("pending:Waiting for a decision", "accepted:Accepted",
                             "declined:Declined")
SETTINGS = _choices("outdoors:Outdoors", "community_venue:Community venue",
                    "listening_lounge:Listening Lounge", "home:At home", "clinic:Clinic",
                    "phone:Phone", "video:Video call")
CONVERSATION_KINDS = _choices("welcome:Welcome", "support:Support", "review:Review")
EXIT_REASONS = _choices("completed:Completed support", "met_goals:Met their goals",
                        "linked:Linked to other support", "chose_to_stop:Chose to stop",
                        "moved_away:Moved away", "other:Other")
PLANNED_EXITS = frozenset({"completed", "met_goals", "linked"})
BASIC_NEEDS = _choices("housing:Housing", "money:Money and debt", "benefits:Benefits",
                       "work:Work", "physical_health:Physical health",
                       "relationships:Relationships", "loneliness:Loneliness")
LIFE_AREAS = _choices("housing:Housing", "money:Money", "work:Work and volunteering",
                      "learning:Learning", "physical_health:Physical health",
                      "wellbeing:Mental wellbeing", "relationships:Relationships",
                      "connection:Feeling connected", "leisure:Leisure and interests",
                      "other:Other")
GOAL_STATUSES = _choices("active:Working on it", "achieved:Achieved", "stopped:Stopped")
CONTACT_METHODS = _choices("phone:Phone call", "text:Text message", "email:Email",
                           "letter:Letter", "in_person:In person")
RISK_LEVELS = _choices("low:Low", "medium:Medium", "high:High")
OPEN_CLOSED = _choices("open:Open", "closed:Closed")
LINK_STATUSES = _choices("suggested:Suggested", "referred:Referred",
                         "attending:Attending", "ended:Ended")
INSTRUMENTS = _choices("swemwbs:SWEMWBS", "reqol10:ReQoL-10", "ucla3:UCLA-3 loneliness")
SERVICE_CATEGORIES = _choices(
    "housing:Housing", "debt_advice:Debt and money advice", "benefits:Benefits advice",
    "employment:Employment and volunteering", "peer_group:Peer support group",
    "walking_group:Walking group", "physical_activity:Physical activity",
    "arts:Arts and creativity", "food:Food", "carers:Carers' support",
    "substance_use:Drugs and alcohol", "crisis:Crisis support", "learning:Learning",
    "other:Other",
    # issue 14 item 12 (links by kind of service)
    "voluntary:Voluntary and community group", "talking_therapy:Talking therapy")

F = FieldType
KINDS: dict[str, RecordKind] = {}


def _kind(kind: RecordKind) -> RecordKind:
    KINDS[kind.name] = kind
    return kind


PERSON = _kind(RecordKind("person", "Person", (
    Field("given_name", F.STRING, "First name", required=True, max_length=100, searchable=True),
    Field("family_name", F.STRING, "Last name", max_length=100, searchable=True),
    Field("preferred_name", F.STRING, "Preferred name", max_length=100, searchable=True),
    Field("pronouns", F.STRING, "Pronouns", max_length=40),
    Field("date_of_birth", F.DATE, "Date of birth"),
    Field("phone", F.STRING, "Phone", max_length=40),
    Field("email", F.STRING, "Email", max_length=200),
    Field("address", F.STRING, "Address", max_length=400),
    Field("contact_methods", F.MULTI, "How they like to be contacted", choices=CONTACT_METHODS),
    Field("contact_notes", F.TEXT, "Contact preferences, in their words", max_length=4000),
    Field("consent_record", F.BOOL, "Consents to us keeping a record"),
    Field("consent_share", F.BOOL, "Consents to sharing with partner services"),
    Field("match_preference", F.TEXT, "Who they would like to be matched with",
          max_length=4000),
    Field("key_worker", F.STRING, "Key worker", max_length=100),
    Field("team", F.STRING, "Team", max_length=100),
    # issue 14 item 3 (roles): a peer mentor alongside the key worker
    Field("peer_mentor", F.STRING, "Peer mentor", max_length=100),
), person_scoped=False, title_field="preferred_name"))

REFERRAL = _kind(RecordKind("referral", "Referral", (
    Field("source", F.CHOICE, "Referred by", required=True, choices=REFERRAL_SOURCES),
    Field("received_on", F.DATE, "Referral received", required=True),
    Field("status", F.CHOICE, "Decision", required=True, choices=REFERRAL_STATUSES),
    Field("decided_on", F.DATE, "Decided on"),
    Field("decline_reason", F.TEXT, "Why it was declined", max_length=4000),
    Field("notes", F.TEXT, "Referral notes", max_length=20000, searchable=True),
)))

EPISODE = _kind(RecordKind("episode", "Period of support", (
    Field("referral_id", F.REF, "Referral", ref="referral"),
    Field("key_worker", F.STRING, "Key worker", max_length=100),
    Field("started_on", F.DATE, "Support started", required=True),
    Field("review_on", F.DATE, "Review due"),
    Field("ended_on", F.DATE, "Support ended"),
    Field("exit_reason", F.CHOICE, "Why support ended", choices=EXIT_REASONS),
    Field("exit_notes", F.TEXT, "Notes on ending", max_length=4000),
)))

CONVERSATION = _kind(RecordKind("conversation", "Conversation", (
    Field("episode_id", F.REF, "Period of support", ref="episode"),
    Field("occurred_at", F.DATETIME, "When", required=True),
    Field("setting", F.CHOICE, "Where", required=True, choices=SETTINGS),
    Field("type", F.CHOICE, "Kind of conversation", required=True, choices=CONVERSATION_KINDS),
    Field("present", F.STRING, "Who was there", max_length=400),
    Field("notes", F.TEXT, "Notes, in the person's words", required=True, max_length=50000,
          searchable=True),
    Field("follow_ups", F.TEXT, "Follow-ups", max_length=4000, searchable=True),
    Field("follow_up_on", F.DATE, "Follow up by"),
    Field("risk_checked", F.BOOL, "Talked about how safe they feel"),
    # issue 14 item 3 (roles): who welcomed, and their role then (welcome conversations)
    Field("welcomed_by", F.STRING, "Welcomed by", max_length=100),
    Field("welcomed_by_role", F.STRING, "Their role", max_length=20),
), append_only=True))

ADDENDUM = _kind(RecordKind("addendum", "Addendum", (
    Field("conversation_id", F.REF, "Conversation", required=True, ref="conversation"),
    Field("text", F.TEXT, "Addendum", required=True, max_length=20000, searchable=True),
), append_only=True))

CARE_PLAN = _kind(RecordKind("care_plan", "Care plan", (
    Field("what_matters", F.TEXT, "What matters to me", max_length=20000, searchable=True),
    Field("story", F.TEXT, "My story so far", max_length=50000, searchable=True),
    Field("basic_needs", F.MULTI, "Basic needs first", choices=BASIC_NEEDS),
    Field("needs", F.TEXT, "My needs", max_length=20000, searchable=True),
    Field("strengths", F.TEXT, "My strengths", max_length=20000, searchable=True),
    Field("goals", F.TEXT, "My goals", max_length=20000, searchable=True),
    Field("people_and_resources", F.TEXT, "People and resources that help me",
          max_length=20000, searchable=True),
    Field("if_things_get_hard", F.TEXT, "What to do if things get hard", max_length=20000,
          searchable=True),
)))

GOAL = _kind(RecordKind("goal", "Goal", (
    Field("description", F.TEXT, "Goal, in their words", required=True, max_length=4000,
          searchable=True),
    Field("life_area", F.CHOICE, "Life area", required=True, choices=LIFE_AREAS),
    Field("set_on", F.DATE, "Set on", required=True),
    Field("status", F.CHOICE, "Status", required=True, choices=GOAL_STATUSES),
    # issue 14 item 10: when the goal was marked achieved (set by ops.goals)
    Field("achieved_on", F.DATE, "Achieved on"),
)))

GOAL_RATING = _kind(RecordKind("goal_rating", "Goal progress", (
    Field("goal_id", F.REF, "Goal", required=True, ref="goal"),
    Field("rated_on", F.DATE, "Rated on", required=True),
    Field("score", F.INT, "How close (0 = not at all, 10 = reached)", required=True,
          minimum=0, maximum=10),
    Field("note", F.TEXT, "Note", max_length=4000),
), append_only=True))

MEASURE = _kind(RecordKind("measure", "Wellbeing measure", (
    Field("instrument", F.CHOICE, "Questionnaire", required=True, choices=INSTRUMENTS),
    Field("completed_on", F.DATE, "Completed on", required=True),
    Field("answers", F.INTS, "Answers", required=True),
)))

RISK_FLAG = _kind(RecordKind("risk_flag", "Risk flag", (
    Field("level", F.CHOICE, "Level", required=True, choices=RISK_LEVELS),
    Field("concern", F.TEXT, "Concern", required=True, max_length=4000),
    Field("raised_on", F.DATE, "Raised on", required=True),
    Field("review_on", F.DATE, "Review by"),
    Field("status", F.CHOICE, "Status", required=True, choices=OPEN_CLOSED),
    Field("closed_on", F.DATE, "Closed on"),
    Field("reviewed_on", F.DATE, "Last reviewed on"),
    Field("reviewed_by", F.STRING, "Last reviewed by", max_length=200),
    Field("review_note", F.TEXT, "What the last review found", max_length=4000),
    Field("closed_by", F.STRING, "Closed by", max_length=200),
    Field("close_reason", F.TEXT, "Why it was closed", max_length=4000),
)))

SERVICE = _kind(RecordKind("service", "Community service", (
    Field("name", F.STRING, "Name", required=True, max_length=200, searchable=True),
    Field("category", F.CHOICE, "Kind of service", required=True, choices=SERVICE_CATEGORIES),
    Field("description", F.TEXT, "What they offer", max_length=4000, searchable=True),
    Field("area", F.STRING, "Area", max_length=200),
    Field("address", F.STRING, "Address", max_length=400),
    Field("phone", F.STRING, "Phone", max_length=40),
    Field("email", F.STRING, "Email", max_length=200),
    Field("website", F.STRING, "Website", max_length=400),
    Field("opening_times", F.STRING, "Opening times", max_length=400),
), person_scoped=False, title_field="name"))

SERVICE_LINK = _kind(RecordKind("service_link", "Link to a service", (
    Field("service_id", F.REF, "Service", required=True, ref="service"),
    Field("linked_on", F.DATE, "Linked on", required=True),
    Field("status", F.CHOICE, "Status", required=True, choices=LINK_STATUSES),
    Field("notes", F.TEXT, "Notes", max_length=4000),
)))

# -- experience and life outcomes (issue 14 item 11) ---------------------------------------
FEEDBACK_ANSWERS = _choices("yes:Yes", "partly:Partly", "no:No",
                            "not_answered:Did not want to say")
COMMUNITY_INVOLVEMENT = _choices("weekly:Most weeks", "monthly:Now and then",
                                 "rarely:Rarely or never")
WORK_STATUSES = _choices("paid_work:In paid work", "self_employed:Self-employed",
                         "study:In education or training", "volunteering:Volunteering",
                         "looking:Looking for work", "not_working:Not working or studying")
IN_WORK_OR_STUDY = frozenset({"paid_work", "self_employed", "study"})

EXIT_FEEDBACK = _kind(RecordKind("exit_feedback", "Exit questionnaire", (
    Field("completed_on", F.DATE, "Completed on", required=True),
    Field("listened", F.CHOICE, "I felt listened to", required=True,
          choices=FEEDBACK_ANSWERS),
    Field("joined_up", F.CHOICE, "My support felt joined up", required=True,
          choices=FEEDBACK_ANSWERS),
    Field("use_again", F.CHOICE, "I would use this service again", required=True,
          choices=FEEDBACK_ANSWERS),
    Field("comments", F.TEXT, "Anything else, in their words", max_length=4000),
)))

LIFE_CHECK = _kind(RecordKind("life_check", "Life outcomes check", (
    Field("checked_on", F.DATE, "Checked on", required=True),
    Field("community", F.CHOICE, "Takes part in community groups or activities",
          choices=COMMUNITY_INVOLVEMENT),
    Field("work", F.CHOICE, "Work or study", choices=WORK_STATUSES),
    Field("note", F.TEXT, "Note", max_length=4000),
)))

JOB_START = _kind(RecordKind("job_start", "Job start", (
    Field("started_on", F.DATE, "Started on", required=True),
    Field("job_title", F.STRING, "Job", max_length=200),
    Field("hours_per_week", F.INT, "Hours a week", minimum=0, maximum=80),
    Field("ips", F.BOOL, "Found with employment support (IPS)"),
)))

# -- consent and the person's network (issue 14 items 7-8) -------------------------------
CONSENT_TOPICS = _choices("share:Sharing with partner services",
                          "record:Keeping a record")
NETWORK_RELATIONSHIPS = _choices("carer:Carer", "partner:Partner", "parent:Parent",
                                 "child:Son or daughter", "family:Other family",
                                 "friend:Friend", "neighbour:Neighbour",
                                 "professional:Someone from another service", "other:Other")

CONSENT_CHANGE = _kind(RecordKind("consent_change", "Change of consent", (
    Field("topic", F.CHOICE, "What the consent is about", required=True,
          choices=CONSENT_TOPICS),
    Field("agreed", F.BOOL, "Agrees now", required=True),
    Field("previous", F.BOOL, "Agreed before"),
    Field("changed_on", F.DATE, "Changed on", required=True),
    Field("recorded_by", F.STRING, "Recorded by", max_length=200),
    Field("note", F.TEXT, "How they told us", max_length=4000),
), append_only=True))

NETWORK_CONTACT = _kind(RecordKind("network_contact", "Someone who matters to them", (
    Field("name", F.STRING, "Name", required=True, max_length=200),
    Field("relationship", F.CHOICE, "Who they are to them", required=True,
          choices=NETWORK_RELATIONSHIPS),
    Field("phone", F.STRING, "Phone", max_length=40),
    Field("email", F.STRING, "Email", max_length=200),
    Field("address", F.STRING, "Address", max_length=400),
    Field("may_contact", F.BOOL, "Agrees to us contacting them"),
    Field("notes", F.TEXT, "Notes, in their words", max_length=4000),
), title_field="name"))


CONFLICT = _kind(RecordKind("conflict", "Two versions to choose between", (
    Field("record_id", F.REF, "Record", required=True),
    Field("record_kind", F.STRING, "Kind of record", required=True, max_length=40),
    Field("field", F.STRING, "Field", required=True, max_length=60),
    Field("versions", F.JSON, "Versions", required=True),
    Field("status", F.CHOICE, "Status", required=True, choices=OPEN_CLOSED),
    Field("resolved_value", F.TEXT, "Chosen text", max_length=50000),
)))


def kind(name: str) -> RecordKind:
    """The declaration of a record kind; :class:`KeyError` for an unknown one."""
    return KINDS[name]


def title_of(record: Mapping[str, Any]) -> str:
    """How a record is named on screen: a person by preferred (or first) name."""
    if record.get("kind") == "person":
        first = record.get("preferred_name") or record.get("given_name") or ""
        return f"{first} {record.get('family_name') or ''}".strip()
    spec = KINDS.get(record.get("kind", ""))
    if spec and spec.title_field:
        return str(record.get(spec.title_field) or "")
    return spec.label if spec else ""
