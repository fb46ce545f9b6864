"""Consent and the person's network through the real widgets (issue 14 items 7-8): consent
shown on the file, changed with who/when/how, the history listed; a referral from the
directory refused without consent and allowed once they agree; family and network people
added, changed and removed with whether we may contact them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from outreach.ops import consent, directory, network
from outreach.ui.person.links import LinkServiceDialog
from outreach.ui.person.widgets import nice_date
from tests.ui.person_helpers import person_view as _view
from tests.ui.person_helpers import unnamed_focusable, welcomed_person

TODAY = dt.date.today().isoformat()


def _click(qtbot, widget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, widget.height() // 2))


def _rows(tree) -> list[list[str]]:
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
            for r in range(tree.topLevelItemCount())]


def test_consent_is_on_the_file_and_a_change_is_recorded_with_who_when_and_how(qtbot,
                                                                              store):
    pid = welcomed_person(store)                          # agreed to keep, not to share
    view = _view(qtbot, store, pid)
    assert view.consent_label.text().startswith("Not agreed to share")
    view.tabs.setCurrentWidget(view.consent)
    section = view.consent
    assert section.share_label.text() == "Not agreed"
    assert section.record_label.text() == "Agreed"
    assert _rows(section.history)[-1][:4] == [nice_date(TODAY),
                                              "Sharing with partner services",
                                              "Not agreed", "(first recorded)"]
    _click(qtbot, section.share_box)
    qtbot.keyClicks(section.note, "Said yes on our walk")
    _click(qtbot, section.save_button)
    assert section.message.text() == "Saved."
    assert store.get(pid)["consent_share"] is True
    assert view.consent_label.text() == "Agreed to share with partner services"
    assert section.share_label.text() == "Agreed"
    newest = _rows(section.history)[0]
    assert newest == [nice_date(TODAY), "Sharing with partner services", "Agreed",
                      "Not agreed", "sam.worker", "Said yes on our walk"]
    assert section.note.text() == ""
    _click(qtbot, section.save_button)                     # nothing new: nothing written
    assert "Nothing to change" in section.message.text()
    assert len(store.query("consent_change", person_id=pid)) == 1
    assert unnamed_focusable(section) == []


def test_withdrawing_consent_to_keep_a_record_says_what_to_do_next(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    view.tabs.setCurrentWidget(view.consent)
    _click(qtbot, view.consent.record_box)
    _click(qtbot, view.consent.save_button)
    assert "ask your admin to erase it" in view.consent.message.text()
    assert store.get(pid)["consent_record"] is False


def test_a_referral_from_the_directory_needs_consent_a_suggestion_does_not(qtbot, store):
    pid = welcomed_person(store)                          # not agreed to share
    svc = directory.add_service(store, {"name": "Debt Line", "category": "debt_advice"}).id
    view = _view(qtbot, store, pid)
    view.tabs.setCurrentWidget(view.services)
    dialog = view.services.open_directory()
    assert isinstance(dialog, LinkServiceDialog)
    qtbot.addWidget(dialog)
    page = dialog.page
    assert page.select_service(svc)
    assert page.refer_box.isVisible() and not page.refer_box.isChecked()
    _click(qtbot, page.refer_box)
    _click(qtbot, page.link_button)
    assert "have not agreed to their details being shared" in page.message.text()
    assert store.query("service_link", person_id=pid) == []
    _click(qtbot, page.refer_box)                         # untick: a suggestion
    _click(qtbot, page.link_button)
    assert page.message.text() == "Linked to Debt Line."
    (link,) = store.query("service_link", person_id=pid)
    assert link["status"] == "suggested"
    consent.set_consent(store, person_id=pid, topic="share", agreed=True)
    other = directory.add_service(store, {"name": "Walkers", "category": "walking_group"}).id
    page.reload()
    assert page.select_service(other)
    _click(qtbot, page.refer_box)
    _click(qtbot, page.link_button)
    assert page.message.text() == "Referred to Walkers."
    assert sorted(r["status"] for r in store.query("service_link", person_id=pid)) == [
        "referred", "suggested"]
    dialog.close()
    QApplication.processEvents()


def test_family_and_network_are_added_changed_and_removed_on_the_file(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    view.tabs.setCurrentWidget(view.network)
    section = view.network
    assert section.empty.isVisible()
    qtbot.keyClicks(section.name, "Dee")
    _click(qtbot, section.add_button)                     # no relationship yet
    assert "Who they are to them" in section.message.text()
    assert section.name.text() == "Dee"                   # what was typed is kept
    section.relationship.setCurrentIndex(section.relationship.findData("carer"))
    qtbot.keyClicks(section.phone, "07700 900123")
    _click(qtbot, section.may_contact)
    qtbot.keyClicks(section.notes, "My sister, best after six")
    _click(qtbot, section.add_button)
    assert section.message.text() == "Added."
    assert section.name.text() == "" and not section.empty.isVisible()
    assert _rows(section.tree) == [["Dee", "Carer", "07700 900123", "", "Yes"]]
    (dee,) = network.contacts(store, pid)
    assert dee["notes"] == "My sister, best after six"
    section.tree.setCurrentItem(section.tree.topLevelItem(0))   # choose: the form fills
    assert (section.name.text(), section.may_contact.isChecked()) == ("Dee", True)
    _click(qtbot, section.may_contact)                    # they no longer agree
    qtbot.keyClicks(section.email, "dee@example.org")
    _click(qtbot, section.save_button)
    assert section.message.text() == "Saved."
    assert _rows(section.tree) == [["Dee", "Carer", "07700 900123", "dee@example.org", "No"]]
    assert not network.may_contact(store.get(dee["id"]))
    _click(qtbot, section.remove_button)
    assert network.contacts(store, pid) == [] and section.empty.isVisible()
    assert unnamed_focusable(section) == []
