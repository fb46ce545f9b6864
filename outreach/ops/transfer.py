"""Export every record to JSON, and import such a file: all of it, or nothing.

The format (``docs/data-format.md``)::

    {"format": "outreach-export", "version": 1, "exported_at": "2026-03-31T09:00:00+00:00",
     "records": [{"id": ..., "kind": "person", ..., "given_name": "Ada", "clocks": {...}}]}

Export, then import into an empty profile, then export again gives the same text apart
from ``exported_at``. Import validates every record before writing any, and reports every
problem naming the record (its position, id and kind) and the field.

Threading: these ops run on any one thread at a time (the CLI, or a background worker in
the desktop app); they hold the store's lock while they read or write.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach.core import records as rk
from outreach.core.hlc import Stamp
from outreach.core.validation import is_uuid, parse_datetime, validate
from outreach.ops import OpChanges
from outreach.store import transfer
from outreach.store.records import Store, utcnow

FORMAT = "outreach-export"
VERSION = 1
MAX_META_LENGTH = 200
META_TEXT = ("created_by", "updated_by", "device_id")
MAX_CLOCK_AHEAD_SECONDS = 366 * 24 * 3600


@dataclass(frozen=True)
class ImportProblem:
    """One reason a file cannot be imported; ``index`` counts records from 0."""

    index: int | None
    record_id: str | None
    kind: str | None
    field: str
    message: str

    def __str__(self) -> str:
        if self.index is None:
            return f"{self.field}: {self.message}"
        rid = self.record_id if isinstance(self.record_id, str) else "without an id"
        what = self.kind if isinstance(self.kind, str) else "record"
        return f"record {self.index} ({what} {rid}), {self.field}: {self.message}"


class ImportRejected(ValueError):
    """The file was not imported; nothing was written. ``problems`` says why."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


@dataclass
class ImportResult:
    counts: dict[str, int]
    changes: OpChanges = field(default_factory=OpChanges)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# -- export ----------------------------------------------------------------------------
def export_document(store: Store, *, include_deleted: bool = True,
                    now: str | None = None) -> dict[str, Any]:
    """The whole profile as an export document (people first, in a fixed order)."""
    return {"format": FORMAT, "version": VERSION, "exported_at": now or utcnow(),
            "records": transfer.read_all(store, include_deleted=include_deleted)}


def export_json(store: Store, *, include_deleted: bool = True) -> str:
    """The export document as text: one record per line, UTF-8, keys in a fixed order.

    Built from the records one at a time, so only the text is held in memory.
    """
    head = json.dumps({"format": FORMAT, "version": VERSION, "exported_at": utcnow()},
                      ensure_ascii=False)[:-1]
    lines = [json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
             for rec in transfer.iter_records(store, include_deleted=include_deleted)]
    if not lines:
        return f'{head}, "records": []}}\n'
    return f'{head}, "records": [\n' + ",\n".join(lines) + "\n]}\n"


