"""Issue 12, items 5–7: Outreach never shows or writes the wrong person.

5. Every dialog that writes a person's record names the person (title and first line),
   keeps its own person whatever the main window shows, and the main window does not open
   another file behind it.
6. Messages about the previous person's file are cleared when another file opens.
7. A conversation dated in the future is refused with a clear message; one dated long ago
   asks first; phone numbers and email addresses at the welcome are checked.

Synthetic people only, written through the real ops; driven through the real widgets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from outreach.ops import conversations as conv_ops
from outreach.ops import people
from outreach.ui.person.view import PersonView
from outreach.ui.welcome import WelcomeWizard
from tests.ui.person_helpers import welcomed_person
from tests.ui.test_unlock import unlock


def _view(qtbot: Any, store: Any, pid: str) -> PersonView:
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.resize(1366, 768)
    view.show()
    return view


def _click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _two_people(store: Any) -> tuple[str, str]:
    rob = welcomed_person(store, given_name="Robin", preferred_name="Rob")
    sam = welcomed_person(store, given_name="Samira", preferred_name="Sam",
                          what_matters="Finding a quieter flat")
    people.update_person(store, rob, {"date_of_birth": "1990-04-03"})
    return rob, sam


def _visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def _answer_all(dialog: Any) -> None:
    for n in range(len(dialog.groups)):
        dialog.set_answer(n, dialog.instrument.answer_min + 2)


# -- 5. every dialog that writes a person's record names them and stays bound ------------------
def test_each_record_dialog_names_its_person_in_the_title_and_first_line(qtbot, store):
    rob, _ = _two_people(store)
    view = _view(qtbot, store, rob)
    short_id = rob[:8]

    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    conversation = view.timeline.dialog
    assert conversation.windowTitle() == "Conversation with Rob Example"
    assert "Rob Example" in conversation.who.text()
    assert "3 Apr 1990" in conversation.who.text() and short_id in conversation.who.text()

    view.tabs.setCurrentWidget(view.measures)
    questionnaire = view.measures.start_questionnaire()
    assert questionnaire.windowTitle().endswith("with Rob Example")
    assert "Rob Example" in questionnaire.who.text() and short_id in questionnaire.who.text()

    view.tabs.setCurrentWidget(view.services)
    links = view.services.open_directory()
    assert links is not None and "Rob Example" in links.windowTitle()
    assert "Rob Example" in links.who.text() and short_id in links.who.text()

    view.tabs.setCurrentWidget(view.timeline)
    seen: list[tuple[str, str]] = []

    def look_and_close() -> None:       # works whether the dialog is modal or not
        addendum = next(w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w.windowTitle().startswith("Add"))
        who = getattr(addendum, "who", None)
        seen.append((addendum.windowTitle(), who.text() if who is not None else ""))
        addendum.reject()

    QTimer.singleShot(0, look_and_close)
    _click(qtbot, view.timeline.addendum_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    ((title, first_line),) = seen
    assert title == "Addendum for Rob Example"
    assert "Rob Example" in first_line and short_id in first_line
    for dialog in (conversation, questionnaire, links):
        dialog.close()


def test_a_questionnaire_saves_for_its_own_person_when_the_file_changes_underneath(qtbot,
                                                                                     store):
    rob, sam = _two_people(store)
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.measures)
    dialog = view.measures.start_questionnaire()
    _answer_all(dialog)
    view.show_person(sam)             # the shared person view moves on (a sync, a search)
    _click(qtbot, dialog.save_button)
    assert len(people.person_file(store, rob).measures) == 1
    assert people.person_file(store, sam).measures == []


def test_a_conversation_and_its_concern_save_for_its_own_person_when_the_file_changes(
        qtbot, store):
    rob, sam = _two_people(store)
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    dialog = view.timeline.dialog
    qtbot.keyClicks(dialog.notes, "Rob talked about the stairs")
    dialog.concern.setChecked(True)
    qtbot.keyClicks(dialog.concern_text, "Rob's landlord calls late at night")
    view.show_person(sam)             # the shared view moves on (a sync, a search)
    assert dialog.windowTitle() == "Conversation with Rob Example"
    with qtbot.waitSignal(dialog.saved):
        _click(qtbot, dialog.save_button)
    rob_file, sam_file = people.person_file(store, rob), people.person_file(store, sam)
    assert "Rob talked about the stairs" in [c["notes"] for c in rob_file.conversations]
    assert [f["concern"] for f in rob_file.open_risks] == ["Rob's landlord calls late at night"]
    assert "Rob talked about the stairs" not in [c["notes"] for c in sam_file.conversations]
    assert sam_file.open_risks == []


def test_a_modal_addendum_stays_on_its_conversation_when_the_file_changes_underneath(
        qtbot, store):
    rob, sam = _two_people(store)
    conv_ops.record_conversation(store, person_id=sam, values={
        "occurred_at": "2026-11-20T10:00:00+00:00", "setting": "phone", "type": "support",
        "notes": "Sam's own conversation"})
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.timeline)
    rob_conversation = view.timeline.current_id()
    done: list[bool] = []

    def while_open() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if w.isVisible() and w.windowTitle().startswith("Add"))
        view.show_person(sam)         # a sync refreshes the view under the modal dialog
        dialog.text.setPlainText("It was the PIP form")
        dialog.ok.click()
        done.append(True)

    QTimer.singleShot(0, while_open)
    _click(qtbot, view.timeline.addendum_button)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    rob_file = people.person_file(store, rob)
    (mine,) = [c for c in rob_file.conversations if c["id"] == rob_conversation]
    assert [a["text"] for a in mine.get("addenda") or []] == ["It was the PIP form"]
    assert all(not c.get("addenda") for c in people.person_file(store, sam).conversations)


def test_the_main_window_will_not_open_another_file_behind_a_conversation(qtbot, window,
                                                                         caseload):
    unlock(qtbot, window)
    ws = window.workspace
    people_page = ws.pages["people"]
    ws.show_page("people")
    qtbot.waitUntil(lambda: people_page.model.rowCount() == 3, timeout=10_000)
    people_page.open_person.emit(caseload.ids["aisha"])
    view = ws.person_view
    assert view.person_id == caseload.ids["aisha"]
    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    dialog = view.timeline.dialog
    qtbot.keyClicks(dialog.notes, "Worried about the landlord again")

    # Back to the list (Alt+Left) and open Ben (Enter on his row, from the People page).
    ws.go_back()
    people_page.open_person.emit(caseload.ids["ben"])
    assert view.person_id == caseload.ids["aisha"], "Ben's file opened behind the dialog"
    (box,) = _visible_boxes()
    assert "Finish or close the conversation with Aisha Khan first" in box.text()
    assert dialog.isVisible()
    box.accept()

    with qtbot.waitSignal(dialog.saved):
        _click(qtbot, dialog.save_button)
    store = ws.store
    assert people.person_file(store, caseload.ids["ben"]).conversations == []
    notes = [c["notes"] for c in people.person_file(store, caseload.ids["aisha"]).conversations]
    assert "Worried about the landlord again" in notes
    # Once the dialog is closed, Ben's file opens as usual.
    people_page.open_person.emit(caseload.ids["ben"])
    assert view.person_id == caseload.ids["ben"]


def test_the_main_window_will_not_open_another_file_behind_a_questionnaire(qtbot, window,
                                                                         caseload):
    unlock(qtbot, window)
    ws = window.workspace
    ws.open_person(caseload.ids["aisha"])
    view = ws.person_view
    view.tabs.setCurrentWidget(view.measures)
    dialog = view.measures.start_questionnaire()
    ws.go_back()
    ws.pages["today"].open_person.emit(caseload.ids["cara"])
    assert view.person_id == caseload.ids["aisha"]
    (box,) = _visible_boxes()
    assert "Finish or close the SWEMWBS questionnaire with Aisha Khan first" in box.text()
    box.accept()
    dialog.reject()
    ws.pages["today"].open_person.emit(caseload.ids["cara"])
    assert view.person_id == caseload.ids["cara"]


# -- 6. messages about the previous person are cleared --------------------------------------
def test_messages_about_the_previous_person_are_cleared_when_another_file_opens(qtbot, store):
    rob, sam = _two_people(store)
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.measures)
    dialog = view.measures.start_questionnaire()
    _answer_all(dialog)
    _click(qtbot, dialog.save_button)
    assert view.measures.message.text().startswith("Saved. Score")
    assert view.measures.message.isVisible()          # it survived the file's own refresh
    view.tabs.setCurrentWidget(view.careplan)
    qtbot.keyClicks(view.careplan.texts["strengths"], "Kind to others")
    _click(qtbot, view.careplan.save_button)
    assert view.careplan.message.text() == "Care plan saved."
    view.tabs.setCurrentWidget(view.goals)
    qtbot.keyClicks(view.goals.new_goal, "Half-typed goal for Rob")

    view.show_person(sam)
    assert not view.measures.message.isVisible() and view.measures.message.text() == ""
    assert view.careplan.message.text() == ""
    assert view.goals.new_goal.text() == ""           # nothing typed for Rob is left for Sam
    view.show_person(rob)
    assert view.measures.message.text() == ""


# -- 7. dates in the future and long ago; phone numbers and email addresses -------------------
def test_a_conversation_dated_a_year_ahead_is_refused_with_a_clear_message(qtbot, store):
    rob, _ = _two_people(store)
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    dialog = view.timeline.dialog
    before = len(people.person_file(store, rob).conversations)
    dialog.when.setDateTime(QDateTime.currentDateTime().addDays(365))
    qtbot.keyClicks(dialog.notes, "Typed with the wrong year")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "in the future" in dialog.message.text()
    assert len(people.person_file(store, rob).conversations) == before
    # a few minutes of clock skew is fine
    dialog.when.setDateTime(QDateTime.currentDateTime().addSecs(120))
    with qtbot.waitSignal(dialog.saved):
        _click(qtbot, dialog.save_button)
    assert len(people.person_file(store, rob).conversations) == before + 1


def test_a_conversation_dated_long_ago_asks_before_saving(qtbot, store):
    rob, _ = _two_people(store)
    view = _view(qtbot, store, rob)
    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    dialog = view.timeline.dialog
    before = len(people.person_file(store, rob).conversations)
    dialog.when.setDateTime(QDateTime.currentDateTime().addYears(-2))
    qtbot.keyClicks(dialog.notes, "A late write-up")
    _click(qtbot, dialog.save_button)
    (box,) = _visible_boxes()
    assert "more than a year ago" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert dialog.isVisible()
    assert len(people.person_file(store, rob).conversations) == before
    _click(qtbot, dialog.save_button)
    (box,) = _visible_boxes()
    with qtbot.waitSignal(dialog.saved):
        box.button(QMessageBox.StandardButton.Yes).click()
    newest = people.person_file(store, rob).conversations
    assert len(newest) == before + 1
    oldest_day = dt.date.fromisoformat(min(c["occurred_at"] for c in newest)[:10])
    assert oldest_day < dt.date.today() - dt.timedelta(days=366)


def _to_contact_page(qtbot: Any, wizard: WelcomeWizard) -> None:
    wizard.consent_record.setChecked(True)
    wizard.next()
    qtbot.keyClicks(wizard.given_name, "Jordan")
    wizard.next()
    qtbot.keyClicks(wizard.what_matters, "Seeing my grandchildren")
    wizard.next()
    assert wizard.currentPage().title() == "Staying in touch"


def test_the_welcome_checks_the_phone_number_and_email_and_keeps_their_words(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_contact_page(qtbot, wizard)
    qtbot.keyClicks(wizard.phone, "text me after 6")
    qtbot.keyClicks(wizard.email, "jordan at example dot org")
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage().title() == "Staying in touch"        # not let through
    assert "Phone" in wizard.contact_message.text()
    assert "is not a phone number" in wizard.contact_message.text()
    assert "Email" in wizard.contact_message.text()
    wizard.phone.clear()
    qtbot.keyClicks(wizard.phone, "07700 900123")
    wizard.email.clear()
    qtbot.keyClicks(wizard.email, "jordan@example.org")
    qtbot.keyClicks(wizard.contact_notes, "text me after 6, not on Mondays")
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage().title() == "First goals"
    assert not wizard.contact_message.isVisible()
    wizard.next()
    wizard.next()
    qtbot.keyClicks(wizard.notes, "Met over tea.")
    with qtbot.waitSignal(wizard.welcomed) as got:
        _click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    person = people.person_file(store, got.args[0]).person
    assert (person["phone"], person["email"]) == ("07700 900123", "jordan@example.org")
    assert person["contact_notes"] == "text me after 6, not on Mondays"
