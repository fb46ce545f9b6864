"""The care plan PDF: made in the background, saved where chosen, previewed privately."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
    pid = welcomed_person(store, what_matters="Growing tomatoes with my grandson",
                          consent_share=True)
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
    pid = welcomed_person(store, consent_share=True)
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
    pid = welcomed_person(store, consent_share=True)
    state = pdf.TaskState()
    out = pdf.care_plan_pdf(store, pid, tmp_path / "x.pdf", state)
    assert out.read_bytes().startswith(b"%PDF")
    assert state.progress[:2] == (2, 2)


# -- consent (issue 14 item 7) ----------------------------------------------------------------
def _consent_question(qtbot, view) -> QMessageBox:
    qtbot.waitUntil(lambda: any(w.objectName() == "pdf_consent" and w.isVisible()
                                for w in view.findChildren(QMessageBox)), timeout=5000)
    return next(w for w in view.findChildren(QMessageBox)
                if w.objectName() == "pdf_consent" and w.isVisible())


def test_without_consent_to_share_the_pdf_is_only_for_the_person_to_keep(
        qtbot, store, tmp_path, monkeypatch):
    pid = welcomed_person(store)                        # consent to share: no
    asked: list[str] = []
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a, **k: (asked.append("file") or str(target), "")))
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.show()
    assert "Not agreed to share" in view.consent_label.text()
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    box = _consent_question(qtbot, view)
    assert "Rob Example has not agreed" in box.text() and asked == []
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert asked == [] and view.pdf_op is None and not target.exists()   # nothing asked
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    box = _consent_question(qtbot, view)
    (keep,) = [b for b in box.buttons() if b.text() == "For Rob Example to keep"]
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pdf_op is not None and not view.pdf_op.is_running,
                    timeout=20_000)
    assert view.pdf_op.error is None and asked == ["file"]
    assert target.read_bytes().startswith(b"%PDF")


def test_the_pdf_work_refuses_someone_not_agreed_unless_it_is_theirs(store, tmp_path):
    import pytest

    from outreach.ops.consent import NotAgreedToShare

    pid = welcomed_person(store)
    with pytest.raises(NotAgreedToShare):
        pdf.care_plan_pdf(store, pid, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    out = pdf.care_plan_pdf(store, pid, tmp_path / "y.pdf", for_the_person=True)
    assert out.read_bytes().startswith(b"%PDF")
