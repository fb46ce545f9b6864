"""Opening the SQLCipher database with a raw 256-bit key.

The key is given in SQLCipher's raw form (``x'…'``), so no second key derivation runs at
open; the SQL text holding it is overwritten once run, and ``cipher_memory_security``
makes SQLCipher zero (and lock) the memory it frees. Temporary tables and indices stay in
memory, the journal is WAL, and SQLCipher's own log is silenced so a wrong key never
prints noise. The files are created 0600 in a 0700
folder before any data is written.
"""

from __future__ import annotations

import binascii
import logging
from pathlib import Path
from typing import Any

import sqlcipher3

from outreach.store.files import secure_dir, touch_private
from outreach.store.migrations import migrate
from outreach.store.secret import wipe

log = logging.getLogger(__name__)

DB_FILE = "outreach.db"
SIDE_FILES = ("-wal", "-shm", "-journal")
# SQLCipher zeroes and mlock()s the memory it frees (a process-wide setting). Measured
# cost in docs/security.md; "OFF" only for that benchmark.
MEMORY_SECURITY = "ON"


class WrongKey(Exception):
    """The database cannot be read with this key (a mismatched or damaged key file)."""


def execute_with_key(conn: Any, sql_head: str, key: bytes | bytearray, *,
                     params: tuple[Any, ...] = ()) -> None:
    """Run ``sql_head "x'<hex key>'"`` and overwrite every copy of the key text we made.

    (SQLCipher zeroes its own copies when ``cipher_memory_security`` is on.)
    """
    hex_key = binascii.hexlify(key)
    text = bytearray(sql_head.encode("ascii"))
    for part in (b"\"x'", hex_key, b"'\""):
        text.extend(part)                   # in place: no intermediate copy of the key
    wipe(hex_key)
    sql = text.decode("ascii")
    wipe(text)
    try:
        conn.execute(sql, params)
    finally:
        wipe(sql)


def connect(path: Path, key: bytes, *, create: bool = False) -> Any:
    """An open, migrated connection to the encrypted database at ``path``."""
    if len(key) != 32:
        raise ValueError("the data key must be 32 bytes")
    if not create and not path.exists():
        raise FileNotFoundError(path)
    secure_dir(path.parent)
    touch_private(path)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=30.0)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA cipher_memory_security = {MEMORY_SECURITY}")
        execute_with_key(conn, "PRAGMA key = ", key)
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise WrongKey("The database cannot be opened with this key.") from exc
        conn.execute("PRAGMA cache_size = -65536")   # 64 MiB of decrypted pages
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.chmod(0o600)
    return conn
