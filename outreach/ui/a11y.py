"""Accessibility helpers: WCAG contrast, palettes that meet it, and announcing messages to
screen readers.

* :func:`contrast` is the WCAG 2.x contrast ratio of two colours (1.0 to 21.0); text
  needs at least :data:`AA_TEXT` (4.5:1), focus outlines and control borders at least
  :data:`AA_NON_TEXT` (3:1) against what surrounds them.
* :func:`accessible_palette` takes the system's palette (light or dark) and changes only
  the colours that fall short: greyed-out and placeholder text, selected-row colours.
  Qt's Fusion palette draws disabled text at about 1.9:1 and white on its highlight blue
  at about 3.6:1.
* :func:`announce` shows nothing itself: it tells assistive technology (Orca, NVDA,
  VoiceOver) that a widget's text changed and should be read out now, through an
  accessibility ``Alert`` event, as a live region would on the web. Error lines and the
  auto-lock warning go through it.

Threading: UI thread only (widgets and palettes are not thread-safe).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QPalette
from PySide6.QtWidgets import QWidget

AA_TEXT = 4.5
AA_NON_TEXT = 3.0
_MARGIN = 0.15          # aim a little above the line, so rounding never lands under it

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
GROUPS = (Group.Active, Group.Inactive, Group.Disabled)

# (text role, background roles it is drawn on) for every group
TEXT_ON = (
    (Role.WindowText, (Role.Window, Role.Button)),
    (Role.Text, (Role.Base, Role.AlternateBase, Role.Window)),
    (Role.ButtonText, (Role.Button, Role.Window)),
    (Role.PlaceholderText, (Role.Base, Role.AlternateBase)),
    (Role.ToolTipText, (Role.ToolTipBase,)),
    (Role.Link, (Role.Base, Role.Window)),
    (Role.LinkVisited, (Role.Base, Role.Window)),
)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour (0 black to 1 white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` (maybe translucent) as it looks drawn on an opaque ``background``."""
    a = colour.alphaF()
    return QColor.fromRgbF(colour.redF() * a + background.redF() * (1 - a),
                           colour.greenF() * a + background.greenF() * (1 - a),
                           colour.blueF() * a + background.blueF() * (1 - a))


def contrast(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio of ``foreground`` drawn on ``background`` (1.0 to 21.0)."""
    fg = over(foreground, background)
    a, b = luminance(fg), luminance(background)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def readable_on(colour: QColor, backgrounds: Iterable[QColor], *,
                minimum: float = AA_TEXT) -> QColor:
    """``colour``, moved towards black or white just far enough to reach ``minimum``
    against every one of ``backgrounds`` (unchanged when it already does)."""
    grounds = list(backgrounds)
    start = over(colour, grounds[0]) if grounds else QColor(colour)
    if all(contrast(start, g) >= minimum for g in grounds):
        return start if colour.alpha() < 255 else QColor(colour)
    dark_ground = sum(luminance(g) for g in grounds) / max(1, len(grounds)) < 0.18
    target = QColor(255, 255, 255) if dark_ground else QColor(0, 0, 0)
    best = QColor(target)
    for step in range(1, 101):
        t = step / 100
        mixed = QColor.fromRgbF(start.redF() + (target.redF() - start.redF()) * t,
                                start.greenF() + (target.greenF() - start.greenF()) * t,
                                start.blueF() + (target.blueF() - start.blueF()) * t)
        if all(contrast(mixed, g) >= minimum + _MARGIN for g in grounds):
            best = mixed
            break
    return best


def accessible_palette(base: QPalette) -> QPalette:
    """``base`` with every text colour readable (≥ 4.5:1) on the backgrounds it is drawn
    on, in the active, inactive and disabled groups, and the selection's background dark
    (or light) enough for its text. Colours that already pass are left as they are."""
    pal = QPalette(base)
    for group in GROUPS:
        for text_role, grounds in TEXT_ON:
            backs = [pal.color(group, g) for g in grounds]
            if text_role in (Role.Text, Role.WindowText, Role.ButtonText) and \
                    group == Group.Disabled:
                # greyed-out text sits on enabled backgrounds too (an empty list's row)
                backs += [pal.color(Group.Active, g) for g in grounds]
            pal.setColor(group, text_role, readable_on(pal.color(group, text_role), backs))
        # selected rows and strong chips: white (or black) text on the highlight colour,
        # which is also the focus outline's colour (see resources/style/outreach.qss)
        text = pal.color(group, Role.HighlightedText)
        original = pal.color(group, Role.Highlight)
        highlight = readable_on(original, [text])
        grounds = [pal.color(group, g) for g in (Role.Window, Role.Button, Role.Base)]
        if min(contrast(highlight, g) for g in grounds) < AA_NON_TEXT:
            # on dark backgrounds a blue dark enough for white text hardly shows as an
            # outline: dark text on a lighter blue instead
            dark_ground = luminance(grounds[0]) < 0.18
            text = QColor(0, 0, 0) if dark_ground else QColor(255, 255, 255)
            highlight = readable_on(readable_on(original, [text]), grounds,
                                    minimum=AA_NON_TEXT)
            pal.setColor(group, Role.HighlightedText, text)
        pal.setColor(group, Role.Highlight, highlight)
        # the borders of fields and buttons (the stylesheet draws them in Mid)
        grounds = [pal.color(group, g) for g in (Role.Base, Role.Window, Role.Button)]
        pal.setColor(group, Role.Mid, readable_on(pal.color(group, Role.Mid), grounds,
                                                  minimum=AA_NON_TEXT))
    return pal


def focus_first_control(widget: QWidget) -> None:
    """Give the focus to ``widget``'s focus proxy, or else to the first control inside it
    that Tab would reach (``widget`` may be about to show), so the focus is never left on
    a bare page where no outline can show it. Nothing inside takes the focus: it stays."""
    if widget.focusProxy() is not None or widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    node = widget.nextInFocusChain()
    while node is not None and node is not widget:
        if widget.isAncestorOf(node) and node.isVisibleTo(widget) and node.isEnabled() \
                and node.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and node.focusProxy() is None:
            node.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        node = node.nextInFocusChain()


def announce(widget: QWidget, text: str) -> None:
    """Have screen readers read ``text`` out now, as coming from ``widget``.

    The text becomes the widget's accessible description (where screen readers find it
    again) and an accessibility ``Alert`` event is sent for the widget. Empty text only
    clears the description.
    """
    widget.setAccessibleDescription(text)
    if not text:
        return
    QAccessible.updateAccessibility(
        QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))

