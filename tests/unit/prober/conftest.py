"""Real loopback listeners and a running engine for the prober tests."""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections.abc import Callable, Iterator

import pytest

from services.prober.engine import ProbeEngine
from services.prober.probes import ProbeOutcome

_RESET_ON_CLOSE = struct.pack("ii", 1, 0)


class Listener:
    """A port that accepts and closes connections, as a live manager would."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((host, port))
        self.sock.listen(128)
        self.port: int = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.sock], [], [], 0.02)
            if ready:
                conn, _ = self.sock.accept()
                conn.close()
                self.accepted += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


class Collector:
    """Engine sink that lets a test wait, with a timeout, for outcomes to arrive."""

    def __init__(self) -> None:
        self.outcomes: list[ProbeOutcome] = []
        self._changed = threading.Condition()

    def __call__(self, batch: list[ProbeOutcome]) -> None:
        with self._changed:
            self.outcomes.extend(batch)
            self._changed.notify_all()

    def of(self, key: str) -> list[ProbeOutcome]:
        with self._changed:
            return [outcome for outcome in self.outcomes if outcome.target.key == key]

    def wait(self, key: str, count: int, timeout: float = 5.0) -> list[ProbeOutcome]:
        """Wait until ``key`` has at least ``count`` outcomes; return them."""
        self.wait_until(lambda: len(self.of(key)) >= count, timeout)
        return self.of(key)

    def wait_until(self, ready: Callable[[], bool], timeout: float = 5.0) -> None:
        # the condition's lock is re-entrant, so ``ready`` may call ``of``
        with self._changed:
            if not self._changed.wait_for(ready, timeout):
                raise AssertionError(f"no matching outcomes within {timeout} s")


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def refused_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose accept queue is full, so new SYNs get no answer and checks time out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port: int = server.getsockname()[1]
    fillers = [_connect_nowait(port) for _ in range(3)]
    yield port
    for sock in fillers:
        sock.close()
    server.close()


def _connect_nowait(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
    sock.setblocking(False)
    sock.connect_ex(("127.0.0.1", port))
    return sock


@pytest.fixture
def collector() -> Collector:
    return Collector()


@pytest.fixture
def engine(collector: Collector) -> Iterator[ProbeEngine]:
    with ProbeEngine(collector) as running:
        yield running


@pytest.fixture
def ipv6_listener() -> Iterator[Listener]:
    try:
        server = Listener("::1")
    except OSError as exc:
        pytest.skip(f"no IPv6 loopback here: {exc}")
    with contextlib.closing(server):
        yield server
