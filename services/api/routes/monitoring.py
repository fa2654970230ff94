"""Port monitoring endpoints: read every port's five settings and change one port's."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, put
from litestar.params import JSONBody
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.api.auth.guards import changes
from services.api.auth.identity import Caller, caller_of, source_of
from services.api.deps import GatewayDep, PortText
from services.api.errors import InvalidBody, NotFound
from services.api.params import parse_port
from services.api.views import CachedJson, encode, json_response, resource_view
from shared.db import resources as db
from shared.db.resources import Resource
from shared.messages import MonitorSettings, UpdateMonitoring

__all__ = ("MonitoringBody", "MonitoringController")


class MonitoringBody(BaseModel):
    """The original client's body for a monitoring change."""

    model_config = ConfigDict(extra="forbid", strict=True)

    port: int | None = Field(default=None, description="When sent, must match the path.")
    monitor_enabled: bool
    auto_expand: bool
    monitor_interval: int = Field(ge=2, le=3600)
    monitor_timeout: int = Field(ge=1, le=60)
    monitor_threshold: int = Field(ge=1, le=10)


def _problems(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        where = ".".join(str(part) for part in error["loc"])
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _settings(port: int, body: MonitoringBody) -> MonitorSettings:
    if body.port is not None and body.port != port:
        raise InvalidBody(f"The body is for port {body.port} but the path names port {port}.")
    try:
        return MonitorSettings(**body.model_dump(exclude={"port"}))
    except ValidationError as exc:
        raise InvalidBody(f"Invalid monitoring settings: {_problems(exc)}.") from exc


class MonitoringController(Controller):
    path = "/api/components/port-monitoring"
    tags = ("monitoring",)

    @get("/", summary="Monitoring settings of every port")
    async def list_ports(self, gateway: GatewayDep) -> CachedJson:
        def render(rows: list[Resource]) -> bytes:
            views = [resource_view(gateway.layout, row) for row in rows]
            return encode({"ports": views, "total": len(views)})

        async with gateway.pool.acquire() as conn:
            return json_response(await gateway.cache.derived(conn, "port-monitoring", render))

    @get("/{port:str}", summary="Monitoring settings of one port")
    async def one_port(self, gateway: GatewayDep, port: PortText) -> dict[str, Any]:
        number = parse_port(port)
        rows = await db.resources_on_port(gateway.pool, number)
        if not rows:
            raise NotFound(f"Port {number} has no row in tlkresources.")
        views = [resource_view(gateway.layout, r) for r in rows]
        return {**views[0], "resources": views}

    @put(
        "/{port:str}",
        opt=changes("monitoring.update"),
        summary="Change the monitoring settings of one port",
    )
    async def update(
        self,
        gateway: GatewayDep,
        port: PortText,
        data: JSONBody[MonitoringBody],
        request: Request[Any, Any, Any],
    ) -> Any:
        """Validates the five settings, then asks the scaler to write them."""
        number = parse_port(port)
        settings = _settings(number, data)
        caller = caller_of(request) or Caller(None, source_of(request))
        command = UpdateMonitoring(port=number, settings=settings, **caller.command_fields())
        reply = await gateway.bus.send(gateway.subjects.update_monitoring, command)
        return reply.result
