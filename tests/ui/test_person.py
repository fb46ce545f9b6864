"""The person view, section by section, driven through its real widgets."""

from __future__ import annotations

from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from outreach.ops import conversations as conv_ops
from outreach.ops import directory, episodes, goals, measures, people, risk
from tests.ui.person_helpers import person_view as _view
from tests.ui.person_helpers import plain_person, unnamed_focusable, welcomed_person


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_header_shows_name_pronouns_status_and_risk_chips(qtbot, store):
    pid = welcomed_person(store)
    risk.raise_flag(store, person_id=pid, level="high", concern="Not sleeping")
    view = _view(qtbot, store, pid)
    assert view.name_label.text() == "Rob Example"
    assert "they/them" in view.details_label.text()
    assert "Being supported since" in view.details_label.text()
    chips = [w.text() for w in view.chips.findChildren(QLabel) if w.isVisible()]
    assert chips == ["Risk flag (high)"]        # the concern is behind a click


def test_care_plan_saves_only_the_changed_sections(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    plan = view.careplan
    view.tabs.setCurrentWidget(plan)
    assert plan.texts["what_matters"].toPlainText() == "Getting back to the allotment"
    assert not plan.save_button.isEnabled()
    plan.texts["strengths"].setFocus()
    qtbot.keyClicks(plan.texts["strengths"], "Good with people; keeps going")
    plan.needs["housing"].setChecked(True)
    assert plan.pending_changes() == {"strengths": "Good with people; keeps going",
                                      "basic_needs": ["housing"]}
    with qtbot.waitSignal(view.changed):
        _click(qtbot, plan.save_button)
    saved = people.person_file(store, pid).care_plan
    assert saved["strengths"] == "Good with people; keeps going"
    assert saved["basic_needs"] == ["housing"]
    assert saved["what_matters"] == "Getting back to the allotment"
    assert not plan.save_button.isEnabled()
    # Only the two changed fields went into the outbox with this save.
    (fields,) = store.execute("SELECT fields FROM outbox WHERE record_id = ? "
                              "ORDER BY rowid DESC LIMIT 1", (saved["id"],)).fetchone()
    assert set(__import__("json").loads(fields)) == {"strengths", "basic_needs"}


def _in_two_minutes() -> str:
    """Newer than the welcome just recorded, within the clock skew the store allows
    (a conversation in the future is refused)."""
    import datetime as dt

    return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)).isoformat(timespec="seconds")


def test_timeline_is_newest_first_and_takes_addenda(qtbot, store):
    pid = welcomed_person(store)
    conv_ops.record_conversation(store, person_id=pid, values={
        "occurred_at": _in_two_minutes(), "setting": "phone", "type": "support",
        "notes": "Called about the benefits form"})
    view = _view(qtbot, store, pid)
    tl = view.timeline
    view.tabs.setCurrentWidget(tl)
    assert tl.list.count() == 2
    assert "Phone" in tl.list.item(0).text()
    assert "Called about the benefits form" in tl.detail.toPlainText()
    with qtbot.waitSignal(view.changed):
        assert tl.add_addendum("It was the PIP form, not ESA")
    assert "It was the PIP form, not ESA" in tl.detail.toPlainText()
    assert "1 addendum" in tl.list.item(0).text()


