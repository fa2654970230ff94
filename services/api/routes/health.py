"""Port health endpoints: the health report, the unhealthy list, and a prober reload."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.status_codes import HTTP_200_OK

from services.api.deps import GatewayDep
from services.api.errors import raise_for_reply
from services.api.health_view import port_health_report
from shared.messages import ProberReload

__all__ = ("HealthController",)


class HealthController(Controller):
    path = "/api/components"
    tags = ("health",)

    @get("/port-health", summary="Health of every monitored port")
    async def port_health(self, gateway: GatewayDep) -> dict[str, Any]:
        return await port_health_report(gateway.pool)

    @get("/unhealthy-ports", summary="Ports that are unhealthy now")
    async def unhealthy(self, gateway: GatewayDep) -> dict[str, Any]:
        report = await port_health_report(gateway.pool)
        bad = [p for p in report["ports"] if p["status"] == "unhealthy"]
        return {
            "status": report["status"],
            "unhealthy_ports": [
                {"port": p["port"], "count": p["consecutive_failures"], "reason": p["reason"]}
                for p in bad
            ],
            "total": len(bad),
        }

    @post("/port-health/refresh", status_code=HTTP_200_OK, summary="Reload the prober")
    async def refresh(self, gateway: GatewayDep, request: Request[Any, Any, Any]) -> Any:
        """Answers once the prober has reloaded its configuration, or 503."""
        client = request.client.host if request.client else "unknown"
        command = ProberReload(actor=f"anonymous@{client}")
        reply = await gateway.bus.send(gateway.subjects.prober_reload, command, "prober")
        raise_for_reply(reply)
        return {"message": reply.detail, **reply.result}
