"""Files with restrictive permissions, written atomically.

Permissions are set when a file is created, never after it holds data: folders 0700,
files 0600.
"""

from __future__ import annotations

import os
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
    """Write ``data`` to ``path`` via a 0600 temporary file in the same folder and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if os.name == "posix":
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
