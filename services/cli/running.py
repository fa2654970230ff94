"""Runs one long-lived service until SIGINT or SIGTERM, then lets it close cleanly."""

from __future__ import annotations

import asyncio
import signal
from contextlib import AbstractAsyncContextManager
from typing import Any

__all__ = ("run_until_stopped",)


async def _serve(service: AbstractAsyncContextManager[Any]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with service:
        await stop.wait()


def run_until_stopped(service: AbstractAsyncContextManager[Any]) -> None:
    """Enters ``service``, waits for a stop signal, exits it."""
    asyncio.run(_serve(service))
