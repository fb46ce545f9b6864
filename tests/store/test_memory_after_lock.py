"""What stays in the app's memory after Lock now: the data key, the passphrase and care-plan
text are searched for in this process's own memory (Linux: /proc/self/maps + mem).

The needles are random words made for this test and kept only in bytearrays whose own
buffers (and the scan buffer) are left out of the search; every ``str`` the test itself
had to make (to type or save the text) is checked to have no other holder, then
overwritten, so what is found belongs to the app.
"""

from __future__ import annotations

import binascii
import ctypes
import gc
import json
import os
import re
import secrets
import string
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt

from outreach.store.secret import wipe
from tests.conftest import FAST_KDF

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="reads /proc/self/mem"),
              pytest.mark.usefixtures("memory_security_on")]     # as shipped

CHUNK = 1 << 20


def _random_word(n: int = 14) -> bytearray:
    """Random letters made in place (no temporary copy anywhere else in memory)."""
    letters = string.ascii_lowercase.encode()
    word = bytearray(n)
    word[0] = ord("q")
    for i in range(1, n):
        word[i] = letters[secrets.randbelow(len(letters))]
    return word


def _joined(*parts: bytes | bytearray) -> bytearray:
    out = bytearray()
    for part in parts:
        out.extend(part)            # no intermediate objects holding the words
    return out


def _utf16(word: bytearray) -> bytearray:
    out = bytearray(2 * len(word))
    out[::2] = word
    return out


def _address(buf: bytearray) -> tuple[int, int]:
    start = ctypes.addressof((ctypes.c_char * max(1, len(buf))).from_buffer(buf))
    return start, start + len(buf)


def scan(needles: dict[str, bytearray]) -> dict[str, int]:
    """How many times each needle occurs in this process's readable memory."""
    buf = bytearray(CHUNK)
    skip = [_address(buf)] + [_address(n) for n in needles.values()]
    counts = dict.fromkeys(needles, 0)
    longest = max(len(n) for n in needles.values())
    pattern = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (r)\S+ \S+ \S+ \S+\s*(.*)$")
    with open("/proc/self/maps") as maps:
        regions = [m for m in (pattern.match(line) for line in maps) if m]
    fd = os.open("/proc/self/mem", os.O_RDONLY)
    try:
        for region in regions:
            name = region.group(4)
            if name in ("[vvar]", "[vsyscall]", "[vvar_vclock]") or name.startswith("/dev/"):
                continue
            start, end = int(region.group(1), 16), int(region.group(2), 16)
            offset = start
            while offset < end:
                size = min(CHUNK, end - offset)
                view = memoryview(buf)[:size]
                try:
                    got = os.preadv(fd, [view], offset)
                except OSError:
                    break
                for what, needle in needles.items():
                    at = buf.find(needle, 0, got)
                    while at >= 0:
                        address = offset + at
                        if not any(lo <= address < hi for lo, hi in skip):
                            counts[what] += 1
                        at = buf.find(needle, at + 1, got)
                buf[:got] = bytes(got)
                if offset + size >= end:
                    break
                offset += size - longest
    finally:
        os.close(fd)
    return counts


