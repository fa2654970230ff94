"""Conductor's health tables: each port's current state, probe samples and the heartbeat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from shared.db.pool import Connection, Queryable

__all__ = (
    "HealthRow",
    "Sample",
    "aggregate",
    "delete_samples_before",
    "delete_states_except",
    "heartbeat",
    "history",
    "insert_samples",
    "last_heartbeat",
    "load_states",
    "save_states",
)


@dataclass(frozen=True, slots=True)
class HealthRow:
    """One port's stored health state."""

    port: int
    host: str
    status: str
    since: datetime
    reason: str
    last_check_at: datetime | None
    last_connect_at: datetime | None
    consecutive_failures: int
    consecutive_successes: int
    response_time_ms: float | None

    @classmethod
    def from_row(cls, row: asyncpg.Record) -> HealthRow:
        return cls(*(row[name] for name in cls.__slots__))


@dataclass(frozen=True, slots=True)
class Sample:
    """One check as the history keeps it."""

    port: int
    at: datetime
    ok: bool
    response_time_ms: float | None
    status: str


async def load_states(conn: Queryable) -> dict[int, HealthRow]:
    rows = await conn.fetch(f"select {', '.join(HealthRow.__slots__)} from conductor.port_health")
    return {row["port"]: HealthRow.from_row(row) for row in rows}


async def save_states(conn: Connection, states: Sequence[HealthRow]) -> None:
    """Upserts the given states in one statement."""
    columns = HealthRow.__slots__
    await conn.execute(
        f"""
        insert into conductor.port_health ({", ".join(columns)}, updated_at)
        select *, now() from unnest(
            $1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::text[],
            $6::timestamptz[], $7::timestamptz[], $8::int[], $9::int[], $10::float8[])
        on conflict (port) do update set
            {", ".join(f"{c} = excluded.{c}" for c in columns[1:])}, updated_at = now()
        """,
        *([getattr(state, c) for state in states] for c in columns),
    )


async def delete_states_except(conn: Connection, ports: Sequence[int]) -> None:
    """Forgets ports no longer monitored (rows removed)."""
    await conn.execute(
        "delete from conductor.port_health where port <> all($1::int[])", list(ports)
    )


async def insert_samples(conn: Connection, samples: Sequence[Sample]) -> None:
    await conn.copy_records_to_table(
        "probe_samples",
        schema_name="conductor",
        columns=list(Sample.__slots__),
        records=[(s.port, s.at, s.ok, s.response_time_ms, s.status) for s in samples],
    )


async def delete_samples_before(conn: Queryable, cutoff: datetime) -> int:
    result = await conn.execute("delete from conductor.probe_samples where at < $1", cutoff)
    return int(result.rsplit(" ", 1)[-1])


async def heartbeat(conn: Queryable, version: str) -> None:
    await conn.execute(
        "insert into conductor.prober_heartbeat (at, version) values (now(), $1) "
        "on conflict (singleton) do update set at = now(), version = excluded.version",
        version,
    )


async def last_heartbeat(conn: Queryable) -> datetime | None:
    at: datetime | None = await conn.fetchval("select at from conductor.prober_heartbeat")
    return at


async def history(conn: Queryable, port: int, since: datetime, limit: int) -> list[Sample]:
    """The newest ``limit`` samples of ``port`` since ``since``, oldest first."""
    rows = await conn.fetch(
        """
        select * from (
            select port, at, ok, response_time_ms, status from conductor.probe_samples
            where port = $1 and at >= $2 order by at desc limit $3
        ) newest order by at
        """,
        port,
        since,
        limit,
    )
    return [Sample(r["port"], r["at"], r["ok"], r["response_time_ms"], r["status"]) for r in rows]


async def aggregate(conn: Queryable, port: int, window: timedelta) -> dict[str, float | int | None]:
    """Average and p95 connect time of good checks, and uptime, over the last ``window``."""
    row = await conn.fetchrow(
        """
        select count(*) as checks,
               avg(response_time_ms) filter (where ok) as avg_ms,
               percentile_cont(0.95) within group (order by response_time_ms)
                   filter (where ok) as p95_ms,
               avg(case when ok then 1.0 else 0.0 end) as uptime
        from conductor.probe_samples where port = $1 and at >= now() - $2::interval
        """,
        port,
        window,
    )
    assert row is not None
    return {
        "checks": row["checks"],
        "avg_ms": None if row["avg_ms"] is None else round(float(row["avg_ms"]), 3),
        "p95_ms": None if row["p95_ms"] is None else round(float(row["p95_ms"]), 3),
        "uptime": None if row["uptime"] is None else round(float(row["uptime"]), 4),
    }
