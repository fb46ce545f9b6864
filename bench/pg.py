"""A throwaway PostgreSQL for benchmarks and the sync tests (``with throwaway_postgres() as
pg: pg.new_database()``), and sync servers in their own processes (:func:`start_server`).

Binaries from ``/usr/lib/postgresql/*/bin`` (``packaging/debian-deps.sh test`` installs
them), a cluster in a temp folder on a free loopback port, ``fsync=off`` (benchmarks
measure the server's work, not the disk's), removed on exit. As root, ``initdb`` and
``pg_ctl`` run as the ``postgres`` user, who owns the folder. The sync tests' fixture
(``tests/sync/conftest.py``) uses the same cluster.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


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
    bindir: Path          # initdb, pg_ctl, pg_dump, pg_restore of the running server

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
def throwaway_postgres(*, max_connections: int = 300,
                       options: dict[str, str] | None = None) -> Iterator[Postgres]:
    """Start a cluster, yield it, stop it and delete its files (even on errors).
    ``options``: more server settings (``-c name=value``)."""
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
                        "-c shared_buffers=256MB"
                        + "".join(f" -c {k}={v}" for k, v in (options or {}).items()),
                        "start"], **quiet)  # type: ignore[call-overload]
        yield Postgres(port, folder, bins)
    finally:
        subprocess.run([*as_postgres, str(bins / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shutil.rmtree(folder, ignore_errors=True)


# -- servers in their own processes -------------------------------------------------------------
@dataclass
class ServerProcess:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def cpu_seconds(self) -> float:
        """CPU the server process has used so far (Linux ``/proc``; 0 elsewhere)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.unlink(missing_ok=True)


def start_server(db_url: str, *, shipped_limits: bool = False) -> ServerProcess:
    """``outreach-server serve`` on a free port; waits for /health. Rate limits are
    lifted unless ``shipped_limits`` (then as configured: defaults, or the documented
    ``OUTREACH_SERVER_RATE_LIMIT_*`` environment variables). ``OUTREACH_BENCH_SERVER_PATH``
    (a folder holding another ``sync`` package, e.g. ``git archive main sync``) runs
    that server code instead, for A/B comparisons in one run."""
    import requests

    env, cwd = dict(os.environ), ROOT
    if other := os.environ.get("OUTREACH_BENCH_SERVER_PATH"):
        # (``-m`` puts the working folder first on the path)
        env["PYTHONPATH"] = os.pathsep.join([other, str(ROOT), env.get("PYTHONPATH", "")])
        cwd = Path(other)
    port = free_port()
    fd, log_name = tempfile.mkstemp(prefix="outreach-bench-server-", suffix=".log")
    with os.fdopen(fd, "wb") as log_file:
        proc = subprocess.Popen([sys.executable, "-m", "bench.pg", "serve",
                                 "--db", db_url, "--port", str(port),
                                 *(["--shipped-limits"] if shipped_limits else [])], cwd=cwd,
                                env=env,
                                stdout=log_file, stderr=subprocess.STDOUT)
    server = ServerProcess(f"http://127.0.0.1:{port}", proc, Path(log_name))
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(server.url + "/health", timeout=2).ok:
                return server
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            text = server.log.read_text(errors="replace")[-2000:]
            server.stop()
            raise RuntimeError(f"the benchmark server did not start:\n{text}")
        time.sleep(0.1)


def serve(db_url: str, port: int, *, shipped_limits: bool = False) -> None:
    """Run one server process (what ``outreach-server serve`` does, with bench settings).
    With ``OUTREACH_BENCH_PROFILE=folder`` every thread is profiled (cProfile, CPU time)
    and the merged profile written to ``folder/server-<pid>.prof`` on exit."""
    import uvicorn

    from sync.server.app import create_app
    from sync.server.settings import Settings

    settings = Settings(db_url=db_url) if shipped_limits else Settings(
        db_url=db_url, rate_limit_per_address=10**9, rate_limit_per_device=10**9)
    profile_to = os.environ.get("OUTREACH_BENCH_PROFILE")
    if profile_to:
        import pstats
        import signal

        profiles = _start_profiling()

        def dump(*_args: Any) -> None:
            # uvicorn raises the SIGTERM it caught again once it has shut down, with this
            # handler back in place
            for p in profiles:
                p.create_stats()
            stats = pstats.Stats(profiles[0])
            for p in profiles[1:]:
                stats.add(p)
            Path(profile_to).mkdir(parents=True, exist_ok=True)
            stats.dump_stats(str(Path(profile_to) / f"server-{os.getpid()}.prof"))
            os._exit(0)

        signal.signal(signal.SIGTERM, dump)
    uvicorn.run(create_app(settings, migrate=False), host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


def _start_profiling() -> list[Any]:
    """A CPU-time cProfile for this thread and for every thread started from now on."""
    import cProfile
    import threading

    profiles: list[Any] = []
    lock = threading.Lock()

    def start_here(*_args: Any) -> None:
        prof = cProfile.Profile(time.thread_time)
        with lock:
            profiles.append(prof)
        prof.enable()          # replaces this hook for the thread

    threading.setprofile(start_here)
    start_here()
    return profiles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pg")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("serve", help="one benchmark server process")
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--shipped-limits", action="store_true")
    args = parser.parse_args(argv)
    serve(args.db, args.port, shipped_limits=args.shipped_limits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
