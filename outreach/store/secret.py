"""Overwriting secrets in memory: the data key, its hex form, the passphrase.

Python gives no way to erase an immutable ``bytes`` or ``str``: when freed, its memory is
returned to the allocator as it is, and can be read from a memory dump, swap or a
hibernation file. :func:`wipe` overwrites the object's own buffer in place (``bytearray``
and ``memoryview`` through the buffer protocol; ``bytes`` and ``str`` through CPython's
documented object layout, which is an implementation detail we check before writing).

Only wipe objects you made and hold the only reference to: a wiped ``str`` keeps its
cached hash, so it must not be a dict key anyone still uses, and one-character strings
are shared singletons (they are never wiped here).

Caches of personal text (search tokens, the caseload) register with :func:`on_lock`;
closing a store calls :func:`forget_personal_data`.

Threading: any thread, on objects no other thread is using.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
_FORGETTERS: list[Callable[[], None]] = []


def on_lock(forget: Callable[[], None]) -> Callable[[], None]:
    """Register a function that drops a cache holding personal text (returns it, so it
    can decorate). :func:`forget_personal_data` calls every one when a store closes."""
    _FORGETTERS.append(forget)
    return forget


def forget_personal_data() -> None:
    """Drop every registered cache of personal text (the profile is being locked)."""
    for forget in list(_FORGETTERS):
        try:
            forget()
        except Exception:  # noqa: BLE001 - one failing cache must not stop the others
            log.warning("a cache could not be cleared on lock", exc_info=True)


def wipe(obj: Any) -> bool:
    """Overwrite ``obj``'s contents with zeros; return True if it was wiped."""
    if isinstance(obj, bytearray):
        obj[:] = bytes(len(obj))
        return True
    if isinstance(obj, memoryview) and not obj.readonly:
        obj[:] = bytes(obj.nbytes)
        return True
    if sys.implementation.name != "cpython":
        return False
    if isinstance(obj, bytes) and len(obj) > 1:
        # PyBytesObject: header, then ob_sval[len + 1] (the trailing NUL)
        start = id(obj) + sys.getsizeof(obj) - len(obj) - 1
        if ctypes.string_at(start, len(obj)) != obj:
            return False
        ctypes.memset(start, 0, len(obj))
        return True
    if isinstance(obj, str) and len(obj) > 1:
        width = 1 if max(obj) <= "\xff" else 2 if max(obj) <= "\uffff" else 4
        if not obj.isascii() and width == 1:
            return False                    # latin-1 compact strings may cache UTF-8 apart
        size = (len(obj) + 1) * width
        start = id(obj) + sys.getsizeof(obj) - size
        encoding = {1: "latin-1", 2: "utf-16-le", 4: "utf-32-le"}[width]
        if ctypes.string_at(start, len(obj) * width) != obj.encode(encoding):
            return False
        ctypes.memset(start, 0, len(obj) * width)
        return True
    return False
