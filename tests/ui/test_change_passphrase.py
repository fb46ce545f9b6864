"""Change passphrase and re-key from the unlock screen, through the real widgets."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from outreach.store.db import WrongKey, connect
from outreach.store.vault import Vault
from outreach.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.test_unlock import unlock

NEW = "lanterns over the quiet harbour"


def test_change_passphrase_re_keys_with_progress(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    from outreach.store.profile import Profile

    prof = Profile(data_dir, "sam", vault_options={"kdf_params": FAST_KDF})
    store = prof.create(PASSPHRASE, user="sam.worker")
    store.create("person", {"given_name": "Rekeyla"})
    store.close()
    old_key_file = (prof.folder / "outreach.key").read_text()

    win = MainWindow(data_dir=data_dir, vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    win.show()
    win.show_unlock("sam")
    page = win.unlock_page
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    dialog = page.change_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.old_edit, PASSPHRASE)
    qtbot.keyClicks(dialog.new_edit, "password")
    qtbot.keyClicks(dialog.repeat_edit, "password")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert "too easy to guess" in dialog.message.text()
    for edit in (dialog.new_edit, dialog.repeat_edit):
        edit.clear()
        qtbot.keyClicks(edit, NEW)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert seen and "re-encrypted" in page.message.text()
    # the old key file and the old passphrase no longer open the data
    old_key = Vault.in_folder(prof.folder)._unwrap(PASSPHRASE, json.loads(old_key_file))
    try:
        connect(prof.db_path, old_key).close()
        opened_with_old = True
    except WrongKey:
        opened_with_old = False
    assert not opened_with_old
    unlock(qtbot, win, NEW)
    assert win.session.store is not None
    assert [p["given_name"] for p in win.session.store.query("person")] == ["Rekeyla"]
