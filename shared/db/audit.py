"""Conductor's audit trail: one append-only record per command, whatever its outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from shared.db.outbox import PendingEvent
from shared.db.pool import Connection, Queryable
from shared.messages import ErrorCode, Event, Outcome

__all__ = ("AuditEntry", "find_entry", "record")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """What was asked, by whom, what it changed and how it ended."""

    command_id: UUID
    action: str
    port: int | None
    outcome: Outcome
    detail: str
    actor: str
    role: str | None = None
    source: str | None = None
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
            role=row["role"],
            source=row["source"],
            before=row["before"],
            after=row["after"],
            error=ErrorCode(row["error"]) if row["error"] else None,
            at=row["at"],
        )


_RECORD = """
with entry as (
    insert into conductor.audit
        (command_id, action, port, before, after, outcome, error, detail, actor, role, source)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
)
insert into conductor.outbox (msg_id, subject, payload)
select * from unnest($12::text[], $13::text[], $14::jsonb[])
returning id, msg_id, subject, payload
"""


async def record(
    conn: Connection, entry: AuditEntry, events: Sequence[tuple[str, Event]]
) -> list[PendingEvent]:
    """Appends ``entry`` and queues ``events`` (subject, event) in one round trip.

    A second entry for the same command raises ``UniqueViolationError``.
    """
    rows = await conn.fetch(
        _RECORD,
        entry.command_id,
        entry.action,
        entry.port,
        entry.before,
        entry.after,
        entry.outcome.value,
        entry.error.value if entry.error else None,
        entry.detail,
        entry.actor,
        entry.role,
        entry.source,
        [str(event.event_id) for _, event in events],
        [subject for subject, _ in events],
        [event.model_dump(mode="json") for _, event in events],
    )
    return [PendingEvent(r["id"], r["msg_id"], r["subject"], r["payload"]) for r in rows]


async def find_entry(conn: Queryable, command_id: UUID) -> AuditEntry | None:
    """The entry of one command, if it was recorded."""
    row = await conn.fetchrow("select * from conductor.audit where command_id = $1", command_id)
    return None if row is None else AuditEntry.from_row(row)
