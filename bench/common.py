"""Timing, percentiles, the machine description and result files shared by benchmarks."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Row:
    name: str
    value: float
    unit: str
    budget: float | None = None     # the figure must be at most this (same unit)
    note: str = ""
    limit: float | None = None      # the machine's limit for the same work (same unit)

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return ""
        return "met" if self.value <= self.budget else "MISSED"

    @property
    def ratio(self) -> float | None:
        """The figure as a multiple of the machine's limit, when there is one."""
        if not self.limit:
            return None
        return self.value / self.limit


@dataclass
class Result:
    bench: str
    rows: list[Row] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, value: float, unit: str, *, budget: float | None = None,
            note: str = "", limit: float | None = None) -> Row:
        row = Row(name, value, unit, budget, note, limit)
        self.rows.append(row)
        return row

    def print(self) -> None:
        print(f"\n== {self.bench} ==  {self.params}")
        width = max(len(r.name) for r in self.rows) if self.rows else 10
        for r in self.rows:
            budget = f"budget {r.budget:g} {r.unit}" if r.budget is not None else ""
            ratio = f"{r.ratio:.2f}x limit" if r.ratio is not None else ""
            print(f"  {r.name:<{width}}  {r.value:>10.2f} {r.unit:<4} {budget:<20} "
                  f"{r.verdict:<6} {ratio} {r.note}".rstrip())

    def save(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{self.bench}.json"
        doc = {"bench": self.bench, "params": self.params, "machine": machine(),
               "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "rows": [asdict(r) | {"verdict": r.verdict, "ratio": r.ratio}
                        for r in self.rows]}
        path.write_text(json.dumps(doc, indent=1))
        return path


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem,
            "python": platform.python_version(), "system": platform.platform()}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds one call takes, and its result."""
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000.0, value


def repeat_ms(fn: Callable[[], Any], *, times: int) -> list[float]:
    return [timed(fn)[0] for _ in range(times)]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)
