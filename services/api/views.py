"""How resources and their monitoring settings look in the gateway's JSON."""

from __future__ import annotations

from typing import Any, cast

import msgspec
from litestar import Response

from shared.db.resources import Resource
from shared.ports import PortLayout

__all__ = ("CachedJson", "encode", "json_response", "port_kind", "resource_view")

CachedJson = Response[dict[str, Any]]
"""A JSON object already encoded; typed as the object so that OpenAPI documents one."""


def port_kind(layout: PortLayout, port: int) -> str:
    """``base``, ``scaling``, ``inbound`` or ``other``, as the manual names port types."""
    if layout.is_base(port):
        return "base"
    if layout.base_of(port) is not None:
        return "scaling"
    if port >= 18000:
        return "inbound"
    return "other"


def resource_view(layout: PortLayout, resource: Resource) -> dict[str, Any]:
    """One row with its monitoring settings, under the keys the original client used."""
    scaling = layout.range_of(resource.port)
    return {
        "port": resource.port,
        "resource_id": resource.id,
        "resource_name": resource.name,
        "resource_type": resource.type_id,
        "resource_type_name": resource.type_name,
        "ip": resource.ip,
        "rank": resource.rank,
        "port_kind": port_kind(layout, resource.port),
        "scaling_range": str(scaling) if scaling else None,
        "monitor_enabled": resource.monitor.monitor_enabled,
        "auto_expand": resource.monitor.auto_expand,
        "monitor_interval": resource.monitor.monitor_interval,
        "monitor_timeout": resource.monitor.monitor_timeout,
        "monitor_threshold": resource.monitor.monitor_threshold,
    }


def json_response(body: bytes) -> CachedJson:
    """A body already encoded as JSON (cached per table version), sent as it is."""
    # bytes pass through Response unencoded, so the cached JSON goes out as it is
    return cast(CachedJson, Response(content=body, media_type="application/json"))


def encode(document: Any) -> bytes:
    return msgspec.json.encode(document)
