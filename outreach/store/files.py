"""Files with restrictive permissions, written atomically.

Permissions are set when a file is created, never after it holds data: folders 0700,
files 0600.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def secure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700; tighten it if it already exists."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def touch_private(path: Path) -> None:
    """Create an empty 0600 file if none exists (so SQLite inherits the mode)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, FILE_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a 0600 temporary file in the same folder and a rename.

    The temporary file has an unpredictable name and is created with ``O_EXCL``
    (:func:`tempfile.mkstemp`), so a file or link planted at a guessable name is never
    followed or overwritten.
    """
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    sync_dir(path.parent)


def sync_dir(folder: Path) -> None:
    """Make renames and unlinks in ``folder`` durable (no-op where folders cannot be synced)."""
    if os.name == "posix":
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


CHUNK = 1 << 20


def overwrite(path: Path) -> None:
    """Overwrite a file's bytes in place with random data and flush them to the disk.

    Limits: on SSDs and copy-on-write or journalling file systems the old blocks may
    survive elsewhere (wear levelling, snapshots); see docs/security.md. Missing files
    are ignored.
    """
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except (FileNotFoundError, IsADirectoryError):
        return
    except OSError:                 # a symlink (O_NOFOLLOW): nothing of ours to overwrite
        return
    try:
        size = os.fstat(fd).st_size
        done = 0
        while done < max(size, 1):
            n = min(CHUNK, max(size, 1) - done)
            done += os.write(fd, secrets.token_bytes(n))
        os.fsync(fd)
    finally:
        os.close(fd)


def shred(path: Path) -> None:
    """:func:`overwrite` then unlink ``path`` (missing files are ignored)."""
    overwrite(path)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
