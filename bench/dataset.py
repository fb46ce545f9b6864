"""The benchmark caseload: 10,000 people and about 200,000 conversations, from a seed.

Built once through the real write path (validation, outbox, search index) and cached in
``bench/.cache/`` so later runs start at once; the cache is keyed by size and seed. The
profile uses the production key-derivation parameters, so unlock is measured for real.
The records are made up in a second process while the first writes them
(``generate_caseload(parallel=True)``): the same records, about 1.6 times as fast on two
cores.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

from outreach.ops.demo import generate_caseload
from outreach.store.profile import Profile

CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = "benchmark passphrase, synthetic data only"
log = logging.getLogger(__name__)


def dataset_profile(*, people: int = 10_000, per_person: tuple[int, int] = (17, 27),
                    seed: int = 7) -> Profile:
    """The benchmark profile in the cache, whether it has been built yet or not."""
    return Profile(CACHE, f"caseload-{people}-{per_person[0]}-{per_person[1]}-{seed}")


def ensure_dataset(*, people: int = 10_000, per_person: tuple[int, int] = (17, 27),
                   seed: int = 7) -> Profile:
    """The cached benchmark profile, generated first if missing, in a process of its own
    (see :func:`_build_elsewhere`)."""
    profile = dataset_profile(people=people, per_person=per_person, seed=seed)
    if not profile.exists():
        _build_elsewhere(people=people, per_person=per_person, seed=seed)
    return profile


def _build_elsewhere(*, people: int, per_person: tuple[int, int], seed: int) -> None:
    """Build the caseload in a child process with SQLCipher's ``cipher_memory_security``
    off. The setting zeroes and locks every allocation SQLCipher frees, to keep a running
    app's memory clean; it is process-wide and, once on, stays on, and it makes writing the
    caseload five times as costly (docs/performance.md). The cache holds synthetic data
    only, and the file written is the same either way; every benchmark then opens it with
    the store's own setting."""
    subprocess.run([sys.executable, "-m", "bench.dataset", str(people), str(per_person[0]),
                    str(per_person[1]), str(seed)], check=True,
                   cwd=Path(__file__).resolve().parent.parent)


def _build(*, people: int, per_person: tuple[int, int], seed: int) -> Profile:
    """Generate the caseload into the cache (this process)."""
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
                          conversations_per_person=per_person, parallel=True)
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        store.close()
        profile.wipe()
        raise
    store.close()
    print(f"  dataset built in {time.perf_counter() - started:.0f} s "
          f"({time.process_time():.0f} s of CPU writing)", file=sys.stderr)
    return profile


if __name__ == "__main__":
    import outreach.store.db

    outreach.store.db.MEMORY_SECURITY = "OFF"       # see _build_elsewhere
    _n, _lo, _hi, _seed = (int(a) for a in sys.argv[1:5])
    _build(people=_n, per_person=(_lo, _hi), seed=_seed)
