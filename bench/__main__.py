"""``python -m bench [--people N] [--only NAME ...]``: run the benchmarks, print tables,
write JSON to bench/results/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCHES = {
    "local": ("bench.bench_local", "bench_unlock_and_lists", True),
    "cipher": ("bench.bench_local", "bench_cipher", False),
    "limit": ("bench.bench_limit", "bench_limit", False),     # also inside "sync"
    "ui": ("bench.bench_ui", "bench_start", True),
    "sync": ("bench.bench_sync", "bench_pull_and_routine", False),
    "push50": ("bench.bench_sync", "bench_push50", False),
    "storm": ("bench.bench_storm", "bench_storm", False),
    "first_sync": ("bench.bench_sync", "bench_first_sync_usable", False),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    args = parser.parse_args()
    started = time.perf_counter()
    # The limit alone is run on request: "sync" measures it beside the first pull.
    for name in args.only or [n for n in BENCHES if n != "limit"]:
        module, func, takes_people = BENCHES[name]
        fn = getattr(importlib.import_module(module), func)
        result = fn(args.people) if takes_people else fn()
        result.print()
        print(f"  -> {result.save()}")
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
