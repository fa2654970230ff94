"""Transactional outbox: events stored with the change that caused them, published after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.db.pool import Connection
from shared.messages import Event

__all__ = ("PendingEvent", "claim_pending", "enqueue", "mark_published")


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event written but not yet acknowledged by JetStream."""

    id: int
    msg_id: str
    subject: str
    payload: dict[str, Any]


async def enqueue(conn: Connection, subject: str, event: Event, msg_id: str) -> None:
    """Stores ``event`` in the caller's transaction, to be published once it commits."""
    await conn.execute(
        "insert into conductor.outbox (msg_id, subject, payload) values ($1, $2, $3)",
        msg_id,
        subject,
        event.model_dump(mode="json"),
    )


async def claim_pending(conn: Connection, limit: int = 100) -> list[PendingEvent]:
    """Locks up to ``limit`` unpublished events, oldest first, skipping ones another holds."""
    rows = await conn.fetch(
        """
        select id, msg_id, subject, payload from conductor.outbox
        where published_at is null
        order by id
        limit $1
        for update skip locked
        """,
        limit,
    )
    return [PendingEvent(r["id"], r["msg_id"], r["subject"], r["payload"]) for r in rows]


async def mark_published(conn: Connection, ids: list[int]) -> None:
    await conn.execute(
        "update conductor.outbox set published_at = now() where id = any($1::bigint[])", ids
    )
