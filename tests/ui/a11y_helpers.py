"""Helpers for the accessibility tests: walking every screen of the app, the colours a
text is drawn in, Alt keys, Tab stops and focus outlines, and accessibility events."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from outreach.ui import a11y
from outreach.ui.app import apply_style
from tests.ui.test_unlock import unlock

Role, Group = QPalette.ColorRole, QPalette.ColorGroup



def dark(app: QApplication) -> None:
    """Switch to the system's dark palette (the README's dark screenshot), as the app does
    when the desktop switches to its dark appearance."""
    from outreach.ui.screenshots import dark_palette

    app.setPalette(dark_palette())
    apply_style(app)


# -- walking every screen -----------------------------------------------------------------
def settle(qtbot: Any) -> None:
    from outreach.ui.background import wait_for_all

    wait_for_all(10_000)
    qtbot.wait(20)
    wait_for_all(10_000)
    QApplication.processEvents()


@contextmanager
def _dialog(qtbot: Any, dialog: QWidget) -> Iterator[QWidget]:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    settle(qtbot)
    try:
        yield dialog
    finally:
        dialog.hide()
        dialog.deleteLater()


def walk_screens(qtbot: Any, window: Any, caseload: Any,
                 check: Callable[[str, QWidget], None]) -> list[str]:
    """Show every screen in turn and call ``check(name, top_level_widget)`` on each;
    returns the names of the screens walked."""
    from outreach.core.scoring import instruments
    from outreach.ops.people import person_file
    from outreach.ui.conversation import ConversationDialog
    from outreach.ui.huddle import HuddleDialog, HuddleHistoryDialog
    from outreach.ui.person.links import LinkServiceDialog
    from outreach.ui.person.measures import QuestionnaireDialog
    from outreach.ui.person.review import ReviewDialog
    from outreach.ui.person.risk import RiskHistoryDialog, RiskReviewDialog
    from outreach.ui.person.timeline import AddendumDialog
    from outreach.ui.welcome import WelcomeWizard

    seen: list[str] = []

    def visit(name: str, top: QWidget) -> None:
        settle(qtbot)
        seen.append(name)
        check(name, top)

    window.show_profiles()
    visit("profiles", window)
    window.show_unlock("test")
    visit("unlock", window)
    unlock(qtbot, window)
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.pages["today"].data is not None, timeout=10_000)
    for key in list(ws.pages):
        page = ws.show_page(key)
        visit(f"page {key}", window)
        tabs = getattr(page, "tabs", None)
        if tabs is not None:
            for i in range(1, tabs.count()):
                tabs.setCurrentIndex(i)
                visit(f"page {key}, tab {i}", window)
            tabs.setCurrentIndex(0)
    pid = caseload.ids["aisha"]
    ws.open_person(pid)
    view = ws.person_view
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        visit(f"person tab {view.tabs.tabText(i)}", window)
    view.tabs.setCurrentIndex(0)
    ws.set_with_me(True)                        # "someone is with me": Today's calm panel
    visit("someone is with me", window)
    ws.set_with_me(False)
    store = window.session.store
    aisha = person_file(store, pid)
    dialogs: list[tuple[str, Callable[[], QWidget]]] = [
        ("risk review dialog", lambda: RiskReviewDialog(store, aisha.open_risks[0],
                                                        person=aisha.person, parent=ws)),
        ("risk history dialog", lambda: RiskHistoryDialog(aisha.risk_flags,
                                                          person=aisha.person, parent=ws)),
        ("conversation dialog", lambda: ConversationDialog(store, pid, parent=ws)),
        ("addendum dialog", lambda: AddendumDialog(ws)),
        ("questionnaire dialog",
         lambda: QuestionnaireDialog(instruments()[0], ws)),
        ("link service dialog",
         lambda: LinkServiceDialog(store, person_file(store, pid).person, ws)),
        ("care plan review dialog", lambda: ReviewDialog(store, aisha.current_episode,
                                                         person=aisha.person, parent=ws)),
        ("huddle dialog", lambda: HuddleDialog(store, people=[(pid, "Aisha Khan")],
                                               owners=["priya.nair"], parent=ws)),
        ("past huddles dialog", lambda: HuddleHistoryDialog(store, parent=ws)),
    ]
    for name, make in dialogs:
        with _dialog(qtbot, make()) as dialog:
            visit(name, dialog)
    with _dialog(qtbot, WelcomeWizard(store, parent=ws)) as wizard:
        page = 0
        while True:
            visit(f"welcome page {page}", wizard)
            _fill_required(wizard)
            if wizard.currentPage() is None or wizard.currentPage().isFinalPage() \
                    or not wizard.button(wizard.WizardButton.NextButton).isEnabled():
                break
            wizard.next()
            page += 1
    return seen


def _fill_required(wizard: Any) -> None:
    for w in wizard.currentPage().findChildren(QWidget):
        if isinstance(w, QLineEdit) and not w.text() and w.isVisible() \
                and w.echoMode() == QLineEdit.EchoMode.Normal and "name" in \
                w.accessibleName().lower():
            w.setText("Dee")
        if isinstance(w, QPlainTextEdit) and not w.toPlainText() and w.isVisible():
            w.setPlainText("Walking by the river.")
        if isinstance(w, QCheckBox) and w.isVisible() and "record" in w.text():
            w.setChecked(True)


def shown(top: QWidget, kind: type) -> list[Any]:
    """The widgets of ``kind`` the user can see in ``top``'s window."""
    return [w for w in top.findChildren(kind) if w.isVisible() and w.window() is top]


