"""A practitioner's day, end to end through the real main window (issue 4, "Done when").

A peer mentor welcomes a new person; the practitioner finds them on the People page,
records a conversation, updates the care plan and a goal, records a SWEMWBS, exports the
care plan to PDF, locks and unlocks, and syncs with a real server on a loopback port
where a second (headless) laptop edited the same care-plan text at the same time; the
clash is settled in the Sync page's conflicts inbox and both laptops end up agreeing.

Every step is driven through the window's widgets (keys, clicks, the widgets' own slots,
as the tests in tests/ui do) and checked against the encrypted store through the ops.
Synthetic data only.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from outreach.ops import careplan as careplan_ops
from outreach.ops import people as people_ops
from outreach.ops import sync as sync_ops
from outreach.ops import sync_view
from outreach.ui.main_window import MainWindow
from outreach.ui.welcome import WelcomeWizard
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import code_for, laptop
from tests.ui.conftest import server as server  # noqa: F401,PLW0127 - the real sync server
from tests.ui.test_pdf import _text as pdf_text
from tests.ui.test_unlock import unlock, visible_text

pytestmark = pytest.mark.timeout(120)

GIVEN, FAMILY = "Morgan", "Testbrook"
WHAT_MATTERS = "Getting back to the choir on Thursdays"
STRENGTHS = "Warm with people; keeps trying"
ON_LAPTOP = "The choir, and walking the dog with my neighbour"
ON_OTHER = "Singing again, and seeing my brother at weekends"


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _next(qtbot, wizard: WelcomeWizard) -> None:
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def _create_profile(qtbot, win: MainWindow) -> None:
    page = win.profiles_page
    assert win.screens.currentWidget() is page
    qtbot.keyClicks(page.name_edit, "sam")
    qtbot.keyClicks(page.user_edit, "sam.worker")
    qtbot.keyClicks(page.pass_edit, PASSPHRASE)
    qtbot.keyClicks(page.repeat_edit, PASSPHRASE)
    _click(qtbot, page.create_button)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=20_000)


def _welcome(qtbot, win: MainWindow) -> str:
    """The peer mentor's welcome: Ctrl+N, every page of the wizard, Finish."""
    ws = win.workspace
    ws.activateWindow()
    qtbot.keyClick(ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.findChild(WelcomeWizard) is not None
                    and ws.findChild(WelcomeWizard).isVisible(), timeout=5000)
    wizard = ws.findChild(WelcomeWizard)
    _click(qtbot, wizard.consent_record)
    wizard.consent_share.setChecked(True)
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.given_name, GIVEN)
    qtbot.keyClicks(wizard.family_name, FAMILY)
    qtbot.keyClicks(wizard.preferred_name, "Mo")
    wizard.pronouns.setEditText("they/them")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.what_matters, WHAT_MATTERS)
    _next(qtbot, wizard)
    wizard.contact_boxes["text"].setChecked(True)
    qtbot.keyClicks(wizard.contact_notes, "Texts after 10am")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.goal_texts[0], "Sing with the choir once a week")
    wizard.goal_areas[0].setCurrentIndex(wizard.goal_areas[0].findData("connection"))
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.match_preference, "Someone who likes music")
    _next(qtbot, wizard)
    wizard.setting.setCurrentIndex(wizard.setting.findData("listening_lounge"))
    qtbot.keyClicks(wizard.notes, "Met over tea at the Listening Lounge.")
    with qtbot.waitSignal(wizard.welcomed, timeout=10_000) as got:
        _click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    pid = got.args[0]
    assert pid
    # The new person's file opens straight away.
    qtbot.waitUntil(lambda: ws.stack.currentWidget() is ws.person_view, timeout=10_000)
    return pid


def _find_on_people_page(qtbot, win: MainWindow, pid: str) -> None:
    ws = win.workspace
    ws.go_back()
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = ws.pages["people"]
    assert ws.stack.currentWidget() is people
    qtbot.waitUntil(lambda: people.model.rowCount() >= 1, timeout=10_000)
    people.search_edit.setFocus()
    people.search_edit.clear()
    qtbot.keyClicks(people.search_edit, GIVEN.lower())
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 1, timeout=10_000)
    assert people.selected_person() == pid
    qtbot.keyClick(people.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.stack.currentWidget() is ws.person_view, timeout=10_000)
    assert ws.person_view.person_id == pid
    assert GIVEN in ws.person_view.name_label.text() or "Mo" in ws.person_view.name_label.text()


