"""Referrals and periods of support.

Decide a waiting referral (accept, or decline with a reason), start support, end it with
a reason, record a care-plan review (what it found and the next review date), and reopen
support for someone coming back: reopening starts a new period linked to their last
referral, with no new referral or assessment.

A decline reason or ending notes half-typed are kept as an ``episode`` draft for the
person they were typed for (:mod:`outreach.ui.drafts`) and survive a refresh, a lock or a
crash; they go once the decision or the ending is saved.

Threading: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.core import records as rk
from outreach.ops import drafts as draft_ops
from outreach.ops import episodes as ep_ops
from outreach.ui.drafts import DraftKeeper
from outreach.ui.person.peer_mentor import PeerMentorBox
from outreach.ui.person.widgets import (
    Section,
    action_button,
    choice_combo,
    line_edit,
    nice_date,
    record_list,
    scrolling,
    tr_label,
)


class EpisodesSection(Section):
    """Referrals (decide) and periods of support (start, end, reopen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Referrals and support"))
        inner = QWidget(self)

        refs = QGroupBox(self.tr("Referrals"), inner)
        self.referrals = record_list([
            self.tr("Received"), self.tr("Referred by"), self.tr("Decision"),
            self.tr("Decided"), self.tr("Reason")], name=self.tr("Referrals"), wrap=True,
            parent=refs)
        self.referrals.currentItemChanged.connect(self._update_buttons)
        self.accept_button = action_button(self.tr("&Accept referral"),
                                           name=self.tr("Accept referral"),
                                           on_click=lambda: self.decide(accept=True),
                                           parent=refs)
        self.decline_reason = line_edit(name=self.tr("Why the referral is declined"),
                                        placeholder=self.tr("Why it is declined, and where they "
                                                            "were signposted"),
                                        parent=refs)
        self.decline_button = action_button(self.tr("&Decline"),
                                            name=self.tr("Decline referral"),
                                            on_click=lambda: self.decide(accept=False),
                                            parent=refs)
        rl = QVBoxLayout(refs)
        rl.addWidget(self.referrals)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.decline_reason, 1)
        row.addWidget(self.decline_button)
        rl.addLayout(row)

        eps = QGroupBox(self.tr("Periods of support"), inner)
        self.episodes = record_list([
            self.tr("Started"), self.tr("Key worker"), self.tr("Review by"),
            self.tr("Last reviewed"), self.tr("Ended"), self.tr("Why it ended")],
            name=self.tr("Periods of support"), wrap=True, parent=eps)
        self.start_button = action_button(self.tr("S&tart support"),
                                          name=self.tr("Start support"), on_click=self.start,
                                          parent=eps)
        self.reopen_button = QPushButton(self.tr("Reopen s&upport"), eps)
        self.reopen_button.setAccessibleName(self.tr("Reopen support without a new referral"))
        self.reopen_button.setToolTip(self.tr("For someone coming back: no new referral or "
                                              "assessment needed."))
        self.reopen_button.clicked.connect(self.reopen)
        self.review_button = QPushButton(self.tr("Record a rev&iew…"), eps)
        self.review_button.setAccessibleName(self.tr("Record a care plan review"))
        self.review_button.setToolTip(self.tr("What the review found, and the next review "
                                              "date."))
        self.review_button.clicked.connect(self.review)
        self.review_dialog: QWidget | None = None
        self.end_box = QGroupBox(self.tr("End this period of support"), eps)
        self.exit_reason = choice_combo(rk.EXIT_REASONS, name=self.tr("Why support ended"),
                                        blank=self.tr("Choose a reason…"),
                                        parent=self.end_box)
        self.exit_notes = line_edit(name=self.tr("Notes on ending"), parent=self.end_box)
        self.end_button = action_button(self.tr("&End support"), name=self.tr("End support"),
                                        on_click=self.end, parent=self.end_box)
        ef = QFormLayout(self.end_box)
        ef.addRow(self.tr("Reaso&n"), self.exit_reason)
        ef.addRow(self.tr("Notes"), self.exit_notes)
        ef.addRow("", self.end_button)
        el = QVBoxLayout(eps)
        el.addWidget(self.episodes)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.reopen_button)
        row.addWidget(self.review_button)
        row.addStretch(1)
        el.addLayout(row)
        el.addWidget(self.end_box)

        self.people_box = PeerMentorBox(self, inner)     # key worker and peer mentor
        il = QVBoxLayout(inner)
        il.addWidget(refs)
        il.addWidget(eps)
        il.addWidget(self.people_box)
        il.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, parent=self), 1)
        layout.addWidget(self.message)
        self._loading = False
        self.drafts = DraftKeeper(kind="episode", collect=self._draft_data, parent=self)
        self.drafts.failed.connect(self.message.show_error)
        self.decline_reason.textChanged.connect(self._typed)
        self.exit_notes.textChanged.connect(self._typed)

    # -- drafts: a reason half-typed stays with its person ------------------------------------
    def _typed(self, *_: Any) -> None:
        if not self._loading:
            self.drafts.changed()

    def _draft_data(self) -> dict[str, Any] | None:
        decline, notes = self.decline_reason.text(), self.exit_notes.text()
        if not (decline.strip() or notes.strip()):
            return None
        return {"decline_reason": decline, "exit_notes": notes}

    def _set_typed(self, *, decline: str, notes: str) -> None:
        self._loading = True
        try:
            self.decline_reason.setText(decline)
            self.exit_notes.setText(notes)
        finally:
            self._loading = False

    def _bind_draft(self) -> None:
        """Another person's file (or the first): put the previous person's typing away as
        their draft, and bring back the one left for this person."""
        if self.drafts.store is self.store and self.drafts.person_id == self.person_id:
            return
        self.drafts.save_now()
        self._set_typed(decline="", notes="")
        self.drafts.bind(self.store, person_id=self.person_id or None)
        if self.store is None or self.file is None:
            return
        try:
            draft = draft_ops.latest_draft(self.store, kind="episode", person_id=self.person_id)
        except Exception:  # noqa: BLE001 - a broken draft must not hide the record
            return
        if draft is not None:
            data = draft.get("data") or {}
            self.drafts.resume(draft["id"])
            self._set_typed(decline=data.get("decline_reason") or "",
                            notes=data.get("exit_notes") or "")

    def _used(self, edit: QLineEdit) -> None:
        """``edit``'s words went into a saved record: clear it, and the draft with it."""
        edit.clear()
        self.drafts.save_now()

    def show_file(self, pf: Any) -> None:
        if self.review_dialog is not None and (pf is None or self.file is None or
                                               pf.person["id"] != self.file.person["id"]):
            self.review_dialog.close()
        self.file = pf
        self.referrals.clear()
        self.episodes.clear()
        ref_spec, ep_spec = rk.REFERRAL, rk.EPISODE
        for r in reversed(pf.referrals if pf is not None else []):
            item = QTreeWidgetItem([
                nice_date(r.get("received_on")),
                tr_label(ref_spec.field("source").choice_label(r.get("source"))),
                tr_label(ref_spec.field("status").choice_label(r.get("status"))),
                nice_date(r.get("decided_on")), r.get("decline_reason") or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, r["id"])
            self.referrals.addTopLevelItem(item)
        first = self.referrals.topLevelItem(0)
        if first is not None:
            self.referrals.setCurrentItem(first)
        for e in reversed(pf.episodes if pf is not None else []):
            reason = e.get("exit_reason")
            item = QTreeWidgetItem([
                nice_date(e.get("started_on")), e.get("key_worker") or "",
                nice_date(e.get("review_on")), nice_date(e.get("reviewed_on")),
                nice_date(e.get("ended_on")),
                tr_label(ep_spec.field("exit_reason").choice_label(reason)) if reason else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, e["id"])
            self.episodes.addTopLevelItem(item)
        self.exit_reason.setCurrentIndex(0)
        self.people_box.show_file(pf)
        self._bind_draft()          # words typed for this person stay through a refresh
        self._update_buttons()

    def _selected_referral(self) -> dict[str, Any] | None:
        item = self.referrals.currentItem()
        rid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        for r in (self.file.referrals if self.file is not None else []):
            if r["id"] == rid:
                return r
        return None

    def _update_buttons(self, *_: Any) -> None:
        pf = self.file
        ref = self._selected_referral()
        pending = ref is not None and ref.get("status") == "pending"
        for w in (self.accept_button, self.decline_button, self.decline_reason):
            w.setEnabled(pending)
        open_episode = pf.current_episode if pf is not None else None
        had_episodes = bool(pf and pf.episodes)
        accepted = bool(pf and any(r.get("status") == "accepted" for r in pf.referrals))
        self.end_box.setVisible(open_episode is not None)
        self.start_button.setVisible(open_episode is None and not had_episodes)
        self.start_button.setEnabled(accepted)
        self.reopen_button.setVisible(open_episode is None and had_episodes)
        self.review_button.setVisible(open_episode is not None)

    # -- actions ------------------------------------------------------------------------------
    def decide(self, *, accept: bool) -> None:
        ref = self._selected_referral()
        if ref is None:
            return
        reason = self.decline_reason.text().strip() or None
        if not accept and not reason:
            self.message.show_error(self.tr("Say why the referral is declined."))
            self.decline_reason.setFocus()
            return
        if self.run_op(lambda store: ep_ops.decide_referral(
                store, referral_id=ref["id"], accept=accept, reason=reason)) is not None:
            self._used(self.decline_reason)

    def start(self) -> None:
        pf = self.file
        if pf is None:
            return
        accepted = [r for r in pf.referrals if r.get("status") == "accepted"]
        ref_id = accepted[-1]["id"] if accepted else None
        self.run_op(lambda store: ep_ops.start_episode(store, person_id=self.person_id,
                                                        referral_id=ref_id))

    def end(self) -> None:
        pf = self.file
        episode = pf.current_episode if pf is not None else None
        if episode is None:
            return
        reason = self.exit_reason.currentData()
        if not reason:
            self.message.show_error(self.tr("Choose why support is ending."))
            self.exit_reason.setFocus()
            return
        notes = self.exit_notes.text().strip() or None
        if self.run_op(lambda store: ep_ops.end_episode(
                store, episode_id=episode["id"], reason=reason, notes=notes)) is not None:
            self._used(self.exit_notes)
            self.message.show_info(self.tr("Support ended. It can be reopened at any time."))

    def reopen(self) -> None:
        if self.run_op(lambda store: ep_ops.reopen(store, person_id=self.person_id)) \
                is not None:
            self.message.show_info(self.tr("Support reopened."))

    def review(self) -> None:
        """Open the care-plan review of the open period of support; the file reloads once
        it is saved."""
        pf = self.file
        episode = pf.current_episode if pf is not None else None
        if episode is None or self.store is None:
            return
        from outreach.ui.person.review import open_review

        if self.review_dialog is not None:
            self.review_dialog.close()
        self.review_dialog = open_review(self.store, episode, person=pf.person, parent=self,
                                         on_saved=self._reviewed)
        self.review_dialog.finished.connect(
            lambda _result: setattr(self, "review_dialog", None))

    def _reviewed(self) -> None:
        self.changed.emit()
        self.message.show_info(self.tr("Review saved. The next review date is set."))
