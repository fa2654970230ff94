"""The whole audit trail: the gateway's own entries, and a filtered read of every entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.db.pool import Queryable
from shared.messages import Outcome

__all__ = ("GatewayEntry", "TrailFilter", "read_trail", "record_gateway")


@dataclass(frozen=True, slots=True)
class GatewayEntry:
    """What the gateway decided itself: a sign-in, a refusal, an account change."""

    action: str
    outcome: Outcome
    actor: str
    role: str | None
    source: str | None
    detail: str
    port: int | None = None
    target: str | None = None
    error: str | None = None
    status: int | None = None


@dataclass(frozen=True, slots=True)
class TrailFilter:
    """Which entries to read; every field left None matches all."""

    action: str | None = None
    port: int | None = None
    actor: str | None = None
    outcome: Outcome | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 100
    offset: int = 0


async def record_gateway(conn: Queryable, entry: GatewayEntry) -> None:
    """Appends one entry to ``conductor.gateway_audit``."""
    await conn.execute(
        "insert into conductor.gateway_audit (action, port, target, outcome, error, status, "
        "detail, actor, role, source) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        entry.action,
        entry.port,
        entry.target,
        entry.outcome.value,
        entry.error,
        entry.status,
        entry.detail,
        entry.actor,
        entry.role,
        entry.source,
    )


_READ = """
select *, count(*) over () as total from conductor.audit_trail
where ($1::text is null or action = $1)
  and ($2::integer is null or port = $2)
  and ($3::text is null or actor = $3)
  and ($4::text is null or outcome = $4)
  and ($5::timestamptz is null or at >= $5)
  and ($6::timestamptz is null or at < $6)
order by at desc, command_id
limit $7 offset $8
"""


async def read_trail(conn: Queryable, where: TrailFilter) -> tuple[list[dict[str, Any]], int]:
    """The entries that match, newest first, and how many match in all."""
    rows = await conn.fetch(_READ, *_args(where, where.limit, where.offset))
    if rows:
        total: int = rows[0]["total"]
    else:
        # past the last page the window count is lost with the rows: ask for it alone
        counted = await conn.fetchval(
            f"select count(*) from ({_READ}) as m", *_args(where, None, 0)
        )
        total = int(counted or 0)
    return [{k: v for k, v in row.items() if k != "total"} for row in rows], total


def _args(where: TrailFilter, limit: int | None, offset: int) -> tuple[Any, ...]:
    outcome = where.outcome.value if where.outcome else None
    return (where.action, where.port, where.actor, outcome, where.since, where.until, limit, offset)
