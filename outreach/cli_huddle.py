"""``outreach-cli`` commands for the day's team work: ``today``, ``review``, ``huddle`` and
``action-done``.

``today`` prints what Today shows: reviews due or overdue, the huddle list of open risk
flags (overdue reviews first, marked ``OVERDUE``), follow-ups and huddle actions due, for
the profile's user (``--user`` for another, ``--everyone`` for the whole team).
``review PERSON_ID`` records a care-plan review of the person's open period of support and
sets the next review date. ``huddle add`` records a huddle (date, who was there, people
discussed, actions with an owner and a due date); ``huddle list`` and ``huddle show ID``
read them back; ``action-done ID`` marks a huddle action done.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from outreach.cli import CliError, out, with_store
from outreach.core.records import title_of
from outreach.ops import episodes, huddle, people, today
from outreach.store.records import NotFound, Store


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-01") from None


def _lateness(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


@with_store
def cmd_today(args: argparse.Namespace, store: Store) -> int:
    on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
    t = today.today(store, user=args.user, on=on, everyone=args.everyone)
    out(f"Care plan reviews due ({len(t.reviews_due)}):")
    for row, ep in t.reviews_due:
        late = today.days_late(ep.get("review_on"), on) or 0
        when = f"OVERDUE by {_lateness(late)}" if late > 0 else \
            "due today" if late == 0 else f"due in {_lateness(-late)}"
        out(f"  {row.name}\t{ep['review_on']}\t{when}\t{row.id}")
    overdue = len(t.flags_overdue)
    out(f"Huddle: open risk flags ({len(t.huddle)}, {overdue} past their review date):")
    for row, flag in t.huddle:
        state, days = today.flag_state(flag, on)
        when = f"OVERDUE by {_lateness(days)}" if state == "overdue" else \
            "no review date" if state == "no_date" else f"review by {flag['review_on']}"
        out(f"  {row.name}\t{flag['level']}\t{when}\t{flag['id']}")
    out(f"Follow-ups due ({len(t.follow_ups_due) + len(t.actions)}):")
    for row, conv in t.follow_ups_due:
        first = (conv.get("follow_ups") or "").splitlines()
        out(f"  {row.name}\t{conv.get('follow_up_on')}\t{first[0] if first else ''}")
    for row, action in t.actions:
        out(f"  {row.name}\t{action.get('due_on')}\tHuddle action: {action.get('action')}"
            f"\t{action['id']}")
    return 0


@with_store
def cmd_review(args: argparse.Namespace, store: Store) -> int:
    try:
        pf = people.person_file(store, args.person)
    except NotFound:
        raise CliError(f"no person with id {args.person}") from None
    episode = pf.current_episode
    if episode is None:
        raise CliError("this person has no open period of support to review")
    if args.open_ended:
        next_on = None
    else:
        next_on = args.next or (dt.date.today() + dt.timedelta(weeks=12)).isoformat()
    episodes.record_review(store, episode_id=episode["id"], note=args.found,
                           next_review_on=next_on)
    out(f"Review recorded for {title_of(pf.person)}; next review: "
        f"{next_on or 'none planned'}")
    return 0


def _discussed(text: str) -> dict[str, str]:
    pid, _, said = text.partition("=")
    return {"person_id": pid.strip(), "notes": said.strip()}


def _action(text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split(",", 3)]
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give PERSON_ID,OWNER,DUE_DATE,WHAT (what may contain commas)")
    pid, owner, due, what = parts
    return {"person_id": pid, "owner": owner, "due_on": _date(due), "action": what}


@with_store
def cmd_huddle_add(args: argparse.Namespace, store: Store) -> int:
    made = huddle.record_huddle(
        store, held_on=args.date or dt.date.today().isoformat(), attendees=args.attendees,
        notes=args.notes or "", discussed=args.discuss or [], actions=args.action or [])
    out(made.id or "")
    return 0


@with_store
def cmd_huddle_list(args: argparse.Namespace, store: Store) -> int:
    for h in huddle.huddles(store):
        out(f"{h['held_on']}\t{h.get('attendees') or ''}\t{h['id']}")
    return 0


@with_store
def cmd_huddle_show(args: argparse.Namespace, store: Store) -> int:
    try:
        rec = huddle.read_huddle(store, args.id)
    except NotFound:
        raise CliError(f"no huddle with id {args.id}") from None
    if rec.huddle.get("kind") != "huddle":
        raise CliError(f"{args.id} is not a huddle")
    h = rec.huddle
    out(f"Huddle {h['held_on']}; who was there: {h.get('attendees') or ''}")
    if h.get("notes"):
        out(f"Notes: {h['notes']}")
    out("People discussed:")
    for name, d in rec.discussed:
        out(f"  {name}{': ' + d['notes'] if d.get('notes') else ''}")
    out("Actions:")
    for name, a in rec.actions:
        out(f"  {name}\t{a.get('action')}\t{a.get('owner')}\tdue {a.get('due_on')}"
            f"\t{a.get('status')}\t{a['id']}")
    return 0


@with_store
def cmd_action_done(args: argparse.Namespace, store: Store) -> int:
    try:
        huddle.complete_action(store, args.id)
    except NotFound:
        raise CliError(f"no huddle action with id {args.id}") from None
    out("Action marked done.")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("today", help="reviews due, the huddle list (overdue flags first), "
                       "follow-ups and huddle actions")
    p.add_argument("--user", help="whose caseload and actions (default: this profile's user)")
    p.add_argument("--everyone", action="store_true", help="the whole team's, not one user's")
    p.add_argument("--on", type=_date, metavar="DATE", help="as on DATE (default: today)")
    p.set_defaults(func=cmd_today)
    p = sub.add_parser("review", help="record a care-plan review and set the next review date")
    p.add_argument("person", metavar="PERSON_ID")
    p.add_argument("--found", required=True, help="what the review found")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--next", type=_date, metavar="DATE",
                      help="next review by (default: 12 weeks from today)")
    when.add_argument("--open-ended", action="store_true", help="no further review planned")
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("huddle", help="record and read huddles")
    hs = p.add_subparsers(dest="huddle_command", required=True, metavar="ACTION")
    q = hs.add_parser("add", help="record a huddle")
    q.add_argument("--date", type=_date, help="when it was held (default: today)")
    q.add_argument("--attendees", required=True, help="who was there, comma-separated")
    q.add_argument("--notes", help="notes for the team")
    q.add_argument("--discuss", action="append", type=_discussed, metavar="PERSON_ID[=NOTES]",
                   help="a person discussed and what was said (repeat for each)")
    q.add_argument("--action", action="append", type=_action,
                   metavar="PERSON_ID,OWNER,DUE_DATE,WHAT",
                   help="an action agreed (repeat for each); it appears in OWNER's follow-ups")
    q.set_defaults(func=cmd_huddle_add)
    hs.add_parser("list", help="every huddle, newest first").set_defaults(func=cmd_huddle_list)
    q = hs.add_parser("show", help="one huddle: who was there, people discussed, actions")
    q.add_argument("id", metavar="HUDDLE_ID")
    q.set_defaults(func=cmd_huddle_show)
    p = sub.add_parser("action-done", help="mark a huddle action done")
    p.add_argument("id", metavar="ACTION_ID")
    p.set_defaults(func=cmd_action_done)
