"""Helpers shared by the draft tests (test_drafts.py, test_drafts_lock.py): answering
message boxes, Ctrl+L through the window, reading drafts back through a fresh unlock, and
driving the care plan and the welcome wizard.

Synthetic data only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from outreach.ops import drafts as draft_ops
from outreach.store.profile import Profile
from outreach.ui.welcome import WelcomeWizard
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
STORY = "Moved here last spring to be near my brother"


# -- helpers ----------------------------------------------------------------------------------
_ANSWERING: list[bool] = [False]


@pytest.fixture(autouse=True)
def _stop_answering():
    """No answer_box poll outlives its test (it would click in the next test's boxes)."""
    _ANSWERING[0] = True
    yield
    _ANSWERING[0] = False


def answer_box(qtbot: Any, button: str, *, seen: list[str] | None = None) -> list[str]:
    """Click ``button`` (its text without '&') in the next message box that opens; the box's
    text is appended to the returned list so a test can check it was asked at all."""
    found: list[str] = [] if seen is None else seen
    tries = [0]

    def poll() -> None:
        if not _ANSWERING[0]:
            return
        tries[0] += 1
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            for b in box.buttons():
                if b.text().replace("&", "") == button:
                    b.click()
                    return
            raise AssertionError(f"no {button!r} in {[b.text() for b in box.buttons()]}")
        if tries[0] < 400:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return found


def ctrl_l(qtbot: Any, window: Any) -> None:
    """Ctrl+L through the window's own QWindow, as a real key press arrives."""
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def read_drafts(caseload: Any, *, kind: str) -> list[dict[str, Any]]:
    """The drafts of one kind in the profile, read through a fresh unlock (the window's
    session is locked by then)."""
    store = Profile(caseload.data_dir, "test", vault_options={"kdf_params": FAST_KDF}) \
        .unlock(PASSPHRASE)
    try:
        return draft_ops.drafts(store, kind=kind)
    finally:
        store.close()


def open_care_plan(qtbot: Any, window: Any, person_id: str) -> Any:
    ws = window.workspace
    ws.open_person(person_id)
    view = ws.person_view
    view.tabs.setCurrentWidget(view.careplan)
    return view.careplan


def type_story(qtbot: Any, section: Any, text: str = STORY) -> None:
    box = section.texts["story"]
    box.setFocus()
    qtbot.keyClicks(box, text)


def top_wizard() -> WelcomeWizard | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, WelcomeWizard) and w.isVisible()), None)


def next_page(qtbot: Any, wizard: WelcomeWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_first_pages(qtbot: Any, wizard: WelcomeWizard) -> None:
    """Consent, names, what matters: three pages typed, the wizard on page four."""
    qtbot.mouseClick(wizard.consent_record, Qt.MouseButton.LeftButton)
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.given_name, "Jordan")
    qtbot.keyClicks(wizard.preferred_name, "Jo")
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.what_matters, "Seeing my grandchildren every week")
    next_page(qtbot, wizard)


def until(qtbot: Any, check: Callable[[], Any], timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: bool(check()), timeout=timeout)


