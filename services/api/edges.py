"""The gateway's edges: security headers, the CORS allowlist and rate limits."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from services.api.auth.identity import source_of
from shared.settings import ApiSettings

__all__ = ("cors_config", "rate_limits", "security_headers")

_DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# the API documentation page loads Swagger UI from its CDN and starts it with inline script
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
_COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def security_headers(app: ASGIApp) -> ASGIApp:
    """Middleware that adds a CSP, nosniff and frame denial to every HTTP response."""

    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope["path"].startswith("/api/docs") else _DASHBOARD_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for name, value in {**_COMMON, "content-security-policy": csp}.items():
                    headers[name] = value
            await send(message)

        await app(scope, receive, send_with_headers)

    return with_headers


def cors_config(settings: ApiSettings) -> CORSConfig | None:
    """CORS for the configured origins only; none by default (the dashboard is same-origin)."""
    if not settings.cors_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
        allow_credentials=True,
        max_age=600,
    )


def rate_limits(settings: ApiSettings) -> list[RateLimitConfig]:
    """Per-address limits on signing in and on changes; reads are not limited."""
    return [
        _limit("sign-in", settings.sign_in_per_minute, _is_sign_in),
        _limit("changes", settings.mutations_per_minute, _is_change),
    ]


def _limit(name: str, per_minute: int, applies: Any) -> RateLimitConfig:
    def identifier(request: Request[Any, Any, Any]) -> str:
        return f"{name}:{source_of(request)}"

    return RateLimitConfig(
        rate_limit=("minute", per_minute),
        identifier_for_request=identifier,
        check_throttle_handler=applies,
        store=f"rate-limit-{name}",
    )


def _is_sign_in(request: Request[Any, Any, Any]) -> bool:
    return bool(request.route_handler.opt.get("sign_in"))


def _is_change(request: Request[Any, Any, Any]) -> bool:
    return "action" in request.route_handler.opt and not request.route_handler.opt.get("sign_in")
