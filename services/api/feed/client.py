"""One WebSocket client of the feed: a bounded queue of frames and its own sender."""

from __future__ import annotations

import asyncio
from collections import deque

__all__ = ("FeedClient", "SlowClient")


class SlowClient(Exception):
    """The client fell further behind than its backlog allows."""


class FeedClient:
    """Frames waiting for one client; the hub never waits on a client, only offers."""

    def __init__(self, backlog: int) -> None:
        self._backlog = backlog
        self._frames: deque[bytes] = deque()
        self._ready = asyncio.Event()
        self._held: list[bytes] | None = []
        self.too_slow = False
        self.cut_off = asyncio.Event()

    def offer(self, frame: bytes) -> None:
        """Queues a frame; a client already ``backlog`` frames behind is marked too slow."""
        if self._held is not None:
            self._held.append(frame)
            return
        if len(self._frames) >= self._backlog:
            self.too_slow = True
            self.cut_off.set()
        else:
            self._frames.append(frame)
        self._ready.set()

    def release(self, first: bytes) -> None:
        """Sends ``first`` (a snapshot or a replay), then what arrived while it was built."""
        held, self._held = self._held or [], None
        self._frames.append(first)
        for frame in held:
            self.offer(frame)
        self._ready.set()

    async def next_frame(self) -> bytes:
        """The oldest queued frame, waiting for one; raises SlowClient once too slow."""
        while not self._frames:
            if self.too_slow:
                raise SlowClient
            self._ready.clear()
            await self._ready.wait()
        if self.too_slow:
            raise SlowClient
        return self._frames.popleft()
