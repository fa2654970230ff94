"""Connection pools to the ParcoRTLSMaint database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

__all__ = ("Connection", "Queryable", "open_pool")


async def _init_connection(conn: asyncpg.Connection) -> None:
    for json_type in ("json", "jsonb"):
        await conn.set_type_codec(
            json_type, encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
        )


@asynccontextmanager
async def open_pool(url: str, *, size: int = 10) -> AsyncIterator[asyncpg.Pool]:
    """A pool that decodes JSON columns and closes itself on exit."""
    pool = await asyncpg.create_pool(
        url,
        min_size=1,
        max_size=size,
        init=_init_connection,
        command_timeout=10,
        server_settings={"application_name": "conductor"},
    )
    try:
        yield pool
    finally:
        await pool.close()


# what a query function accepts: a plain connection or one borrowed from a pool
Connection: TypeAlias = asyncpg.Connection | PoolConnectionProxy
Queryable: TypeAlias = Connection | asyncpg.Pool
