"""The care plan as a PDF that travels with the person.

The HTML comes from ``ops.careplan.care_plan_html`` (their words, headings a person knows)
and is laid out by a :class:`QTextDocument` onto A4 pages through :class:`QPdfWriter`,
with generous margins and a readable type size.

Privacy: the PDF is rendered into memory and written once, 0600, to a temporary name next
to the chosen file, then renamed into place, so a half-written file never lingers. The
preview is a temporary file inside a private (0700) temporary folder that is deleted when
the preview closes, or at the next start if the app crashed first
(``outreach.ops.careplan_files``).

Threading: rendering runs off the UI thread via ``outreach.ui.background`` (a QTextDocument
and a QPdfWriter made in the worker are used only there). The file dialog and the
preview live on the UI thread.
"""

from __future__ import annotations

import logging
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt, Signal
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import careplan, careplan_files, consent, people
from outreach.store.files import atomic_write
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, TaskState, run_in_background
from outreach.ui.fit import fit_to_screen

log = logging.getLogger(__name__)

MARGIN_MM = 4.0   # QTextDocument.print_ adds its own 2 cm on top
BODY_POINTS = 11.0


def render_pdf(html: str, *, title: str = "Care plan") -> bytes:
    """Lay out ``html`` on A4 pages and return the PDF bytes (any thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Outreach")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.print_(writer)
    del writer                      # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by the owner only (0600)."""
    path = Path(path)
    atomic_write(path, data)
    return path


def care_plan_pdf(store: Store, person_id: str, path: Path,
                  state: TaskState | None = None, *, for_the_person: bool = False) -> Path:
    """Render a person's care plan to ``path`` (a background work function).

    The PDF names the person, so it is made only if they agreed to their record being
    shared, or for the person themselves to keep (``for_the_person``, which the user
    confirmed); otherwise :class:`~outreach.ops.consent.NotAgreedToShare`, nothing written.
    """
    state = state or TaskState()
    if not for_the_person:
        consent.require_share(store, person_id)
    state.set_progress(0, 2, "Preparing the care plan")
    html = careplan.care_plan_html(store, person_id)
    state.raise_if_cancelled()
    state.set_progress(1, 2, "Laying out the pages")
    data = render_pdf(html, title="Care plan")
    state.raise_if_cancelled()
    write_private(path, data)
    state.set_progress(2, 2, "Done")
    return Path(path)


def suggested_name(store: Store, person_id: str) -> str:
    return careplan_files.suggested_file_name(store, person_id)


def export_care_plan(store: Store, person_id: str, *, parent: QWidget,
                     path: str | Path | None = None, for_the_person: bool = False,
                     on_started: Callable[[BackgroundOp], None] | None = None
                     ) -> BackgroundOp | None:
    """Check consent, ask where to save (unless ``path`` is given), then render in the
    background.

    For someone who has not agreed to share, the user is first asked (without a nested
    event loop) to confirm the PDF is for the person themselves to keep; once confirmed
    the export goes on and ``on_started`` gets its op. Returns the running op (``None``
    while asking, or if the user cancelled the file dialog). On success a short message
    says where the file went; errors are shown in a message box.
    """
    if not for_the_person and not consent.agreed_to_share(store, person_id):
        ask_for_the_person(store, person_id, parent=parent, path=path,
                           on_started=on_started)
        return None
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, parent.tr("Save the care plan as PDF"),
            str(Path.home() / suggested_name(store, person_id)),
            parent.tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"
    target = Path(path)
    # Callbacks hold the parent weakly: the op must never be what keeps a widget alive
    # (a widget destroyed while its op is being freed would signal a half-freed op).
    owner = weakref.ref(parent)

    def done(result: Path) -> None:
        widget = owner()
        if widget is not None:
            _notice(widget, QMessageBox.Icon.Information, widget.tr("Care plan saved"),
                    widget.tr("The care plan was saved to %1").replace("%1", str(result)))

    def failed(exc: BaseException) -> None:
        widget = owner()
        if widget is not None:
            _notice(widget, QMessageBox.Icon.Warning, widget.tr("Not saved"),
                    widget.tr("The care plan could not be saved: %1")
                    .replace("%1", str(exc) or type(exc).__name__))

    op = run_in_background(
        lambda state: care_plan_pdf(store, person_id, target, state,
                                    for_the_person=for_the_person),
        parent=parent, on_done=done, on_error=failed, label="care plan pdf")
    if on_started is not None:
        on_started(op)
    return op


def ask_for_the_person(store: Store, person_id: str, *, parent: QWidget,
                       path: str | Path | None = None,
                       on_started: Callable[[BackgroundOp], None] | None = None
                       ) -> QMessageBox:
    """Ask (non-blocking) whether the care plan of someone who has not agreed to share is
    for them to keep; "For … to keep" goes on with the export, Cancel does nothing."""
    name = rk.title_of(people.person_details(store, person_id)) or parent.tr("this person")
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Not agreed to share"),
                      parent.tr("%1 has not agreed to their record being shared with partner "
                                "services. Save the care plan only if it is for %1 to keep. "
                                "To send it anywhere else, check with them first and record "
                                "their answer on the Consent tab of their file.")
                      .replace("%1", name), QMessageBox.StandardButton.Cancel, parent)
    keep = box.addButton(parent.tr("For %1 to keep").replace("%1", name),
                         QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("pdf_consent")
    owner = weakref.ref(parent)

    def chosen(button: Any) -> None:
        widget = owner()
        if button is keep and widget is not None:
            export_care_plan(store, person_id, parent=widget, path=path,
                             for_the_person=True, on_started=on_started)

    box.buttonClicked.connect(chosen)
    box.open()
    return box


def _notice(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A non-blocking message box (never a nested event loop inside a callback)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("pdf_notice")
    box.open()
    return box


class PdfPreviewDialog(QDialog):
    """Shows a PDF from a private temporary folder and deletes the folder on close.

    Signals: ``save_requested()`` when the user asks to save what they see.
    """

    save_requested = Signal()

    def __init__(self, pdf_bytes: bytes, *, parent: QWidget | None = None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Care plan preview"))
        self.folder = careplan_files.new_preview_folder()
        self.path = write_private(self.folder / "preview.pdf", pdf_bytes)
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Preview of the care plan"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save as…"))
        buttons.accepted.connect(self.save_requested.emit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        fit_to_screen(self, width=line * 46, height=line * 40)     # the page view scrolls
        self.finished.connect(self.cleanup)

    def page_text(self, page: int = 0) -> str:
        return self.document.getAllText(page).text()

    def cleanup(self, *_: Any) -> None:
        """Close the document and delete the private folder (safe to call twice)."""
        self.document.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.cleanup()
        super().closeEvent(event)


def preview_care_plan(store: Store, person_id: str, *, parent: QWidget,
                      on_shown: Callable[[PdfPreviewDialog], None] | None = None
                      ) -> BackgroundOp:
    """Render in the background, then show :class:`PdfPreviewDialog` (non-modal)."""
    def work(state: TaskState) -> bytes:
        html = careplan.care_plan_html(store, person_id)
        state.raise_if_cancelled()
        return render_pdf(html, title="Care plan")

    owner = weakref.ref(parent)       # see export_care_plan: never keep the parent alive

    def show(data: bytes) -> None:
        widget = owner()
        if widget is None:
            return
        dialog = PdfPreviewDialog(data, parent=widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.save_requested.connect(
            lambda: export_care_plan(store, person_id, parent=dialog))
        dialog.show()
        if on_shown is not None:
            on_shown(dialog)

    return run_in_background(work, parent=parent, on_done=show, label="care plan preview")

