"""A fault-injecting HTTP/1.1 proxy on loopback, for the reliability tests.

It sits between a sync client and a server and, for each *request* (not each TCP
connection: ``requests`` keeps connections alive), applies one fault chosen from a
deterministic schedule (``random.Random(seed)``, request number ``n`` gets the ``n``-th
draw):

``pass``          forward the request, forward the whole response.
``delay``         wait a little, then as ``pass``.
``cut_request``   forward only part of the request, then close both sides: the server
                  never sees a whole request, the client gets no answer.
``cut_response``  forward the request, read the whole response (the server has
                  committed), forward only part of it (headers, or part of the body),
                  then close.
``drop_response`` forward the request, read the whole response (committed), close the
                  client's connection without a byte.
``stall``         forward the request, read the whole response, hold it longer than the
                  client's timeout, then close.

Requests and responses are framed by ``Content-Length`` (what ``requests`` and uvicorn
send for JSON); anything else is passed through until the peer closes.

Threading: one accept thread plus one thread per client connection; :attr:`log` (the
fault applied to each request, in order) and the counters are guarded by a lock. Listens
on 127.0.0.1 only. ``on_forwarded(n)`` (optional) is called on the connection's thread
right after request ``n`` was handed to the server in full, before its answer is read.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

FAULTS = ("pass", "delay", "cut_request", "cut_response", "drop_response", "stall")


class _Closed(Exception):
    pass


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes:
    """One HTTP message (head + Content-Length body) from ``sock``; leftovers stay in
    ``buffer``. Raises :class:`_Closed` when the peer closes before a whole message."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed()
        buffer += chunk
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or b"0")
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed()
        buffer += chunk
    message = bytes(buffer[:head_end + length])
    del buffer[:head_end + length]
    return message


@dataclass
class Schedule:
    """Which fault each request gets: weights over :data:`FAULTS`, drawn from ``seed``.

    ``script`` (optional) fixes the first requests' faults; after it, draws continue.
    """

    seed: int = 0
    weights: dict[str, float] = field(default_factory=lambda: {"pass": 1.0})
    script: Sequence[str] = ()

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FAULTS) | set(self.script) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults: {sorted(unknown)}")
        self._names = list(self.weights)
        self._cum = list(self.weights.values())

    def draw(self, n: int) -> tuple[str, random.Random]:
        """The fault for request ``n`` (0-based) and a generator for its details."""
        rng = random.Random(f"{self.seed}:{n}")
        if n < len(self.script):
            return self.script[n], rng
        return rng.choices(self._names, weights=self._cum)[0], rng


class FaultProxy:
    """Listen on ``127.0.0.1:<port>`` and forward to ``upstream`` (host, port)."""

    def __init__(self, upstream: tuple[str, int], schedule: Schedule | None = None, *,
                 delay: float = 0.05, stall: float = 1.5,
                 on_forwarded: Callable[[int], None] | None = None) -> None:
        self.upstream = upstream
        self.schedule = schedule or Schedule()
        self.delay = delay
        self.stall = stall
        self.on_forwarded = on_forwarded
        self.enabled = True           # False: every request passes (enrollment, set-up)
        self.log: list[tuple[str, str]] = []    # (fault, request line), in order
        self._lock = threading.Lock()
        self._n = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._open: set[socket.socket] = set()     # live sockets, closed by close()
        self._accept = threading.Thread(target=self._accept_loop, name="fault-proxy",
                                        daemon=True)
        self._accept.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def faults(self) -> list[str]:
        with self._lock:
            return [f for f, _ in self.log]

    def close(self) -> None:
        self._stop.set()
        self._accept.join(timeout=5)
        self._sock.close()
        with self._lock:
            live = list(self._open)
        for s in live:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for t in self._threads:
            t.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(client,), daemon=True,
                                 name="fault-proxy-conn")
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
            t.start()

    def _next(self, request: bytes) -> tuple[int, str, random.Random]:
        with self._lock:
            n = self._n
            self._n += 1
            fault, rng = self.schedule.draw(n) if self.enabled else ("pass",
                                                                      random.Random(n))
            self.log.append((fault, request.split(b"\r\n", 1)[0].decode("latin-1")))
        return n, fault, rng

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        client.settimeout(30)
        with self._lock:
            self._open.add(client)
        inbuf, upbuf = bytearray(), bytearray()
        try:
            while not self._stop.is_set():
                try:
                    request = _read_message(client, inbuf)
                except (_Closed, OSError):
                    return
                n, fault, rng = self._next(request)
                if upstream is None:
                    upstream = socket.create_connection(self.upstream, timeout=30)
                    with self._lock:
                        self._open.add(upstream)
                if fault == "cut_request":
                    upstream.sendall(request[:rng.randrange(0, len(request))])
                    return
                if fault == "delay":
                    time.sleep(self.delay * (1 + rng.random()))
                upstream.sendall(request)
                if self.on_forwarded is not None:
                    self.on_forwarded(n)
                try:
                    response = _read_message(upstream, upbuf)
                except (_Closed, OSError):
                    return                         # the server died: the client sees a cut
                if fault == "drop_response":
                    return
                if fault == "stall":
                    self._stop.wait(self.stall)
                    return
                if fault == "cut_response":
                    client.sendall(response[:rng.randrange(1, len(response))])
                    return
                client.sendall(response)
                if b"\r\nconnection: close" in response.lower():
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)  # type: ignore[arg-type]
            for s in (client, upstream):
                if s is not None:
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    s.close()

    def retarget(self, upstream: tuple[str, int]) -> None:
        """Send new connections to another server (e.g. one restarted on a new port)."""
        self.upstream = upstream
