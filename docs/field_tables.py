"""Generate the record-kind field tables of docs/data-format.md from outreach/core/records.py.

    .venv/bin/python docs/field_tables.py          # print the tables
    .venv/bin/python docs/field_tables.py --write  # replace them in data-format.md

tests/test_data_format_doc.py checks that the document holds exactly these tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach.core.records import KINDS, Field, FieldType  # noqa: E402

DOC = ROOT / "docs" / "data-format.md"
START, END = "<!-- field tables: start -->", "<!-- field tables: end -->"

TYPE_TEXT = {
    FieldType.TEXT: "free text",
    FieldType.STRING: "short text",
    FieldType.CHOICE: "one code",
    FieldType.MULTI: "list of codes",
    FieldType.DATE: "date `YYYY-MM-DD`",
    FieldType.DATETIME: "date-time with offset",
    FieldType.INT: "whole number",
    FieldType.INTS: "list of whole numbers",
    FieldType.BOOL: "`true` / `false`",
    FieldType.REF: "record id",
    FieldType.JSON: "JSON list or object",
}


def describe(f: Field) -> str:
    notes = []
    if f.choices:
        notes.append(", ".join(f"`{code}` ({label})" for code, label in f.choices))
    if f.ref:
        notes.append(f"id of a `{f.ref}`")
    if f.max_length:
        notes.append(f"at most {f.max_length:,} characters")
    if f.minimum is not None or f.maximum is not None:
        notes.append(f"{f.minimum} to {f.maximum}")
    return "; ".join(notes)


def tables() -> str:
    parts = []
    for spec in KINDS.values():
        flags = []
        if spec.append_only:
            flags.append("append-only: never changed or deleted once saved")
        flags.append("belongs to a person (`person_id` required)" if spec.person_scoped
                     else "belongs to no one person (`person_id` is `null`)"
                     if spec.name != "person" else "`person_id` is the person's own `id`")
        if spec.team_scoped:
            flags.append("seen by one team only: the team of the user who first sent it")
        flag_text = "; ".join(flags)
        parts.append(f"### `{spec.name}` — {spec.label}\n\n"
                     f"{flag_text[:1].upper()}{flag_text[1:]}.\n")
        parts.append("| Field | Type | Required | Label | Values |")
        parts.append("|---|---|---|---|---|")
        for f in spec.fields:
            label = f.label.replace("|", "\\|")
            parts.append(f"| `{f.name}` | {TYPE_TEXT[f.type]} | {'yes' if f.required else ''} "
                         f"| {label} | {describe(f).replace('|', '/')} |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def replaced(doc: str) -> str:
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{tables()}\n{END}{tail}"


if __name__ == "__main__":
    if "--write" in sys.argv:
        DOC.write_text(replaced(DOC.read_text("utf-8")), "utf-8")
    else:
        sys.stdout.write(tables())
