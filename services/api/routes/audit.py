"""The audit trail endpoint: who changed or tried to change what, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Controller, get
from litestar.params import Parameter

from services.api.deps import GatewayDep
from shared.db import trail
from shared.db.trail import TrailFilter
from shared.messages import Outcome

__all__ = ("AuditController",)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def _view(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "command_id": str(row["command_id"]), "at": row["at"].isoformat()}


class AuditController(Controller):
    path = "/api/components"
    tags = ("audit",)

    @get("/audit", summary="The audit trail")
    async def audit(
        self,
        gateway: GatewayDep,
        action: Annotated[
            str | None, Parameter(max_length=64, description="e.g. scaling.create")
        ] = None,
        port: Annotated[int | None, Parameter(ge=1, le=65535)] = None,
        actor: Annotated[str | None, Parameter(max_length=200)] = None,
        outcome: Annotated[
            Outcome | None, Parameter(description="applied, refused or failed")
        ] = None,
        since: Annotated[
            datetime | None, Parameter(description="From this instant (ISO 8601).")
        ] = None,
        until: Annotated[datetime | None, Parameter(description="Before this instant.")] = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
        offset: Annotated[int, Parameter(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Commands (applied, refused, failed), sign-ins and refusals, with paging."""
        where = TrailFilter(
            action, port, actor, outcome, _aware(since), _aware(until), limit, offset
        )
        async with gateway.pool.acquire() as conn:
            entries, total = await trail.read_trail(conn, where)
        return {
            "entries": [_view(entry) for entry in entries],
            "total": total,
            "limit": limit,
            "offset": offset,
        }
