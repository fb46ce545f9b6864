"""Privacy in front of the person: the profile's "open in the 'someone is with me' view"
setting, kept in the encrypted store's meta table like the auto-lock minutes.

Threading: plain functions over an unlocked store (one small read or write); UI thread.
"""

from __future__ import annotations

from outreach.store.records import Store

WITH_ME_META = "open_with_me"


def opens_with_me(store: Store) -> bool:
    """True when this profile opens (and unlocks) in the "someone is with me" view."""
    return store.meta(WITH_ME_META) == "1"


def set_opens_with_me(store: Store, on: bool) -> None:
    """Keep the profile's choice of opening in the "someone is with me" view."""
    store.set_meta(WITH_ME_META, "1" if on else "0")
