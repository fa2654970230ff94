"""A migrated demo database with a scaler and a gateway on it, reset before each test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from shared.demo import seed_demo
from shared.migrations.runner import migrate
from tests.infra import ProvidedNats
from tests.integration.stack import (
    RunningGateway,
    drop_streams,
    new_prefix,
    running_gateway,
    running_scaler,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session", autouse=True)
async def streams_dropped_at_the_end(nats_server: ProvidedNats) -> AsyncIterator[None]:
    yield
    await drop_streams(nats_server.url)


@pytest.fixture(scope="session")
async def demo_database(fresh_database: str) -> str:
    await asyncio.to_thread(migrate, fresh_database)
    return fresh_database


@pytest.fixture(scope="session")
async def stack_prefix() -> str:
    return new_prefix()


@pytest.fixture(scope="session")
async def session_stack(
    demo_database: str, nats_server: ProvidedNats, stack_prefix: str
) -> AsyncIterator[RunningGateway]:
    async with (
        running_scaler(demo_database, nats_server.url, stack_prefix),
        # correctness under load is tested here, not latency: give a busy machine time
        running_gateway(
            demo_database, nats_server.url, stack_prefix, command_timeout=10
        ) as gateway,
    ):
        yield gateway


@pytest.fixture
async def db(demo_database: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection to the demo database, whose resources are reset to the demo install."""
    conn = await asyncpg.connect(demo_database)
    await conn.execute("truncate public.tlkresources restart identity")
    await seed_demo(conn, force=True)
    try:
        yield conn
    finally:
        await conn.close()


@pytest.fixture
async def api(session_stack: RunningGateway, db: asyncpg.Connection) -> RunningGateway:
    """The session's gateway, with the demo rows freshly reset."""
    return session_stack
