"""A timer wheel: entries filed by tick, taken out a whole tick at a time.

Filing allocates nothing per entry beyond the caller's own object, so timers for
thousands of checks a second leave the garbage collector nothing to chase. The
wheel never knows whether an entry is still wanted: the caller judges each one
as it comes out, by the tick number :meth:`TickWheel.add` returned. Not
thread-safe.
"""

from __future__ import annotations

import heapq
import math
from typing import Generic, TypeVar

__all__ = ("TickWheel",)

T = TypeVar("T")

# float error must not push a time that sits on a tick into the next one
_EPSILON = 1e-6


class TickWheel(Generic[T]):
    """Entries filed under the tick at or after their time, ``origin + n * tick``.

    Filing costs a dict lookup instead of a heap push, and all entries of a tick
    come out together, so one wake-up serves all of them.
    """

    def __init__(self, origin: float, tick: float) -> None:
        self._origin = origin
        self._tick = tick
        self._buckets: dict[int, list[T]] = {}
        self._pending: list[int] = []

    def add(self, when: float, entry: T) -> int:
        """File ``entry``; returns the number of its tick, to tell stale entries apart."""
        index = math.ceil((when - self._origin) / self._tick - _EPSILON)
        bucket = self._buckets.get(index)
        if bucket is None:
            bucket = self._buckets[index] = []
            heapq.heappush(self._pending, index)
        bucket.append(entry)
        return index

    def next_time(self, batch: int = 1, max_wait: float = 0.0) -> float | None:
        """When to take entries next: the earliest tick holding any, or a later tick.

        A later tick, at most ``max_wait`` after the earliest, is chosen when the
        ticks up to it gather ``batch`` entries between them.
        """
        if not self._pending:
            return None
        first = self._pending[0]
        last = first + int(max_wait / self._tick + _EPSILON)
        gathered = 0
        for index in range(first, last):
            gathered += len(self._buckets.get(index, ()))
            if gathered >= batch:
                return self._origin + index * self._tick
        return self._origin + last * self._tick

    def pop_due(self, now: float) -> list[tuple[int, list[T]]]:
        """Take every tick that has come: its number and its entries."""
        pending, due = self._pending, []
        while pending and self._origin + pending[0] * self._tick <= now:
            index = heapq.heappop(pending)
            due.append((index, self._buckets.pop(index)))
        return due
