"""Connect helpers against real loopback ports."""

from __future__ import annotations

import select
import socket

import pytest

from services.prober.sockets import ConnectFailed, RawSocket, kernel_handshake, start_connect
from tests.unit.prober.conftest import Listener


def wait_writable(sock: RawSocket, timeout: float = 2.0) -> None:
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLOUT)
    assert poller.poll(timeout * 1000)


def test_kernel_handshake_gives_round_trip_when_connected(listener: Listener) -> None:
    sock = start_connect(socket.AF_INET, ("127.0.0.1", listener.port))
    assert sock is not None
    wait_writable(sock)

    connected, rtt_ms = kernel_handshake(sock)
    sock.close()

    assert connected
    assert rtt_ms is not None and 0.0 < rtt_ms < 200.0


def test_kernel_handshake_says_not_connected_when_port_silent(silent_port: int) -> None:
    sock = start_connect(socket.AF_INET, ("127.0.0.1", silent_port))
    assert sock is not None

    connected, rtt_ms = kernel_handshake(sock)
    sock.close()

    assert (connected, rtt_ms) == (False, None)


def test_start_connect_fails_with_reason_when_address_unusable() -> None:
    with pytest.raises(ConnectFailed, match="cannot connect"):
        start_connect(socket.AF_INET, ("127.0.0.1", 70000))