# -- contrast -----------------------------------------------------------------------------
def _group(w: QWidget) -> QPalette.ColorGroup:
    return Group.Active if w.isEnabled() else Group.Disabled


def background_of(w: QWidget) -> QColor:
    """The colour behind ``w``: the nearest filled background up its parents."""
    node: QWidget | None = w
    while node is not None:
        parent = node.parentWidget()
        if node.autoFillBackground() or node.isWindow():
            return node.palette().color(_group(node), node.backgroundRole())
        if isinstance(parent, QAbstractScrollArea) and node is parent.viewport() \
                and isinstance(parent, QAbstractItemView | QTextEdit | QPlainTextEdit):
            return parent.palette().color(_group(parent), Role.Base)
        node = parent
    return QApplication.palette().color(Role.Window)


def text_pairs(top: QWidget) -> Iterator[tuple[str, QColor, QColor]]:
    """(what, text colour, background) for every piece of text shown in ``top``."""
    for label in shown(top, QLabel):
        if label.text().strip():
            fg = label.palette().color(_group(label), label.foregroundRole())
            yield f"label {label.text()[:40]!r}", fg, background_of(label)
    for button in shown(top, QAbstractButton):
        if button.text().strip():
            fg = button.palette().color(_group(button), button.foregroundRole())
            bg = button.palette().color(_group(button), Role.Button) \
                if button.inherits("QPushButton") else background_of(button)
            yield f"button {button.text()!r}", fg, bg
    for box in shown(top, QGroupBox):
        yield f"group {box.title()!r}", box.palette().color(_group(box), Role.WindowText), \
            background_of(box)
    for edit in shown(top, QLineEdit):
        if edit.placeholderText() and not edit.text():
            pal = edit.palette()
            yield f"hint {edit.placeholderText()[:40]!r}", \
                pal.color(_group(edit), Role.PlaceholderText), pal.color(_group(edit), Role.Base)
    for edit in shown(top, QPlainTextEdit) + shown(top, QTextEdit):
        pal = edit.palette()
        if edit.placeholderText():
            yield f"hint {edit.placeholderText()[:40]!r}", \
                pal.color(_group(edit), Role.PlaceholderText), pal.color(_group(edit), Role.Base)
    for view in shown(top, QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        pal = view.palette()
        for row in range(min(model.rowCount(QModelIndex()), 5)):
            index = model.index(row, 0)
            text = str(index.data() or "")
            if not text:
                continue
            enabled = view.isEnabled() and bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
            group = Group.Active if enabled else Group.Disabled
            selected = view.selectionModel() is not None and \
                view.selectionModel().isSelected(index)
            if selected:
                yield f"selected row {text[:30]!r}", pal.color(group, Role.HighlightedText), \
                    pal.color(group, Role.Highlight)
            else:
                ground = Role.AlternateBase if view.alternatingRowColors() and row % 2 \
                    else Role.Base
                yield f"row {text[:30]!r}", pal.color(group, Role.Text), \
                    pal.color(Group.Active, ground)


def low_contrast(top: QWidget) -> list[str]:
    return [f"{what}: {a11y.contrast(fg, bg):.1f}:1 ({fg.name()} on {bg.name()})"
            for what, fg, bg in text_pairs(top) if a11y.contrast(fg, bg) < a11y.AA_TEXT]


# -- Alt keys -------------------------------------------------------------------------------
def mnemonic(text: str) -> str | None:
    """The Alt key of a label text (``"Sa&ve"`` → ``"v"``), ``&&`` being a plain ``&``."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def alt_keys(top: QWidget) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}

    def add(text: str) -> None:
        key = mnemonic(text)
        if key:
            keys.setdefault(key, []).append(text)

    for w in shown(top, QAbstractButton):
        add(w.text())
    for label in shown(top, QLabel):
        if label.buddy() is not None:
            add(label.text())
    for box in shown(top, QGroupBox):
        add(box.title())
    for bar in shown(top, QTabBar):
        for i in range(bar.count()):
            if bar.isTabVisible(i):
                add(bar.tabText(i))
    return keys


def tab_stops(qtbot: Any, top: QWidget, limit: int = 80,
              judge: Callable[[QWidget], Any] = lambda w: None) -> list[tuple[QWidget, Any]]:
    """Press Tab through ``top`` once round; returns each widget that had the focus with
    ``judge(widget)`` taken while it had it."""
    top.activateWindow()
    QApplication.processEvents()
    stops: list[tuple[QWidget, Any]] = []
    for _ in range(limit):
        focus = QApplication.focusWidget()
        if focus is None or any(focus is w for w, _ in stops):
            break
        stops.append((focus, judge(focus)))
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    return stops


def on_screen(w: QWidget) -> bool:
    """True when some of ``w`` is inside its window and every parent that clips it."""
    top = w.window()
    area = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
    node = w.parentWidget()
    while node is not None and node is not top:
        area = area.intersected(QRect(node.mapTo(top, QPoint(0, 0)), node.size()))
        node = node.parentWidget()
    return not area.intersected(top.rect()).isEmpty()


def outline_target(w: QWidget) -> tuple[QWidget, QRect]:
    """The widget (and the part of it) that shows ``w``'s focus: the field of an editable
    choice or date box shows its inner line edit's focus; a tab bar its current tab."""
    parent = w.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        w = parent
    if isinstance(w, QTabBar):
        return w, w.tabRect(w.currentIndex())
    return w, w.rect()


def has_focus_outline(w: QWidget) -> bool:
    """True when ``w`` (which has the focus) is drawn with a 2 px line in the highlight
    colour along its top, left and bottom edges, a colour 3:1 or more against the window,
    buttons and fields round it."""
    target, rect = outline_target(w)
    if isinstance(target, QGroupBox):   # its grab() leaves out its own frame: grab the
        top = target.window()           # window round it
        image = top.grab(QRect(target.mapTo(top, rect.topLeft()), rect.size())).toImage()
    else:
        image = target.grab(rect).toImage()
    ratio = image.width() / max(1, rect.width())
    colour = target.palette().color(Group.Active, Role.Highlight)
    around = QApplication.palette()
    if min(a11y.contrast(colour, around.color(g)) for g in (Role.Window, Role.Button,
                                                              Role.Base)) < a11y.AA_NON_TEXT:
        return False

    def near(x: float, y: float) -> bool:
        c = image.pixelColor(int(x * ratio), int(y * ratio))
        return max(abs(c.red() - colour.red()), abs(c.green() - colour.green()),
                   abs(c.blue() - colour.blue())) <= 40

    wd, ht = rect.width(), rect.height()

    def line_from(x: float, y: float, dx: int, dy: int) -> bool:
        """A 2 px run of the outline colour within the first 16 px in from an edge (a
        group box draws its outline below its title's top)."""
        run = 0
        for step in range(16):
            if near(x + dx * step, y + dy * step):
                run += 1
                if run >= 2:
                    return True
            else:
                run = 0
        return False

    return (line_from(wd * 0.9, 0, 0, 1) and line_from(0, ht / 2, 1, 0)
            and line_from(wd / 2, ht - 1, 0, -1))


def first_field(top: QWidget) -> QWidget | None:
    """The first control Tab reaches in ``top`` (a wizard: on its current page)."""
    scope = top.currentPage() if hasattr(top, "currentPage") else top
    node = top.nextInFocusChain()
    while node is not None and node is not top:
        if scope.isAncestorOf(node) and node.isVisible() and node.isEnabled() \
                and node.focusPolicy() & Qt.FocusPolicy.TabFocus and node.focusProxy() is None:
            return node
        node = node.nextInFocusChain()
    return None


def _box(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size())


def placed(w: QWidget) -> tuple[tuple[int, int], QRect]:
    """Where ``w`` is now (take it while ``w`` has the focus: a scroll area scrolls to it):
    its reading region (see :func:`reading_order_breaks`) and its box in the window."""
    column, box = 0, 0
    node: QWidget | None = w
    while node is not None:
        if node.inherits("Workspace"):
            stack_x = node.stack.mapTo(node.window(), QPoint(0, 0)).x()
            column = 1 if _box(w).left() >= stack_x else 0
        if isinstance(node, QGroupBox) and not box:
            box = id(node)
        node = node.parentWidget()
    return (column, box), _box(w)


def reading_order_breaks(stops: list[tuple[QWidget, Any]]) -> list[str]:
    """Pairs of Tab stops (with :func:`placed` taken as each had the focus) where the
    second comes before the first in reading order (above it, or level with it and to
    its left).

    Documented exceptions, read as columns: the workspace's side column (sections, New
    welcome, Lock now, the idle limit) before the page beside it, and group boxes side
    by side (Open a profile | Create a profile), each read as a whole."""
    breaks = []
    for (a, (region_a, ra)), (b, (region_b, rb)) in zip(stops, stops[1:], strict=False):
        if region_a != region_b:
            continue
        level = rb.top() < ra.bottom() and ra.top() < rb.bottom()
        if (not level and rb.bottom() <= ra.top()) or (level and rb.right() <= ra.left()):
            breaks.append(f"{type(a).__name__} {a.accessibleName() or a.objectName()!r} → "
                          f"{type(b).__name__} {b.accessibleName() or b.objectName()!r}")
    return breaks


def alerted(alerts: list[tuple[Any, Any, str]], widget: QWidget) -> list[str]:
    return [text for kind, w, text in alerts
            if w is widget and kind == QAccessible.Event.Alert]
