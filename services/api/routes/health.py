"""Port health endpoints: the health report, the unhealthy list, and a prober reload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK

from services.api.auth.audit import record
from services.api.auth.guards import changes
from services.api.auth.identity import Caller, caller_of, source_of
from services.api.deps import GatewayDep, PortText
from services.api.errors import NotFound
from services.api.health_view import port_health_report
from services.api.params import parse_port
from shared.db import health
from shared.db import resources as db
from shared.messages import Outcome, ProberReload

__all__ = ("HealthController",)


class HealthController(Controller):
    path = "/api/components"
    tags = ("health",)

    @get("/port-health", summary="Health of every monitored port")
    async def port_health(self, gateway: GatewayDep) -> dict[str, Any]:
        """Live figures from the prober; ``status`` says whether they are live or stale."""
        async with gateway.pool.acquire() as conn:
            return await port_health_report(conn, gateway.cache)

    @get("/port-health/{port:str}/history", summary="Probe history of one port")
    async def history(
        self,
        gateway: GatewayDep,
        port: PortText,
        since: Annotated[
            datetime | None,
            Parameter(description="Start of the samples (ISO 8601); default one hour ago."),
        ] = None,
        limit: Annotated[int, Parameter(ge=1, le=20000, description="Samples at most.")] = 2000,
    ) -> dict[str, Any]:
        """Samples for a chart, and average, p95 and uptime over the last hour and day."""
        number = parse_port(port)
        start = since or datetime.now(UTC) - timedelta(hours=1)
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        async with gateway.pool.acquire() as conn:
            if not await db.resources_on_port(conn, number):
                raise NotFound(f"Port {number} has no row in tlkresources.")
            samples = await health.history(conn, number, start, limit)
            aggregates = {
                name: await health.aggregate(conn, number, window)
                for name, window in (("hour", timedelta(hours=1)), ("day", timedelta(days=1)))
            }
        return {
            "port": number,
            "since": start.isoformat(),
            "samples": [
                {
                    "at": s.at.isoformat(),
                    "ok": s.ok,
                    "response_time_ms": s.response_time_ms,
                    "status": s.status,
                }
                for s in samples
            ],
            "aggregates": aggregates,
        }

    @get("/unhealthy-ports", summary="Ports that are unhealthy now")
    async def unhealthy(self, gateway: GatewayDep) -> dict[str, Any]:
        async with gateway.pool.acquire() as conn:
            report = await port_health_report(conn, gateway.cache)
        bad = [p for p in report["ports"] if p["status"] == "unhealthy"]
        return {
            "status": report["status"],
            "unhealthy_ports": [
                {"port": p["port"], "count": p["consecutive_failures"], "reason": p["reason"]}
                for p in bad
            ],
            "total": len(bad),
        }

    @post(
        "/port-health/refresh",
        status_code=HTTP_200_OK,
        opt=changes("prober.reload"),
        summary="Reload the prober",
    )
    async def refresh(self, gateway: GatewayDep, request: Request[Any, Any, Any]) -> Any:
        """Answers once the prober has reloaded its configuration, or 503."""
        caller = caller_of(request) or Caller(None, source_of(request))
        command = ProberReload(**caller.command_fields())
        # the prober keeps no audit of its own: the gateway records the outcome
        reply = await gateway.bus.send(
            gateway.subjects.prober_reload, command, "prober", audited=False
        )
        await record(gateway, caller, "prober.reload", Outcome.APPLIED, reply.detail)
        return {"message": reply.detail, **reply.result}
