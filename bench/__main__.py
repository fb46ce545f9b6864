"""``python -m bench [--people N] [--only NAME ...]``: run the benchmarks, print tables,
write JSON to bench/results/.

At the end it prints every figure that has a budget or a limit, with its ratio to the
machine's limit where there is one, and how long each step took (wall and CPU), also
saved as ``bench/results/run.json``."""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import Result  # noqa: E402

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


def cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def summary(results: list[Result]) -> None:
    """Every figure with a budget or a limit, one line each, the ratio to the limit first."""
    print("\n== against the budgets and the machine's limit ==")
    for res in results:
        for r in res.rows:
            if r.budget is None and r.ratio is None and r.unit != "x":
                continue
            figure = f"{r.value:,.2f} {r.unit}"
            if r.ratio is not None:
                figure = f"{r.ratio:.2f}x the limit ({figure})"
            budget = f"budget {r.budget:g} {r.unit}" if r.budget is not None else ""
            print(f"  {res.bench:<8} {r.name.strip():<58} {figure:<32} {budget:<18} "
                  f"{r.verdict}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    args = parser.parse_args()
    # The limit alone is run on request: "sync" measures it beside the first pull.
    names = args.only or [n for n in BENCHES if n != "limit"]
    run = Result("run", params={"people": args.people, "benchmarks": " ".join(names),
                                "load_before": round(os.getloadavg()[0], 2)})
    started, started_cpu = time.perf_counter(), cpu_seconds()
    if any(BENCHES[n][2] for n in names):   # the caseload first, timed on its own
        from bench.dataset import dataset_profile, ensure_dataset

        cached = dataset_profile(people=args.people).exists()
        wall, cpu = time.perf_counter(), cpu_seconds()
        ensure_dataset(people=args.people)
        run.add("dataset" + (" (cached)" if cached else " built"),
                time.perf_counter() - wall, "s", note=f"CPU {cpu_seconds() - cpu:.0f} s")
    results = []
    for name in names:
        module, func, takes_people = BENCHES[name]
        wall, cpu = time.perf_counter(), cpu_seconds()
        fn = getattr(importlib.import_module(module), func)
        result = fn(args.people) if takes_people else fn()
        result.print()
        print(f"  -> {result.save()}")
        results.append(result)
        run.add(f"bench {name}", time.perf_counter() - wall, "s",
                note=f"CPU {cpu_seconds() - cpu:.0f} s")
    run.add("all of python -m bench", time.perf_counter() - started, "s",
            note=f"CPU {cpu_seconds() - started_cpu:.0f} s (this process and the children "
                 "it waited for; not PostgreSQL's)")
    run.params["load_after"] = round(os.getloadavg()[0], 2)
    summary(results)
    run.print()
    print(f"  -> {run.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
