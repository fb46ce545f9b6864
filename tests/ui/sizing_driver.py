"""Run by ``tests/ui/test_sizing.py`` in a subprocess: build the real screens and dialogs
over a synthetic caseload on one offscreen screen (its size and scale set by the parent
through ``QT_QPA_PLATFORM=offscreen:configfile=…`` and ``QT_SCALE_FACTOR``, which must be
set before the QApplication exists), check geometry facts, save a PNG of each screen and
write the facts as JSON.

``python -m tests.ui.sizing_driver OUT_DIR [--font-pt N]``; writes ``OUT_DIR/facts.json``:
``{"screen": [x, y, w, h], "checks": [{"area", "what", "ok", "detail"}, …]}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QGraphicsTextItem,
    QStyle,
    QTableView,
    QTreeView,
    QWidget,
)

LONG_NAMES = (("Oluwaseun", "Adebayo-Richardson"), ("Maximiliana", "Featherstonehaugh"),
              ("Christopher", "Worthington-Smythe"))


class Facts:
    """Collected checks; each is one geometry fact, true or false, with a detail."""

    def __init__(self) -> None:
        self.checks: list[dict[str, Any]] = []

    def check(self, area: str, what: str, ok: bool, detail: str = "") -> None:
        self.checks.append({"area": area, "what": what, "ok": bool(ok), "detail": detail})


def make_profile(folder: Path) -> tuple[Path, dict[str, str]]:
    """A profile with a synthetic demo caseload plus three people with long names."""
    from outreach.ops import people as people_ops
    from outreach.ops.demo import generate_caseload
    from outreach.store.profile import Profile
    from tests.conftest import FAST_KDF, PASSPHRASE

    data_dir = folder / "data"
    store = Profile(data_dir, "test", vault_options={"kdf_params": FAST_KDF}).create(
        PASSPHRASE, user="sam.worker")
    generate_caseload(store, people=40, seed=5)
    ids = {}
    for given, family in LONG_NAMES:
        ids[given] = people_ops.new_person(
            store, person={"given_name": given, "family_name": family},
            referral={"source": "gp", "received_on": "2026-01-05"}).id or ""
    store.close()
    return data_dir, ids


def settle(app: QApplication, until: Any = None, ms: int = 150) -> None:
    from outreach.ui.screenshots import settle as shot_settle

    shot_settle(app, ms, until)


def inside(outer: QRect, inner: QRect) -> bool:
    return outer.contains(inner)


def rect_text(r: QRect) -> str:
    return f"{r.x()},{r.y()} {r.width()}×{r.height()}"


def text_room(view: QAbstractItemView) -> int:
    """Pixels a cell's text loses to the style's margins (left plus right)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin


def check_table(facts: Facts, area: str, view: QTableView | QTreeView, column: int,
                texts: list[str]) -> None:
    """Every text fits its column of ``view`` without being elided."""
    metrics = QFontMetrics(view.font())
    width = view.columnWidth(column) - text_room(view)
    widest = max(texts, key=metrics.horizontalAdvance)
    need = metrics.horizontalAdvance(widest)
    facts.check(area, f"column {column} shows every text in full", need <= width,
                f"widest {widest!r} needs {need}px, column gives {width}px")
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    first = min(range(view.model().columnCount()), key=header.visualIndex)
    facts.check(area, "the name column comes first", first == column == 0, f"first={first}")


def check_window_fits(facts: Facts, area: str, widget: QWidget, screen: QRect) -> None:
    frame = widget.frameGeometry()
    facts.check(area, "window frame inside the screen's available area",
                inside(screen, frame), f"frame {rect_text(frame)} screen {rect_text(screen)}")


def check_dialog(facts: Facts, area: str, dialog: QWidget, save: QAbstractButton | None,
                 screen: QRect, shots: Path) -> None:
    """A dialog shown over the window: its frame and its Save button on the screen."""
    app = QApplication.instance()
    dialog.show()
    settle(app)  # type: ignore[arg-type]
    check_window_fits(facts, area, dialog, screen)
    if save is not None:
        top_left = save.mapToGlobal(save.rect().topLeft())
        button = QRect(top_left, save.size())
        facts.check(area, "Save button visible and on screen",
                    save.isVisible() and inside(screen, button),
                    f"button {rect_text(button)} visible={save.isVisible()}")
    dialog.grab().save(str(shots / f"{area}.png"))


