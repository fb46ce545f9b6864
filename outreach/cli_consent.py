"""``outreach-cli consent`` and ``outreach-cli network``: a person's consent (now, and its
history; record a change) and the people who matter to them (list, add, remove).

``consent ID`` prints the answers now and the history (who, when, what); with ``--share``
or ``--record`` it records a change first (the user of this profile, today, ``--note`` for
how they told us). ``network ID`` lists their network; ``--add NAME --relationship CODE``
adds someone, ``--remove CONTACT_ID`` takes someone off. The person is named by record id
only; the network's names and details are printed because they were asked for.
"""

from __future__ import annotations

import argparse
from typing import Any

from outreach.cli import CliError, out, with_store
from outreach.core import records as rk
from outreach.ops import consent, network
from outreach.store.records import NotFound, Store

YES_NO = {"yes": True, "no": False}


def _answer(agreed: bool | None) -> str:
    return "not recorded" if agreed is None else ("agreed" if agreed else "not agreed")


def _require_person(store: Store, person_id: str) -> None:
    rec = store.get(person_id)
    if rec is None or rec["kind"] != "person":
        raise CliError(f"no person with id {person_id}")


@with_store
def cmd_consent(args: argparse.Namespace, store: Store) -> int:
    _require_person(store, args.person)
    answers = {topic: YES_NO[value] for topic, value in
               (("share", args.share), ("record", args.record)) if value}
    if answers:
        changes = consent.set_consents(store, person_id=args.person, answers=answers,
                                       note=args.note or "")
        n = len(changes.records.get("consent_change", ()))
        out(f"Recorded {n} change(s) of consent." if n else
            "Nothing to change: these are the answers already recorded.")
    person = store.get(args.person) or {}
    out(f"Sharing with partner services: {_answer(person.get('consent_share'))}")
    out(f"Keeping a record: {_answer(person.get('consent_record'))}")
    out("History:")
    for e in consent.consent_history(store, args.person):
        what = consent.topic_label(e.topic)
        change = ("first recorded" if e.at_welcome
                  else f"was {_answer(e.previous)}")
        note = f" ({e.note})" if e.note else ""
        out(f"  {e.on or '-':<10}  {what}: {_answer(e.agreed)}, {change}, by "
            f"{e.by or '-'}{note}")
    return 0


@with_store
def cmd_network(args: argparse.Namespace, store: Store) -> int:
    _require_person(store, args.person)
    if args.add:
        values: dict[str, Any] = {"name": args.add, "relationship": args.relationship,
                                  "phone": args.phone, "email": args.email,
                                  "address": args.address, "notes": args.notes}
        if args.may_contact:
            values["may_contact"] = YES_NO[args.may_contact]
        made = network.add_contact(store, person_id=args.person,
                                   values={k: v for k, v in values.items() if v is not None})
        out(f"Added {made.id}")
    if args.remove:
        try:
            network.remove_contact(store, args.remove)
        except NotFound:
            raise CliError(f"no one with id {args.remove} in a person's network") from None
        out(f"Removed {args.remove}")
    rel = rk.NETWORK_CONTACT.field("relationship")
    for c in network.contacts(store, args.person):
        reach = ", ".join(str(c[k]) for k in ("phone", "email", "address") if c.get(k))
        may = "may contact" if network.may_contact(c) else "do not contact"
        out(f"{c['id']}  {c['name']} ({rel.choice_label(c['relationship'])}; {may})"
            + (f": {reach}" if reach else ""))
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("consent", help="a person's consent now and its history; "
                       "--share/--record yes|no records a change")
    p.add_argument("person", metavar="ID", help="the person's record id")
    p.add_argument("--share", choices=YES_NO, help="agrees to sharing with partner services")
    p.add_argument("--record", choices=YES_NO, help="agrees to us keeping a record")
    p.add_argument("--note", help="how they told us")
    p.set_defaults(func=cmd_consent)
    p = sub.add_parser("network", help="the people who matter to a person: list, "
                       "--add NAME --relationship CODE, --remove CONTACT_ID")
    p.add_argument("person", metavar="ID", help="the person's record id")
    p.add_argument("--add", metavar="NAME", help="add someone by name")
    p.add_argument("--relationship", choices=rk.NETWORK_CONTACT.field("relationship").codes,
                   help="who they are to the person (needed with --add)")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--address")
    p.add_argument("--may-contact", choices=YES_NO,
                   help="whether the person agrees to us contacting them")
    p.add_argument("--notes", help="notes, in the person's words")
    p.add_argument("--remove", metavar="CONTACT_ID", help="take someone off the network")
    p.set_defaults(func=cmd_network)
