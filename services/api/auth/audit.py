"""The gateway's part of the audit trail: sign-ins, account changes and refused changes."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from litestar import Litestar, Request
from litestar.exceptions import HTTPException
from litestar.types import Scope

from services.api.auth.identity import Caller, caller_of, identify
from services.api.deps import Gateway
from services.api.errors import ApiError
from shared.db import trail
from shared.db.trail import GatewayEntry
from shared.messages import Outcome

__all__ = ("audit_refusal", "record")

logger = logging.getLogger(__name__)

_ERRORS = {401: "unauthenticated", 403: "forbidden", 413: "too_large", 429: "rate_limited"}


async def record(
    gateway: Gateway,
    caller: Caller,
    action: str,
    outcome: Outcome,
    detail: str,
    **where: Any,
) -> None:
    """Appends an entry; ``where`` may name ``port``, ``target``, ``error`` and ``status``."""
    role = caller.role.value if caller.role else None
    entry = GatewayEntry(action, outcome, caller.actor, role, caller.source, detail, **where)
    await trail.record_gateway(gateway.pool, entry)


async def audit_refusal(exc: Exception, scope: Scope) -> None:
    """Records a change the gateway refused or could not pass on (an after-exception hook).

    Refusals the scaler answered are in the trail already and are skipped.
    """
    handler = scope.get("route_handler")
    action = handler.opt.get("action") if handler is not None else None
    if action is None or (isinstance(exc, ApiError) and exc.audited):
        return
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "unexpected error"
    outcome = Outcome.REFUSED if status < 500 else Outcome.FAILED
    try:
        gateway: Gateway = Litestar.from_scope(scope).state.gateway
        caller = await _caller(scope, gateway)
        await record(
            gateway,
            caller,
            action,
            outcome,
            detail,
            port=_port(scope),
            error=_ERRORS.get(status, "invalid" if status < 500 else "unavailable"),
            status=status,
        )
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as db_exc:
        logger.error("refused %s could not be audited: %s", action, db_exc)


async def _caller(scope: Scope, gateway: Gateway) -> Caller:
    request: Request[Any, Any, Any] = Request(scope)
    found = caller_of(request)
    if found is not None:
        return found
    try:  # refused before the guard ran (a rate limit): say who it was if we can
        return await identify(request, gateway.pool)
    except HTTPException:
        return Caller(None, request.client.host if request.client else "unknown")


def _port(scope: Scope) -> int | None:
    text = str(scope.get("path_params", {}).get("port", ""))
    return int(text) if text.isdigit() and 0 < int(text) <= 65535 else None
