"""Port health as the gateway reports it, from what is known about each monitored port."""

from __future__ import annotations

from typing import Any

from shared.db import resources as db
from shared.db.pool import Connection, Queryable

__all__ = ("CONFIGURATION_ONLY", "health_summary", "port_health_report")

# until a prober has checked a port, its health is unknown and the reports say so
CONFIGURATION_ONLY = "configuration_only"


async def health_summary(conn: Connection, totals: db.ResourceSummary) -> dict[str, Any]:
    """The ``port_health`` part of the scaling status."""
    return {
        "status": CONFIGURATION_ONLY,
        "total_ports": totals.total_ports,
        "monitored_ports": totals.monitored_ports,
        "auto_expand_ports": totals.auto_expand_ports,
    }


async def port_health_report(conn: Queryable) -> dict[str, Any]:
    """Every monitored port with what is known of its health, under the manual's keys."""
    rows = [r for r in await db.resources(conn) if r.monitor.monitor_enabled]
    ports = [
        {
            "port": r.port,
            "resource_name": r.name,
            "ip": r.ip,
            "monitor_enabled": r.monitor.monitor_enabled,
            "is_healthy": None,
            "status": "unknown",
            "reason": "not checked yet: no prober has reported on this port",
            "response_time_ms": None,
            "last_check_time": None,
            "consecutive_failures": 0,
        }
        for r in rows
    ]
    return {
        "status": CONFIGURATION_ONLY,
        "total_monitored_ports": len(ports),
        "healthy_ports": 0,
        "unhealthy_ports": 0,
        "unknown_ports": len(ports),
        "port_health_stats": {str(p["port"]): p for p in ports},
        "ports": ports,
    }
