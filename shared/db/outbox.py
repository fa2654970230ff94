"""Transactional outbox: events stored with the change that caused them, published after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shared.db.pool import Connection

__all__ = ("PendingEvent", "claim_stale", "mark_published")


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event written but not yet acknowledged by JetStream."""

    id: int
    msg_id: str
    subject: str
    payload: dict[str, Any]


async def claim_stale(conn: Connection, older_than: float, limit: int = 100) -> list[PendingEvent]:
    """Locks unpublished events older than ``older_than`` seconds, oldest first."""
    rows = await conn.fetch(
        """
        select id, msg_id, subject, payload from conductor.outbox
        where published_at is null and created_at < now() - make_interval(secs => $1)
        order by id
        limit $2
        for update skip locked
        """,
        older_than,
        limit,
    )
    return [PendingEvent(r["id"], r["msg_id"], r["subject"], r["payload"]) for r in rows]


async def mark_published(conn: Connection, ids: Sequence[int]) -> None:
    await conn.execute(
        "update conductor.outbox set published_at = now() where id = any($1::bigint[])", ids
    )
