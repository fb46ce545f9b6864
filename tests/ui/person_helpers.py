"""Helpers shared by the person, welcome, conversation, directory and PDF UI tests.

Synthetic data only. Each helper writes through the real ops, so the widgets see exactly
what a practitioner's laptop would hold.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QTabBar, QWidget

from outreach.ops import conversations, people


def welcomed_person(store: Any, *, given_name: str = "Robin", preferred_name: str = "Rob",
                    what_matters: str = "Getting back to the allotment",
                    goals: tuple[tuple[str, str], ...] = (("Walk to the park twice a week",
                                                           "physical_health"),),
                    consent_share: bool = False) -> str:
    """A person who has had a welcome conversation: referral, episode, care plan, goals
    (not agreeing to share unless ``consent_share``)."""
    changes = conversations.welcome(
        store, person={"given_name": given_name, "family_name": "Example",
                       "preferred_name": preferred_name, "pronouns": "they/them"},
        consent_record=True, consent_share=consent_share, what_matters=what_matters,
        contact_methods=["text"], contact_notes="Texts after 10am",
        goals=[{"description": d, "life_area": a} for d, a in goals],
        match_preference="Someone who likes gardening", notes="A first cup of tea.",
        setting="community_venue")
    assert changes.id
    return changes.id


def plain_person(store: Any, *, given_name: str = "Alex") -> str:
    """A person with no referral or care plan yet."""
    changes = people.new_person(store, person={"given_name": given_name})
    assert changes.id
    return changes.id


def unnamed_focusable(root: QWidget) -> list[str]:
    """Class names of visible keyboard-focusable widgets with no name a reader can say."""
    missing = []
    for w in root.findChildren(QWidget):
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisible():
            continue
        parent = w.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is w:
            continue                     # a view's viewport: the view carries the name
        if isinstance(w, QScrollArea | QTabBar):
            continue
        text = getattr(w, "text", None)
        if not (w.accessibleName() or (callable(text) and text())):
            missing.append(w.metaObject().className())
    return missing


def person_view(qtbot: Any, store: Any, person_id: str) -> Any:
    """A shown PersonView (1366×768) on ``person_id``, closed with the test."""
    from outreach.ui.person import PersonView

    view = PersonView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_person(person_id)
    view.resize(1366, 768)
    view.show()
    return view
