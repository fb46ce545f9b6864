"""Re-keying a profile: a new random data key, the database copied under it, crash-safe.

Why: re-wrapping alone keeps the same data key, so anyone holding an old copy of the key
file and the old passphrase could read everything written after the change.

How (the profile lock is held throughout, see ``outreach.store.attempts``):

1. ``outreach.db`` is checkpointed and copied with ``sqlcipher_export`` into
   ``outreach.db.new`` under the new key (a progress handler reports how far the new
   file has grown and answers "cancelled?"). Schema version copied, file synced.
2. ``outreach.key.new`` is written: the new key wrapped under the new passphrase (and
   the recovery public key), plus the new database's salt (its first 16 bytes).
3. ``outreach.db.new`` is renamed over ``outreach.db``; the old file's blocks are
   overwritten through a descriptor kept open.
4. ``outreach.key`` is overwritten in place, then ``outreach.key.new`` renamed over it.

Killed anywhere, :func:`resolve_interrupted` (run under the lock before every unlock)
finishes or undoes the work: before step 2 completes the old pair is whole and the new
files are removed; after it, the new pair is whole and the renames are completed. So the
profile always opens with the old passphrase or the new one, never neither.

Not covered: another *process* that has this profile open while it is re-keyed keeps
writing to the old file. The desktop app re-keys only its own open profile; the CLI's
``passwd`` must not run while the app has the profile unlocked (docs/security.md).

Threading: long (about the time to copy the database); run it off the UI thread.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outreach.store.db import DB_FILE, SIDE_FILES, connect, execute_with_key
from outreach.store.files import atomic_write, overwrite, shred, sync_dir

KEY_FILE = "outreach.key"
KEY_NEW = KEY_FILE + ".new"
DB_NEW = DB_FILE + ".new"
SALT_BYTES = 16

#: Points where a test may kill the process (``checkpoint`` is replaced in that test).
CHECKPOINTS = ("exporting", "exported", "new-key-written", "database-swapped",
               "old-key-overwritten", "done")

Progress = Callable[[int, int, str], None]


def checkpoint(name: str) -> None:
    """A named step of the re-key (a no-op; crash tests replace it)."""


class RekeyCancelled(Exception):
    """The re-key was cancelled before the new database replaced the old one."""


def rekey(folder: Path, old_key: bytes, new_key: bytes, *, key_doc: dict[str, Any],
          progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None) -> None:
    """Copy the database under ``new_key`` and install ``key_doc`` (the caller holds the
    profile lock and has already checked the old passphrase)."""
    report = progress or (lambda done, total, text: None)
    db, db_new = folder / DB_FILE, folder / DB_NEW
    for leftover in (db_new, db_new.with_name(DB_NEW + "-journal")):
        shred(leftover)
    total = max(1, _size_with_wal(db))
    report(0, total, "Copying your data under the new key")
    conn = connect(db, old_key)
    started = [False]

    def step() -> int:
        if not started[0]:
            started[0] = True
            checkpoint("exporting")
        report(min(total - 1, _size(db_new)), total, "Copying your data under the new key")
        return 1 if cancelled is not None and cancelled() else 0

    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        execute_with_key(conn, "ATTACH DATABASE ? AS rekeyed KEY ", new_key,
                         params=(str(db_new),))
        conn.set_progress_handler(step, 2_000)
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')")
        except Exception:
            if cancelled is not None and cancelled():
                raise RekeyCancelled("The change was cancelled; nothing was changed.") from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
        conn.execute(f"PRAGMA rekeyed.user_version = {version}")
        conn.execute("DETACH DATABASE rekeyed")
    except BaseException:
        conn.close()
        shred(db_new)
        raise
    conn.close()
    _fsync(db_new)
    checkpoint("exported")
    doc = dict(key_doc, db_salt=base64.b64encode(_salt(db_new)).decode("ascii"))
    atomic_write(folder / KEY_NEW, json.dumps(doc, indent=1).encode("utf-8"))
    checkpoint("new-key-written")
    report(total - 1, total, "Putting the new key in place")
    _finish(folder)
    report(total, total, "Done")
    checkpoint("done")


def _finish(folder: Path) -> None:
    """Steps 3 and 4: swap in the new database, then the new key file."""
    db, db_new, key_new = folder / DB_FILE, folder / DB_NEW, folder / KEY_NEW
    salt = base64.b64decode(json.loads(key_new.read_text("utf-8"))["db_salt"])
    if db_new.exists():
        old_fd = os.open(db, os.O_RDWR) if db.exists() else -1
        try:
            for suffix in SIDE_FILES:            # the old database's (checkpointed) WAL
                shred(db.with_name(DB_FILE + suffix))
            os.replace(db_new, db)
            sync_dir(folder)
            checkpoint("database-swapped")
            if old_fd >= 0:
                _overwrite_fd(old_fd)
        finally:
            if old_fd >= 0:
                os.close(old_fd)
    if _salt(db) != salt:
        raise OSError("the re-keyed database is not where it should be")
    overwrite(folder / KEY_FILE)
    checkpoint("old-key-overwritten")
    os.replace(key_new, folder / KEY_FILE)
    sync_dir(folder)


def resolve_interrupted(folder: Path) -> None:
    """Finish or undo a re-key that was killed part-way (the caller holds the lock)."""
    key_new, db_new = folder / KEY_NEW, folder / DB_NEW
    if key_new.exists():
        try:
            salt = base64.b64decode(json.loads(key_new.read_text("utf-8"))["db_salt"])
        except (OSError, ValueError, KeyError):
            salt = b""
        target = db_new if db_new.exists() else folder / DB_FILE
        if salt and _salt(target) == salt:
            _finish(folder)                      # the new pair is whole: complete it
            return
        shred(key_new)
    if db_new.exists():                          # killed while copying: the old pair is whole
        shred(db_new)
        shred(db_new.with_name(DB_NEW + "-journal"))


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def _salt(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SALT_BYTES)
    except FileNotFoundError:
        return b""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _size_with_wal(db: Path) -> int:
    return _size(db) + _size(db.with_name(DB_FILE + "-wal"))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _overwrite_fd(fd: int) -> None:
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    done = 0
    while done < size:
        done += os.write(fd, secrets.token_bytes(min(1 << 20, size - done)))
    os.fsync(fd)
