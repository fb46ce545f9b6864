"""Fit windows and dialogs to the screen they are on, at any scaling and text size.

Laptops in the field run at 1366×768, 1280×720 or 1024×768, often at 150 % scaling
(1024×768 at 150 % leaves 683×512 logical pixels) or with a larger text size. A window
asks for the size it would like (usually in lines of text) and gets at most the screen's
available area, less its frame; dialogs keep their form in a scroll area and their buttons
outside it, so Save stays on screen however tall the form is.

- :func:`fit_to_screen`: resize a dialog (or any top-level window) to at most the
  screen's available area.
- :func:`fit_wizard`: the same for a ``QWizard``, with each page's content put in a scroll
  area (the wizard's buttons stay outside it).
- :func:`open_on_screen`: size and centre the main window on its screen.
- :func:`scroll_area`: a frameless, focusless scroll area for a widget that may be taller
  or wider than the room it gets.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget, QWizard

# A typical title bar and border, used before the window system says what it draws.
_BORDER = 4
_TITLE = 30


def available(window: QWidget) -> QRect:
    """The available area (without panels and docks) of the screen ``window`` is on, or
    will be on: its parent's screen for a dialog not shown yet, the screen under the
    mouse pointer for a main window not shown yet (where window managers open it)."""
    parent = window.parentWidget()
    if window.isVisible():
        screen = window.screen()
    elif parent is not None:
        screen = parent.window().screen()
    else:
        screen = QGuiApplication.screenAt(QCursor.pos()) or window.screen()
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """The window frame's margins: the real ones once shown, else a typical title bar."""
    handle = window.windowHandle()
    if window.isVisible() and handle is not None:
        margins = handle.frameMargins()
        if not margins.isNull():
            return margins
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    return QMargins(_BORDER, max(title, _TITLE), _BORDER, _BORDER)


def room_for(window: QWidget) -> QRect:
    """The largest geometry (inside the frame) that keeps ``window`` on its screen."""
    return available(window).marginsRemoved(frame_margins(window))


def fit_to_screen(window: QWidget, *, width: int, height: int) -> None:
    """Resize ``window`` to ``width``×``height`` or, if that is larger, to the room its
    screen has; a visible window is also moved back inside the screen.

    The window's layout must be able to shrink that far: keep tall forms in a scroll
    area (:func:`scroll_area`) and the buttons outside it.
    """
    room = room_for(window)
    window.resize(max(1, min(width, room.width())), max(1, min(height, room.height())))
    if window.isVisible():
        keep_inside(window)


def keep_inside(window: QWidget) -> None:
    """Move a visible window so that its frame lies inside its screen's available area
    (as far as its size allows)."""
    room = room_for(window)
    geometry = window.geometry()
    x = max(room.left(), min(geometry.x(), room.right() + 1 - geometry.width()))
    y = max(room.top(), min(geometry.y(), room.bottom() + 1 - geometry.height()))
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(x + geometry.x() - window.x(), y + geometry.y() - window.y())


def open_on_screen(window: QWidget, *, width: int, height: int) -> None:
    """Size ``window`` to at most its screen's room and centre it there (before show)."""
    fit_to_screen(window, width=width, height=height)
    room = room_for(window)
    margins = frame_margins(window)
    x = room.x() + (room.width() - window.width()) // 2
    y = room.y() + (room.height() - window.height()) // 2
    window.move(x - margins.left(), y - margins.top())


def scroll_area(inner: QWidget, *, parent: QWidget | None = None) -> QScrollArea:
    """``inner`` in a frameless scroll area that resizes it, takes no focus of its own
    (Tab goes straight to ``inner``'s controls) and scrolls only when ``inner`` cannot
    shrink to the room it is given."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(inner)
    return area


def scroll_page(page: QWidget) -> None:
    """Move ``page``'s layout (and so its controls) into a scroll area filling the page.

    Widgets keep their identity, parents change to the scroll area's inner widget; a page
    without a layout is left alone.
    """
    layout = page.layout()
    if layout is None or isinstance(page.findChild(QScrollArea, "fit-page-scroll"),
                                    QScrollArea):
        return
    inner = QWidget()
    inner.setLayout(layout)     # takes the layout, and its widgets, from the page
    area = scroll_area(inner)
    area.setObjectName("fit-page-scroll")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)


def fit_wizard(wizard: QWizard, *, width: int, height: int) -> None:
    """Put each page of ``wizard`` in a scroll area, then :func:`fit_to_screen` it.

    Call once, after every page is added; the Back/Next/Finish buttons stay outside the
    scroll areas, so they are always on screen.
    """
    for page_id in wizard.pageIds():
        scroll_page(wizard.page(page_id))
    fit_to_screen(wizard, width=width, height=height)
    # The controls moved into the scroll areas come last in the focus chain now, where
    # QWizard no longer finds them: each page opens with the focus on its first field.
    wizard.currentIdChanged.connect(lambda _id: _focus_page(wizard))


def _focus_page(wizard: QWizard) -> None:
    from outreach.ui.a11y import focus_first_control

    page = wizard.currentPage()
    if page is not None:
        focus_first_control(page)
