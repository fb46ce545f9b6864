"""The care plan: one living document in the person's own words, and its printable form."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from outreach.core import records as rk
from outreach.ops import OpChanges
from outreach.ops.drafts import discard_draft
from outreach.store.records import Store


def update_care_plan(store: Store, *, person_id: str, changes: Mapping[str, Any],
                     draft_id: str | None = None) -> OpChanges:
    """Change sections of a person's care plan, creating it on first use; discards the
    draft the changes were typed in (``draft_id``) in the same transaction."""
    with store.transaction():
        if draft_id:
            discard_draft(store, draft_id)
        plans = store.query("care_plan", person_id=person_id)
        if plans:
            rec = store.update(plans[0]["id"], dict(changes))
        else:
            rec = store.create("care_plan", {k: v for k, v in changes.items() if v},
                               person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def _para(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def care_plan_html(store: Store, person_id: str) -> str:
    """The care plan as a readable document: their words first, headings a person knows."""
    from outreach.ops.people import person_file

    pf = person_file(store, person_id)
    p = pf.person
    name = html.escape(rk.title_of(p))
    plan = pf.care_plan or {}
    parts = [
        "<html><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;line-height:1.4}"
        "h1{font-size:20pt;margin-bottom:2pt} h2{font-size:13pt;margin-top:14pt;"
        "border-bottom:1px solid #888} .meta{color:#444;font-size:9.5pt}"
        "</style></head><body>",
        f"<h1>{name}'s care plan</h1>",
    ]
    meta = []
    if p.get("pronouns"):
        meta.append(f"Pronouns: {html.escape(p['pronouns'])}")
    if p.get("key_worker"):
        meta.append(f"Key worker: {html.escape(p['key_worker'])}")
    meta.append(f"Updated: {html.escape((plan.get('updated_at') or '')[:10])}")
    parts.append(f"<p class='meta'>{' · '.join(meta)}</p>")
    spec = rk.CARE_PLAN
    for f in spec.fields:
        value = plan.get(f.name)
        if f.name == "goals":
            continue
        if not value:
            continue
        parts.append(f"<h2>{html.escape(f.label)}</h2>")
        if f.type is rk.FieldType.MULTI:
            parts.append("<ul>" + "".join(f"<li>{html.escape(f.choice_label(v))}</li>"
                                          for v in value) + "</ul>")
        else:
            parts.append(_para(str(value)))
    active = [g for g in pf.goals if g.get("status") != "stopped"]
    if active or plan.get("goals"):
        parts.append("<h2>My goals</h2>")
        if plan.get("goals") and not active:
            parts.append(_para(plan["goals"]))
        items = []
        for g in active:
            latest = g["ratings"][-1]["score"] if g["ratings"] else None
            progress = (f" — where I am now: {latest} out of 10" if latest is not None else "")
            done = " (achieved)" if g.get("status") == "achieved" else ""
            items.append(f"<li>{html.escape(g['description'])}{done}{progress}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    services = [link["service"] for link in pf.service_links
                if link.get("service") and link.get("status") != "ended"]
    if services:
        parts.append("<h2>Services I'm connected with</h2><ul>")
        for s in services:
            contact = ", ".join(html.escape(s[k]) for k in ("phone", "website", "address")
                                if s.get(k))
            parts.append(f"<li><b>{html.escape(s['name'])}</b>"
                         + (f" — {contact}" if contact else "") + "</li>")
        parts.append("</ul>")
    parts.append("<p class='meta'>This plan belongs to you. Share it with anyone who "
                 "supports you, so you don't have to tell your story twice.</p>")
    parts.append("</body></html>")
    return "".join(parts)
