"""The directory of community services: offline, searchable, importable from CSV, and
linking a person to a service.

CSV import checks every row first and writes nothing if any row is wrong; each error
names the row (as a spreadsheet shows it: the header is row 1), the column and the problem.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.core import records as rk
from outreach.core.rules import today_iso
from outreach.core.validation import validate
from outreach.ops import OpChanges, consent
from outreach.store.records import Store

MAX_CSV_BYTES = 5 * 1024 * 1024
COLUMNS = tuple(f.name for f in rk.SERVICE.fields)
CATEGORY_BY_LABEL = {label.casefold(): code for code, label in rk.SERVICE_CATEGORIES}


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.field}: {self.message}"


@dataclass
class ImportResult:
    added: int = 0
    errors: list[RowError] = field(default_factory=list)


def services(store: Store, text: str = "") -> list[dict[str, Any]]:
    """Services whose name, kind, area or description contains ``text``, by name."""
    needle = text.casefold().strip()
    out = []
    for s in store.query("service"):
        hay = " ".join(str(s.get(k) or "") for k in ("name", "area", "description"))
        hay += " " + rk.SERVICE.field("category").choice_label(s.get("category"))
        if not needle or all(w in hay.casefold() for w in needle.split()):
            out.append(s)
    return sorted(out, key=lambda s: s["name"].casefold())


def add_service(store: Store, values: Mapping[str, Any]) -> OpChanges:
    rec = store.create("service", dict(values))
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def parse_services_csv(text: str) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Rows of a services CSV as record values, and every problem found."""
    errors: list[RowError] = []
    if "\x00" in text:
        return [], [RowError(1, "file", "contains NUL bytes: is this really a CSV file?")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().casefold() for h in (reader.fieldnames or [])]
    if "name" not in header or "category" not in header:
        return [], [RowError(1, "header", "needs at least the columns 'name' and 'category'; "
                                          f"known columns: {', '.join(COLUMNS)}")]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        errors.append(RowError(1, "header", f"unknown columns: {', '.join(unknown)}"))
    rows = []
    try:
        records = list(reader)
    except csv.Error as exc:          # a cell over the size limit, a stray quote...
        return [], [RowError(reader.line_num, "file",
                             f"is not a well-formed CSV file ({str(exc)[:100]})")]
    for number, raw in enumerate(records, start=2):
        if None in raw:
            errors.append(RowError(number, "row", "has more cells than the header"))
            continue
        values = {k.strip().casefold(): (v or "").strip() for k, v in raw.items() if k}
        values = {k: v for k, v in values.items() if k in COLUMNS and v}
        if not values:
            continue
        cat = values.get("category", "")
        values["category"] = CATEGORY_BY_LABEL.get(cat.casefold(), cat.casefold())
        for e in validate("service", values):
            errors.append(RowError(number, e.field, e.message))
        rows.append(values)
    return rows, errors


def import_services_csv(store: Store, path: Path | str) -> ImportResult:
    """Add every service in a CSV file, or none if any row is wrong."""
    p = Path(path)
    if p.stat().st_size > MAX_CSV_BYTES:
        return ImportResult(errors=[RowError(1, "file", "is larger than 5 MB")])
    try:
        text = p.read_text("utf-8-sig")
    except UnicodeDecodeError:
        return ImportResult(errors=[RowError(1, "file", "is not UTF-8 text; save it as "
                                                        "'CSV UTF-8' and try again")])
    rows, errors = parse_services_csv(text)
    if errors:
        return ImportResult(errors=errors)
    with store.transaction():
        for values in rows:
            store.create("service", values)
    return ImportResult(added=len(rows))


#: Link statuses that pass the person's details on to the service: only for someone who
#: agreed to share (``ops.consent.require_share``). A suggestion shares nothing.
SHARES_DETAILS = frozenset({"referred"})


def link_service(store: Store, *, person_id: str, service_id: str, status: str = "suggested",
                 notes: str | None = None) -> OpChanges:
    """Link a person to a service. A referral (``status="referred"``: we pass their
    details on) raises :class:`~outreach.ops.consent.NotAgreedToShare` for someone who has
    not agreed to share; a suggestion needs no consent."""
    if status in SHARES_DETAILS:
        consent.require_share(store, person_id)
    rec = store.create("service_link", {"service_id": service_id, "linked_on": today_iso(),
                                        "status": status, "notes": notes},
                       person_id=person_id)
    out = OpChanges().add(rec)
    out.id = rec["id"]
    return out


def set_link_status(store: Store, link_id: str, status: str) -> OpChanges:
    """Move a link on (suggested → referred → attending → ended); becoming a referral
    checks consent as :func:`link_service` does."""
    link = store.require(link_id)
    if link["kind"] != "service_link":
        raise KeyError(link_id)
    if status in SHARES_DETAILS and link.get("status") != status:
        consent.require_share(store, str(link["person_id"]))
    return OpChanges().add(store.update(link_id, {"status": status}))
