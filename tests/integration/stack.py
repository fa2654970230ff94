"""A scaler and a gateway running in the test's own event loop, on their own subjects."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from services.api.app import create_app
from services.scaler.service import ScalerService
from shared.settings import ApiSettings, ScalerSettings

__all__ = ("RunningGateway", "new_prefix", "running_gateway", "running_scaler")


def new_prefix() -> str:
    """A subject prefix no other test (or earlier run) uses."""
    return f"t{uuid.uuid4().hex[:10]}"


@dataclass(frozen=True)
class RunningGateway:
    base_url: str
    client: httpx.AsyncClient


@asynccontextmanager
async def running_scaler(database_url: str, nats_url: str, prefix: str) -> AsyncIterator[None]:
    settings = ScalerSettings(database_url=database_url, nats_url=nats_url, subject_prefix=prefix)
    async with ScalerService(settings):
        yield


@asynccontextmanager
async def running_gateway(
    database_url: str, nats_url: str, prefix: str, command_timeout: float = 1.5, **more: Any
) -> AsyncIterator[RunningGateway]:
    """The gateway on a free loopback port, served by uvicorn in a task (not a test client)."""
    settings = ApiSettings(
        database_url=database_url,
        nats_url=nats_url,
        subject_prefix=prefix,
        command_timeout=command_timeout,
        **more,
    )
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=0, log_config=None, lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(15):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        base_url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
            yield RunningGateway(base_url=base_url, client=client)
    finally:
        server.should_exit = True
        await task
