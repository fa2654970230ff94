"""Publishes the outbox to JetStream after each commit, and retries what failed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from types import TracebackType

import asyncpg
from nats.js import JetStreamContext

from shared.db import outbox

__all__ = ("OutboxRelay",)

logger = logging.getLogger(__name__)


class OutboxRelay:
    """Background task that empties ``conductor.outbox`` into the events stream."""

    def __init__(
        self, pool: asyncpg.Pool, js: JetStreamContext, stream: str, interval: float
    ) -> None:
        self._pool = pool
        self._js = js
        self._stream = stream
        self._interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """Asks for a flush now, e.g. right after a commit."""
        self._wake.set()

    async def flush(self) -> int:
        """Publishes every pending event; returns how many were acknowledged."""
        published = 0
        while True:
            async with self._pool.acquire() as conn, conn.transaction():
                pending = await outbox.claim_pending(conn)
                for event in pending:
                    await self._js.publish(
                        event.subject,
                        json.dumps(event.payload).encode(),
                        stream=self._stream,
                        headers={"Nats-Msg-Id": event.msg_id},
                        timeout=2.0,
                    )
                if pending:
                    await outbox.mark_published(conn, [event.id for event in pending])
            published += len(pending)
            if len(pending) < 100:
                return published

    async def _loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)
            self._wake.clear()
            try:
                await self.flush()
            except Exception as exc:  # the next round retries; never stop
                logger.warning("publishing events failed, will retry: %s", exc)

    async def __aenter__(self) -> OutboxRelay:
        self._task = asyncio.create_task(self._loop(), name="outbox-relay")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        try:
            await self.flush()
        except Exception as exc_:  # left in the outbox for the next start
            logger.warning("events left unpublished at shutdown: %s", exc_)
