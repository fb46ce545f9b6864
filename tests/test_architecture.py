"""Layering rules, checked on the source and on what importing really loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sources(package):
        for name in modules_imported(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


@pytest.mark.parametrize("package", ["outreach/core", "outreach/store", "outreach/ops"])
def test_no_qt_below_the_ui(package: str) -> None:
    assert sources(package)
    assert offenders(package, ("PySide6", "shiboken6", "outreach.ui")) == []


def test_core_uses_no_sql_and_nothing_above_it() -> None:
    assert offenders("outreach/core", ("sqlcipher3", "sqlite3", "outreach.store",
                                       "outreach.ops", "outreach.cli")) == []


def test_store_does_not_import_ops_or_the_cli() -> None:
    assert offenders("outreach/store", ("outreach.ops", "outreach.cli")) == []


def test_sync_does_not_import_the_desktop_app() -> None:
    if not (ROOT / "sync").is_dir():
        pytest.skip("no sync package yet")
    assert offenders("sync", ("outreach.ui", "outreach.ops", "outreach.store",
                              "outreach.cli", "PySide6")) == []


def test_importing_core_and_store_loads_no_qt() -> None:
    names = [".".join(p.relative_to(ROOT).with_suffix("").parts)
             for package in ("outreach/core", "outreach/store") for p in sources(package)]
    names = [n.removesuffix(".__init__") for n in names]
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
            "print(len(sys.modules), bad)\n"
            "sys.exit(1 if bad else 0)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