def chart_labels(view: Any) -> list[str]:
    """The text of every label item drawn in a chart view's scene."""
    return [item.toPlainText() for item in view.scene().items()
            if isinstance(item, QGraphicsTextItem) and item.isVisible()]


def clipped_labels(view: Any) -> list[str]:
    """Labels of a chart view drawn partly outside the view, or outside the screen area
    of the scroll area holding it."""
    room = view.viewport().rect()
    out = []
    for item in view.scene().items():
        if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText():
            box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
            air = int(item.document().documentMargin())     # blank around the text
            if not room.contains(box.adjusted(air, air, -air, -air)):
                out.append(f"{item.toPlainText()} (drawn at {rect_text(box)})")
    return out


def run(out: Path, font_pt: int) -> dict[str, Any]:
    from outreach.core import records as rk
    from outreach.core.scoring import instrument_spec
    from outreach.ops.directory import RowError
    from outreach.ui import app as app_mod
    from outreach.ui.main_window import MainWindow
    from tests.conftest import PASSPHRASE

    facts = Facts()
    warnings: list[str] = []

    def on_message(kind: QtMsgType, _context: Any, message: str) -> None:
        # the offscreen platform's own notice, not a fault of the app
        if kind != QtMsgType.QtDebugMsg and "propagateSizeHints" not in message:
            warnings.append(message)

    data_dir, ids = make_profile(out)
    app = app_mod.make_app([sys.argv[0]])
    qInstallMessageHandler(on_message)
    if font_pt:
        font = QFont(app.font())
        font.setPointSize(font_pt)
        app.setFont(font)
    screen = app.primaryScreen().availableGeometry()
    shots = out / "shots"
    shots.mkdir(parents=True, exist_ok=True)

    win = MainWindow(data_dir=data_dir)
    app_mod.show_main_window(win)        # as app.main() does
    settle(app)
    check_window_fits(facts, "window", win, screen)
    win.unlock_page.pass_edit.setText(PASSPHRASE)
    win.unlock_page.try_unlock()
    settle(app, until=lambda: win.workspace is not None)
    ws = win.workspace
    settle(app, until=lambda: ws.pages["today"].data is not None)
    check_window_fits(facts, "window", win, screen)
    hint = win.minimumSizeHint().expandedTo(win.minimumSize())
    facts.check("window", "minimum size fits the screen",
                hint.width() <= screen.width() and hint.height() <= screen.height(),
                f"minimum {hint.width()}×{hint.height()}")
    today = ws.pages["today"]
    for tree in (today.mine, today.waiting, today.follow_ups, today.reviews, today.huddle):
        names = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())
                 if tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)]
        if names:
            check_table(facts, f"today-{tree.accessibleName()}", tree, 0, names)
    win.grab().save(str(shots / "today.png"))
    # the pages below are checked with the window filling the screen, as when maximised
    margins = win.frameGeometry().size() - win.geometry().size()
    win.setGeometry(screen.adjusted(0, 0, -margins.width(), -margins.height()))
    settle(app)

    people = ws.show_page("people")
    settle(app, until=lambda: people.model.rowCount() > 0)
    settle(app)
    names = [row.name for row in people.model.rows]
    check_table(facts, "people", people.table, 0, names)
    win.grab().save(str(shots / "people.png"))

    directory = ws.show_page("directory")
    settle(app)
    services = [s["name"] for s in directory.model.services]
    check_table(facts, "directory", directory.view, 0, services)
    win.grab().save(str(shots / "directory.png"))

    reports = ws.show_page("reports")
    settle(app, until=lambda: reports.report is not None)
    settle(app)
    for key, chart, categories in (
            ("settings", reports.settings_chart, rk.SETTINGS),
            ("endings", reports.endings_chart, rk.EXIT_REASONS)):
        shown = set(chart_labels(chart))
        missing = [label for _, label in categories if label not in shown]
        missing += clipped_labels(chart)
        chart.grab().save(str(shots / f"chart-{key}.png"))
        facts.check("reports", f"{key} chart shows every category name in full",
                    not missing, f"missing or cut: {missing}; drawn: {sorted(shown)}")
    win.grab().save(str(shots / "reports.png"))

    person = ids["Oluwaseun"]
    active = next(r.id for r in people.model.rows if r.status == "active")
    ws.open_person(active)
    settle(app, ms=400)
    win.grab().save(str(shots / "person.png"))
    view = ws.person_view
    wide = sorted(((w.minimumSizeHint().width(), type(w).__name__, w.accessibleName()[:30])
                   for w in view.findChildren(QWidget) if w.isVisible()), reverse=True)[:8]
    facts.check("info", "widest parts of the person view", True, str(wide))
    room = win.centralWidget().viewport().size()
    need = ws.minimumSizeHint()
    facts.check("info", "person view fits the window without scrolling",
                True, f"workspace needs {need.width()}×{need.height()}, "
                f"window gives {room.width()}×{room.height()}")
    from outreach.ui.conversation import ConversationDialog
    conversation = ConversationDialog(ws.store, person, parent=win)
    check_dialog(facts, "conversation", conversation, conversation.save_button, screen, shots)
    conversation.concern.setChecked(True)
    settle(app)
    check_dialog(facts, "conversation-concern", conversation, conversation.save_button,
                 screen, shots)
    conversation.reject()

    from outreach.ui.person.measures import QuestionnaireDialog
    for code in ("swemwbs", "reqol10"):
        dialog = QuestionnaireDialog(instrument_spec(code), parent=win)
        check_dialog(facts, f"questionnaire-{code}", dialog, dialog.save_button, screen, shots)
        dialog.reject()

    from outreach.ui.welcome import WelcomeWizard
    wizard = WelcomeWizard(ws.store, parent=win)
    for page in range(len(wizard.pageIds())):
        if page:
            wizard.next()
        finish = wizard.button(wizard.WizardButton.NextButton) if wizard.currentPage() \
            is not wizard.page(wizard.pageIds()[-1]) else \
            wizard.button(wizard.WizardButton.FinishButton)
        check_dialog(facts, f"welcome-{page + 1}", wizard, finish, screen, shots)
    wizard.reject()

    from outreach.ops.people import person_file
    from outreach.ui.person.links import LinkServiceDialog
    link = LinkServiceDialog(ws.store, person_file(ws.store, person).person, parent=win)
    check_dialog(facts, "link-service", link, link.page.link_button, screen, shots)
    check_table(facts, "link-service", link.page.view, 0, services)
    link.reject()

    from outreach.ui.huddle import HuddleDialog
    from outreach.ui.person.review import ReviewDialog
    huddle = HuddleDialog(ws.store, people=[(r.id, r.name) for r in people.model.rows[:50]],
                          owners=["priya.nair"], parent=win)
    check_dialog(facts, "huddle", huddle, huddle.save_button, screen, shots)
    huddle.reject()
    pf = person_file(ws.store, active)
    review = ReviewDialog(ws.store, pf.current_episode, person=pf.person, parent=win)
    check_dialog(facts, "care-plan-review", review, review.save_button, screen, shots)
    review.reject()

    from outreach.ui.pdf import PdfPreviewDialog, render_pdf
    preview = PdfPreviewDialog(render_pdf("<h1>Care plan</h1><p>What matters to me</p>"),
                               parent=win)
    check_dialog(facts, "pdf-preview", preview,
                 preview.findChild(QDialogButtonBox).buttons()[0], screen, shots)
    preview.reject()

    from outreach.ui.directory import ImportErrorsDialog
    errors = [RowError(row=n, field="phone", message="This phone number is not valid.")
              for n in range(2, 60)]
    problems = ImportErrorsDialog(errors, win)
    close = problems.findChild(QDialogButtonBox).buttons()[0]
    check_dialog(facts, "import-errors", problems, close, screen, shots)
    problems.reject()

    sizes = {key: ws.pages[key].minimumSizeHint() for key in ws.pages}
    sizes["workspace"] = ws.minimumSizeHint()
    sizes["unlock"] = win.unlock_page.minimumSizeHint()
    sizes["profiles"] = win.profiles_page.minimumSizeHint()
    facts.check("info", "minimum sizes", True, ", ".join(
        f"{key} {size.width()}×{size.height()}" for key, size in sizes.items()))
    facts.check("qt", "no Qt warnings", not warnings, "; ".join(warnings[:5]))
    win.lock_now()
    settle(app)
    win.close()
    settle(app)
    return {"screen": [screen.x(), screen.y(), screen.width(), screen.height()],
            "checks": facts.checks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--font-pt", type=int, default=0)
    args = parser.parse_args(argv)
    out = Path(args.out)
    result = run(out, args.font_pt)
    (out / "facts.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
