"""A cache of ``tlkresources`` that is refreshed only when the tables' version changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from shared.db.pool import Connection
from shared.db.resources import Resource, resources

__all__ = ("ResourceCache",)

T = TypeVar("T")

_VERSION = "select version from conductor.resources_version"


class ResourceCache:
    """The rows with a port, and anything derived from them, per table version.

    Checking the version is one small query; the rows are read again only after a write
    to ``tlkresources`` or ``tlkresourcetypes`` has committed, by anyone.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._rows: list[Resource] = []
        self._derived: dict[str, Any] = {}

    async def rows(self, conn: Connection) -> list[Resource]:
        """The current rows, read from the database only when they changed."""
        version = await conn.fetchval(_VERSION)
        if version != self._version:
            await self._reload(conn)
        return self._rows

    async def derived(self, conn: Connection, key: str, build: Callable[[list[Resource]], T]) -> T:
        """``build(rows)``, computed once per table version and kept under ``key``."""
        rows = await self.rows(conn)
        if key not in self._derived:
            self._derived[key] = build(rows)
        found: T = self._derived[key]
        return found

    async def _reload(self, conn: Connection) -> None:
        # one snapshot for the version and the rows, so neither is newer than the other
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            version = await conn.fetchval(_VERSION)
            rows = await resources(conn)
        self._version, self._rows, self._derived = version, rows, {}
