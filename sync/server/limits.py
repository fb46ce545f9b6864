"""Request-rate limits shared by every server process, and the client's real address.

Counts live in the database (``rate_buckets``: one row per key holding the current
minute and its count), so two or more server processes behind a load balancer enforce one
limit together. Counting a request is ONE statement, an upsert that starts the count
again when the minute has moved on and returns the new count; on PostgreSQL the table is
UNLOGGED and the statement runs in autocommit on a small pool of its own, so it never
waits for a disk flush or holds a row lock for longer than the statement. A request with
a device credential is counted on PostgreSQL inside the statement that authenticates it
(``auth.DEVICE_AND_COUNT``, autocommit too), so it costs no round trip of its own.

Which bucket a request counts against:

* a request with a **valid device credential** counts only against its device
  (``dev:<id>``, ``Settings.rate_limit_per_device``): a device flooding the server is held
  back alone, and an office of laptops behind one NAT address never shares one bucket;
* a request **without** one (enrolment, a bad or missing credential) counts against its
  client address (``ip:<addr>``, ``Settings.rate_limit_per_address``).

Windows are fixed minutes: a client may send up to twice its limit across a minute's
boundary; ``Retry-After`` says when the next minute starts.

The client address is the TCP peer, unless the peer is one of ``Settings.trusted_proxies``:
then the right-most address in ``X-Forwarded-For`` that is not itself a trusted proxy.
A header from anyone else is ignored, so a client cannot pick the address it is counted
(or locked out) under.

Threading: :class:`RateLimits` is thread-safe (each call checks out its own connection).
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from sync.protocol import ErrorCode
from sync.server import db
from sync.server.errors import ApiError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_HIT = ("INSERT INTO rate_buckets (key, minute, count) VALUES (:k, :m, 1) "
        "ON CONFLICT (key) DO UPDATE SET count = CASE WHEN rate_buckets.minute = "
        "excluded.minute THEN rate_buckets.count + 1 ELSE 1 END, minute = excluded.minute "
        "RETURNING count")
_SWEEP = "DELETE FROM rate_buckets WHERE minute < :m"


def parse_networks(entries: Sequence[str]) -> tuple[Network, ...]:
    """``trusted_proxies`` as networks (a bare address is a /32 or /128)."""
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(peer: str, forwarded_for: str | None,
                   trusted: Sequence[Network]) -> str:
    """The address a request is counted under (see the module docstring)."""
    peer_ip = _ip(peer)
    if not trusted or peer_ip is None or not any(peer_ip in n for n in trusted):
        return peer
    for hop in reversed((forwarded_for or "").split(",")):
        hop_ip = _ip(hop)
        if hop_ip is None:
            return peer          # a garbled header from behind the proxy: count the proxy
        if not any(hop_ip in n for n in trusted):
            return str(hop_ip)
    return peer


class RateLimits:
    """Fixed-minute request counters in the database, shared by every process."""

    def __init__(self, url: str, *, clock: Any = time.time) -> None:
        if url.startswith("sqlite"):
            self.engine: Engine = create_engine(
                url, isolation_level="AUTOCOMMIT",
                connect_args={"check_same_thread": False, "timeout": 30})

            @event.listens_for(self.engine, "connect")
            def _on_connect(dbapi_conn: Any, _record: Any) -> None:
                # As the main engine (db.make_engine): WAL, and no disk flush per count.
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")
                cur.close()
        else:
            self.engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=5,
                                        max_overflow=20)
            db.ping_when_idle(self.engine)      # as the main engine: a dead one is replaced
        self.clock = clock
        self._swept = 0

    def dispose(self) -> None:
        self.engine.dispose()

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def hit(self, key: str, limit: int) -> None:
        """Count one request against ``key``; :class:`ApiError` ``rate_limited`` (429,
        with ``Retry-After``) once the minute's count passes ``limit``."""
        now = self.clock()
        minute = int(now // 60)
        with self.engine.connect() as conn:
            count = conn.execute(text(_HIT), {"k": key[:200], "m": minute}).scalar_one()
        self.counted(count, limit, now=now)

    def counted(self, count: int, limit: int, *, now: float) -> None:
        """After a request was counted (``count``, this minute's, by :meth:`hit` or in
        the statement of ``auth.authenticate``): sweep once a minute, refuse past
        ``limit``."""
        minute = int(now // 60)
        if minute != self._swept:
            # Once a minute per process: forget the buckets of minutes gone by.
            self._swept = minute
            with self.engine.connect() as conn:
                conn.execute(text(_SWEEP), {"m": minute - 1})
        if count > limit:
            raise ApiError(ErrorCode.RATE_LIMITED, "Too many requests; please wait a "
                           "moment and try again.", retry_after=60 - now % 60)
