"""Non-blocking TCP connects that end in a reset, so checks leave no TIME_WAIT behind."""

from __future__ import annotations

import errno
import os
import socket
import struct
from _socket import socket as RawSocket

__all__ = (
    "ConnectFailed",
    "RawSocket",
    "SocketAddress",
    "failure_reason",
    "kernel_handshake",
    "start_connect",
)

SocketAddress = tuple[str, int] | tuple[str, int, int, int]

# RawSocket is the C socket type: socket.socket wraps it in a Python __init__ and
# close that cost as much CPU as the connect itself at thousands of checks a second

# SO_LINGER on with 0 s: close() sends RST, so thousands of checks a second do
# not park their ephemeral ports in TIME_WAIT
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)
_STREAM_NONBLOCK = socket.SOCK_STREAM | socket.SOCK_NONBLOCK
# struct tcp_info: the state is its first byte, the smoothed round trip in
# microseconds a u32 at byte 68; ESTABLISHED is 1, CLOSE_WAIT (peer closed) 8
_TCP_INFO_SIZE = 104
_RTT_OFFSET = 68
_CONNECTED_STATES = frozenset({1, 8})


class ConnectFailed(Exception):
    """A connect that failed before it could be waited on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def start_connect(family: int, address: SocketAddress) -> RawSocket | None:
    """Begin connecting a non-blocking socket to ``address``.

    Returns the socket to wait on (writable once connected), or None when the
    connect succeeded at once and the socket is already closed.

    Raises:
        ConnectFailed: the connect could not be started, or failed at once.
    """
    try:
        sock = RawSocket(family, _STREAM_NONBLOCK)
    except OSError as exc:
        raise ConnectFailed(f"cannot open a socket: {exc.strerror}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
        # hold back the handshake's last ACK: the SYN-ACK already proves the port
        # listens, and the reset on close then meets a half-open peer, which never
        # wakes the application and costs both kernels far less (HAProxy's plain
        # TCP checks do the same)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)
        code = sock.connect_ex(address)
    except (OSError, OverflowError, ValueError) as exc:
        sock.close()
        raise ConnectFailed(f"cannot connect: {exc}") from exc
    if code == errno.EINPROGRESS:
        return sock
    sock.close()
    if code:
        raise ConnectFailed(_describe(code))
    return None


def failure_reason(sock: RawSocket) -> str:
    """Why the connect on ``sock`` failed, from its pending socket error."""
    try:
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    except OSError as exc:
        code = exc.errno or 0
    return _describe(code) if code else "connection failed"


def kernel_handshake(sock: RawSocket) -> tuple[bool, float | None]:
    """Whether ``sock`` has connected, and the handshake's round trip in ms, per the kernel.

    The kernel timed the SYN and its answer itself, so the figure holds even when
    the caller noticed the connect late.
    """
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, _TCP_INFO_SIZE)
    except OSError:
        return False, None
    (rtt_us,) = struct.unpack_from("I", info, _RTT_OFFSET)
    return info[0] in _CONNECTED_STATES, rtt_us / 1000.0 if rtt_us else None


def _describe(code: int) -> str:
    if code == errno.ECONNREFUSED:
        return "connection refused"
    return os.strerror(code).lower()
