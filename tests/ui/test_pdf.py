"""The care plan PDF: made in the background, saved where chosen, previewed privately."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from outreach.ops import careplan
from outreach.ui import pdf
from outreach.ui.person import PersonView
from tests.ui.person_helpers import welcomed_person


def _text(path: Path) -> str:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(n).text() for n in range(doc.pageCount()))
    doc.close()
    return text


def test_the_care_plan_is_saved_as_a_pdf_where_the_user_chooses(qtbot, store, tmp_path,
                                                                  monkeypatch):
    pid = welcomed_person(store, what_matters="Growing tomatoes with my grandson")
    careplan.update_care_plan(store, person_id=pid, changes={
        "if_things_get_hard": "Ring my sister Dee, then the Listening Lounge"})
    target = tmp_path / "out" / "plan"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")))
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.show()
    view.pdf_button.click()
    op = view.pdf_op
    assert op is not None
    qtbot.waitUntil(lambda: not op.is_running, timeout=20_000)
    assert op.error is None
    saved = target.with_suffix(".pdf")
    data = saved.read_bytes()
    assert data.startswith(b"%PDF")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert [p.name for p in saved.parent.iterdir()] == ["plan.pdf"]   # no .part left
    text = " ".join(_text(saved).split())
    assert "Rob Example's care plan" in text
    assert "Growing tomatoes with my grandson" in text
    assert "Ring my sister Dee, then the Listening Lounge" in text
    assert "Walk to the park twice a week" in text
    # The user is told where it went, without a blocking dialog.
    notices = [w for w in view.findChildren(QWidget) if w.objectName() == "pdf_notice"]
    assert notices and str(saved) in notices[0].text()


def test_a_cancelled_file_dialog_writes_nothing(qtbot, store, monkeypatch):
    pid = welcomed_person(store)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert pdf.export_care_plan(store, pid, parent=parent) is None


def test_preview_uses_a_private_folder_that_is_removed_on_close(qtbot, store):
    pid = welcomed_person(store, what_matters="Seeing the sea again")
    shown: list[pdf.PdfPreviewDialog] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    op = pdf.preview_care_plan(store, pid, parent=parent, on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    dialog = shown[0]
    folder = dialog.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(dialog.path.stat().st_mode) == 0o600
    assert dialog.path.read_bytes().startswith(b"%PDF")
    assert "Seeing the sea again" in " ".join(dialog.page_text(0).split())
    dialog.close()
    assert not folder.exists()
    assert op.error is None


def test_render_runs_without_an_event_loop_and_reports_progress(store, tmp_path):
    pid = welcomed_person(store)
    state = pdf.TaskState()
    out = pdf.care_plan_pdf(store, pid, tmp_path / "x.pdf", state)
    assert out.read_bytes().startswith(b"%PDF")
    assert state.progress[:2] == (2, 2)
