"""A throwaway PostgreSQL for benchmarks: ``with throwaway_postgres() as pg: pg.new_database()``.

The same recipe as the sync tests' fixture (``tests/sync/conftest.py``), without pytest:
binaries from ``/usr/lib/postgresql/*/bin`` (``packaging/debian-deps.sh test`` installs
them), a cluster in a temp folder on a free loopback port, ``fsync=off`` (benchmarks
measure the server's work, not the disk's), removed on exit. As root, ``initdb`` and
``pg_ctl`` run as the ``postgres`` user, who owns the folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class PostgresMissing(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise PostgresMissing("PostgreSQL server binaries are missing (/usr/lib/postgresql/"
                              "*/bin); install them with: sudo bash packaging/debian-deps.sh "
                              "test")
    return Path(found[-1]).parent


@dataclass
class Postgres:
    port: int
    folder: Path

    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self, prefix: str = "bench") -> str:
        """A new empty database; returns its SQLAlchemy URL (psycopg 3 driver)."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def throwaway_postgres(*, max_connections: int = 300) -> Iterator[Postgres]:
    """Start a cluster, yield it, stop it and delete its files (even on errors)."""
    bins = bindir()
    folder = Path(tempfile.mkdtemp(prefix="outreach-bench-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    port = free_port()
    quiet = {"check": True, "stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    try:
        subprocess.run([*as_postgres, str(bins / "initdb"), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--no-sync", "-D", str(data)], **quiet)  # type: ignore[call-overload]
        subprocess.run([*as_postgres, str(bins / "pg_ctl"), "-D", str(data), "-w", "-l",
                        str(folder / "log"), "-o",
                        f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off "
                        f"-c max_connections={max_connections} "
                        "-c shared_buffers=256MB", "start"], **quiet)  # type: ignore[call-overload]
        yield Postgres(port, folder)
    finally:
        subprocess.run([*as_postgres, str(bins / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shutil.rmtree(folder, ignore_errors=True)
