"""The application set-up: translations compiled from a .ts file change the words on
screen, the palette-only stylesheet loads, and the data folder comes from the flag."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from outreach.ui.app import STYLE_FILE, TRANSLATIONS, apply_style, install_translations, parse_args
from outreach.ui.unlock import UnlockPage

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>UnlockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Datgloi</translation>
    </message>
</context>
</TS>
"""


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent /
                                                    "pyside6-lrelease")
    if not Path(found).exists():
        pytest.fail("pyside6-lrelease is missing (it comes with PySide6)")
    return found


def test_compiled_translation_changes_the_words(qtbot, tmp_path):
    ts = tmp_path / "outreach_cy.ts"
    ts.write_text(TS, encoding="utf-8")
    subprocess.run([lrelease(), str(ts)], check=True, capture_output=True)
    app = QApplication.instance()
    installed = install_translations(app, QLocale(QLocale.Language.Welsh), folder=tmp_path)
    try:
        page = UnlockPage(data_dir=tmp_path)
        qtbot.addWidget(page)
        assert page.unlock_button.text() == "&Datgloi"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_translation_template_and_stylesheet_exist():
    assert (TRANSLATIONS / "outreach_cy.ts").exists()
    sheet = STYLE_FILE.read_text(encoding="utf-8")
    assert "palette(highlight)" in sheet
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", sheet)     # no hard-coded colours


def test_style_and_arguments(qapp, tmp_path):
    before = qapp.styleSheet()
    try:
        apply_style(qapp)
        assert "palette(highlight)" in qapp.styleSheet()
    finally:
        qapp.setStyleSheet(before)
    assert parse_args(["outreach", "--data-dir", str(tmp_path)]).data_dir == str(tmp_path)
