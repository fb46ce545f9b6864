"""The peer mentor's welcome wizard, driven page by page like a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from outreach.ops import people
from outreach.ui.welcome import WelcomeWizard
from tests.ui.person_helpers import plain_person, unnamed_focusable


def _next(qtbot, wizard: WelcomeWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_welcome_creates_the_person_their_plan_goals_and_conversation(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    # Consent to keep a record is needed before going on.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(wizard.consent_record, Qt.MouseButton.LeftButton)
    wizard.consent_share.setChecked(True)
    _next(qtbot, wizard)
    # A first name is needed.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.given_name, "Jordan")
    qtbot.keyClicks(wizard.preferred_name, "Jo")
    wizard.pronouns.setEditText("she/her")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.what_matters, "Seeing my grandchildren every week")
    _next(qtbot, wizard)
    wizard.contact_boxes["text"].setChecked(True)
    qtbot.keyClicks(wizard.contact_notes, "Not before 10am")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.goal_texts[0], "Get the bus into town on my own")
    wizard.goal_areas[0].setCurrentIndex(wizard.goal_areas[0].findData("connection"))
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.match_preference, "An older woman who has been through it")
    _next(qtbot, wizard)
    wizard.setting.setCurrentIndex(wizard.setting.findData("listening_lounge"))
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()                     # notes are needed
    qtbot.keyClicks(wizard.notes, "Met over tea; Jo brought her friend.")
    with qtbot.waitSignal(wizard.welcomed) as got:
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    pid = got.args[0]
    assert pid and wizard.person_id == pid

    pf = people.person_file(store, pid)
    p = pf.person
    assert (p["given_name"], p["preferred_name"], p["pronouns"]) == ("Jordan", "Jo", "she/her")
    assert p["consent_record"] is True and p["consent_share"] is True
    assert p["contact_methods"] == ["text"]
    assert p["contact_notes"] == "Not before 10am"
    assert p["match_preference"] == "An older woman who has been through it"
    assert pf.care_plan["what_matters"] == "Seeing my grandchildren every week"
    assert [(g["description"], g["life_area"]) for g in pf.goals] == [
        ("Get the bus into town on my own", "connection")]
    (conv,) = pf.conversations
    assert conv["type"] == "welcome" and conv["setting"] == "listening_lounge"
    assert conv["notes"] == "Met over tea; Jo brought her friend."
    assert pf.current_episode is not None
    assert [r["status"] for r in pf.referrals] == ["accepted"]


def test_welcoming_someone_already_on_the_laptop_keeps_one_person(qtbot, store):
    pid = plain_person(store, given_name="Sam")
    wizard = WelcomeWizard(store, person_id=pid)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.given_name.text() == "Sam"
    wizard.consent_record.setChecked(True)
    wizard.what_matters.setPlainText("Keeping my flat")
    wizard.notes.setPlainText("First chat")
    with qtbot.waitSignal(wizard.welcomed) as got:
        wizard.accept()
    assert got.args[0] == pid
    assert [r.id for r in people.caseload(store)] == [pid]
    assert people.person_file(store, pid).care_plan["what_matters"] == "Keeping my flat"


def test_a_refused_save_keeps_the_wizard_open_and_says_why(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.consent_record.setChecked(True)
    wizard.given_name.setText("X" * 300)              # longer than a name may be
    wizard.notes.setPlainText("Notes")
    wizard.accept()
    assert wizard.isVisible()
    assert "First name" in wizard.message.text()
    assert people.caseload(store) == []


def test_every_page_is_named_for_screen_readers(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.consent_record.setChecked(True)
    wizard.given_name.setText("A")
    wizard.what_matters.setPlainText("B")
    for _ in range(len(wizard.pageIds())):
        assert unnamed_focusable(wizard) == [], wizard.currentPage().title()
        wizard.next()
