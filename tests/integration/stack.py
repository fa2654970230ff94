"""A scaler and a gateway running in the test's own event loop, on their own subjects."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import nats
import uvicorn
from nats.js.errors import NotFoundError

from services.api.app import create_app
from services.scaler.service import ScalerService
from shared.credentials import TOKEN_PREFIX, Role, hash_password, new_secret, secret_digest
from shared.db import accounts
from shared.settings import ApiSettings, ScalerSettings
from shared.subjects import Subjects

__all__ = (
    "RunningGateway",
    "add_user",
    "drop_streams",
    "issue_token",
    "new_prefix",
    "running_gateway",
    "running_scaler",
)

# load tests send hundreds of changes a minute from one address; the limits have own tests
_NO_LIMITS = {"mutations_per_minute": 1_000_000, "sign_in_per_minute": 1_000_000}


_PREFIXES: list[str] = []


def new_prefix() -> str:
    """A subject prefix no other test (or earlier run) uses; its stream is dropped at the end."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    _PREFIXES.append(prefix)
    return prefix


async def drop_streams(nats_url: str) -> None:
    """Deletes the events streams of every prefix handed out, so runs do not pile them up.

    Each stream reserves its max_bytes on the server; left behind, a shared server soon
    refuses new streams with "insufficient storage resources".
    """
    nc = await nats.connect(nats_url)
    try:
        for prefix in _PREFIXES:
            with contextlib.suppress(NotFoundError):
                await nc.jetstream().delete_stream(Subjects(prefix).events_stream)
    finally:
        await nc.close()


@dataclass(frozen=True)
class RunningGateway:
    """A gateway and a client that carries an operator's token."""

    base_url: str
    client: httpx.AsyncClient
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The operator's credentials, for clients other than ``client``."""
        return {"Authorization": f"Bearer {self.token}"}


async def issue_token(
    database_url: str, role: Role = Role.OPERATOR, name: str = "tests", days: float = 1
) -> str:
    """A new API token with ``role``, straight into the database."""
    secret = new_secret(TOKEN_PREFIX)
    conn = await asyncpg.connect(database_url)
    try:
        await accounts.create_token(
            conn, name, role, secret_digest(secret), timedelta(days=days), "tests"
        )
    finally:
        await conn.close()
    return secret


@asynccontextmanager
async def running_scaler(
    database_url: str, nats_url: str, prefix: str, **more: Any
) -> AsyncIterator[None]:
    settings = ScalerSettings(
        database_url=database_url, nats_url=nats_url, subject_prefix=prefix, **more
    )
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
        **{**_NO_LIMITS, **more},
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
        token = await issue_token(database_url)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=base_url, timeout=10, headers=headers) as client:
            yield RunningGateway(base_url=base_url, client=client, token=token)
    finally:
        server.should_exit = True
        await task


async def add_user(database_url: str, name: str, role: Role, password: str) -> None:
    """A user who can sign in with ``password``."""
    conn = await asyncpg.connect(database_url)
    try:
        await accounts.add_user(conn, name, role, hash_password(password))
    finally:
        await conn.close()
