"""CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows non-ASCII names as
written), CRLF line ends, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import codecs

from outreach.core.tabular import csv_bytes


def test_csv_starts_with_one_byte_order_mark_so_excel_reads_utf8() -> None:
    data = csv_bytes([["Name", "Team"], ["Zoë Ó Briain", "Llanelli ŵ"], ["Siân", "north"]])
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(codecs.BOM_UTF8) == 1
    assert data.decode("utf-8-sig") == "Name,Team\r\nZoë Ó Briain,Llanelli ŵ\r\nSiân,north\r\n"


def test_no_rows_is_still_a_marked_empty_file_and_formulas_stay_text() -> None:
    assert csv_bytes([]) == codecs.BOM_UTF8
    text = csv_bytes([["=SUM(A1:A2)", "-3", -3]]).decode("utf-8-sig")
    assert text == "'=SUM(A1:A2),'-3,-3\r\n"
