"""System endpoints: versions of the running parts, and the scaling operations menu."""

from __future__ import annotations

import asyncio
from importlib.metadata import version
from typing import Any

from litestar import Controller, get

from services.api.deps import GatewayDep
from shared.migrations.runner import current_revision

__all__ = ("SystemController",)

_MENU = (
    ("GET", "/scaling/status", "Scaling status", "Candidates, free and active scaling ports"),
    ("GET", "/scaling-candidates", "Scaling candidates", "Rows with auto-expand on"),
    ("GET", "/scaling/next-port/{base_port}", "Next available port", "Lowest free port"),
    ("POST", "/scaling/create/{port}", "Create scaling port", "Add a RealTimeManager instance"),
    ("DELETE", "/scaling/remove/{port}", "Remove scaling port", "Remove a scaling instance"),
    ("GET", "/port-health", "Port health", "Live health of every monitored port"),
    ("GET", "/unhealthy-ports", "Unhealthy ports", "Ports failing their checks"),
    ("POST", "/port-health/refresh", "Refresh monitoring", "Prober reloads its configuration"),
    ("GET", "/port-monitoring", "Port monitoring", "Monitoring settings of every port"),
    ("PUT", "/port-monitoring/{port}", "Update monitoring", "Change one port's settings"),
)


class SystemController(Controller):
    path = "/api/components"
    tags = ("system",)

    @get("/", summary="Versions of Conductor's running parts")
    async def versions(self, gateway: GatewayDep) -> dict[str, Any]:
        """Each part as it answers now; a part that does not answer shows as unreachable."""
        scaler, prober = await asyncio.gather(
            gateway.bus.ask(gateway.subjects.service_info("scaler")),
            gateway.bus.ask(gateway.subjects.service_info("prober")),
        )
        async with gateway.pool.acquire() as conn:
            schema = await current_revision(conn)
            postgres = await conn.fetchval("show server_version")
        nats = gateway.bus.server_version

        def part(found: str | None) -> dict[str, Any]:
            return {"version": found, "status": "up" if found else "unreachable"}

        return {
            "service": "conductor",
            "components": {
                "gateway": part(version("conductor")),
                "scaler": part(scaler.version if scaler else None),
                "prober": part(prober.version if prober else None),
                "schema": part(schema),
                "nats": part(nats),
                "postgresql": part(postgres),
            },
        }

    @get("/menu/scaling", summary="The scaling operations menu")
    async def menu(self) -> dict[str, Any]:
        items = [
            {"method": m, "path": f"/api/components{p}", "label": label, "description": d}
            for m, p, label, d in _MENU
        ]
        return {"title": "Conductor Scaling Management", "operations": items}