def test_a_practitioners_day_through_the_window(qtbot, server, tmp_path, monkeypatch):  # noqa: F811
    data_dir = tmp_path / "data"
    win = MainWindow(data_dir=data_dir, vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    other = laptop(tmp_path, "other", "priya.nair")            # the second, headless laptop
    try:
        # -- a new profile, then the peer mentor's welcome ------------------------------
        _create_profile(qtbot, win)
        store = win.session.store
        pid = _welcome(qtbot, win)
        pf = people_ops.person_file(store, pid)
        assert pf.person["given_name"] == GIVEN and pf.person["consent_record"] is True
        assert pf.care_plan["what_matters"] == WHAT_MATTERS
        assert [g["description"] for g in pf.goals] == ["Sing with the choir once a week"]
        assert [c["type"] for c in pf.conversations] == ["welcome"]
        assert pf.current_episode is not None

        # -- the practitioner finds them on the People page -----------------------------
        _find_on_people_page(qtbot, win, pid)
        view = win.workspace.person_view

        # -- records a conversation -----------------------------------------------------
        view.tabs.setCurrentWidget(view.timeline)
        _click(qtbot, view.timeline.record_button)
        dialog = view.timeline.dialog
        qtbot.keyClicks(dialog.notes, "Talked about the choir's winter concert")
        dialog.risk_checked.setChecked(True)
        with qtbot.waitSignal(view.changed, timeout=10_000):
            _click(qtbot, dialog.save_button)
        convs = people_ops.person_file(store, pid).conversations
        assert [c["type"] for c in convs] == ["support", "welcome"]
        assert convs[0]["notes"] == "Talked about the choir's winter concert"
        assert convs[0]["risk_checked"] is True
        assert view.timeline.list.count() == 2

        # -- updates the care plan ------------------------------------------------------
        plan = view.careplan
        view.tabs.setCurrentWidget(plan)
        plan.texts["strengths"].setFocus()
        qtbot.keyClicks(plan.texts["strengths"], STRENGTHS)
        with qtbot.waitSignal(view.changed, timeout=10_000):
            _click(qtbot, plan.save_button)
        saved = people_ops.person_file(store, pid).care_plan
        assert saved["strengths"] == STRENGTHS and saved["what_matters"] == WHAT_MATTERS

        # -- rates a goal ---------------------------------------------------------------
        g = view.goals
        view.tabs.setCurrentWidget(g)
        g.score.setValue(6)
        qtbot.keyClicks(g.rating_note, "Went to two rehearsals")
        _click(qtbot, g.rate_button)
        (goal,) = people_ops.person_file(store, pid).goals
        assert [(r["score"], r.get("note")) for r in goal["ratings"]] == [
            (6, "Went to two rehearsals")]

        # -- records a SWEMWBS ----------------------------------------------------------
        m = view.measures
        view.tabs.setCurrentWidget(m)
        m.instrument.setCurrentIndex(m.instrument.findData("swemwbs"))
        _click(qtbot, m.record_button)
        q = m.dialog
        assert q is not None and q.instrument.code == "swemwbs"
        for group in q.groups:
            qtbot.mouseClick(group.button(3), Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(view.changed, timeout=10_000):
            _click(qtbot, q.save_button)
        (measure,) = people_ops.person_file(store, pid).measures
        assert measure["instrument"] == "swemwbs" and measure["answers"] == [3] * 7
        assert m.history.topLevelItemCount() == 1

        # -- exports the care plan to PDF -----------------------------------------------
        target = tmp_path / "exports" / "care-plan"
        target.parent.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")))
        _click(qtbot, view.pdf_button)
        op = view.pdf_op
        assert op is not None
        qtbot.waitUntil(lambda: not op.is_running, timeout=20_000)
        assert op.error is None
        pdf = target.with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        text = " ".join(pdf_text(pdf).split())
        assert WHAT_MATTERS in text and STRENGTHS in text
        assert "Sing with the choir once a week" in text

        # -- Ctrl+L locks; the passphrase unlocks ---------------------------------------
        win.activateWindow()
        with qtbot.waitSignal(win.session.locked, timeout=5000):
            qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert store.closed and win.is_locked and win.workspace is None
        shown = visible_text(win)
        for secret in (GIVEN, FAMILY, "Mo ", WHAT_MATTERS, STRENGTHS, "choir"):
            assert secret not in shown
        unlock(qtbot, win)
        store = win.session.store
        assert not store.closed
        assert people_ops.person_file(store, pid).care_plan["strengths"] == STRENGTHS

        # -- enrol and sync through the Sync page ---------------------------------------
        ws = win.workspace
        panel = ws.show_page("sync")
        qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)
        assert panel.enrol_box.isVisible()
        _click(qtbot, panel.sync_button)        # not enrolled yet: it says how to enrol
        assert panel.outcome_label.text().startswith("This laptop is not enrolled yet.")
        panel.server_edit.setText(server.url)
        panel.code_edit.setText(code_for(server, "sam.worker"))
        with qtbot.waitSignal(panel.enrolled, timeout=20_000):
            _click(qtbot, panel.enrol_button)
        qtbot.waitUntil(lambda: not panel.enrol_box.isVisible(), timeout=10_000)
        _sync(qtbot, panel)
        assert panel.outcome_label.text().startswith("Done: sent")

        # The other laptop joins and receives the person.
        sync_ops.enroll(other, server_url=server.url, code=code_for(server, "priya.nair"))
        sync_ops.sync_now(other)
        assert other.query("care_plan", person_id=pid)[0]["what_matters"] == WHAT_MATTERS

        # Both change "what matters" before either has seen the other's words.
        ws.open_person(pid)
        view = ws.person_view
        view.tabs.setCurrentWidget(view.careplan)
        box = view.careplan.texts["what_matters"]
        box.selectAll()
        box.setFocus()
        qtbot.keyClicks(box, ON_LAPTOP)
        with qtbot.waitSignal(view.changed, timeout=10_000):
            _click(qtbot, view.careplan.save_button)
        careplan_ops.update_care_plan(other, person_id=pid,
                                      changes={"what_matters": ON_OTHER})
        sync_ops.sync_now(other)                        # the other laptop's words arrive first

        # -- the conflicts inbox shows both versions side by side; keep one -------------
        panel = ws.show_page("sync")
        qtbot.waitUntil(lambda: panel.sync_button.isEnabled(), timeout=10_000)
        _sync(qtbot, panel)
        inbox = panel.conflicts
        qtbot.waitUntil(lambda: inbox.list.count() == 1, timeout=10_000)
        assert GIVEN in inbox.list.item(0).text() or "Mo" in inbox.list.item(0).text()
        assert {inbox.left.toPlainText(), inbox.right.toPlainText()} == {ON_LAPTOP, ON_OTHER}
        assert inbox.left.isVisible() and inbox.right.isVisible()
        (open_conflict,) = sync_view.open_conflicts(store)
        assert open_conflict["field"] == "what_matters"
        chosen = inbox.right.toPlainText()
        with qtbot.waitSignal(inbox.resolved, timeout=10_000):
            _click(qtbot, inbox.keep_right)
        qtbot.waitUntil(lambda: inbox.list.count() == 0, timeout=10_000)
        assert sync_view.open_conflicts(store) == []

        # -- one more sync each way: both laptops hold the chosen words -----------------
        _sync(qtbot, panel)
        sync_ops.sync_now(other)
        for laptop_store in (store, other):
            plan_now = laptop_store.query("care_plan", person_id=pid)[0]
            assert plan_now["what_matters"] == chosen
            assert plan_now["strengths"] == STRENGTHS
            assert sync_view.open_conflicts(laptop_store) == []
    finally:
        other.close()
        win.session.shutdown()
        from outreach.ui.background import wait_for_all
        wait_for_all(5000)


def _sync(qtbot, panel) -> None:
    with qtbot.waitSignal(panel.synced, timeout=30_000):
        _click(qtbot, panel.sync_button)
    qtbot.waitUntil(lambda: panel.status_op is None or not panel.status_op.is_running,
                    timeout=10_000)
