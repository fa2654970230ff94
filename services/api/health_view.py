"""Port health as the gateway reports it: the prober's stored state for every monitored port."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.db import health
from shared.db import resources as db
from shared.db.health import HealthRow
from shared.db.pool import Connection
from shared.db.resources import Resource
from shared.db.snapshot import ResourceCache

__all__ = ("LIVE_WITHIN", "health_summary", "port_health_report", "port_item")

# the prober beats once a second; three missed beats and the figures are called stale
LIVE_WITHIN = timedelta(seconds=5)
GOOD = {"healthy", "warning"}


def _mode(beat: datetime | None) -> str:
    if beat is None:
        return "configuration_only"
    return "live" if datetime.now(UTC) - beat <= LIVE_WITHIN else "stale"


def _first_per_port(rows: list[Resource]) -> list[Resource]:
    seen: set[int] = set()
    firsts = []
    for row in rows:
        if row.port > 0 and row.port not in seen:
            seen.add(row.port)
            firsts.append(row)
    return firsts


def port_item(row: Resource, state: HealthRow | None) -> dict[str, Any]:
    """One port under the manual's keys, with what is known of its health."""
    if not row.monitor.monitor_enabled:
        status, reason = "disabled", "monitoring off"
    elif state is None or state.status == "disabled":
        status, reason = "unknown", "not checked yet"
    else:
        status, reason = state.status, state.reason
    checked = state is not None and status not in {"unknown", "disabled"}
    counted = status != "disabled"
    return {
        "port": row.port,
        "resource_name": row.name,
        "ip": row.ip,
        "monitor_enabled": row.monitor.monitor_enabled,
        "is_healthy": (status in GOOD) if checked else None,
        "status": status,
        "reason": reason,
        "since": state.since.isoformat() if state else None,
        "response_time_ms": state.response_time_ms if checked and state else None,
        "last_check_time": _iso(state.last_check_at) if state else None,
        "last_connect_time": _iso(state.last_connect_at) if state else None,
        "consecutive_failures": state.consecutive_failures if state and counted else 0,
    }


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


async def port_health_report(conn: Connection, cache: ResourceCache) -> dict[str, Any]:
    """Every port with its health, counts by status, and whether the figures are live."""
    rows = _first_per_port(await cache.rows(conn))
    states = await health.load_states(conn)
    mode = _mode(await health.last_heartbeat(conn))
    ports = [port_item(row, states.get(row.port)) for row in rows]
    count = {s: 0 for s in ("healthy", "warning", "unhealthy", "unknown", "disabled")}
    for item in ports:
        count[item["status"]] += 1
    return {
        "status": mode,
        "total_monitored_ports": len(ports) - count["disabled"],
        "healthy_ports": count["healthy"],
        "warning_ports": count["warning"],
        "unhealthy_ports": count["unhealthy"],
        "unknown_ports": count["unknown"],
        "disabled_ports": count["disabled"],
        "port_health_stats": {str(item["port"]): item for item in ports},
        "ports": ports,
    }


async def health_summary(conn: Connection, totals: db.ResourceSummary) -> dict[str, Any]:
    """The ``port_health`` part of the scaling status."""
    states = await health.load_states(conn)
    return {
        "status": _mode(await health.last_heartbeat(conn)),
        "total_ports": totals.total_ports,
        "monitored_ports": totals.monitored_ports,
        "auto_expand_ports": totals.auto_expand_ports,
        "healthy_ports": sum(s.status == "healthy" for s in states.values()),
        "unhealthy_ports": sum(s.status == "unhealthy" for s in states.values()),
    }
