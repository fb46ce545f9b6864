"""Issue 14 item 14 through the real widgets: a declined person reads "Referral declined" on
their file, in the People list (which can show just them) and in the caseload CSV that the
Reports view saves, which also carries the team and a byte-order mark for Excel."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

from outreach.ops import episodes, people
from outreach.ui.background import wait_for_all
from outreach.ui.people import PeoplePage
from outreach.ui.person import PersonView
from outreach.ui.reports import ReportsPage
from tests.ui.person_helpers import welcomed_person


def _declined(store) -> str:
    pid = people.new_person(store, person={"given_name": "Zoë", "family_name": "Ó Briain",
                                           "team": "north"},
                            referral={"source": "gp"}).id
    (ref,) = people.person_file(store, pid).referrals
    episodes.decide_referral(store, referral_id=ref["id"], accept=False,
                             reason="Better helped by the crisis team")
    return pid


def test_declined_reads_the_same_on_the_file_and_in_the_people_list(qtbot, store):
    pid = _declined(store)
    welcomed_person(store)
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    assert "Referral declined" in view.details_label.text()
    assert "No referral yet" not in view.details_label.text()

    page = PeoplePage(store)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    at = page.status_box.findText("Referral declined")
    assert at >= 0, "the People filter offers declined referrals"
    page.status_box.setCurrentIndex(at)
    proxy = page.proxy
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Zoë Ó Briain"
    assert proxy.index(0, 3).data() == "Referral declined"
    page.close()


def test_the_reports_view_saves_a_caseload_excel_can_read(qtbot, store, tmp_path: Path):
    _declined(store)
    welcomed_person(store)
    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_store(store)
    today = dt.date.today()
    page.set_range(today - dt.timedelta(days=30), today)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_csv(tmp_path)      # what the button does once a folder is chosen
    raw = (tmp_path / "caseload.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert (tmp_path / "referrals.csv").read_bytes().startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    got = {r[header.index("Name")]: (r[header.index("Team")], r[header.index("Status")])
           for r in body}
    assert got == {"Zoë Ó Briain": ("north", "Referral declined"),
                   "Rob Example": ("", "Being supported")}
    wait_for_all(5000)
