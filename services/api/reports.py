"""Documents the gateway assembles from several reads: scaling status, activity, snapshot."""

from __future__ import annotations

from typing import Any

from services.api.deps import Gateway
from services.api.health_view import health_summary, port_health_report
from shared.db import resources as db

__all__ = ("feed_snapshot", "recent_activity", "scaling_status")

ACTIVITY_LIMIT = 100


async def scaling_status(gateway: Gateway) -> dict[str, Any]:
    """The manual's scaling status: candidates, every free and active port, health summary."""
    async with gateway.pool.acquire() as conn:
        totals = await db.summary(conn)
        all_ports = gateway.layout.all_scaling_ports()
        active = await db.ports_in_use(conn, all_ports)
        health = await health_summary(conn, totals)
    taken = set(active)
    available = [port for port in all_ports if port not in taken]
    return {
        "port_health": health,
        "scaling_candidates": totals.candidates,
        "available_scaling_ports": available,
        "active_scaling_ports": active,
        "scaling_ranges": {str(b): str(r) for b, r in gateway.layout.ranges.items()},
        "scaling_status": {
            "total_scaling_candidates": len(totals.candidates),
            "available_slots": len(available),
            "active_scaling_instances": len(active),
            "total_slots": len(all_ports),
            "mode": health["status"],
        },
    }


async def recent_activity(gateway: Gateway, limit: int = ACTIVITY_LIMIT) -> list[dict[str, Any]]:
    """The newest audit entries first, shaped like ``audit.recorded`` events."""
    rows = await gateway.pool.fetch(
        "select command_id, action, port, outcome, detail, actor, role, at "
        "from conductor.audit order by id desc limit $1",
        limit,
    )
    return [
        {
            "command_id": str(row["command_id"]),
            "action": row["action"],
            "port": row["port"],
            "outcome": row["outcome"],
            "detail": row["detail"],
            "actor": row["actor"],
            "role": row["role"],
            "at": row["at"].isoformat(),
        }
        for row in rows
    ]


async def feed_snapshot(gateway: Gateway) -> dict[str, Any]:
    """Everything a new feed client starts from."""
    async with gateway.pool.acquire() as conn:
        health = await port_health_report(conn, gateway.cache)
    return {
        "ports": health["ports"],
        "port_health": {k: v for k, v in health.items() if k not in {"ports", "port_health_stats"}},
        "scaling_status": await scaling_status(gateway),
        "activity": await recent_activity(gateway),
    }
