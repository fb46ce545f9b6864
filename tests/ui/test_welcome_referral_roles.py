"""The welcome wizard and issue 14 items 1-3, through the real widgets: a pending referral
is accepted (and the wizard says so), a walk-in is asked when they first asked for help,
who welcomed (and their role) is recorded, and a peer mentor can be chosen."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from outreach.ops import people
from outreach.store.syncstore import StoreSync
from outreach.ui.welcome import WelcomeWizard
from sync.client import Credentials


def _team(store, *, role="peer_mentor"):
    StoreSync(store).set_credentials(Credentials(
        server_url="https://sync.example.org", device_id=str(uuid.uuid4()), token="t",
        user="sam.worker", team="north", role=role,
        team_members={"sam.worker": role, "ali.peer": "peer_mentor",
                      "kim.nurse": "clinician", "jo.ips": "employment_advisor"},
        team_roles={"employment_advisor": "Employment advisor"}))


def _fill(wizard: WelcomeWizard) -> None:
    wizard.consent_record.setChecked(True)
    if not wizard.given_name.text():
        wizard.given_name.setText("Robin")
    wizard.what_matters.setPlainText("Getting out of the house")
    wizard.notes.setPlainText("We met in the park.")


def _finish(qtbot, wizard: WelcomeWizard) -> str:
    while wizard.currentId() != wizard.pageIds()[-1]:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.welcomed) as got:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    return got.args[0]


def test_welcoming_a_person_with_a_pending_referral_accepts_it_and_says_so(qtbot, store):
    pid = people.new_person(store, person={"given_name": "Kit"},
                            referral={"source": "gp", "received_on": "2026-11-06"}).id
    wizard = WelcomeWizard(store, person_id=pid)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard)
    while wizard.currentId() != wizard.pageIds()[-1]:
        wizard.next()
    assert wizard.referral_note.isVisible()
    assert "GP" in wizard.referral_note.text() and "6 Nov 2026" in wizard.referral_note.text()
    assert not wizard.first_asked.isVisible()
    assert _finish(qtbot, wizard) == pid
    (ref,) = people.person_file(store, pid).referrals
    assert (ref["source"], ref["status"], ref["received_on"]) == ("gp", "accepted",
                                                                  "2026-11-06")


def test_a_walk_in_is_asked_when_they_first_asked_for_help(qtbot, store):
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard)
    while wizard.currentId() != wizard.pageIds()[-1]:
        wizard.next()
    today = QDate.currentDate()
    assert wizard.first_asked.isVisible() and not wizard.referral_note.isVisible()
    assert wizard.first_asked.date() == today                    # default: today
    assert wizard.first_asked.maximumDate() == today             # never in the future
    wizard.first_asked.setFocus()
    wizard.first_asked.setDate(today.addDays(-14))               # phoned two weeks ago
    pid = _finish(qtbot, wizard)
    (ref,) = people.person_file(store, pid).referrals
    assert ref["source"] == "self" and ref["status"] == "accepted"
    assert ref["received_on"] == today.addDays(-14).toString(Qt.DateFormat.ISODate)
    assert ref["decided_on"] == today.toString(Qt.DateFormat.ISODate)


def test_the_welcome_records_who_welcomed_with_their_role_and_a_peer_mentor(qtbot, store):
    _team(store)
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard)
    # who welcomed: this laptop's user by default; anyone in the team can be chosen
    assert wizard.welcomed_by.currentData() == "sam.worker"
    assert "Peer mentor" in wizard.welcomed_by.currentText()
    # the peer mentor choice offers the team's peer mentors only
    offered = [wizard.peer_mentor.itemData(i) for i in range(wizard.peer_mentor.count())]
    assert offered == [None, "ali.peer", "sam.worker"]
    wizard.peer_mentor.setCurrentIndex(wizard.peer_mentor.findData("ali.peer"))
    pid = _finish(qtbot, wizard)
    pf = people.person_file(store, pid)
    (conv,) = pf.conversations
    assert (conv["welcomed_by"], conv["welcomed_by_role"]) == ("sam.worker", "peer_mentor")
    assert pf.person["peer_mentor"] == "ali.peer"
    assert pf.person["key_worker"] == "sam.worker"
    from outreach.ui.person.view import PersonView
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    assert "Key worker: sam.worker" in view.details_label.text()
    assert "Peer mentor: ali.peer" in view.details_label.text()


def test_a_welcome_by_someone_else_in_the_team_carries_their_role(qtbot, store):
    _team(store, role="practitioner")
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard)
    wizard.welcomed_by.setCurrentIndex(wizard.welcomed_by.findData("jo.ips"))
    assert "Employment advisor" in wizard.welcomed_by.currentText()
    pid = _finish(qtbot, wizard)
    (conv,) = people.person_file(store, pid).conversations
    assert (conv["welcomed_by"], conv["welcomed_by_role"]) == ("jo.ips", "employment_advisor")


def test_the_first_asked_date_and_peer_mentor_are_kept_in_the_draft(qtbot, store):
    from outreach.ops import conversations
    _team(store)
    wizard = WelcomeWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard)
    wizard.first_asked.setDate(QDate.currentDate().addDays(-3))
    wizard.peer_mentor.setCurrentIndex(wizard.peer_mentor.findData("ali.peer"))
    wizard.drafts.save_now()
    (draft,) = conversations.drafts(store, kind="welcome")
    again = WelcomeWizard(store)
    qtbot.addWidget(again)
    again.resume(draft)
    assert again.first_asked.date() == QDate.currentDate().addDays(-3)
    assert again.peer_mentor.currentData() == "ali.peer"


def test_a_peer_mentor_is_set_and_removed_on_the_persons_file(qtbot, store):
    from outreach.ui.person.view import PersonView
    from tests.ui.person_helpers import welcomed_person

    _team(store, role="practitioner")
    pid = welcomed_person(store)
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.resize(1366, 768)
    view.show()
    box = view.episodes.people_box
    assert box.key_worker.text() == "sam.worker"
    assert [box.peer_mentor.itemData(i) for i in range(box.peer_mentor.count())] == [
        None, "ali.peer"]                              # sam.worker is a practitioner here
    box.peer_mentor.setCurrentIndex(box.peer_mentor.findData("ali.peer"))
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert people.person_file(store, pid).person["peer_mentor"] == "ali.peer"
    assert "Peer mentor: ali.peer" in view.details_label.text()
    assert "ali.peer is their peer mentor now" in view.episodes.message.text()
    box.peer_mentor.setEditText("")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert people.person_file(store, pid).person.get("peer_mentor") is None
    assert "Peer mentor" not in view.details_label.text()
