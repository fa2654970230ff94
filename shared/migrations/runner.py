"""Runs Conductor's Alembic migrations against a database URL."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.db.pool import Connection

__all__ = ("HEAD", "SCHEMA", "current_revision", "migrate")

logger = logging.getLogger(__name__)

SCHEMA = "conductor"
HEAD = "0004"
_HERE = Path(__file__).parent


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration that needs no ini file on disk."""
    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.attributes["database_url"] = database_url
    return config


def migrate(database_url: str, revision: str = "head") -> None:
    """Upgrades the database to ``revision``; safe to run any number of times."""
    logger.info("migrating database to %s", revision)
    command.upgrade(alembic_config(database_url), revision)


async def current_revision(conn: Connection) -> str | None:
    """The revision the database is at, or None before the first migration."""
    exists = await conn.fetchval("select to_regclass($1)", f"{SCHEMA}.alembic_version")
    if exists is None:
        return None
    value: str | None = await conn.fetchval(f"select version_num from {SCHEMA}.alembic_version")
    return value


def migrate_in_thread(database_url: str) -> asyncio.Future[None]:
    """Runs :func:`migrate` off the event loop (Alembic drives its own loop)."""
    return asyncio.get_running_loop().run_in_executor(None, migrate, database_url)
