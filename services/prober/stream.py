"""Carries the engine's outcomes from its thread into an asyncio loop, in batches."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from services.prober.engine import EngineOptions, ProbeEngine
from services.prober.probes import ProbeOutcome

__all__ = ("OutcomeStream", "running_engine")

logger = logging.getLogger(__name__)


class OutcomeStream:
    """An engine sink on one side, an async iterator of batches on the other.

    Batches that arrive while the consumer is busy are merged, so the loop is
    woken at most once per batch the consumer takes, however fast the engine is.
    Nothing is dropped: a consumer that falls behind sees larger batches.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._loop = loop or asyncio.get_running_loop()
        self._lock = threading.Lock()
        self._pending: list[ProbeOutcome] = []
        self._scheduled = False
        self._ready = asyncio.Event()

    def __call__(self, batch: list[ProbeOutcome]) -> None:
        """Take a batch from the engine thread."""
        with self._lock:
            self._pending.extend(batch)
            if self._scheduled:
                return
            self._scheduled = True
        try:
            self._loop.call_soon_threadsafe(self._ready.set)
        except RuntimeError:
            logger.debug("event loop closed; %d outcomes not delivered", len(batch))

    async def get(self) -> list[ProbeOutcome]:
        """Wait for and return every outcome not yet taken."""
        await self._ready.wait()
        with self._lock:
            batch, self._pending = self._pending, []
            self._scheduled = False
            self._ready.clear()
        return batch

    async def __aiter__(self) -> AsyncIterator[list[ProbeOutcome]]:
        while True:
            yield await self.get()


@asynccontextmanager
async def running_engine(
    options: EngineOptions | None = None,
) -> AsyncIterator[tuple[ProbeEngine, OutcomeStream]]:
    """Run a :class:`ProbeEngine` whose outcomes arrive on an :class:`OutcomeStream`."""
    stream = OutcomeStream()
    engine = ProbeEngine(stream, options)
    engine.start()
    try:
        yield engine, stream
    finally:
        await asyncio.to_thread(engine.stop)
