"""Asyncio helpers every service needs: patient NATS connections and clean task shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import nats
from nats.aio.client import Client
from nats.errors import Error as NatsError

__all__ = ("cancel_and_wait", "connect_nats", "retry_forever")

logger = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_DELAY = 0.2
MAX_DELAY = 5.0
PASSING = (OSError, NatsError, TimeoutError)


async def cancel_and_wait(*tasks: asyncio.Task[None] | None) -> None:
    """Cancels the tasks and waits until each has finished."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)


async def retry_forever(what: str, attempt: Callable[[], Awaitable[T]]) -> T:
    """Runs ``attempt`` until it succeeds, waiting 0.2 s doubling to 5 s between failures."""
    delay = FIRST_DELAY
    while True:
        try:
            return await attempt()
        except PASSING as exc:
            logger.warning("%s failed (%s); retrying in %.1f s", what, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY)


async def connect_nats(
    servers: list[str], name: str, credentials: Mapping[str, Any] | None = None
) -> Client:
    """A connection that reconnects by itself once made; waits for the first one."""

    async def connect() -> Client:
        return await nats.connect(
            servers=servers,
            name=name,
            max_reconnect_attempts=-1,
            reconnect_time_wait=1,
            connect_timeout=2,
            **(credentials or {}),
        )

    client = await retry_forever(f"connecting to NATS as {name}", connect)
    logger.info("%s connected to NATS", name)
    return client
