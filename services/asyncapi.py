"""The AsyncAPI document of every subject Conductor's services handle or publish."""

from __future__ import annotations

from typing import Any

from faststream.specification import AsyncAPI

from services.scaler.service import build_broker
from shared.settings import ScalerSettings

__all__ = ("asyncapi_document",)


def asyncapi_document(settings: ScalerSettings) -> dict[str, Any]:
    """Built from the services' own handlers, so it cannot drift from the code."""
    spec = AsyncAPI(
        build_broker(settings),
        title="Conductor events and commands",
        version="0.1.0",
        description="Commands the scaler applies and events other services may subscribe to.",
    )
    document: dict[str, Any] = spec.to_specification().to_jsonable()
    return document
