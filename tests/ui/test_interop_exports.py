"""Issue 14 items 13 and 14 through the real widgets: a declined person reads "Referral
declined" on their file, in the People list (which can show just them) and in the caseload
CSV that the Reports view saves, which also carries the team and a byte-order mark for
Excel; a person's record is saved as FHIR from their file, only if they agreed to share."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from outreach.ops import episodes, measures, people
from outreach.ui.background import wait_for_all
from outreach.ui.people import PeoplePage
from outreach.ui.person import PersonView
from outreach.ui.reports import ReportsPage
from tests.ui.person_helpers import welcomed_person


def _declined(store) -> str:
    pid = people.new_person(store, person={"given_name": "Zoë", "family_name": "Ó Briain",
                                           "team": "north", "consent_share": True},
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
    assert got == {"Zoë Ó Briain": ("north", "Referral declined"),   # agreed to share
                   "Not agreed to share": ("", "Being supported")}  # Rob: name left out
    assert "Rob" not in raw.decode("utf-8-sig")
    assert "Names left out of the caseload (not agreed to share): 1." in page.status.text()
    wait_for_all(5000)


# -- item 13 through the window: a person's record for another service's system ------------
def _person_view(qtbot, store, pid) -> PersonView:
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.show()
    return view


def _notices(view) -> list[QMessageBox]:
    return [w for w in view.findChildren(QMessageBox) if w.objectName() == "fhir_notice"]


def test_the_record_is_saved_as_fhir_where_the_user_chooses(qtbot, store, tmp_path,
                                                            monkeypatch):
    pid = welcomed_person(store)
    people.update_person(store, pid, {"consent_share": True})
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[3] * 7,
                            completed_on="2026-11-02")
    target = tmp_path / "for-the-gp"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "FHIR JSON (*.json)")))
    view = _person_view(qtbot, store, pid)
    assert view.fhir_button.isEnabled()
    qtbot.mouseClick(view.fhir_button, Qt.MouseButton.LeftButton)
    op = view.fhir_op
    assert op is not None
    qtbot.waitUntil(lambda: not op.is_running, timeout=20_000)
    assert op.error is None
    saved = target.with_suffix(".json")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    bundle = json.loads(saved.read_text(encoding="utf-8"))
    parsed = get_fhir_model_class("Bundle").model_validate(bundle)
    types = {e.resource.get_resource_type() for e in parsed.entry}
    assert {"Patient", "Questionnaire", "QuestionnaireResponse", "CarePlan"} <= types
    assert [e["resource"]["id"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Patient"] == [pid]
    (notice,) = _notices(view)
    assert str(saved) in notice.text() and "not encrypted" in notice.text()


def test_no_fhir_file_for_someone_who_has_not_agreed_to_share(qtbot, store, monkeypatch):
    pid = welcomed_person(store)                      # consent to share: no

    def no_dialog(*a, **k):
        raise AssertionError("nobody is asked where to save what cannot be shared")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(no_dialog))
    view = _person_view(qtbot, store, pid)
    qtbot.mouseClick(view.fhir_button, Qt.MouseButton.LeftButton)
    assert view.fhir_op is None
    (notice,) = _notices(view)
    assert "has not agreed to their record being shared" in notice.text()
    assert "record it on their file first" in notice.text()
