"""Privacy in front of the person: the profile's "open in the 'someone is with me' view"
setting, kept in the encrypted store's meta table like the auto-lock minutes.

Threading: plain functions over an unlocked store (one small read or write); UI thread.
"""

from __future__ import annotations

from outreach.ops.people import PersonRow, caseload
from outreach.store.records import Store

WITH_ME_META = "open_with_me"


def opens_with_me(store: Store) -> bool:
    """True when this profile opens (and unlocks) in the "someone is with me" view."""
    return store.meta(WITH_ME_META) == "1"


def set_opens_with_me(store: Store, on: bool) -> None:
    """Keep the profile's choice of opening in the "someone is with me" view."""
    store.set_meta(WITH_ME_META, "1" if on else "0")


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def people_named(store: Store, full_name: str) -> list[PersonRow]:
    """The people whose whole name is ``full_name`` (letter case and spaces aside), by
    given or preferred name and family name. A part of a name finds nobody, so typing a
    name shows no one else's: for opening the file of the person who is present.

    Threading: reads the caseload (cached until the next write); run it off the UI thread.
    """
    wanted = _plain(full_name)
    if not wanted:
        return []
    found = []
    for row in caseload(store):
        names = {_plain(f"{first} {row.family_name}") for first in
                 (row.given_name, row.preferred_name) if first}
        if not row.given_name and not row.preferred_name:
            names.add(_plain(row.family_name))
        if wanted in names:
            found.append(row)
    return found
