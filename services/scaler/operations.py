"""The three changes the scaler makes to ``tlkresources``, each inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from services.scaler.errors import (
    BaseMissing,
    NotAScalingPort,
    OutOfRange,
    PortExists,
    PortNotFound,
)
from shared.db import resources as db
from shared.db.pool import Connection
from shared.messages import (
    CreateScalingPort,
    Event,
    MonitoringUpdated,
    RemoveScalingPort,
    ScalingCreated,
    ScalingRemoved,
    UpdateMonitoring,
)
from shared.ports import PortLayout, scaling_name

__all__ = (
    "AnyOperation",
    "Applied",
    "create_scaling_port",
    "remove_scaling_port",
    "update_monitoring",
)


@dataclass(slots=True)
class Applied:
    """A change made: what the client is told, what the audit keeps, what is published."""

    detail: str
    result: dict[str, Any]
    events: list[tuple[str, Event]] = field(default_factory=list)
    before: Any = None
    after: Any = None


AnyOperation = Callable[[Connection, PortLayout, Any], Awaitable[Applied]]


async def create_scaling_port(
    conn: Connection, layout: PortLayout, cmd: CreateScalingPort
) -> Applied:
    """Adds a RealTimeManager row on a free scaling port, copied from its base row."""
    base_port = layout.base_of(cmd.port)
    if base_port is None:
        raise OutOfRange(
            f"Port {cmd.port} is not a scaling port; scaling ports are {layout.describe_ranges()}."
        )
    scaling = layout.ranges[base_port]

    await db.lock_port(conn, cmd.port)
    rows = await db.resources_on_ports(conn, [cmd.port, base_port])
    if any(row.port == cmd.port for row in rows):
        raise PortExists(f"Scaling port {cmd.port} already exists; remove it before recreating.")
    bases = [row for row in rows if row.port == base_port]
    if not bases:
        raise BaseMissing(f"Base port {base_port} has no row in tlkresources to copy from.")
    base = bases[0]
    created = await db.insert_resource(
        conn,
        base,
        name=scaling_name(cmd.port),
        port=cmd.port,
        rank=base.rank + (cmd.port - base_port),
        monitor=base.monitor.model_copy(update={"auto_expand": False}),
    )

    event = ScalingCreated(
        command_id=cmd.command_id,
        actor=cmd.actor,
        port=cmd.port,
        base_port=base_port,
        resource=created.record(),
    )
    return Applied(
        detail=f"Scaling port {cmd.port} created successfully",
        result={
            "message": f"Scaling port {cmd.port} created successfully",
            "base_port": base_port,
            "new_port": cmd.port,
            "resource_name": created.name,
            "scaling_range": str(scaling),
        },
        events=[("scaling.created", event)],
        after=created.record().model_dump(mode="json"),
    )


async def remove_scaling_port(
    conn: Connection, layout: PortLayout, cmd: RemoveScalingPort
) -> Applied:
    """Deletes the rows of a scaling port; base and inbound ports are never touched."""
    if layout.base_of(cmd.port) is None:
        raise NotAScalingPort(
            f"Port {cmd.port} is not a scaling port ({layout.describe_ranges()}); "
            "only scaling ports can be removed."
        )

    await db.lock_port(conn, cmd.port)
    rows = await db.resources_on_port(conn, cmd.port)
    if not rows:
        raise PortNotFound(f"Scaling port {cmd.port} does not exist.")
    await db.delete_port(conn, cmd.port)

    records = [row.record() for row in rows]
    event = ScalingRemoved(
        command_id=cmd.command_id, actor=cmd.actor, port=cmd.port, resources=records
    )
    return Applied(
        detail=f"Scaling port {cmd.port} removed successfully",
        result={
            "message": f"Scaling port {cmd.port} removed successfully",
            "removed_port": cmd.port,
            "resource_name": rows[0].name,
        },
        events=[("scaling.removed", event)],
        before=[record.model_dump(mode="json") for record in records],
    )


async def update_monitoring(conn: Connection, layout: PortLayout, cmd: UpdateMonitoring) -> Applied:
    """Replaces the monitoring settings of every row on a port."""
    await db.lock_port(conn, cmd.port)
    rows = await db.resources_on_port(conn, cmd.port)
    if not rows:
        raise PortNotFound(f"Port {cmd.port} has no row in tlkresources.")
    await db.update_monitoring(conn, cmd.port, cmd.settings)

    before = rows[0].monitor
    event = MonitoringUpdated(
        command_id=cmd.command_id,
        actor=cmd.actor,
        port=cmd.port,
        before=before,
        after=cmd.settings,
    )
    return Applied(
        detail=f"Monitoring settings of port {cmd.port} updated",
        result={
            "message": f"Monitoring settings of port {cmd.port} updated",
            "port": cmd.port,
            "rows_updated": len(rows),
            **cmd.settings.model_dump(),
        },
        events=[("monitoring.updated", event)],
        before=before.model_dump(mode="json"),
        after=cmd.settings.model_dump(mode="json"),
    )
