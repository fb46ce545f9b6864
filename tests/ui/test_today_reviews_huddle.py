"""Issue 14 items 4–6 through the real widgets: Today lists care-plan reviews due and
overdue and records a review that sets the next date; an overdue risk flag leads the
huddle list and a plain line above the lists says so; a huddle is recorded from Today and
its action lands in the owner's follow-ups until it is marked done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from outreach.ops import conversations, huddle, people, risk
from outreach.ui.huddle import HuddleDialog, HuddleHistoryDialog
from outreach.ui.person import PersonView
from outreach.ui.person.review import ReviewDialog
from outreach.ui.today import TodayPage
from tests.ui.conftest import days_ago


def texts(tree, column: int = 0) -> list[str]:
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def _page(qtbot, store) -> TodayPage:
    page = TodayPage(store)
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    return page


def _reload(qtbot, page: TodayPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()


def _dialog(qtbot, kind):
    qtbot.waitUntil(lambda: any(isinstance(w, kind) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind)
                and w.isVisible())


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _welcomed(store, name: str, *, days: int) -> str:
    pid = conversations.welcome(
        store, person={"given_name": name, "family_name": "Example"}, consent_record=True,
        consent_share=False, what_matters="Synthetic", notes="Synthetic notes.",
        setting="outdoors", occurred_at=days_ago(days) + "T10:00:00+00:00").id
    assert pid
    return pid


def test_a_review_due_is_listed_and_recording_it_sets_the_next_date(qtbot, caseload):
    store = caseload.store
    late = _welcomed(store, "Dana", days=100)     # 12-week review due 16 days ago
    page = _page(qtbot, store)
    assert texts(page.reviews) == ["Dana Example"]
    assert texts(page.reviews, 2) == ["Overdue by 2 weeks"]
    assert page.reviews.topLevelItem(0).font(2).bold()
    page.reviews.setCurrentItem(page.reviews.topLevelItem(0))
    _click(qtbot, page.record_review_button)
    dialog = _dialog(qtbot, ReviewDialog)
    assert "Dana Example" in dialog.windowTitle()
    _click(qtbot, dialog.save_button)                       # nothing typed: refused
    assert dialog.isVisible() and "what the review found" in dialog.message.text()
    qtbot.keyClicks(dialog.found, "Housing sorted; next, the walking group.")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _click(qtbot, dialog.save_button)
    episode = people.person_file(store, late).current_episode
    assert episode["reviewed_on"] == dt.date.today().isoformat()
    assert episode["reviewed_by"] == "sam.worker"
    assert episode["review_on"] == (dt.date.today() + dt.timedelta(weeks=12)).isoformat()
    assert texts(page.reviews) == ["No care plan reviews due in the next two weeks."]


def test_the_review_step_from_the_persons_file(qtbot, store):
    pid = _welcomed(store, "Eli", days=30)
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(pid)
    view.resize(1366, 768)
    view.show()
    section = view.episodes
    view.tabs.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.review_button.isVisible(), timeout=5000)
    _click(qtbot, section.review_button)
    dialog = _dialog(qtbot, ReviewDialog)
    qtbot.keyClicks(dialog.found, "Synthetic review")
    dialog.open_ended.setChecked(True)
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: section.message.text().startswith("Review saved"), timeout=5000)
    episode = people.person_file(store, pid).current_episode
    assert episode.get("review_on") is None and episode["review_note"] == "Synthetic review"
    assert section.episodes.topLevelItem(0).text(3) == dt.date.today().strftime(
        "%-d %b %Y")


def test_an_overdue_high_flag_leads_the_huddle_and_cannot_be_missed(qtbot, caseload):
    store = caseload.store
    ben = caseload.ids["ben"]
    five_months = days_ago(153)
    risk.raise_flag(store, person_id=ben, level="high", concern="Synthetic old concern",
                    review_on=five_months)
    page = _page(qtbot, store)
    # Aisha's high flag is newer and not yet due; Ben's is 153 days past its review date
    assert texts(page.huddle) == ["Ben Jones", "Aisha Khan"]
    assert texts(page.huddle, 2)[0] == "OVERDUE by 5 months"
    assert texts(page.huddle, 2)[1].startswith("Review by ")
    assert page.huddle.topLevelItem(0).font(0).bold()
    assert not page.huddle.topLevelItem(1).font(0).bold()
    assert page.overdue_line.isVisible()
    assert page.overdue_line.text().startswith("1 risk flag is past its review date")
    assert "a high flag, overdue by 5 months" in page.overdue_line.text()
    assert "Synthetic old concern" not in page.overdue_line.text()
    page.set_with_me(True)                     # someone is with me: nothing of it shows
    assert not page.overdue_line.isVisible()
    # the person's header says it too (the concern stays behind its click)
    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(ben)
    view.show()
    qtbot.waitUntil(lambda: bool(view.risk_strip.rows), timeout=5000)
    (row,) = view.risk_strip.rows
    assert row.label.text() == "Risk flag (high) · review overdue by 5 months"


def test_a_huddle_is_recorded_and_its_action_reaches_the_owners_follow_ups(qtbot, caseload):
    store = caseload.store
    page = _page(qtbot, store)
    assert texts(page.follow_ups) == ["Aisha Khan"]
    _click(qtbot, page.huddle_button)
    dialog = _dialog(qtbot, HuddleDialog)
    # people with open flags are offered first
    assert dialog.talk_person.itemText(0) == "Aisha Khan"
    dialog.attendees.setText("")
    qtbot.keyClicks(dialog.attendees, "sam.worker, priya.nair")
    dialog.talk_person.setEditText("Aisha Khan")
    qtbot.keyClicks(dialog.talk_notes, "Landlord visits; safety plan agreed.")
    _click(qtbot, dialog.add_talk_button)
    assert dialog.discussed.count() == 1
    dialog.act_person.setEditText("Ben Jones")
    qtbot.keyClicks(dialog.act_text, "Offer Ben a first meeting")
    assert dialog.act_owner.currentText() == "sam.worker"
    _click(qtbot, dialog.add_act_button)
    assert dialog.actions.topLevelItemCount() == 1
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _click(qtbot, dialog.save_button)
    (made,) = huddle.huddles(store)
    rec = huddle.read_huddle(store, made["id"])
    assert made["attendees"] == "sam.worker, priya.nair"
    assert [n for n, _ in rec.discussed] == ["Aisha Khan", "Ben Jones"]
    assert [(a["owner"], a["status"]) for _, a in rec.actions] == [("sam.worker", "open")]
    # the action is in sam.worker's follow-ups, and Mark done takes it away
    assert "Huddle action: Offer Ben a first meeting" in texts(page.follow_ups, 2)
    row = texts(page.follow_ups, 2).index("Huddle action: Offer Ben a first meeting")
    page.follow_ups.setCurrentItem(page.follow_ups.topLevelItem(row))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _click(qtbot, page.done_button)
    assert texts(page.follow_ups) == ["Aisha Khan"]
    assert huddle.read_huddle(store, made["id"]).actions[0][1]["status"] == "done"
    # and the huddle reads back
    _click(qtbot, page.past_button)
    past = _dialog(qtbot, HuddleHistoryDialog)
    shown = past.text.toPlainText()
    assert "sam.worker, priya.nair" in shown and "Landlord visits" in shown
    assert "Offer Ben a first meeting" in shown and "Done" in shown


def test_a_huddle_needs_who_was_there(qtbot, caseload):
    page = _page(qtbot, caseload.store)
    _click(qtbot, page.huddle_button)
    dialog = _dialog(qtbot, HuddleDialog)
    dialog.attendees.clear()
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "who was at the huddle" in dialog.message.text()
    dialog.act_person.setEditText("Nobody Known")
    qtbot.keyClicks(dialog.act_text, "Something")
    _click(qtbot, dialog.add_act_button)
    assert "Choose who the action is about" in dialog.message.text()
    assert huddle.huddles(caseload.store) == []
