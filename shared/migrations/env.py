"""Alembic environment: runs revisions over asyncpg through SQLAlchemy's async engine."""

from __future__ import annotations

import asyncio

import asyncpg
from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from shared.db.urls import sqlalchemy_url
from shared.migrations.runner import SCHEMA


def _run(connection: Connection) -> None:
    connection.execute(text(f"create schema if not exists {SCHEMA}"))
    context.configure(
        connection=connection,
        version_table_schema=SCHEMA,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    url: str = context.config.attributes["database_url"]
    # asyncpg opens the connection from the URL as the services do, so that its query
    # parameters (sslmode, sslrootcert, host=/socket/dir) mean the same here as everywhere
    engine = create_async_engine(
        sqlalchemy_url(url).partition("?")[0], async_creator=lambda: asyncpg.connect(url)
    )
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


asyncio.run(_run_online())