# -- import ----------------------------------------------------------------------------
def parse(text: str | bytes) -> dict[str, Any]:
    """The export document in ``text``, or :class:`ImportRejected` if it is not one."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ImportRejected([ImportProblem(None, None, None, "file",
                                            f"is not valid JSON ({exc})")]) from None
    problems = []
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        problems.append(ImportProblem(None, None, None, "format",
                                      f"must be {FORMAT!r}: this is not an Outreach export"))
    elif doc.get("version") != VERSION:
        problems.append(ImportProblem(None, None, None, "version",
                                      f"{doc.get('version')!r} is not a version this "
                                      f"Outreach can read (it reads {VERSION})"))
    elif not isinstance(doc.get("records"), list):
        problems.append(ImportProblem(None, None, None, "records", "must be a list"))
    if problems:
        raise ImportRejected(problems)
    return doc


def check_records(store: Store, records: list[Any]) -> list[ImportProblem]:
    """Every problem with ``records`` as a whole, against what the store already holds."""
    problems: list[ImportProblem] = []
    in_file: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for rec in records:
        if isinstance(rec, dict) and isinstance(rec.get("id"), str):
            seen[rec["id"]] += 1
            if isinstance(rec.get("kind"), str):
                in_file.setdefault(rec["id"], rec["kind"])
    wanted = set(seen)
    for rec in records:
        if isinstance(rec, dict):
            wanted.update(_targets(rec).values())
    in_store = transfer.known_kinds(store, [w for w in wanted if isinstance(w, str)])
    for index, rec in enumerate(records):
        problems.extend(_check_one(index, rec, seen=seen, in_file=in_file,
                                   in_store=in_store))
    return problems


def _targets(rec: Mapping[str, Any]) -> dict[str, Any]:
    """Field name → id for every reference the record makes (person_id included).

    Only text values are returned; values of other types are reported by validation.
    """
    spec = rk.KINDS.get(rec.get("kind", "")) if isinstance(rec.get("kind"), str) else None
    out: dict[str, Any] = {}
    if spec is None:
        return out
    if spec.person_scoped and isinstance(rec.get("person_id"), str):
        out["person_id"] = rec["person_id"]
    for f in spec.fields:
        if f.type is rk.FieldType.REF and f.ref and isinstance(rec.get(f.name), str):
            out[f.name] = rec[f.name]
    return out


def _check_one(index: int, rec: Any, *, seen: Counter[str], in_file: dict[str, str],
               in_store: dict[str, str]) -> list[ImportProblem]:
    if not isinstance(rec, dict):
        return [ImportProblem(index, None, None, "record", "must be an object")]
    rid, kind = rec.get("id"), rec.get("kind")
    out: list[ImportProblem] = []

    def bad(name: str, message: str) -> None:
        out.append(ImportProblem(index, rid if isinstance(rid, str) else None,
                                 kind if isinstance(kind, str) else None, name, message))

    if not isinstance(rid, str) or not is_uuid(rid) or rid != rid.lower() or len(rid) != 36:
        bad("id", "must be a record id (a UUID like 0f8b…-…, in lower case)")
    elif seen[rid] > 1:
        bad("id", f"appears {seen[rid]} times in the file")
    elif rid in in_store:
        bad("id", "already exists in this profile")
    spec = rk.KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None:
        bad("kind", f"{kind!r} is not a kind of record (known: {', '.join(rk.KINDS)})")
        return out
    _check_meta(rec, spec, bad)
    _check_storable(rec, bad)
    fields = {k: v for k, v in rec.items()
              if k not in rk.META_FIELDS and k not in ("deleted", "clocks") and v is not None}
    names = {f.label: f.name for f in spec.fields}
    for e in validate(spec.name, fields, record_id=rid if isinstance(rid, str) else None):
        bad(names.get(e.field, e.field), e.message)
    _check_clocks(rec.get("clocks"), fields, spec, bad)
    for name, target in _targets(rec).items():
        want = "person" if name == "person_id" else spec.by_name[name].ref
        if not is_uuid(target):
            continue        # reported above as a bad value
        found = in_file.get(target) or in_store.get(target)
        if found is None:
            bad(name, f"refers to {target}, which is neither in the file nor in this profile")
        elif found != want:
            bad(name, f"refers to a {found}, not a {want}")
    return out


def _check_meta(rec: Mapping[str, Any], spec: rk.RecordKind, bad: Any) -> None:
    pid = rec.get("person_id")
    if spec.name == "person":
        if pid != rec.get("id"):
            bad("person_id", "of a person must be the person's own id")
    elif spec.person_scoped:
        if not is_uuid(pid):
            bad("person_id", "is required: the id of the person this record belongs to")
    elif pid is not None:
        bad("person_id", f"must be null: a {spec.label.lower()} belongs to no one person")
    for name in ("created_at", "updated_at"):
        if name in rec and parse_datetime(rec[name]) is None:
            bad(name, "must be a date and time with a time zone")
    for name in META_TEXT:
        value = rec.get(name)
        if name not in rec:
            continue
        if not isinstance(value, str):
            bad(name, "must be text")
        elif "\x00" in value:
            bad(name, "must not contain NUL characters")
        elif len(value) > MAX_META_LENGTH:
            bad(name, f"is too long (at most {MAX_META_LENGTH} characters)")
    version = rec.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        bad("version", "must be a whole number of at least 1")
    if "deleted" in rec and rec["deleted"] is not True:
        bad("deleted", "may only be true (leave it out for a record that is not deleted)")


def _check_storable(rec: Mapping[str, Any], bad: Any) -> None:
    """Refuse values no database can store as text: unpaired surrogates (JSON allows
    ``"\\ud800"``) and numbers that are not finite (``NaN``, ``Infinity``)."""
    for name, value in rec.items():
        where = name if isinstance(name, str) else "record"
        try:
            json.dumps({name: value}, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except UnicodeEncodeError:
            bad(where, "contains characters that are not valid text (unpaired surrogates)")
        except ValueError:
            bad(where, "holds a number that is not finite (NaN or Infinity)")
        except RecursionError:
            bad(where, "is nested too deeply")


def _check_clocks(clocks: Any, fields: Mapping[str, Any], spec: rk.RecordKind,
                  bad: Any) -> None:
    if clocks is None:
        return
    if not isinstance(clocks, dict):
        bad("clocks", "must be an object of field name to clock stamp")
        return
    for name, stamp in clocks.items():
        if name not in spec.by_name and name != "_deleted":
            bad("clocks", f"names {name!r}, which is not a field of this record")
            continue
        try:
            parsed = Stamp.parse(stamp)
        except ValueError:
            bad("clocks", f"the stamp of {name!r} is not a clock stamp")
            continue
        if parsed.millis > (time.time() + MAX_CLOCK_AHEAD_SECONDS) * 1000:
            # A stamp far ahead would drag this laptop's clock (and, once synced, the
            # team's) towards the end of the stamp format: refuse it.
            bad("clocks", f"the stamp of {name!r} is more than a year in the future")
    missing = [n for n in fields if n in spec.by_name and n not in clocks]
    if missing:
        bad("clocks", f"has no stamp for {', '.join(missing)}")


def _complete(store: Store, rec: Mapping[str, Any], now: str, stamp: str) -> dict[str, Any]:
    """The record with metadata an integrator may leave out filled in."""
    spec = rk.KINDS[rec["kind"]]
    full = dict(rec)
    full.setdefault("created_at", now)
    full.setdefault("updated_at", full["created_at"])
    full.setdefault("created_by", store.user)
    full.setdefault("updated_by", full["created_by"])
    full.setdefault("device_id", store.device_id)
    full.setdefault("version", 1)
    if full.get("clocks") is None:
        full["clocks"] = {k: stamp for k, v in rec.items() if k in spec.by_name
                          and v is not None}
    return full


def import_document(store: Store, doc: Mapping[str, Any]) -> ImportResult:
    """Validate every record of ``doc``, then write them all in one transaction.

    Raises :class:`ImportRejected` listing every problem if any record is wrong; then
    nothing is written.
    """
    records = list(doc["records"])
    problems = check_records(store, records)
    if problems:
        raise ImportRejected(problems)
    with store.transaction():
        now = utcnow()
        stamp = store.clock.tick()
        full = [_complete(store, rec, now, stamp) for rec in records]
        transfer.insert_rows(store, full)
    result = ImportResult(counts=dict(Counter(r["kind"] for r in full)))
    for rec in full:
        result.changes.add(rec)
    result.changes.sync = bool(full)
    return result


def import_json(store: Store, text: str | bytes) -> ImportResult:
    """Parse and import an export file's text (see :func:`import_document`)."""
    return import_document(store, parse(text))
