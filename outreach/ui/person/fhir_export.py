"""A person's record as a FHIR R4 Bundle for another service's system, from their file.

Only people who agreed to their record being shared with partner services are exported:
for anyone else the user is told so (and what to do) before any file is chosen, and the
op refuses again on its own (``ops.reports.NotAgreedToShare``) should the file be stale.

Threading: the consent check and the file dialog run on the UI thread (the check reads the
person record the view already holds, no store access); building and writing the Bundle
runs off it through ``outreach.ui.background``. The file is written 0600 and atomically.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from outreach.core import fhir
from outreach.core import records as rk
from outreach.ops import reports as report_ops
from outreach.store.records import Store
from outreach.ui.background import BackgroundOp, run_in_background


def _tr(text: str) -> str:
    return QCoreApplication.translate("FhirExport", text)


def not_shared_text(person: Mapping[str, Any]) -> str:
    """What to say when someone has not agreed to share, and what to do next."""
    return _tr("%1 has not agreed to their record being shared with partner services, so "
               "nothing was saved. Check with them; if they agree, record it on their file "
               "first.").replace("%1", rk.title_of(person) or _tr("This person"))


def suggested_name(person: Mapping[str, Any]) -> str:
    name = "".join(c for c in rk.title_of(person) if c.isalnum() or c in " -").strip()
    return f"Record - {name}.json" if name else "Record.json"


def export_fhir(store: Store, person: Mapping[str, Any], *, parent: QWidget,
                path: str | Path | None = None) -> BackgroundOp | None:
    """Check consent, ask where to save (unless ``path`` is given), then build and write
    the Bundle in the background. Returns the running op, or ``None`` when nothing is to
    be written (no consent, or the file dialog was cancelled)."""
    if not fhir.may_share(person):
        _notice(parent, QMessageBox.Icon.Information, _tr("Not shared"),
                not_shared_text(person))
        return None
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, _tr("Save the record for another service (FHIR)"),
            str(Path.home() / suggested_name(person)), _tr("FHIR JSON (*.json)"))
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".json") else chosen + ".json"
    target = Path(path)
    person_id = str(person["id"])
    owner = weakref.ref(parent)     # the op must never be what keeps the widget alive

    def done(count: int) -> None:
        widget = owner()
        if widget is not None:
            _notice(widget, QMessageBox.Icon.Information, _tr("Record saved"),
                    _tr("Saved %1 FHIR resources to %2. The file is not encrypted: send it "
                        "safely and delete it when done.")
                    .replace("%1", str(count)).replace("%2", str(target)))

    def failed(exc: BaseException) -> None:
        widget = owner()
        if widget is None:
            return
        if isinstance(exc, report_ops.NotAgreedToShare):
            text = not_shared_text(person)
        else:
            text = _tr("The record could not be saved: %1").replace(
                "%1", str(exc) or type(exc).__name__)
        _notice(widget, QMessageBox.Icon.Warning, _tr("Not saved"), text)

    return run_in_background(
        lambda state: report_ops.write_fhir(store, target, person_id=person_id),
        parent=parent, on_done=done, on_error=failed, label="fhir export")


def _notice(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A non-blocking message box (never a nested event loop inside a callback)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("fhir_notice")
    box.open()
    return box