def test_recording_a_conversation_from_the_timeline_refreshes_it(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    view.tabs.setCurrentWidget(view.timeline)
    _click(qtbot, view.timeline.record_button)
    dialog = view.timeline.dialog
    qtbot.keyClicks(dialog.notes, "Walked round the park")
    with qtbot.waitSignal(view.changed):
        _click(qtbot, dialog.save_button)
    assert view.timeline.list.count() == 2


def test_goals_are_rated_and_added(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    g = view.goals
    view.tabs.setCurrentWidget(g)
    assert g.tree.topLevelItemCount() == 1
    g.score.setValue(4)
    _click(qtbot, g.rate_button)
    g.score.setValue(7)
    qtbot.keyClicks(g.rating_note, "Went twice this week")
    _click(qtbot, g.rate_button)
    assert g.tree.topLevelItem(0).text(3) == "4 → 7"
    (goal,) = people.person_file(store, pid).goals
    assert [(r["score"], r.get("note")) for r in goal["ratings"]] == [
        (4, None), (7, "Went twice this week")]
    qtbot.keyClicks(g.new_goal, "Join a choir")
    g.new_area.setCurrentIndex(g.new_area.findData("leisure"))
    _click(qtbot, g.add_button)
    assert g.tree.topLevelItemCount() == 2
    assert [x["description"] for x in people.person_file(store, pid).goals][-1] == "Join a choir"


def test_a_questionnaire_is_answered_scored_and_charted(qtbot, store):
    pid = welcomed_person(store)
    measures.record_measure(store, person_id=pid, instrument="swemwbs", answers=[2] * 7,
                            completed_on="2026-01-05")
    view = _view(qtbot, store, pid)
    m = view.measures
    view.tabs.setCurrentWidget(m)
    m.instrument.setCurrentIndex(m.instrument.findData("swemwbs"))
    dialog = m.start_questionnaire()
    inst = dialog.instrument
    assert [g.buttons()[0].parentWidget().title().split(". ", 1)[1] for g in dialog.groups] == \
        list(inst.items)
    assert not dialog.save_button.isEnabled()
    for group in dialog.groups:
        button = group.button(4)        # "Often" for every statement
        assert button.text() == inst.answer_labels[4 - inst.answer_min]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.changed):
        _click(qtbot, dialog.save_button)
    pf = people.person_file(store, pid)
    assert [x["answers"] for x in pf.measures][-1] == [4] * 7
    assert pf.measures[-1]["change"] == "improved"
    assert m.history.topLevelItemCount() == 2
    assert m.history.topLevelItem(0).text(3) == "Reliable improvement"
    assert [p[2] for p in m.chart.points] == [None, "improved"]
    scatter = [s for s in m.chart.chart().series() if isinstance(s, QScatterSeries)]
    assert [s.count() for s in scatter] == [1, 0]   # one improvement, no deterioration


def test_support_ends_with_a_reason_and_reopens_without_a_new_referral(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    e = view.episodes
    view.tabs.setCurrentWidget(e)
    _click(qtbot, e.end_button)                     # no reason chosen yet
    assert e.message.isVisible()
    assert people.person_file(store, pid).current_episode is not None
    e.exit_reason.setCurrentIndex(e.exit_reason.findData("met_goals"))
    _click(qtbot, e.end_button)
    pf = people.person_file(store, pid)
    assert pf.current_episode is None and pf.episodes[0]["exit_reason"] == "met_goals"
    assert "Support ended" in view.details_label.text()
    _click(qtbot, e.reopen_button)
    pf = people.person_file(store, pid)
    assert pf.current_episode is not None and len(pf.episodes) == 2
    assert len(pf.referrals) == 1
    assert pf.current_episode["referral_id"] == pf.referrals[0]["id"]


def test_a_waiting_referral_is_declined_only_with_a_reason(qtbot, store):
    pid = people.new_person(store, person={"given_name": "Ben"},
                            referral={"source": "gp"}).id
    view = _view(qtbot, store, pid)
    e = view.episodes
    view.tabs.setCurrentWidget(e)
    _click(qtbot, e.decline_button)
    assert "why" in e.message.text().lower()
    qtbot.keyClicks(e.decline_reason, "Signposted to the crisis team")
    _click(qtbot, e.decline_button)
    (ref,) = people.person_file(store, pid).referrals
    assert (ref["status"], ref["decline_reason"]) == ("declined", "Signposted to the crisis team")


def test_a_referral_is_accepted_and_support_started(qtbot, store):
    pid = people.new_person(store, person={"given_name": "Cara"},
                            referral={"source": "self"}).id
    view = _view(qtbot, store, pid)
    e = view.episodes
    view.tabs.setCurrentWidget(e)
    assert not e.start_button.isEnabled()
    _click(qtbot, e.accept_button)
    _click(qtbot, e.start_button)
    pf = people.person_file(store, pid)
    assert pf.referrals[0]["status"] == "accepted"
    assert pf.current_episode["referral_id"] == pf.referrals[0]["id"]
    assert e.end_box.isVisible()


def test_linking_a_service_from_the_directory(qtbot, store):
    pid = welcomed_person(store)
    sid = directory.add_service(store, {"name": "Debt Advice Drop-in",
                                        "category": "debt_advice", "phone": "0800 000"}).id
    directory.add_service(store, {"name": "Walking Group", "category": "walking_group"})
    view = _view(qtbot, store, pid)
    s = view.services
    view.tabs.setCurrentWidget(s)
    assert s.empty.isVisible()
    dialog = s.open_directory()
    page = dialog.page
    qtbot.keyClicks(page.search, "debt")
    assert page.proxy.rowCount() == 1
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    with qtbot.waitSignal(view.changed):
        _click(qtbot, page.link_button)
    assert s.tree.topLevelItemCount() == 1
    assert s.tree.topLevelItem(0).text(0) == "Debt Advice Drop-in"
    (link,) = people.person_file(store, pid).service_links
    assert link["service_id"] == sid


def test_a_person_with_nothing_yet_shows_calmly(qtbot, store):
    pid = plain_person(store)
    view = _view(qtbot, store, pid)
    assert "No referral yet" in view.details_label.text()
    assert view.timeline.empty.isVisibleTo(view.timeline)
    assert not view.chips.isVisible()
    goals.add_goal(store, person_id=pid, description="Sleep better", life_area="wellbeing")
    view.reload()
    assert view.goals.tree.topLevelItemCount() == 1


def test_locking_clears_the_view(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    view.set_store(None)
    assert view.name_label.text() == ""
    assert not view.tabs.isEnabled()
    episodes  # noqa: B018 - imported for the reopen test above


def test_every_section_is_named_for_screen_readers_and_fits_a_small_screen(qtbot, store):
    pid = welcomed_person(store)
    view = _view(qtbot, store, pid)
    # 1366×768 at 150% scaling leaves about 910×512 logical pixels for the window.
    for n in range(view.tabs.count()):
        view.tabs.setCurrentIndex(n)
        hint = view.minimumSizeHint()
        assert hint.width() <= 910 and hint.height() <= 512, view.tabs.tabText(n)
        assert unnamed_focusable(view) == [], view.tabs.tabText(n)


def test_moving_to_another_person_keeps_unsaved_care_plan_words(qtbot, store):
    first = welcomed_person(store)
    second = plain_person(store, given_name="Sky")
    view = _view(qtbot, store, first)
    view.careplan.texts["story"].setPlainText("Moved here last spring")
    view.show_person(second)
    assert view.name_label.text() == "Sky"
    assert people.person_file(store, first).care_plan["story"] == "Moved here last spring"


def test_each_questionnaire_shows_its_own_instructions_and_recall_period(qtbot, store):
    from outreach.core.scoring import instrument_spec
    from outreach.ui.person.measures import QuestionnaireDialog

    for code, period in (("swemwbs", "last 2 weeks"), ("reqol10", "last week")):
        dialog = QuestionnaireDialog(instrument_spec(code))
        qtbot.addWidget(dialog)
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        assert any(period in t for t in texts), code
