"""The conversation dialog: quick recording, autosaved drafts, the risk check."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from outreach.ops import people
from outreach.ui.conversation import ConversationDialog
from tests.ui.person_helpers import welcomed_person


def _open(qtbot, store, pid, **kw) -> ConversationDialog:
    dialog = ConversationDialog(store, pid, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_draft_autosaves_and_comes_back_after_the_dialog_is_dropped(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid)
    assert not dialog.restored
    dialog.notes.setFocus()
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.keyClicks(dialog.notes, "Feeling brighter since the walk")
        qtbot.keyClicks(dialog.present, "Robin and their sister")
    # The draft is in the encrypted store's drafts table, not only in memory.
    rows = store.execute("SELECT kind, person_id, data FROM drafts").fetchall()
    assert len(rows) == 1
    kind, person_id, data = rows[0]
    assert (kind, person_id) == ("conversation", pid)
    assert json.loads(data)["notes"] == "Feeling brighter since the walk"
    # Drop the dialog without saving or closing it (as if the app were killed).
    draft_id = dialog.draft_id
    dialog.hide()
    dialog.deleteLater()
    qtbot.wait(10)

    again = _open(qtbot, store, pid)
    assert again.restored
    assert again.draft_id == draft_id
    assert again.notes.toPlainText() == "Feeling brighter since the walk"
    assert again.present.text() == "Robin and their sister"
    assert again.draft_note.text()


def test_closing_without_saving_writes_the_draft_at_once(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid, autosave_ms=60_000)
    qtbot.keyClicks(dialog.notes, "Talked about the bus pass")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    drafts = store.drafts(person_id=pid)
    assert [d["data"]["notes"] for d in drafts] == ["Talked about the bus pass"]


def test_saving_records_the_conversation_and_discards_the_draft(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid, autosave_ms=20)
    dialog.setting.setCurrentIndex(dialog.setting.findData("outdoors"))
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.keyClicks(dialog.notes, "We walked by the river")
    qtbot.keyClicks(dialog.follow_ups, "Find the walking group times")
    dialog.follow_up_set.setChecked(True)
    dialog.risk_checked.setChecked(True)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    conv_id = saved.args[0]
    pf = people.person_file(store, pid)
    newest = pf.conversations[0]
    assert newest["id"] == conv_id
    assert newest["notes"] == "We walked by the river"
    assert newest["setting"] == "outdoors"
    assert newest["follow_ups"] == "Find the walking group times"
    assert newest["follow_up_on"]
    assert newest["risk_checked"] is True
    assert newest["type"] == "support"
    assert newest["episode_id"] == pf.current_episode["id"]
    assert store.drafts(person_id=pid) == []
    assert not pf.risk_flags


def test_a_concern_raises_a_risk_flag_with_the_conversation(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid, autosave_ms=60_000)
    qtbot.keyClicks(dialog.notes, "Hard week")
    dialog.concern.setChecked(True)
    assert dialog.concern_box.isVisible()
    # A concern with no words is refused, and nothing is saved.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert len(people.person_file(store, pid).conversations) == 1   # only the welcome
    dialog.concern_level.setCurrentIndex(dialog.concern_level.findData("high"))
    qtbot.keyClicks(dialog.concern_text, "Said they have not been eating")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    flags = people.person_file(store, pid).open_risks
    assert [(f["level"], f["concern"]) for f in flags] == [
        ("high", "Said they have not been eating")]


def test_a_concern_raised_in_a_conversation_has_a_review_by_date(qtbot, store):
    """Issue 14 item 5: every risk flag has a review-by date (two weeks on unless the
    practitioner chooses another), so an overdue one can lead the huddle list."""
    import datetime as dt

    from PySide6.QtCore import QDate

    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid, autosave_ms=60_000)
    qtbot.keyClicks(dialog.notes, "Hard week")
    dialog.concern.setChecked(True)
    assert dialog.concern_review_on.isVisible()
    assert dialog.concern_review_on.date() == QDate.currentDate().addDays(14)
    dialog.concern_review_on.setDate(QDate.currentDate().addDays(7))
    qtbot.keyClicks(dialog.concern_text, "Synthetic concern")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (flag,) = people.person_file(store, pid).open_risks
    assert flag["review_on"] == (dt.date.today() + dt.timedelta(days=7)).isoformat()


def test_empty_notes_are_refused_and_nothing_is_saved(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid, autosave_ms=60_000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "notes" in dialog.message.text()
    assert len(people.person_file(store, pid).conversations) == 1


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(qtbot, store):
    pid = welcomed_person(store)
    dialog = _open(qtbot, store, pid)
    dialog.concern.setChecked(True)
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() \
                and widget.metaObject().className() not in ("QScrollArea",
                                                              "QAbstractScrollArea"):
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, widget.metaObject().className()
