"""One person's file in the desktop app: :class:`PersonView` and its sections."""

from outreach.ui.person.view import PersonView

__all__ = ["PersonView"]
