"""The one guard of the API: who may call each handler, as its ``opt`` says."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.handlers.base import BaseRouteHandler

from services.api.auth.identity import Caller, identify
from services.api.deps import Gateway
from services.api.errors import Forbidden, Unauthenticated
from shared.credentials import Role

__all__ = ("PUBLIC", "authorize", "changes", "needs")

PUBLIC = "public"
"""``opt["access"]`` of handlers anyone may call, such as signing in."""


def needs(role: Role) -> dict[str, Any]:
    """The ``opt`` of a handler that reads and needs ``role``."""
    return {"access": role}


def changes(action: str, role: Role = Role.OPERATOR) -> dict[str, Any]:
    """The ``opt`` of a handler that changes something: audited and rate limited."""
    return {"access": role, "action": action}


async def authorize(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """Lets the request through, or raises 401 (who are you?) or 403 (not with that role).

    Handlers need the viewer role unless their ``opt`` says otherwise; anonymous callers
    may read when the gateway allows it, and never change anything.
    """
    gateway: Gateway = connection.app.state.gateway
    needed = handler.opt.get("access", Role.VIEWER)
    if needed == PUBLIC:
        return
    caller = await identify(connection, gateway.pool)
    if caller.role is None:
        if needed is Role.VIEWER and gateway.settings.auth_anonymous_read:
            return
        raise Unauthenticated("Sign in, or send 'Authorization: Bearer <token>'.")
    if not caller.role.allows(needed):
        raise Forbidden(f"This needs the {needed} role; {caller.actor} has the {caller.role} role.")
    if connection.scope["type"] == ScopeType.WEBSOCKET:
        _check_origin(connection, caller, gateway.settings.cors_origins)


def _check_origin(
    connection: ASGIConnection[Any, Any, Any, Any], caller: Caller, allowed: list[str]
) -> None:
    # browsers send cookies with cross-site WebSocket handshakes that CORS never checks
    origin = connection.headers.get("origin")
    if origin is None or caller.account is None or caller.account.kind != "user":
        return
    if urlsplit(origin).netloc == connection.headers.get("host") or origin in allowed:
        return
    raise Forbidden(f"The feed does not accept sessions from pages at {origin}.")
