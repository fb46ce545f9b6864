"""Nothing typed is lost: care-plan and welcome drafts autosave into the encrypted store
and a drafted care plan or welcome is offered back after unlocking, never silently saved.

Issue 12, items 2 and 3 (every lock saving every draft, item 4, is in test_drafts_lock.py).
Synthetic data only. Drives the real main window and widgets.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from outreach.ops import drafts as draft_ops
from outreach.ops import people as people_ops
from outreach.ui.welcome import WelcomeWizard
from outreach.ui.welcome_resume import start_welcome
from tests.ui.drafts_helpers import (
    STORY,
    _stop_answering,  # noqa: F401  (an autouse fixture)
    answer_box,
    ctrl_l,
    fill_first_pages,
    next_page,
    open_care_plan,
    read_drafts,
    top_wizard,
    type_story,
    until,
)
from tests.ui.test_unlock import unlock, visible_text


# -- item 2: the care plan --------------------------------------------------------------------
def test_ctrl_l_keeps_unsaved_care_plan_words_and_offers_them_back(qtbot, window, caseload):
    aisha = caseload.ids["aisha"]
    unlock(qtbot, window)
    section = open_care_plan(qtbot, window, aisha)
    type_story(qtbot, section)
    ctrl_l(qtbot, window)                           # at once: no autosave has run yet
    assert window.is_locked and STORY not in visible_text(window)

    unlock(qtbot, window)
    section = open_care_plan(qtbot, window, aisha)
    store = window.session.store
    assert section.texts["story"].toPlainText() == STORY
    assert "Unsaved changes restored from a draft" in section.message.text()
    assert section.save_button.isEnabled() and section.revert_button.isEnabled()
    # offered back, never silently saved as the care plan
    assert not (people_ops.person_file(store, aisha).care_plan or {}).get("story")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert people_ops.person_file(store, aisha).care_plan["story"] == STORY
    assert draft_ops.drafts(store, kind="care_plan") == []


def test_idle_lock_keeps_unsaved_care_plan_words(qtbot, window, caseload):
    unlock(qtbot, window)
    section = open_care_plan(qtbot, window, caseload.ids["aisha"])
    type_story(qtbot, section)
    window.session.set_auto_lock_minutes(0.001)     # the real idle timer, 60 ms
    until(qtbot, lambda: window.is_locked)
    (draft,) = read_drafts(caseload, kind="care_plan")
    assert draft["person_id"] == caseload.ids["aisha"]
    assert draft["data"]["texts"]["story"] == STORY


def test_the_laptop_suspending_locks_and_keeps_the_draft(qtbot, window, caseload):
    unlock(qtbot, window)
    section = open_care_plan(qtbot, window, caseload.ids["aisha"])
    type_story(qtbot, section)
    app = QGuiApplication.instance()
    # another application in front: drafts are written at once, nothing locks
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert not window.is_locked
    assert [d["data"]["texts"]["story"] for d in
            draft_ops.drafts(window.session.store, kind="care_plan")] == [STORY]
    type_story(qtbot, section, " and his dog")
    # the lid closes: the system suspends the app
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert window.is_locked and STORY not in visible_text(window)
    (draft,) = read_drafts(caseload, kind="care_plan")
    assert draft["data"]["texts"]["story"] == STORY + " and his dog"


def test_a_care_plan_draft_stays_with_its_person_and_can_be_discarded(qtbot, store):
    from outreach.ui.person.view import PersonView
    from tests.ui.person_helpers import plain_person, welcomed_person

    first = welcomed_person(store)
    second = plain_person(store, given_name="Sky")
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(first)
    view.show()
    section = view.careplan
    with qtbot.waitSignal(section.drafts.saved, timeout=5000):   # autosaves by itself
        type_story(qtbot, section)
    (draft,) = draft_ops.drafts(store, kind="care_plan")
    assert draft["person_id"] == first and draft["data"]["texts"]["story"] == STORY

    # A fresh view (as after a lock) offers it back for the first person only.
    again = PersonView()
    qtbot.addWidget(again)
    again.set_store(store)
    again.show_person(second)
    assert again.careplan.texts["story"].toPlainText() == ""
    assert not again.careplan.save_button.isEnabled()
    again.show_person(first)
    assert again.careplan.texts["story"].toPlainText() == STORY
    # moving on does not save a restored draft behind the person's back
    again.show_person(second)
    assert not (people_ops.person_file(store, first).care_plan or {}).get("story")
    again.show_person(first)
    again.show()
    answer_box(qtbot, "Discard")
    qtbot.mouseClick(again.careplan.revert_button, Qt.MouseButton.LeftButton)
    assert again.careplan.texts["story"].toPlainText() == ""
    assert draft_ops.drafts(store, kind="care_plan") == []


def test_a_restored_draft_keeps_a_colleagues_later_edits(qtbot, store):
    """Only the sections typed in are kept: a section changed since (say by a sync) is not
    put back to its old words, and one changed on both sides is pointed out."""
    from outreach.ops import careplan
    from outreach.ui.person.view import PersonView
    from tests.ui.person_helpers import welcomed_person

    pid = welcomed_person(store)
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.show()
    type_story(qtbot, view.careplan)
    view.careplan.drafts.save_now()
    view.close()
    careplan.update_care_plan(store, person_id=pid, changes={
        "what_matters": "Getting back to the allotment, and my choir",
        "story": "Grew up by the sea"})

    again = PersonView()
    qtbot.addWidget(again)
    again.set_store(store)
    again.show_person(pid)
    section = again.careplan
    assert section.texts["what_matters"].toPlainText() == \
        "Getting back to the allotment, and my choir"
    assert section.texts["story"].toPlainText() == STORY
    assert "check before saving" in section.message.text()
    assert set(section.pending_changes()) == {"story"}


# -- item 3: the welcome wizard ---------------------------------------------------------------
def test_escape_asks_before_throwing_a_welcome_away(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_first_pages(qtbot, wizard)
    for _ in range(3):
        next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.notes, "A walk round the park")
    assert wizard.currentId() == 6                   # the last page

    asked = answer_box(qtbot, "Go back")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    until(qtbot, lambda: asked)
    assert wizard.isVisible() and wizard.given_name.text() == "Jordan"

    asked = answer_box(qtbot, "Keep as draft")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    until(qtbot, lambda: not wizard.isVisible())
    (draft,) = draft_ops.drafts(store, kind="welcome")
    assert draft["data"]["form"]["notes"] == "A walk round the park"

    answer_box(qtbot, "Resume")
    resumed = start_welcome(store, parent=None)
    assert resumed is not None                       # deleted on close: not qtbot's
    assert resumed.currentId() == 6
    assert resumed.given_name.text() == "Jordan" and resumed.consent_record.isChecked()
    assert resumed.what_matters.toPlainText() == "Seeing my grandchildren every week"
    assert resumed.notes.toPlainText() == "A walk round the park"

    answer_box(qtbot, "Discard")
    resumed.close()
    until(qtbot, lambda: not shiboken6.isValid(resumed))     # closed and deleted
    assert draft_ops.drafts(store, kind="welcome") == []


def test_a_welcome_autosaves_while_typing_and_saving_it_clears_the_draft(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    with qtbot.waitSignal(wizard.drafts.saved, timeout=5000):
        fill_first_pages(qtbot, wizard)
    for _ in range(3):
        next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.notes, "Tea at the community centre")
    wizard.drafts.save_now()
    assert draft_ops.drafts(store, kind="welcome")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.person_id
    assert draft_ops.drafts(store, kind="welcome") == []


def test_ctrl_l_saves_a_welcome_silently_and_it_resumes_after_unlock(qtbot, window):
    unlock(qtbot, window)
    ws = window.workspace
    ws.new_welcome()
    wizard = top_wizard()
    assert wizard is not None
    fill_first_pages(qtbot, wizard)
    ctrl_l(qtbot, wizard)
    assert window.is_locked and top_wizard() is None
    # nothing was asked: a lock keeps the draft silently
    assert not any(isinstance(w, QMessageBox) and w.isVisible()
                   for w in QApplication.topLevelWidgets())

    unlock(qtbot, window)
    asked = answer_box(qtbot, "Resume")
    window.workspace.new_welcome()
    until(qtbot, lambda: asked)
    assert "with Jo " in asked[0]                    # the name they like to be called
    wizard = top_wizard()
    assert wizard is not None and wizard.currentId() == 3
    assert wizard.given_name.text() == "Jordan" and wizard.preferred_name.text() == "Jo"
