"""Files around the care-plan PDF: its suggested name, and the private preview folders.

A preview is written into ``<temp>/outreach-preview-<pid>-<random>`` (0700, made by
:func:`tempfile.mkdtemp`, so the name is unpredictable and created exclusively). The
dialog deletes it when it closes; if the app crashed first, :func:`remove_stale_previews`
deletes it at the next start (folders of a process that is still running are left, and
folders named by an earlier version, without a pid, only once they are a day old).

Threading: any thread; the app runs :func:`remove_stale_previews` on a worker.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from outreach.core import records as rk
from outreach.store.records import Store

log = logging.getLogger(__name__)

PREFIX = "outreach-preview-"
LEGACY_AGE_SECONDS = 24 * 3600


def suggested_file_name(store: Store, person_id: str) -> str:
    """A file name for a person's care plan, made of safe characters only."""
    person = store.get(person_id) or {}
    name = "".join(c for c in rk.title_of(person) if c.isalnum() or c in " -").strip()
    return f"Care plan - {name}.pdf" if name else "Care plan.pdf"


def new_preview_folder() -> Path:
    """A new private folder for one preview (0700, unpredictable name)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    os.chmod(folder, 0o700)
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True                     # someone else's process, or cannot tell: keep
    return True


def remove_stale_previews(folder: Path | None = None) -> int:
    """Delete preview folders left by a process that no longer runs; return how many."""
    base = Path(folder or tempfile.gettempdir())
    removed = 0
    try:
        candidates = list(base.glob(f"{PREFIX}*"))
    except OSError:
        return 0
    for path in candidates:
        pid_text = path.name[len(PREFIX):].split("-", 1)[0]
        try:
            if not path.is_dir() or path.is_symlink() or path.stat().st_uid != os.getuid():
                continue
        except (OSError, AttributeError):
            continue
        if pid_text.isdigit():
            if _alive(int(pid_text)):
                continue
        elif time.time() - path.stat().st_mtime < LEGACY_AGE_SECONDS:
            continue                    # an older version's name: no pid, so wait a day
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    if removed:
        log.info("removed %d preview folder(s) left by an earlier run", removed)
    return removed
