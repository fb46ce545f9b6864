"""The benchmark caseload: 10,000 people and about 200,000 conversations, from a seed.

Built once through the real write path (validation, outbox, search index) and cached in
``bench/.cache/`` so later runs start at once; the cache is keyed by size and seed. The
profile uses the production key-derivation parameters, so unlock is measured for real.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from outreach.ops.demo import generate_caseload
from outreach.store.profile import Profile

CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = "benchmark passphrase, synthetic data only"
log = logging.getLogger(__name__)


def ensure_dataset(*, people: int = 10_000, per_person: tuple[int, int] = (17, 27),
                   seed: int = 7) -> Profile:
    """The cached benchmark profile, generated first if missing."""
    name = f"caseload-{people}-{per_person[0]}-{per_person[1]}-{seed}"
    profile = Profile(CACHE, name)
    if profile.exists():
        return profile
    if profile.folder.exists():
        profile.wipe()       # an interrupted earlier build
    started = time.perf_counter()
    store = profile.create(PASSPHRASE, user="bench.worker")
    try:
        def progress(done: int, total: int) -> None:
            if done % 1000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  generating: {done}/{total} people ({rate:.0f}/s)", file=sys.stderr)
        generate_caseload(store, people=people, seed=seed, progress=progress,
                          conversations_per_person=per_person)
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        store.close()
        profile.wipe()
        raise
    store.close()
    print(f"  dataset built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return profile
