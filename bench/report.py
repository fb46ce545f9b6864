"""Write the measured figures from bench/results/*.json into docs/performance.md.

Only the part between the two marker lines is replaced; the explanations around it are
written by hand and kept.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.common import RESULTS

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def render() -> str:
    lines = []
    machine = None
    for path in sorted(RESULTS.glob("*.json")):
        doc = json.loads(path.read_text())
        machine = machine or doc.get("machine")
        params = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                           for k, v in doc.get("params", {}).items())
        lines.append(f"\n### {doc['bench']} ({params}; measured {doc['at']})\n")
        lines.append("| what | figure | budget | verdict | note |")
        lines.append("|---|---:|---:|---|---|")
        for row in doc["rows"]:
            budget = f"{row['budget']:g} {row['unit']}" if row.get("budget") is not None else ""
            figure = f"{row['value']:,.2f} {row['unit']}"
            if row.get("ratio") is not None:
                figure += f" ({row['ratio']:.2f}x the limit)"
            lines.append(f"| {row['name'].strip()} | {figure} | "
                         f"{budget} | {row.get('verdict', '')} | {row.get('note', '')} |")
    head = []
    if machine:
        head.append(f"Machine: {machine.get('cpu')}, {machine.get('cores')} cores, "
                    f"{machine.get('memory_mib', 0) // 1024} GiB, Python {machine.get('python')}, "
                    f"{machine.get('system')}.")
    return "\n".join([START, *head, *lines, END])


def main() -> int:
    text = DOC.read_text("utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        print(f"{DOC} has no result markers; not changed", file=sys.stderr)
        return 1
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(before + render() + after, "utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
