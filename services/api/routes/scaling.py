"""Scaling endpoints: status, candidates, next free port, create and remove."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from services.api.auth.guards import changes
from services.api.auth.identity import Caller, caller_of, source_of
from services.api.deps import GatewayDep, PortText
from services.api.errors import BadRequest, Conflict
from services.api.params import parse_port
from services.api.reports import scaling_status
from services.api.views import CachedJson, encode, json_response, resource_view
from shared.db import resources as db
from shared.db.resources import Resource
from shared.messages import CreateScalingPort, RemoveScalingPort

__all__ = ("ScalingController",)


def _sender(request: Request[Any, Any, Any]) -> dict[str, Any]:
    caller = caller_of(request) or Caller(None, source_of(request))
    return caller.command_fields()


class ScalingController(Controller):
    path = "/api/components"
    tags = ("scaling",)

    @get("/scaling/status", summary="Scaling overview")
    async def status(self, gateway: GatewayDep) -> dict[str, Any]:
        """Candidates, every free and active scaling port, and the health summary."""
        return await scaling_status(gateway)

    @get("/scaling-candidates", summary="Auto-expand candidates")
    async def candidates(self, gateway: GatewayDep) -> CachedJson:
        """Rows with auto-expand on, each with the scaling range of its port (or null)."""

        def render(rows: list[Resource]) -> bytes:
            views = [resource_view(gateway.layout, r) for r in rows if r.monitor.auto_expand]
            return encode({"candidates": views, "total": len(views)})

        async with gateway.pool.acquire() as conn:
            return json_response(await gateway.cache.derived(conn, "candidates", render))

    @get("/scaling/next-port/{base_port:str}", summary="Next free scaling port")
    async def next_port(self, gateway: GatewayDep, base_port: PortText) -> dict[str, Any]:
        """The lowest free port in a base port's scaling range."""
        base = parse_port(base_port)
        scaling = gateway.layout.range_of(base)
        if scaling is None:
            scalable = ", ".join(str(p) for p in sorted(gateway.layout.ranges))
            raise BadRequest(f"Port {base} cannot be scaled; scalable base ports: {scalable}.")
        existing = await db.ports_in_use(gateway.pool, list(scaling))
        taken = set(existing)
        free = next((port for port in scaling if port not in taken), None)
        if free is None:
            raise Conflict(f"Scaling range {scaling} of port {base} is full; remove a port first.")
        return {
            "base_port": base,
            "next_available_port": free,
            "scaling_range": str(scaling),
            "existing_ports": existing,
        }

    @post(
        "/scaling/create/{port:str}",
        status_code=HTTP_201_CREATED,
        opt=changes("scaling.create"),
        summary="Create a port",
    )
    async def create(
        self, gateway: GatewayDep, port: PortText, request: Request[Any, Any, Any]
    ) -> Any:
        """Asks the scaler to add a RealTimeManager instance on a scaling port."""
        command = CreateScalingPort(port=parse_port(port), **_sender(request))
        reply = await gateway.bus.send(gateway.subjects.create_scaling_port, command)
        return reply.result

    @delete(
        "/scaling/remove/{port:str}",
        status_code=HTTP_200_OK,
        opt=changes("scaling.remove"),
        summary="Remove a port",
    )
    async def remove(
        self, gateway: GatewayDep, port: PortText, request: Request[Any, Any, Any]
    ) -> Any:
        """Asks the scaler to remove a scaling port's row."""
        command = RemoveScalingPort(port=parse_port(port), **_sender(request))
        reply = await gateway.bus.send(gateway.subjects.remove_scaling_port, command)
        return reply.result
