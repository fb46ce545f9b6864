"""Starting a welcome: offer to resume an unfinished one first.

:func:`start_welcome` (New welcome…, Ctrl+N) looks for a ``welcome`` draft for the same
person (``None``: someone new) and asks "Resume", "Start a new one" (the unfinished one is
kept) or Cancel before opening :class:`~outreach.ui.welcome.WelcomeWizard`, resumed with
its pages filled in when asked.

Threading: UI thread only; reading the drafts is one small local query.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from outreach.ops import drafts as draft_ops
from outreach.store.records import Store
from outreach.ui.welcome import DRAFT_KIND, WelcomeWizard

log = logging.getLogger(__name__)


def start_welcome(store: Store, *, parent: QWidget | None,
                  person_id: str | None = None) -> WelcomeWizard | None:
    """Open the welcome wizard (window-modal, deleted on close), first offering to resume
    an unfinished welcome for the same person (``None``: someone new). Returns the wizard,
    or ``None`` when the person chose Cancel.
    """
    try:
        found = draft_ops.drafts(store, person_id=person_id, kind=DRAFT_KIND)
    except Exception as exc:  # noqa: BLE001 - a broken draft must not stop a welcome
        log.warning("could not read welcome drafts: %s", type(exc).__name__)
        found = []
    draft = max(found, key=lambda d: d.get("updated_at") or "") if found else None
    if draft is not None:
        choice = _ask_resume(parent, draft, more=len(found) - 1)
        if choice is None:
            return None
        if not choice:
            draft = None
    wizard = WelcomeWizard(store, parent=parent, person_id=person_id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if draft is not None:
        wizard.resume(draft)
    wizard.open()
    return wizard


def _ask_resume(parent: QWidget | None, draft: dict[str, Any], *, more: int) -> bool | None:
    """Resume (True), start a new one (False) or cancel (None)."""
    def tr(text: str) -> str:
        return QMessageBox.tr(text)

    form = (draft.get("data") or {}).get("form") or {}
    who = (form.get("preferred_name") or form.get("given_name") or "").strip()
    try:
        stamp = dt.datetime.fromisoformat(draft.get("updated_at") or "").astimezone()
        when = f"{stamp.day} {stamp:%b %Y %H:%M}"
    except ValueError:
        when = ""
    text = (tr("You started a welcome with %1 and did not finish it (last changed %2).")
            if who else tr("You started a welcome and did not finish it (last changed %2)."))
    text = text.replace("%1", who).replace("%2", when)
    if more:
        text += " " + tr("There are %1 more unfinished welcomes.").replace("%1", str(more))
    box = QMessageBox(QMessageBox.Icon.Question, tr("Resume welcome draft"), text,
                      parent=parent)
    box.setInformativeText(tr("Resume it where you left off, or start a new one (the "
                              "unfinished one is kept)."))
    resume = box.addButton(tr("&Resume"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(tr("Start a &new one"), QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(resume)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is resume:
        return True
    if clicked is new:
        return False
    return None
