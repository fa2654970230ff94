"""Conductor's audit trail: one append-only record per command, whatever its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from shared.db.pool import Connection, Queryable
from shared.messages import ErrorCode, Outcome

__all__ = ("AuditEntry", "find_entry", "insert_entry", "recent_entries")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """What was asked, by whom, what it changed and how it ended."""

    command_id: UUID
    action: str
    port: int | None
    outcome: Outcome
    detail: str
    actor: str
    before: Any = None
    after: Any = None
    error: ErrorCode | None = None
    at: datetime | None = None

    @classmethod
    def from_row(cls, row: asyncpg.Record) -> AuditEntry:
        return cls(
            command_id=row["command_id"],
            action=row["action"],
            port=row["port"],
            outcome=Outcome(row["outcome"]),
            detail=row["detail"],
            actor=row["actor"],
            before=row["before"],
            after=row["after"],
            error=ErrorCode(row["error"]) if row["error"] else None,
            at=row["at"],
        )


async def insert_entry(conn: Connection, entry: AuditEntry) -> datetime:
    """Appends ``entry``; a second entry for the same command raises UniqueViolationError."""
    at: datetime = await conn.fetchval(
        """
        insert into conductor.audit
            (command_id, action, port, before, after, outcome, error, detail, actor)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        returning at
        """,
        entry.command_id,
        entry.action,
        entry.port,
        entry.before,
        entry.after,
        entry.outcome.value,
        entry.error.value if entry.error else None,
        entry.detail,
        entry.actor,
    )
    return at


async def find_entry(conn: Queryable, command_id: UUID) -> AuditEntry | None:
    """The entry of one command, if it was recorded."""
    row = await conn.fetchrow("select * from conductor.audit where command_id = $1", command_id)
    return None if row is None else AuditEntry.from_row(row)


async def recent_entries(conn: Queryable, limit: int) -> list[AuditEntry]:
    """The newest entries first."""
    rows = await conn.fetch("select * from conductor.audit order by id desc limit $1", limit)
    return [AuditEntry.from_row(row) for row in rows]
