"""Small wording helpers shared by the screens: UK dates, plurals, choice labels.

Pure functions; safe on any thread. Words pass through Qt's translation with the
"records" context (like the labels declared in ``outreach.core.records``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence, QShortcut

from outreach.core import records as rk

STATUS_WORDS = {"waiting": "Waiting", "active": "Being supported", "ended": "Support ended",
                "declined": "Referral declined", "no_referral": "No referral yet"}


def tr_label(text: str) -> str:
    """Translate a label declared as data (record kinds, fixed wordings): context "records"."""
    return QCoreApplication.translate("records", text)


def shortcut(keys: str, parent: QObject, slot: Callable[[], object]) -> QShortcut:
    """A keyboard shortcut on ``parent`` (and its children) that calls ``slot``."""
    sc = QShortcut(QKeySequence(keys), parent)
    sc.activated.connect(slot)
    return sc


def plural(n: int, one: str, many: str) -> str:
    """``"1 day"`` / ``"5 days"`` (``one`` and ``many`` contain ``{n}``)."""
    return tr_label(one if n == 1 else many).replace("{n}", f"{n:,}")


def how_long(days: int) -> str:
    """``3 days``, ``5 weeks``, ``5 months``: a lateness in words."""
    if days < 14:
        return plural(days, "{n} day", "{n} days")
    if days < 61:
        return plural(days // 7, "{n} week", "{n} weeks")
    return plural(days // 30, "{n} month", "{n} months")


def fmt_date(text: str | None) -> str:
    """An ISO date or date-time shown the UK way: ``21 Nov 2025``."""
    if not text:
        return ""
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {day.strftime('%b %Y')}"


def fmt_datetime(text: str | None) -> str:
    """An ISO date-time shown the UK way in local time: ``21 Nov 2025, 14:05``."""
    if not text:
        return ""
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when.day} {when.strftime('%b %Y, %H:%M')}"


def choice_label(kind: str, field: str, code: str | None) -> str:
    """The human label of a choice code declared in :mod:`outreach.core.records`."""
    if not code:
        return ""
    spec = rk.KINDS.get(kind)
    if spec is not None:
        for f in spec.fields:
            if f.name == field:
                for value, label in f.choices or ():
                    if value == code:
                        return tr_label(label)
    return code.replace("_", " ").capitalize()


def status_text(status: str) -> str:
    """Words for a caseload status (waiting, active, ended, declined, no_referral)."""
    return tr_label(STATUS_WORDS.get(status, status))
