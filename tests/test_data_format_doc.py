"""docs/data-format.md describes every record kind and field exactly as declared."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from outreach.core.records import KINDS

ROOT = Path(__file__).resolve().parent.parent


def load_generator():
    spec = importlib.util.spec_from_file_location("field_tables", ROOT / "docs" / "field_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_field_tables_match_the_declarations() -> None:
    gen = load_generator()
    doc = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    assert gen.replaced(doc) == doc, "run: .venv/bin/python docs/field_tables.py --write"
    for name, spec in KINDS.items():
        assert f"### `{name}`" in doc
        for f in spec.fields:
            assert f"| `{f.name}` |" in doc
