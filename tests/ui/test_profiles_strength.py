"""The create-profile form refuses a weak passphrase and says why (zxcvbn's feedback)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outreach.ui.profiles import ProfilesPage
from tests.conftest import FAST_KDF


def test_create_profile_refuses_password_and_explains(qtbot, tmp_path) -> None:
    page = ProfilesPage(data_dir=tmp_path / "data", vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.name_edit, "sam")
    qtbot.keyClicks(page.user_edit, "Sam Worker")
    qtbot.keyClicks(page.pass_edit, "12345678")
    qtbot.keyClicks(page.repeat_edit, "12345678")
    assert page.meter.value() == 0
    assert "common" in page.hint.text().lower()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    text = page.message.text()
    assert "too easy to guess" in text and "common" in text.lower()
    assert page.op is None
    assert not (tmp_path / "data" / "sam").exists()
