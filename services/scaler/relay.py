"""Publishes committed events to JetStream right away, and retries any the bus missed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from types import TracebackType

import asyncpg
from nats.js import JetStreamContext

from shared.aio import cancel_and_wait
from shared.db import outbox
from shared.db.outbox import PendingEvent

__all__ = ("EventRelay",)

logger = logging.getLogger(__name__)


class EventRelay:
    """Empties ``conductor.outbox`` into the events stream.

    Events are handed over after their transaction commits and published in that order.
    What JetStream acknowledged is marked in the outbox once per sweep; what it did not
    (NATS down, a crash between commit and publish) is published again by the sweep, under
    the same message id, so JetStream drops any duplicate.
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        js: JetStreamContext,
        stream: str,
        *,
        interval: float,
        stale_after: float = 5.0,
    ) -> None:
        self._pool = pool
        self._js = js
        self._stream = stream
        self._interval = interval
        self._stale_after = stale_after
        self._queue: asyncio.Queue[list[PendingEvent]] = asyncio.Queue()
        self._acked: list[int] = []
        self._tasks: list[asyncio.Task[None]] = []

    def submit(self, events: list[PendingEvent]) -> None:
        """Queues the events of a committed transaction."""
        if events:
            self._queue.put_nowait(events)

    async def sweep(self) -> int:
        """Marks what was acknowledged and republishes stale events; returns how many."""
        acked, self._acked = self._acked, []
        async with self._pool.acquire() as conn, conn.transaction():
            if acked:
                await outbox.mark_published(conn, acked)
            stale = await outbox.claim_stale(conn, self._stale_after)
            published = [event.id for event in stale if await self._publish(event)]
            if published:
                await outbox.mark_published(conn, published)
        return len(published)

    async def _publish(self, event: PendingEvent) -> bool:
        try:
            await self._js.publish(
                event.subject,
                json.dumps(event.payload).encode(),
                stream=self._stream,
                headers={"Nats-Msg-Id": event.msg_id},
                timeout=2.0,
            )
        except Exception as exc:  # noqa: BLE001  # the sweep publishes it again
            logger.warning("event %s not published yet: %s", event.msg_id, exc)
            return False
        return True

    async def _publish_loop(self) -> None:
        while True:
            for event in await self._queue.get():
                if await self._publish(event):
                    self._acked.append(event.id)
            self._queue.task_done()

    async def _sweep_loop(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.sweep()
            except Exception as exc:  # noqa: BLE001  # the next round retries; never stop
                logger.warning("outbox sweep failed, will retry: %s", exc)

    async def __aenter__(self) -> EventRelay:
        self._tasks = [
            asyncio.create_task(self._publish_loop(), name="event-publisher"),
            asyncio.create_task(self._sweep_loop(), name="outbox-sweep"),
        ]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(3):
                await self._queue.join()
        await cancel_and_wait(*self._tasks)
        try:
            await self.sweep()
        except Exception as exc_:  # noqa: BLE001  # left in the outbox for the next start
            logger.warning("events left unpublished at shutdown: %s", exc_)
