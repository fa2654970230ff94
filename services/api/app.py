"""The gateway application: REST API under ``/api/components``, built from settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from litestar import Litestar, MediaType, Request, Response, Router, get
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import ValidationException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.plugins.pydantic import PydanticPlugin
from litestar.static_files import create_static_files_router

from services.api.auth.audit import audit_refusal
from services.api.auth.guards import authorize
from services.api.auth.identity import SESSION_COOKIE
from services.api.bus import Bus
from services.api.deps import Gateway
from services.api.edges import cors_config, rate_limits, security_headers
from services.api.errors import exception_handlers
from services.api.feed.hub import FeedHub
from services.api.reports import feed_snapshot
from services.api.routes.accounts import AccountsController
from services.api.routes.audit import AuditController
from services.api.routes.auth import AuthController
from services.api.routes.feed import feed
from services.api.routes.health import HealthController
from services.api.routes.monitoring import MonitoringController
from services.api.routes.scaling import ScalingController
from services.api.routes.system import SystemController
from shared.db.pool import open_pool
from shared.db.snapshot import ResourceCache
from shared.ports import PortLayout
from shared.settings import ApiSettings
from shared.subjects import Subjects

__all__ = ("create_app",)

logger = logging.getLogger(__name__)


def _invalid_request(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    problems = [p for p in exc.extra if isinstance(p, dict)] if isinstance(exc.extra, list) else []
    # a bad query or path parameter is a 400; anything wrong with a body is a 422
    in_params = any(p.get("source") in {"query", "path"} for p in problems)
    said = "; ".join(f"{p.get('key') or 'body'}: {p.get('message')}" for p in problems)
    status = 400 if in_params or not problems else 422
    detail = f"Invalid request: {said}." if said else "Invalid request: the body is not valid JSON."
    return Response({"status_code": status, "detail": detail}, status_code=status)


def _dashboard(settings: ApiSettings) -> list[Router]:
    """The built dashboard at ``/``; a page saying how to build it when it is missing."""
    if (settings.dashboard_dir / "index.html").is_file():
        return [
            create_static_files_router(
                path="/", directories=[settings.dashboard_dir], html_mode=True
            )
        ]

    @get("/", media_type=MediaType.HTML, include_in_schema=False)
    async def not_built() -> str:
        return _NOT_BUILT

    return [Router(path="/", route_handlers=[not_built])]


_NOT_BUILT = (
    "<!doctype html><title>Conductor</title><h1>Conductor</h1>"
    "<p>The dashboard is not built. Run <code>make up</code> (or "
    "<code>npm --prefix services/dashboard run build</code>) and reload.</p>"
    '<p>The REST API is at <a href="/api/components/">/api/components/</a>, '
    'its documentation at <a href="/api/docs">/api/docs</a>.</p>'
)


def create_app(settings: ApiSettings) -> Litestar:
    """A gateway that connects to PostgreSQL and NATS when it starts."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        url = settings.require_database_url()
        servers = settings.require_nats_url().split(",")
        credentials = settings.nats_credentials()
        async with (
            open_pool(url, size=settings.db_pool_size) as pool,
            Bus(servers, timeout=settings.command_timeout, credentials=credentials) as bus,
        ):
            gateway = Gateway(
                settings=settings,
                pool=pool,
                bus=bus,
                layout=PortLayout(settings.scaling_ranges, settings.base_ports),
                subjects=Subjects(settings.subject_prefix),
                cache=ResourceCache(),
            )
            hub = FeedHub(
                servers,
                gateway.subjects,
                partial(feed_snapshot, gateway),
                ring_size=settings.feed_ring,
                backlog=settings.feed_backlog,
                credentials=credentials,
            )
            async with hub:
                app.state.gateway, app.state.feed = gateway, hub
                logger.info("gateway ready")
                yield

    def gateway(state: State) -> Gateway:
        found: Gateway = state.gateway
        return found

    api = Router(
        path="/",
        route_handlers=[
            SystemController,
            ScalingController,
            HealthController,
            MonitoringController,
            AuditController,
            AuthController,
            AccountsController,
            feed,
        ],
        guards=[authorize],
    )
    return Litestar(
        route_handlers=[api, *_dashboard(settings)],
        dependencies={"gateway": Provide(gateway, sync_to_thread=False)},
        lifespan=[lifespan],
        middleware=[security_headers, *(limit.middleware for limit in rate_limits(settings))],
        cors_config=cors_config(settings),
        request_max_body_size=settings.max_body_bytes,
        after_exception=[audit_refusal],
        plugins=[PydanticPlugin(validate_strict=True)],
        exception_handlers={**exception_handlers, ValidationException: _invalid_request},
        openapi_config=OpenAPIConfig(
            title="Conductor",
            version="0.1.0",
            description="Health and scaling of the ParcoRTLS WebSocket managers.",
            path="/api/docs",
            render_plugins=[SwaggerRenderPlugin()],
            components=Components(
                security_schemes={
                    "token": SecurityScheme(type="http", scheme="bearer"),
                    "session": SecurityScheme(
                        type="apiKey", name=SESSION_COOKIE, security_scheme_in="cookie"
                    ),
                }
            ),
            security=[{"token": []}, {"session": []}],
        ),
        debug=False,
    )