def test_locking_leaves_no_key_passphrase_or_care_plan_text_in_memory(qtbot, tmp_path):
    from outreach.ops import careplan
    from outreach.ops import profiles as profile_ops
    from outreach.store.search import search
    from outreach.store.vault import Vault
    from outreach.ui.main_window import MainWindow

    data_dir = tmp_path / "data"
    words = {f"word{i}": _random_word() for i in range(3)}
    secret_word = _random_word()
    pass_ba = _joined(b"Marigold ", secret_word, b" lantern harbour")
    made: list[object] = []             # every str this test makes from a needle

    def text(ba: bytearray) -> str:
        s = ba.decode("ascii")
        made.append(s)
        return s

    passphrase = text(pass_ba)
    store = profile_ops.create_profile(data_dir, "sam", passphrase, user="sam.worker",
                                       vault_options={"kdf_params": FAST_KDF})
    pid = store.create("person", {"given_name": "Memory", "family_name": "Test"})["id"]
    plan = text(_joined(b"What matters: ", words["word0"], b" and ", words["word1"]))
    story = text(_joined(b"My story: ", words["word2"]))
    careplan.update_care_plan(store, person_id=pid,
                              changes={"what_matters": plan, "story": story})
    store.close()
    del store

    win = MainWindow(data_dir=data_dir, vault_options={"kdf_params": FAST_KDF})
    qtbot.addWidget(win)
    win.show()
    win.show_unlock("sam")
    win.unlock_page.pass_edit.setText(passphrase)
    qtbot.keyClick(win.unlock_page.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.workspace is not None and win.session.store is not None,
                    timeout=20_000)
    session_store = win.session.store
    assert search(session_store, text(words["word1"]))
    win.workspace.open_person(pid)
    qtbot.waitUntil(lambda: _care_plan_shown(win), timeout=20_000)

    # the key, as the test's own copy: raw and as the hex text PRAGMA key is given
    doc = json.loads((data_dir / "sam" / "outreach.key").read_text())
    raw = Vault.in_folder(data_dir / "sam")._unwrap(passphrase, doc)
    key = bytearray(raw)
    hexed = binascii.hexlify(raw)
    key_hex = bytearray(hexed)
    wipe(hexed)
    wipe(raw)
    del raw, doc, hexed

    win.lock_now()
    qtbot.waitUntil(lambda: win.workspace is None and win.session.store is None,
                    timeout=10_000)
    del session_store
    for _ in range(3):
        qtbot.wait(50)
        gc.collect()

    del plan, story, passphrase
    gc.collect()
    text(bytearray(b"a control string nobody else holds"))
    holders = [sys.getrefcount(made[i]) for i in range(len(made))]
    kept = {i: n - holders[-1] for i, n in enumerate(holders) if n > holders[-1]}
    for i in range(len(made)):
        wipe(made[i])
    made.clear()
    gc.collect()
    needles = {"data key": key, "data key (hex)": key_hex,
               "passphrase": secret_word, "passphrase (UTF-16)": _utf16(secret_word)}
    for name, word in words.items():
        needles[f"care plan {name} (UTF-8)"] = word
        needles[f"care plan {name} (UTF-16)"] = _utf16(word)
    found = scan(needles)
    residue = {k: v for k, v in found.items() if v}
    print("after lock, bytes found in memory:", residue or "nothing")
    assert not kept, f"something still holds the text the test saved: {kept}"
    assert found["data key"] == 0 and found["data key (hex)"] == 0, residue
    # Live holders: no Python object and no widget still holds the words or passphrase.
    # (Freed memory that the allocator has not reused yet may still hold copies made by
    # Qt and PySide while the text was shown or typed: reported above, documented in
    # docs/security.md, not asserted.)
    live = _live_holders([secret_word, *words.values()])
    assert not live, live


def _care_plan_shown(win: Any) -> bool:
    view = win.workspace.person_view if win.workspace is not None else None
    return view is not None and view.file is not None and bool(view.file.care_plan)


def _live_holders(needles: list[bytearray]) -> list[str]:
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

    found = []
    texts = [n.decode("ascii") for n in needles]
    try:
        for obj in gc.get_objects():
            if obj is texts:
                continue
            items: Any = ()
            if isinstance(obj, dict):
                items = [*obj.keys(), *obj.values()]
            elif isinstance(obj, (list, tuple, set, frozenset)):
                items = obj
            for item in items:
                if isinstance(item, str) and any(t in item for t in texts):
                    found.append(f"a {type(obj).__name__} holds it")
        for w in QApplication.allWidgets():
            shown = ""
            if isinstance(w, (QLabel, QLineEdit)):
                shown = w.text()
            elif isinstance(w, (QPlainTextEdit, QTextEdit)):
                shown = w.toPlainText()
            if any(t in shown for t in texts):
                found.append(f"a {type(w).__name__} shows it")
    finally:
        for t in texts:
            wipe(t)
    return found


