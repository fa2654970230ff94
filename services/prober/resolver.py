"""Turns a target's host into a socket address: literals at once, names through a cache.

Only :func:`resolve_name` blocks (it asks the system resolver);
:class:`BackgroundResolver` runs it on worker threads and caches the answers.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

__all__ = (
    "Address",
    "BackgroundResolver",
    "HostCache",
    "Lookup",
    "Unusable",
    "parse_host",
    "resolve_name",
)

_HOST_NAME = re.compile(
    r"(?=.{1,253}\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*"
    r"[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?"
)
_LOOKS_NUMERIC = re.compile(r"[0-9.]+|.*:.*")


@dataclass(frozen=True, slots=True)
class Address:
    """A numeric IP address, ready to be combined with a port."""

    family: socket.AddressFamily
    ip: str
    scope_id: int = 0

    def sockaddr(self, port: int) -> tuple[str, int] | tuple[str, int, int, int]:
        if self.family is socket.AF_INET6:
            return (self.ip, port, 0, self.scope_id)
        return (self.ip, port)


@dataclass(frozen=True, slots=True)
class Unusable:
    """A host that cannot be probed, and why."""

    reason: str


Lookup = Address | Unusable


def _first_address(host: str, flags: int = 0) -> Address:
    family, _, _, _, sockaddr = socket.getaddrinfo(
        host, None, type=socket.SOCK_STREAM, flags=flags
    )[0]
    if family is socket.AF_INET6 and len(sockaddr) == 4:
        return Address(family, sockaddr[0], sockaddr[3])
    return Address(family, str(sockaddr[0]))


def parse_host(host: str) -> Lookup | None:
    """Judge ``host`` without I/O; None means it is a name that must be resolved."""
    bare = host.strip().removeprefix("[").removesuffix("]")
    try:
        return _first_address(bare, socket.AI_NUMERICHOST)
    except (OSError, UnicodeError, ValueError):
        pass
    if _LOOKS_NUMERIC.fullmatch(bare):
        return Unusable(f"{host!r} is not a valid IP address")
    if not _HOST_NAME.fullmatch(bare):
        return Unusable(f"{host!r} is not a valid host name")
    return None


def resolve_name(host: str) -> Lookup:
    """Ask the system resolver for ``host`` (blocking); failures become :class:`Unusable`."""
    try:
        return _first_address(host)
    except socket.gaierror as exc:
        return Unusable(f"cannot resolve {host!r}: {exc.strerror}")
    except (OSError, UnicodeError, ValueError, IndexError) as exc:
        return Unusable(f"cannot resolve {host!r}: {exc}")


class HostCache:
    """Answers of :func:`resolve_name` kept for ``ttl`` seconds (failures ``failure_ttl``).

    An expired answer is still returned, flagged, so a check can go ahead on it
    while a fresh one is fetched. Not thread-safe: one thread owns it.
    """

    def __init__(self, ttl: float = 60.0, failure_ttl: float = 5.0) -> None:
        self._ttl = ttl
        self._failure_ttl = failure_ttl
        self._entries: dict[str, tuple[float, Lookup]] = {}

    def lookup(self, host: str, now: float) -> tuple[Lookup | None, bool]:
        """Return the cached answer (None if never resolved) and whether it expired."""
        entry = self._entries.get(host)
        if entry is None:
            return None, True
        return entry[1], entry[0] <= now

    def store(self, host: str, answer: Lookup, now: float) -> None:
        ttl = self._failure_ttl if isinstance(answer, Unusable) else self._ttl
        self._entries[host] = (now + ttl, answer)


class BackgroundResolver:
    """Resolves names on worker threads so the caller's thread never blocks.

    :meth:`lookup` serves cached answers, even expired ones while a fresh one is
    fetched. A new answer is handed to ``on_answer`` from a worker thread; the
    owner then files it with :meth:`store` on its own thread.
    """

    def __init__(
        self, on_answer: Callable[[str, Lookup], None], *, ttl: float = 60.0, workers: int = 2
    ) -> None:
        self._on_answer = on_answer
        self._cache = HostCache(ttl=ttl)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="prober-dns")
        self._asked: set[str] = set()

    def lookup(self, host: str, now: float) -> Lookup | None:
        """The cached answer for ``host``, or None until a first answer arrives."""
        answer, expired = self._cache.lookup(host, now)
        if expired and host not in self._asked:
            self._asked.add(host)
            future = self._pool.submit(resolve_name, host)
            future.add_done_callback(partial(self._answered, host))
        return answer

    def store(self, host: str, answer: Lookup, now: float) -> None:
        self._asked.discard(host)
        self._cache.store(host, answer, now)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _answered(self, host: str, future: Future[Lookup]) -> None:
        if not future.cancelled():
            self._on_answer(host, future.result())
