"""What the gateway's handlers share: settings, pool, bus and port layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import asyncpg
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import PathParameter

from services.api.bus import Bus
from shared.db.snapshot import ResourceCache
from shared.ports import PortLayout
from shared.settings import ApiSettings
from shared.subjects import Subjects

__all__ = ("Gateway", "GatewayDep", "PortText")


@dataclass(frozen=True, slots=True)
class Gateway:
    """The long-lived parts of a running gateway, built once at start-up."""

    settings: ApiSettings
    pool: asyncpg.Pool
    bus: Bus
    layout: PortLayout
    subjects: Subjects
    cache: ResourceCache


GatewayDep = NamedDependency[Gateway]
PortText = Annotated[
    str,
    PathParameter(description="A port number from 1 to 65535.", examples=[Example(value="8200")]),
]
