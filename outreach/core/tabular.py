"""Indicator tables as text and as CSV: one rendering for the laptop and the server.

Pure Python, no Qt, no I/O; safe on any thread. Tables are lists of rows with the header
first, as :func:`outreach.core.indicators.report_tables` makes them.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from outreach.core.indicators import TABLE_TITLES, Report, cell_text, report_tables

#: Text that a spreadsheet would run as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> str:
    """A cell as CSV text; text that would run as a formula gets a leading apostrophe."""
    text = cell_text(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows (the header first) as UTF-8 CSV with CRLF line ends (RFC 4180), after a
    byte-order mark: without it Excel reads the file as the machine's legacy code page and
    shows "ZoÃ«" for "Zoë". Python reads it back with ``encoding="utf-8-sig"``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return codecs.BOM_UTF8 + buf.getvalue().encode("utf-8")


def render_table(rows: Sequence[Sequence[Any]]) -> list[str]:
    """A table as aligned text lines: text columns to the left, numbers to the right,
    ``-`` where there is no value."""
    cells = [[cell_text(v) or "-" for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    numeric = [all(isinstance(row[i], (int, float)) or row[i] is None for row in rows[1:])
               for i in range(len(cells[0]))]
    lines = []
    for row in cells:
        parts = [c.rjust(w) if num else c.ljust(w)
                 for c, w, num in zip(row, widths, numeric, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return lines


def render_report(report: Report, *, scope: str = "") -> list[str]:
    """The whole report as text lines: a heading, then each table under its title."""
    heading = f"Indicators from {report.start} to {report.end}"
    if report.as_of != report.end:
        heading += f" (as at {report.as_of})"
    lines = [heading + (f": {scope}" if scope else "")]
    for name, rows in report_tables(report).items():
        lines += ["", TABLE_TITLES[name], *render_table(rows)]
    return lines
