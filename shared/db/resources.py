"""Reads and writes of the ParcoRTLS ``tlkresources`` table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import asyncpg

from shared.db.pool import Connection, Queryable
from shared.messages import MonitorSettings, MonitorValues, ResourceRecord

__all__ = (
    "DEFAULT_MONITORING",
    "Resource",
    "ResourceSummary",
    "delete_port",
    "insert_resource",
    "lock_port",
    "ports_in_use",
    "resources",
    "resources_on_port",
    "resources_on_ports",
    "summary",
    "update_monitoring",
)

# what a NULL in a monitoring column stands for (installs that predate the columns)
DEFAULT_MONITORING = MonitorValues(
    monitor_enabled=True,
    auto_expand=False,
    monitor_interval=30,
    monitor_timeout=5,
    monitor_threshold=2,
)

# one namespace of transaction-level advisory locks, keyed by port number
_PORT_LOCK_NAMESPACE = 0x436F6E64

_SELECT = f"""
select r.i_res, r.i_typ_res, t.x_dsc_res, r.x_nm_res, r.x_ip, r.i_prt, r.i_rnk, r.f_fs, r.f_avg,
       coalesce(r.f_monitor_enabled, {DEFAULT_MONITORING.monitor_enabled}) as monitor_enabled,
       coalesce(r.f_auto_expand, {DEFAULT_MONITORING.auto_expand}) as auto_expand,
       coalesce(r.i_monitor_interval, {DEFAULT_MONITORING.monitor_interval}) as monitor_interval,
       coalesce(r.i_monitor_timeout, {DEFAULT_MONITORING.monitor_timeout}) as monitor_timeout,
       coalesce(r.i_monitor_threshold, {DEFAULT_MONITORING.monitor_threshold})
           as monitor_threshold
from public.tlkresources r
left join public.tlkresourcetypes t on t.i_typ_res = r.i_typ_res
"""


@dataclass(frozen=True, slots=True)
class Resource:
    """One ``tlkresources`` row, with NULL monitoring settings read as their defaults."""

    id: int
    type_id: int
    type_name: str | None
    name: str
    ip: str
    port: int
    rank: int
    fs: bool | None
    avg: bool | None
    monitor: MonitorValues

    @classmethod
    def from_row(cls, row: asyncpg.Record) -> Resource:
        return cls(
            id=row["i_res"],
            type_id=row["i_typ_res"],
            type_name=row["x_dsc_res"],
            name=row["x_nm_res"],
            ip=row["x_ip"],
            port=row["i_prt"],
            rank=row["i_rnk"],
            fs=row["f_fs"],
            avg=row["f_avg"],
            # trusted values straight from the database: skip validation, it dominates at 10k rows
            monitor=MonitorValues.model_construct(
                monitor_enabled=row["monitor_enabled"],
                auto_expand=row["auto_expand"],
                monitor_interval=row["monitor_interval"],
                monitor_timeout=row["monitor_timeout"],
                monitor_threshold=row["monitor_threshold"],
            ),
        )

    def record(self) -> ResourceRecord:
        """The row as events carry it."""
        return ResourceRecord(
            id=self.id,
            type_id=self.type_id,
            name=self.name,
            ip=self.ip,
            port=self.port,
            rank=self.rank,
            fs=self.fs,
            avg=self.avg,
            monitor=self.monitor,
        )


@dataclass(frozen=True, slots=True)
class ResourceSummary:
    """Counts over the whole table, computed by PostgreSQL."""

    total_ports: int
    monitored_ports: int
    auto_expand_ports: int
    candidates: list[int]


async def resources(conn: Queryable) -> list[Resource]:
    """Every row with a port, by port then id."""
    rows = await conn.fetch(_SELECT + " where r.i_prt > 0 order by r.i_prt, r.i_res")
    return [Resource.from_row(row) for row in rows]


async def resources_on_ports(conn: Queryable, ports: Sequence[int]) -> list[Resource]:
    """The rows on any of ``ports``, oldest first."""
    rows = await conn.fetch(_SELECT + " where r.i_prt = any($1::int[]) order by r.i_res", ports)
    return [Resource.from_row(row) for row in rows]


async def resources_on_port(conn: Queryable, port: int) -> list[Resource]:
    """The rows on one port (legacy installs may hold several), oldest first."""
    rows = await conn.fetch(_SELECT + " where r.i_prt = $1 order by r.i_res", port)
    return [Resource.from_row(row) for row in rows]


async def ports_in_use(conn: Queryable, ports: Sequence[int]) -> list[int]:
    """Which of ``ports`` have at least one row, ascending."""
    rows = await conn.fetch(
        "select distinct i_prt from public.tlkresources where i_prt = any($1::int[]) order by 1",
        list(ports),
    )
    return [row["i_prt"] for row in rows]


async def summary(conn: Queryable) -> ResourceSummary:
    """Port counts and the auto-expand candidates."""
    row = await conn.fetchrow(
        """
        select count(*) filter (where i_prt > 0) as total_ports,
               count(*) filter (where i_prt > 0 and coalesce(f_monitor_enabled, true))
                   as monitored_ports,
               count(*) filter (where coalesce(f_auto_expand, false)) as auto_expand_ports,
               coalesce(array_agg(distinct i_prt order by i_prt)
                   filter (where coalesce(f_auto_expand, false) and i_prt > 0), '{}')
                   as candidates
        from public.tlkresources
        """
    )
    assert row is not None
    return ResourceSummary(
        total_ports=row["total_ports"],
        monitored_ports=row["monitored_ports"],
        auto_expand_ports=row["auto_expand_ports"],
        candidates=list(row["candidates"]),
    )


async def lock_port(conn: Connection, port: int) -> None:
    """Serialises changes to one port until the transaction ends, across every scaler."""
    await conn.execute("select pg_advisory_xact_lock($1, $2)", _PORT_LOCK_NAMESPACE, port)


async def insert_resource(
    conn: Connection,
    template: Resource,
    *,
    name: str,
    port: int,
    rank: int,
    monitor: MonitorValues,
) -> Resource:
    """A new row copied from ``template`` with its own name, port, rank and monitoring."""
    new_id: int = await conn.fetchval(
        """
        insert into public.tlkresources
            (i_typ_res, x_nm_res, x_ip, i_prt, i_rnk, f_fs, f_avg, f_monitor_enabled,
             f_auto_expand, i_monitor_interval, i_monitor_timeout, i_monitor_threshold)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        returning i_res
        """,
        template.type_id,
        name,
        template.ip,
        port,
        rank,
        template.fs,
        template.avg,
        monitor.monitor_enabled,
        monitor.auto_expand,
        monitor.monitor_interval,
        monitor.monitor_timeout,
        monitor.monitor_threshold,
    )
    return replace(template, id=new_id, name=name, port=port, rank=rank, monitor=monitor)


async def delete_port(conn: Connection, port: int) -> None:
    """Deletes every row on ``port``."""
    await conn.execute("delete from public.tlkresources where i_prt = $1", port)


async def update_monitoring(conn: Connection, port: int, settings: MonitorSettings) -> None:
    """Writes the five monitoring settings to every row on ``port``."""
    await conn.execute(
        """
        update public.tlkresources
        set f_monitor_enabled = $2, f_auto_expand = $3, i_monitor_interval = $4,
            i_monitor_timeout = $5, i_monitor_threshold = $6
        where i_prt = $1
        """,
        port,
        settings.monitor_enabled,
        settings.auto_expand,
        settings.monitor_interval,
        settings.monitor_timeout,
        settings.monitor_threshold,
    )
