"""Accessibility through the real widgets (issue 12, item 10): text contrast (WCAG AA) in
the light and the dark palette, empty states that say what to do next, a visible 2 px
focus outline, no invisible Tab stops, Tab order in reading order, no Alt key used twice
on one screen, Ctrl+F from anywhere, error lines announced to screen readers and gone once
fixed, and the auto-lock warning 30 seconds ahead.

Every screen is walked by :func:`tests.ui.a11y_helpers.walk_screens`: the profiles and
unlock screens, each workspace page (and each tab of Reports), each tab of a person's
file, each dialog, and each page of the welcome wizard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QLabel,
    QScrollArea,
    QWidget,
)

from outreach.ui import a11y
from outreach.ui.app import apply_style, unapply_style
from tests.ui.a11y_helpers import (
    alerted,
    alt_keys,
    dark,
    first_field,
    has_focus_outline,
    low_contrast,
    on_screen,
    placed,
    reading_order_breaks,
    settle,
    shown,
    tab_stops,
    walk_screens,
)
from tests.ui.test_unlock import unlock

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


# -- contrast: the app as users see it (Fusion, our palette and stylesheet) ----------------
@pytest.fixture
def styled(qapp):
    """The shared QApplication styled as ``outreach`` styles it (undone afterwards)."""
    apply_style(qapp)
    yield qapp
    unapply_style(qapp)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_every_text_meets_wcag_aa(qtbot, styled, window, caseload, appearance):
    if appearance == "dark":
        dark(styled)
    failures: list[str] = []
    walk_screens(qtbot, window, caseload,
                 lambda name, top: failures.extend(f"{name}: {f}" for f in low_contrast(top)))
    assert not failures, "\n".join(failures)


def test_palettes_meet_aa_for_every_text_role(styled):
    from outreach.ui.screenshots import dark_palette

    for base in (styled.style().standardPalette(), dark_palette()):
        pal = a11y.accessible_palette(base)
        for group in a11y.GROUPS:
            for text_role, grounds in a11y.TEXT_ON:
                for ground in grounds:
                    ratio = a11y.contrast(pal.color(group, text_role), pal.color(group, ground))
                    assert ratio >= a11y.AA_TEXT, (group, text_role, ground, ratio)
            assert a11y.contrast(pal.color(group, Role.HighlightedText),
                                 pal.color(group, Role.Highlight)) >= a11y.AA_TEXT
            for ground in (Role.Window, Role.Button, Role.Base):    # the focus outline
                assert a11y.contrast(pal.color(group, Role.Highlight),
                                     pal.color(group, ground)) >= a11y.AA_NON_TEXT
                assert a11y.contrast(pal.color(group, Role.Mid),    # borders of fields
                                     pal.color(group, ground)) >= a11y.AA_NON_TEXT
        # greyed-out text on an enabled list (an empty state row)
        assert a11y.contrast(pal.color(Group.Disabled, Role.Text),
                             pal.color(Group.Active, Role.Base)) >= a11y.AA_TEXT


def test_a_palette_switched_while_running_is_made_readable(qtbot, styled):
    """The desktop switching to dark sets a new palette: the app repairs it at once."""
    from outreach.ui.screenshots import dark_palette

    styled.setPalette(dark_palette())             # white on #3d7bd9: 4.2:1
    pal = styled.palette
    qtbot.waitUntil(lambda: a11y.contrast(pal().color(Role.HighlightedText),
                                          pal().color(Role.Highlight)) >= a11y.AA_TEXT,
                    timeout=5_000)
    assert pal().color(Role.Window).name() == "#2b2b2b"       # still the dark palette


def test_contrast_formula():
    assert a11y.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert a11y.contrast(QColor("#bebebe"), QColor("#ffffff")) == pytest.approx(1.86, abs=0.01)
    assert a11y.contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


# -- empty states ---------------------------------------------------------------------------
def test_empty_states_say_what_to_do_next(qtbot, styled, store):
    from outreach.ui.people import PeoplePage
    from outreach.ui.today import TodayPage

    people = PeoplePage(store)
    qtbot.addWidget(people)
    people.show()
    qtbot.waitUntil(lambda: people.load_op is not None and not people.load_op.is_running,
                    timeout=10_000)
    settle(qtbot)
    texts = " ".join(label.text() for label in shown(people, QLabel))
    assert "No one yet: start a welcome (Ctrl+N)" in texts
    assert low_contrast(people) == []
    today = TodayPage(store)
    qtbot.addWidget(today)
    today.show()
    qtbot.waitUntil(lambda: today.data is not None, timeout=10_000)
    row = today.mine.topLevelItem(0)
    assert "start a welcome (Ctrl+N)" in row.text(0)
    assert low_contrast(today) == []


def test_empty_person_sections_say_what_to_do_next(qtbot, styled, caseload):
    from outreach.ui.person.view import PersonView

    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(caseload.store)
    view.show()
    view.show_person(caseload.ids["ben"])           # no conversations, no services
    for section, words in ((view.timeline, "Record a conversation (Alt+E)"),
                           (view.services, "Link a service (Alt+K)")):
        view.tabs.setCurrentWidget(section)
        assert section.empty.isVisible() and words in section.empty.text()
    assert low_contrast(view) == []


# -- Alt keys -------------------------------------------------------------------------------
def test_no_two_controls_on_a_screen_share_an_alt_key(qtbot, styled, window, caseload):
    clashes: list[str] = []

    def check(name: str, top: QWidget) -> None:
        for key, texts in alt_keys(top).items():
            if len(texts) > 1:
                clashes.append(f"{name}: Alt+{key.upper()} {texts}")

    seen = walk_screens(qtbot, window, caseload, check)
    assert len(seen) > 15
    assert not clashes, "\n".join(clashes)


def test_admin_page_alt_keys_with_the_revoke_question_open(qtbot, styled, store):
    from outreach.ui.admin import AdminPage

    page = AdminPage(store)
    qtbot.addWidget(page)
    page.show()
    page._show_confirm(True)
    settle(qtbot)
    assert page.confirm_yes.isVisible()
    assert {k: t for k, t in alt_keys(page).items() if len(t) > 1} == {}


def test_admin_problems_are_read_out_and_go_once_fixed(qtbot, store, alerts):
    from outreach.ui.admin import AdminPage

    page = AdminPage(store)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.op.is_running, timeout=10_000)   # not enrolled
    assert "not set up to sync" in page.message.text() and alerted(alerts, page.message)
    qtbot.mouseClick(page.issue_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Enter the user name the laptop is for."
    assert alerted(alerts, page.message)[-1] == page.message.text()
    qtbot.keyClicks(page.user_edit, "priya.nair")
    assert page.message.text() == ""


# -- Tab stops, focus outline, reading order ------------------------------------------------
def test_no_invisible_tab_stops(qtbot, styled, window, caseload):
    """Every Tab stop is a control one can see and use: shown, enabled, of some size, on
    screen, and not a bare container (a scroll area or a chart, where the focus outline
    would be drawn round nothing one can act on)."""
    bad: list[str] = []

    def check(name: str, top: QWidget) -> None:
        for w, seen in tab_stops(qtbot, top, judge=on_screen):
            if not (w.isVisible() and w.isEnabled() and w.width() > 0 and w.height() > 0
                    and seen) or type(w) in (QScrollArea, QGraphicsView) \
                    or w.inherits("QChartView"):
                bad.append(f"{name}: {type(w).__name__} {w.accessibleName()!r}")

    walk_screens(qtbot, window, caseload, check)
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_focus_is_always_visible(qtbot, styled, window, caseload, appearance):
    """Every Tab stop of every screen shows a 2 px focus outline while it has the focus,
    and each dialog opens with the focus on its first field, outlined too."""
    if appearance == "dark":
        dark(styled)
    unseen: list[str] = []

    def check(name: str, top: QWidget) -> None:
        if top.isWindow() and top is not window:
            first = QApplication.focusWidget()
            if first is None or not has_focus_outline(first):
                unseen.append(f"{name}: first focus {type(first).__name__} not outlined")
            elif first is not first_field(top):
                unseen.append(f"{name}: first focus {type(first).__name__} "
                              f"{first.accessibleName()!r} {first.objectName()!r}, not on "
                              f"the first field {first_field(top).accessibleName()!r}")
        for w, outlined in tab_stops(qtbot, top, judge=has_focus_outline):
            if not outlined:
                unseen.append(f"{name}: {type(w).__name__} {w.accessibleName()!r}")

    walk_screens(qtbot, window, caseload, check)
    assert not unseen, "\n".join(unseen)


def test_tab_order_follows_reading_order(qtbot, styled, window, caseload):
    wrong: list[str] = []

    def check(name: str, top: QWidget) -> None:
        stops = tab_stops(qtbot, top, judge=placed)
        wrong.extend(f"{name}: {b}" for b in reading_order_breaks(stops))

    walk_screens(qtbot, window, caseload, check)
    assert not wrong, "\n".join(wrong)


# -- Ctrl+F from anywhere -------------------------------------------------------------------
def test_ctrl_f_finds_a_person_from_anywhere(qtbot, window, caseload):
    """Ctrl+F on every page, and in the person file with the focus in a care plan box,
    goes to People with the find box focused and its text selected."""
    unlock(qtbot, window)
    ws = window.workspace
    window.activateWindow()
    people = ws.pages["people"]
    qtbot.waitUntil(lambda: people.model.rowCount() == 3, timeout=10_000)
    people.search_edit.setText("ben")
    places: list[tuple[str, Callable[[], QWidget]]] = [
        (key, lambda key=key: ws.show_page(key)) for key in ws.pages if key != "people"]

    def person_file() -> QWidget:
        ws.open_person(caseload.ids["aisha"])
        box = ws.person_view.careplan.texts["what_matters"]
        box.setFocus()
        return box

    places += [("person file, care plan box", person_file), ("people", lambda: people)]
    for name, go in places:
        go()
        settle(qtbot)
        focus = QApplication.focusWidget() or window
        qtbot.keyClick(focus, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot)
        assert ws.stack.currentWidget() is people, name
        assert QApplication.focusWidget() is people.search_edit, name
        assert people.search_edit.selectedText() == "ben", name


# -- error lines: read out by screen readers, gone once fixed ---------------------------------
@pytest.fixture
def alerts(monkeypatch) -> list[tuple[Any, Any, str]]:
    """Accessibility events sent to assistive technology: (event type, widget, text)."""
    seen: list[tuple[Any, Any, str]] = []

    def update(event: Any) -> None:
        widget = event.object()
        seen.append((event.type(), widget, widget.accessibleDescription()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return seen


def test_announce_sends_an_alert_with_the_text(qtbot, alerts):
    label = QLabel()
    qtbot.addWidget(label)
    a11y.announce(label, "That passphrase is not right.")
    assert label.accessibleDescription() == "That passphrase is not right."
    assert (QAccessible.Event.Alert, label, "That passphrase is not right.") in alerts
    alerts.clear()
    a11y.announce(label, "")
    assert label.accessibleDescription() == "" and alerts == []


def test_form_errors_are_read_out_and_go_once_fixed(qtbot, caseload, alerts):
    from outreach.ui.conversation import ConversationDialog
    from outreach.ui.person.view import PersonView

    dialog = ConversationDialog(caseload.store, caseload.ids["aisha"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    line = dialog.message
    assert line.isVisible() and "notes" in line.text()
    assert alerted(alerts, line) == [line.text()]
    qtbot.keyClicks(dialog.notes, "We walked by the canal.")
    assert not line.isVisible() and line.accessibleDescription() == ""

    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(caseload.store)
    view.show()
    view.show_person(caseload.ids["aisha"])
    goals = view.goals
    view.tabs.setCurrentWidget(goals)
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    assert goals.message.isVisible() and alerted(alerts, goals.message)
    qtbot.keyClicks(goals.new_goal, "Back to the allotment")
    assert not goals.message.isVisible()
    goals.message.show_info("Goal added.")          # information stays while typing
    qtbot.keyClicks(goals.new_goal, "!")
    assert goals.message.isVisible()


def test_unlock_and_new_profile_errors_are_read_out_and_go_once_fixed(qtbot, window,
                                                                      alerts):
    page = window.unlock_page
    page.pass_edit.setText("not the passphrase")
    qtbot.keyClick(page.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in page.message.text(), timeout=10_000)
    assert any("not right" in text for text in alerted(alerts, page.message))
    qtbot.waitUntil(lambda: page.waiting_seconds == 0, timeout=20_000)
    qtbot.keyClicks(page.pass_edit, "c")
    assert page.message.text() == ""

    window.show_profiles()
    profiles = window.profiles_page
    qtbot.mouseClick(profiles.create_button, Qt.MouseButton.LeftButton)
    assert profiles.message.text() and alerted(alerts, profiles.message)
    qtbot.keyClicks(profiles.name_edit, "priya")
    assert profiles.message.text() == ""


# -- the auto-lock warns ahead -------------------------------------------------------------------
def test_auto_lock_warns_ahead_and_any_input_keeps_it_open(qtbot, window, alerts):
    """A short auto-lock in the test (3 s, warned 2.5 s ahead; in the app 30 s ahead of
    at least a minute): a calm, non-modal notice that screen readers read out; a key press
    dismisses it and starts the idle time again; left alone, the app then locks."""
    unlock(qtbot, window)
    session = window.session
    session.warn_ahead_ms = 2_500
    session.set_auto_lock_minutes(0.05)
    notice = session.lock_notice
    qtbot.waitUntil(lambda: notice.isVisible(), timeout=10_000)
    assert not window.is_locked and not notice.isModal()
    assert notice.text().startswith("Locking in ")
    assert "move the mouse or press a key to stay" in notice.text()
    assert alerted(alerts, notice) and notice.window() is window
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not notice.isVisible() and not window.is_locked
    qtbot.waitUntil(lambda: notice.isVisible(), timeout=10_000)   # warned again first
    qtbot.waitUntil(lambda: window.is_locked, timeout=10_000)
    assert not notice.isVisible()


def test_the_warning_comes_30_seconds_before_the_lock(qtbot, window):
    unlock(qtbot, window)
    session = window.session
    assert session.warn_ahead_ms == 30_000
    session.set_auto_lock_minutes(1)
    assert session.idle_interval_ms - session.warning_in_ms == 30_000
